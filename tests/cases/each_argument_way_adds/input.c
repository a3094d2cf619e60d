void stop(struct dev *d)
{
	release_all(d->irq, d->irq, d->dma);
}
