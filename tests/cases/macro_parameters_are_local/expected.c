static int debug_level;

#define log_value(level, v) report_local(level, v)
#define log_debug(v) report_global(debug_level, v)
#define log_args(fmt, args...) report_local(fmt, args)
