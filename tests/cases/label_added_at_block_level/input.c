static int mdt_reint_check(struct mdt_device *mdt)
{
	int rc = 0;

	mutex_lock(&mdt->mdt_lock);
	mdt_check(mdt);
	return -EIO;
}
