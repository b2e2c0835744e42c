/* zstd (Debian libzstd-dev): compresses the outbox's mail bytes, with a dictionary made from
   the gateway's own mail (zdict.h). */
#include <zstd.h>
#include <zdict.h>
