#define REG16 unsigned short

static void bump_counters(REG16 *regs, int *shadow)
{
	REG16 count = regs[0];
	int other = shadow[0];

	count++;
	other = other + 1;
	regs[0] = count;
	shadow[0] = other;
}
