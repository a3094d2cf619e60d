static int mdc_item_setup(struct mdc_dev *dev, int flags)
{
	struct mdc_item *item;
	int rc;

	kzalloc_obj(item);
	if (item == NULL)
		return -ENOMEM;
	if (flags & MDC_ITEM_BAD)
		return -EINVAL;
	rc = mdc_item_init(dev, item);
	if (rc)
		goto out_free;
	dev->md_item = item;
	return 0;
out_free:
	kfree(item);
	return rc;
}

static int mdc_item_attach(struct mdc_dev *dev)
{
	struct mdc_item *item;

	kzalloc_obj(item);
	if (!item)
		return -ENOMEM;
	dev->md_item = item;
	if (dev->md_flags & MDC_ITEM_BAD)
		return -EINVAL;
	return 0;
}
