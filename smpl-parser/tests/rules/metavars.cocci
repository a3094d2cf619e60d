// One declaration of every metavariable kind.
@r1@
identifier fn =~ "^ll_", other !~ "^cfs_";
identifier list ids;
expression E, E1 != E;
struct ll_inode_info *lli;
expression *ptr;
expression struct *sp;
expression list es;
expression list[n] args;
expression list[2] pair;
local idexpression struct inode *inode;
global idexpression gvar;
idexpression {int, long} *counter;
{int, long} num;
unsigned long flags;
struct obd_device *obd;
type T;
T[] arr;
statement S;
statement list SL;
declaration D;
field F;
field list FL;
parameter P;
parameter list[k] PL;
initializer I;
initializer list IL;
constant C;
constant char *str;
format fmt;
format list[1] fmts;
binary operator bop = {+, -};
assignment operator aop = {=, +=};
position p;
position any pa;
symbol jiffies;
typedef loff_t;
attribute name __must_check;
attribute attr;
declarer name DEFINE_MUTEX;
declarer decl;
iterator name list_for_each_entry;
iterator it;
metavariable mv;
identifier sel = {ll_open, ll_release};
identifier nosel != {ll_open, ll_release};
identifier checked : script:python(fn) { fn.startswith("ll_") };
@@
  fn(E, es);

@r2@
expression r1.E, sub <= r1.E;
identifier virtual.prefix;
fresh identifier tmp = "tmp", name = r1.fn ## "_locked", other = "x" ## r1.fn ## "y";
fresh identifier scripted = script:python(r1.fn) { r1.fn + "_new" };
local function f;
@@
- f(E);
+ name(E);
