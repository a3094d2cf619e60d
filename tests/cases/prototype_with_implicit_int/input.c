setup (int argc);

setup (int count)
{
	return count;
}
