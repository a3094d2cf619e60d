@@
expression E;
@@
{
	.max_age = E
+	* HZ
}
