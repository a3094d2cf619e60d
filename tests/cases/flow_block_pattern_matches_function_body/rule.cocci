@@
@@
{
+ int rc;
  ...
- lu_object_get(obj);
+ rc = lu_object_get(obj);
  ...
}
