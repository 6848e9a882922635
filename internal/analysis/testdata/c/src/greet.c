/*
 * Fixture for assure's analyzer tests: small functions with the defects
 * flawfinder, the clang static analyzer and cppcheck report. Written for
 * these tests; not meant to be built into anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void greet(const char *name)
{
	char buf[16];
	strcpy(buf, name); sprintf(buf, "%s", getenv("USER"));
	printf("%s\n", buf);
}

int divide(int a)
{
	int z = 0;
	return a / z;
}

int deref(void)
{
	int *p = NULL;
	return *p;
}

void leak(void)
{
	char *m = malloc(10);
	char a[4];
	a[4] = 1;
	(void)a;
	if (m == NULL)
		return;
}
