@@
identifier ops;
@@
struct file_operations ops = {
+#ifdef CONFIG_COMPAT
	.compat_ioctl = compat_ptr_ioctl,
+#endif
};
