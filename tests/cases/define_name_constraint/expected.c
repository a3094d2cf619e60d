#define REG_BASE (0x1000)
#define MAX_RETRIES 3
#define REG_WIDTH (32)
#define REG_SHIFT(n) 4

int retries = MAX_RETRIES;
