#define WITH_LOCK(l) do {	\
	might_sleep();		\
	lock(l);		\
	trace_lock(l);		\
	work();			\
} while (0)
