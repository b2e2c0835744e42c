/* zstd (Debian libzstd-dev): compresses the outbox's mail bytes. */
#include <zstd.h>
