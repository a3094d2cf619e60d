// The first member of an lu_object header must be the lu_object itself.
@@
identifier s, o;
field list fs;
@@
struct s {
  fs
- struct lu_object_old o;
+ struct lu_object o;
  ...
};
