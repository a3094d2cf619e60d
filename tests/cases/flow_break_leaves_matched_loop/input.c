static void baz_poll(struct baz *b)
{
	while (baz_busy(b)) {
		do {
			if (baz_empty(b)) {
				drain_one();
				break;
			}
		} while (baz_retry(b));
		if (baz_full(b)) {
			drain_one();
			break;
		}
	}
	while (baz_busy(b))
		if (baz_full(b)) {
			drain_one();
			break;
		}
}
