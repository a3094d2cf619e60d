void stop(struct dev *d)
{
	release_all(d->irq, d->irq, d->dma);
	note(d->dma);
	note(d->irq);
	note(d->irq);
}
