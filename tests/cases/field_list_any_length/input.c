struct mdt_object {
	struct lu_object_old mot_obj;
	unsigned int mot_flags;
};

struct ofd_object {
	struct lu_object_header ofo_header;
	struct dt_object ofo_obj;
	struct lu_object_old ofo_lu;
};
