@@
expression dev;
@@

  dev_hold(dev);
  ...
?- dev_poke(dev);
  dev_release(dev);
