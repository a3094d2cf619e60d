void init_port(struct port *p);
struct port { int id; };
void init_bus(struct bus *p);
struct bus { int speed; };

struct port *main_port;
struct bus *main_bus;

void setup(void)
{
	main_port = NULL;
	init_port(main_port);
	init_bus(main_bus);
}
