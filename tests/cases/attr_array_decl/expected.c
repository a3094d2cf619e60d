static u8 rx_ring[64];
int tx_count __used;
unsigned long stamp __used;
u64 spare __attribute__((unused));
