static int debug_level;

#define log_value(level, v) report(level, v)
#define log_debug(v) report(debug_level, v)
#define log_args(fmt, args...) report(fmt, args)
