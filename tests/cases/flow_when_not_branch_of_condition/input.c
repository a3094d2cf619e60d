static int ring_setup(struct ring *r)
{
	struct ring_buf *buf;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (buf) {
		r->buf = buf;
	} else {
		return -ENOMEM;
	}
	return 0;
}

static int ring_setup_sized(struct ring *r, int size)
{
	struct ring_buf *buf;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (buf && size > 0) {
		r->buf = buf;
	} else {
		return -EINVAL;
	}
	return 0;
}

static int ring_attach(struct ring *r)
{
	struct ring_buf *buf;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (r->busy)
		return -EBUSY;
	r->buf = buf;
	return 0;
}

static int ring_attach_checked(struct ring *r)
{
	struct ring_buf *buf;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (r->busy || buf == NULL)
		return -EBUSY;
	r->buf = buf;
	return 0;
}

static int ring_wait(struct ring *r)
{
	struct ring_buf *buf;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	while (buf) {
		if (ring_fill(r, buf))
			return -EIO;
		kfree(buf);
		buf = NULL;
	}
	return -EAGAIN;
}

static int ring_attach_first(struct ring *r)
{
	struct ring_buf *buf;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (buf == NULL || r->busy || r->closed)
		return -EBUSY;
	r->buf = buf;
	return 0;
}

static int ring_attach_grouped(struct ring *r)
{
	struct ring_buf *buf;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (r->busy && buf == NULL)
		return -EBUSY;
	r->buf = buf;
	return 0;
}
