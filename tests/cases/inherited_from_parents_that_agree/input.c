struct port { int id; };
struct bus { int speed; };

struct port *main_port;
struct bus *main_bus;

void setup(void)
{
	main_port = NULL;
}
