static void kfilnd_tunables_init(struct kfilnd_tunables *t, int major, int minor)
{
	if (t->prov_major == 0 &&
	    t->prov_major == 0) {
		t->prov_major = major;
		t->prov_minor = minor;
	}
}
