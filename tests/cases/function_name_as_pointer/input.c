static int on_event(int code, void *data)
{
	return code;
}

int (*saved)(int, void *);

void setup(int level)
{
	register_hook(on_event);
	register_hook(&on_event);
	register_hook(saved);
	register_hook(level);
}
