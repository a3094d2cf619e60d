#include "regs.h"
#define DEV_REG(base,off) 0
#define DEV_REG(dev,base,off) 0
#define DEV_REG(base,off,width) 0
#define DEV_REG(dev,base,mask,off,width) 0
#define DEV_REG(off,base) 0
#define DEV_REG(base) 0

int dev_reg_width = 4;
