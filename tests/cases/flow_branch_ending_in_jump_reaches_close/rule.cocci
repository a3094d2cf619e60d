@@
expression list, item;
iterator name list_walk;
identifier L;
@@

list_walk(list, item) {
  ... when strict
(
  {
- item_release(item);
  break;
  }
|
  {
- item_release(item);
  goto L;
  }
|
- item_release(item);
)
}
