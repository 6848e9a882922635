/* Main; see CONFIG_DOC_ONLY for details. */
#include <autoconf.h>

#ifdef CONFIG_GPIO
int gpio;
#endif

#if IS_ENABLED(CONFIG_TYPO_GPIO) || defined(CONFIG_LEGACY)
int x;
#endif

const char *s = "CONFIG_IN_STRING";
#define PASTE(n) CONFIG_PREFIX_##n
int m = CONFIG_DRV_MODULE;
int b = CONFIG_BOARD_NAME;
