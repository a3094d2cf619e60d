struct sample {
	long total;
	long parts[4];
};

long *peek_total(const struct sample *s)
{
	return (long *)&s->total;
}

long *edit_total(struct sample *s)
{
	return &s->total;
}

long *edit_part(struct sample *s, int k)
{
	return &s->parts[k];
}

long *peek_part(const struct sample *s, int k)
{
	return (long *)&s->parts[k];
}

char *own(const char *name)
{
	return (char *)name;
}
