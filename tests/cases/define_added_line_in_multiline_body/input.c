#define SETUP(dev)			\
	do_setup(dev,			\
		 legacy_flag,		\
		 SETUP_FLAGS)
#define SETUP_ONE(dev) do_setup(dev, legacy_flag, 1)

void probe(struct device *dev)
{
	do_setup(dev, legacy_flag, 0);
}
