static int on_event(int code, void *data)
{
	return code;
}

int (*saved)(int, void *);

void setup(int level)
{
	register_hook_ptr(on_event);
	register_hook_ptr(&on_event);
	register_hook_ptr(saved);
	register_hook(level);
}
