//! Finer points of SmPL's semantics, end to end: a rule file and a C text in, the
//! transformed text out (snapshots in snapshots/engine/). The fixtures model kernel code.

mod support;

// An expression metavariable used twice: `0x10` and `16` are the same constant, `0x11` is not.
snapshot!(
    integer_constants_compared_by_value,
    "@@\nexpression E;\n@@\n- writel(E, base);\n- wmb_after(E);\n+ writel_flush(E, base);\n",
    "static void chip_reset(void __iomem *base)
{
	writel(0x10, base);
	wmb_after(16);
	writel(0x11, base);
	wmb_after(16);
}
"
);

// A pragma inside removed code (a removed `...`, a removed function) goes with it; one
// before kept code stays.
snapshot!(
    pragma_inside_removed_code_removed,
    "@@\n@@\n- omp_setup(...);\n- ...\n- omp_teardown(...);\n\n@@\n@@\n- legacy_init (void) { ... }\n",
    "static void legacy_init(void)
{
	/* vectorise the copy */
#pragma omp simd
	for (i = 0; i < n; i++)
		dst[i] = src[i];
}

static void run(int n)
{
	omp_setup(n);
#pragma omp barrier
	omp_sync(n);
	omp_teardown(n);
#pragma omp barrier
	compute(n);
}
"
);

// `for (...; ...; ...)` matches a loop that declares its counter as well as one that
// assigns it, as in spatch 1.3 (1.1.1 skips the first loop); a loop with a declared counter
// and a condition metavariable binds it.
snapshot!(
    for_dots_match_declared_counter,
    "@@\nexpression R;\n@@\n- for (...; ...; ...) R = NULL;\n\n@@\nstatement S;\nexpression E;\nidentifier i;\niterator name for_each_index;\n@@\n- for (int i = 0; E; i++)\n+ for_each_index(i, E)\n  S\n",
    "static void ring_clear(struct ring *r)
{
	for (int i = 0; i < r->len; i++)
		r->slot[i] = NULL;
	for (i = 0; i < r->len; i++)
		r->slot[i] = NULL;
	for (;;)
		ring_poll(r);
}

static void ring_fill(struct ring *r, void *v)
{
	for (int j = 0; j < r->len; j++) {
		r->slot[j] = v;
	}
}
"
);

// A disjunction of definitions: the first branch that matches a line decides, and a
// `constant` takes only a constant, so only the computed definitions are removed.
snapshot!(
    define_disjunction_first_branch_decides,
    "@@\nidentifier x;\nconstant c;\nexpression E;\n@@\n(\n#define x c\n|\n#define x (E)\n|\n- #define x E\n)\n",
    "#define DRV_TIMEOUT 100
#define DRV_NAME \"fastdev\"
#define DRV_LIMIT -1
#define DRV_MASK (DRV_BITS - 1)
#define DRV_SIZE DRV_PAGES * PAGE_SIZE
#define DRV_MAX DRV_LIMIT

static int drv_probe(void);
"
);

// `......` in a rule's definition is C's `...`: a variadic macro's parameter, named or not.
snapshot!(
    variadic_define_parameters,
    "@@\n@@\n- #define dbg(fmt, args......) pr_debug(fmt, ##args)\n+ #define dbg(fmt, args......) pr_devel(fmt, ##args)\n\n@@\n@@\n- #define trace(fmt,......) 0\n+ #define trace(fmt,......) do { } while (0)\n",
    "#define dbg(fmt, args...) pr_debug(fmt, ##args)
#define trace(fmt,...) 0
#define trace(fmt) 0
"
);

// A disjunction among a declaration's specifiers, one branch of two words; a disjunction
// of declarer names as the callee of a declarer's statement.
snapshot!(
    specifier_and_declarer_disjunctions,
    "@@\nidentifier x;\ntypedef u64;\n@@\n- \\(unsigned long\\|u64\\) x;\n+ u64 x;\n\n@@\ndeclarer name DEFINE_MUTEX, DEFINE_SPINLOCK, DEFINE_RAW_LOCK;\nidentifier l;\n@@\n- \\(DEFINE_MUTEX\\|DEFINE_SPINLOCK\\)(l);\n+ DEFINE_RAW_LOCK(l);\n",
    "static int cache_flush(struct cache *c)
{
	unsigned long start;
	u64 end;
	unsigned int len;
	DEFINE_MUTEX(flush_lock);
	DEFINE_SPINLOCK(range_lock);
	DEFINE_RWLOCK(map_lock);
	return cache_walk(c, start, end, len);
}
"
);

// Pragmas written in a statement pattern match the C lines just before the code they
// precede: replaced where all of them match (metavariables included), untouched where one
// differs.
snapshot!(
    pragmas_before_a_loop,
    "@@\nidentifier i, n;\nexpression E;\n@@\n  #pragma omp target map(to: v[0:n])\n- #pragma omp parallel for\n+ #pragma omp loop\n  for (int i = 0; i < n; i++)\n    E;\n",
    "static void scale(float *v, int n)
{
#pragma omp target map(to: v[0:n])
#pragma omp parallel for
	for (int i = 0; i < n; i++)
		v[i] *= 2;
}

static void shift(float *v, int n, int m)
{
#pragma omp target map(to: v[0:m])
#pragma omp parallel for
	for (int i = 0; i < n; i++)
		v[i] += 1;
}
"
);

// Code replacing an expression matched under an isomorphism (`!req` for `x == 0`) is
// parenthesised by the place of the whole expression matched, not of the metavariable's
// part of it: none in a condition or before `&&`, and around it before `+`, where spatch
// 1.1.1 writes `req == NULL + flags` (which C reads as `req == (NULL + flags)`).
snapshot!(
    negation_replaced_by_a_comparison_where_it_stood,
    "@@\nexpression *x;\n@@\n- x == 0\n+ x == NULL\n",
    "int req_check(struct req *req, struct req *next, int flags)
{
	int empty;

	if (!req)
		return -1;
	if (!next && flags)
		return -2;
	empty = !req + flags;
	if (0 == next)
		return -3;
	return empty;
}
"
);
