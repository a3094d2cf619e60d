typedef struct lnet_msg_hdr {
	__u32 type;
	__u32 msg_flags;
} lnet_msg_hdr_t;

typedef struct lnet_anon_ctl {
	u8 ready:2;
	u8 busy:2;
	u8 spare:6;
} lnet_status_t;

typedef union {
	__u32 word;
	__u8 bytes[4];
} lnet_word_t;
