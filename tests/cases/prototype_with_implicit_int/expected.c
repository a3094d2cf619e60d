setup (int argc, char **envp);

setup (int count, char **envp)
{
	return count;
}
