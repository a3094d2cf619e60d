#define REG_BASE 0x1000
#define REG_CTRL (REG_BASE + 5)
#define REG_OFF(n) (n + 4)
#define REG_NONE() (REG_BASE + 4)

int ctrl = (REG_BASE + 4);
