#define WITH_LOCK(l) do {	\
	might_sleep();		\
	lock(l);		\
	trace_lock(l);		\
	work();			\
	unlock(l);		\
} while (0)

#define NO_LOCK(l) do {		\
	work();			\
} while (0)

#define OTHER_LOCK(l) do {	\
	lock(other);		\
} while (0)

void run(struct lock *x)
{
	do {
		lock(x);
		work();
	} while (0);
}
