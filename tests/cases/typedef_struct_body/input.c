typedef struct lnet_msg_hdr {
	__u32 type;
	__u32 flags;
} lnet_msg_hdr_t;

typedef struct {
	u8 ready:1;
	u8 busy:1;
	u8 spare:6;
} lnet_status_t;

typedef union {
	__u32 word;
	__u8 bytes[4];
} lnet_word_t;
