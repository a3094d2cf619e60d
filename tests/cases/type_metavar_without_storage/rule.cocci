// Stub functions get a result variable of their return type (without the storage class).
@@
type T;
identifier fn;
@@
T fn(...)
{
+	T rc = 0;
	return 0;
}
