#define WITH_LOCK(l) do {	\
	lock(l);		\
	work();			\
} while (0)
