#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its headers would then import the system ICU, which clashes
   with the ICU inside Foundation. Nothing here touches the ICU-dependent encoding handler. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* xmlFree is a global function pointer; Swift 6 wants a function. */
static inline void cxml_free(void *pointer) { xmlFree(pointer); }
