#include <stdio.h>

#ifdef CONFIG_LOG_COLORS
const char *color_wrap(const char *msg)
{
	static char buf[128];
	snprintf(buf, sizeof(buf), "\033[32m%s\033[0m", msg);
	return buf;
}
#endif

#if defined(CONFIG_LOG_DUMP)
void log_dump(const unsigned char *data, int len)
{
	for (int i = 0; i < len; i++) {
		printf("%02x", data[i]);
	}
	printf("\n");
}
#endif

void log_msg(const char *msg)
{
#ifdef CONFIG_LOG_COLORS
	msg = color_wrap(msg);
#endif
	puts(msg);
}
