@@
identifier np;
expression E;
iterator name for_each_child_of_node;
@@

  for_each_child_of_node(E, np)
  {
  ...
+ of_node_put(np);
? return ...;
  ...
  }
