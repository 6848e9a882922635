/*
 * Fixture for assure's analyzer tests: the same call twice on identical
 * lines, which only an occurrence count tells apart.
 */
#include <string.h>

void copy_twice(char *dst, const char *src)
{
	strcpy(dst, src);
	if (dst[0] == 'x')
		strcpy(dst, src);
}

void copy_once(char *dst, const char *src, size_t n)
{
	memcpy(dst, src, n);
}
