int probe(struct dev *dev)
{
	int rc = 0;

	do_wrap(dev);
	{
		rc = setup(dev);
		if (rc)
			goto out;
		rc = start(dev);
out:
		stop(dev);
	}
	return rc;
}
