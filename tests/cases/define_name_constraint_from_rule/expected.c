#define REG_BASE (0x1000)
#define REG_WIDTH 32
#define REG_DEPTH (8)

static void setup(struct dev *d)
{
	reg_write(REG_WIDTH, d->base);
}
