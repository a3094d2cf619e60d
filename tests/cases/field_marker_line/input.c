struct job {
	int id;
	layout_begin
	int prio;
	unsigned long flags;
	layout_end
};

struct slot {
	void *p;
	slot_word
		prio;
};
