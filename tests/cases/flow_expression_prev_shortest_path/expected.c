static int foo_attach(struct foo_dev *fd)
{
	get_device(fd->dev);
	device_lock(fd->dev);
	foo_reset(fd);
	device_unlock_put(fd->dev);
	return 0;
}

static int foo_detach(struct foo_dev *fd)
{
	get_device(fd->dev);
	device_lock(fd->dev);
	foo_stop(fd);
	device_lock(fd->dev);
	put_device(fd->dev);
	return 0;
}
