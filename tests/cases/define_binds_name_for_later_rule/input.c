#define WIDTH (32)
#define HEIGHT 24

int area(void)
{
	return WIDTH * HEIGHT;
}
