@@
typedef __u32;
@@
  struct lnet_msg_hdr {
	...
-	__u32 flags;
+	__u32 msg_flags;
	...
  };

@@
typedef u8;
identifier f;
type T;
@@
  typedef struct {
	...
-	u8 f : 1;
+	u8 f : 2;
	...
  } T;

@@
@@
  struct
+ lnet_anon_ctl
  { ... }
