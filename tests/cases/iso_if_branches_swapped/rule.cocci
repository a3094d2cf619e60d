// A missing lock is not an error; the test may be written either way round.
@@
expression lock;
@@

 if (lock == NULL)
-	CERROR("no lock\n");
+	CDEBUG(D_DLMTRACE, "no lock\n");
 else
	ldlm_lock_put(lock);
