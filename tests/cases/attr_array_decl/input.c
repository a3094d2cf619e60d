static u8 old_ring[64];
int tx_count __attribute__((used));
unsigned long stamp __attribute__((used));
u64 spare __attribute__((unused));
