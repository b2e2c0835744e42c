/* mimalloc (Debian libmimalloc-dev): linked into the executable, it replaces malloc and free. */
#include <mimalloc.h>
