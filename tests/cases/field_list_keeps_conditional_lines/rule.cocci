@stats@
field list fs;
@@
struct port_stats { fs };

@@
field list stats.fs;
@@
++struct port_stats_snapshot { fs };
 struct port_ops { ... };
