#define CLOSURE_WAITING		(1U << 20)
#define CLOSURE_RUNNING		(1U << 21)

static void closure_arm(struct closure *cl, unsigned int flags)
{
	flags |= 1;
	cl->state = flags & CLOSURE_WAITING;
	atomic_add(CLOSURE_WAITING + 1, &cl->remaining);
	atomic_add(CLOSURE_WAITING + CLOSURE_RUNNING, &cl->remaining);
}
