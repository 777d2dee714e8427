#ifndef RACCORD_CLIBXML2_SHIM_H
#define RACCORD_CLIBXML2_SHIM_H

// libxml2's ICU support clashes with Foundation's ICU enums: drop it before
// the other headers see it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>

/// `xmlFree` is a global function pointer, which Swift cannot call directly.
static inline void raccord_xmlFree(void *pointer) { xmlFree(pointer); }

/// Swallows libxml2's generic (printf-style) messages: errors reach Raccord
/// through structured handlers only, and libxml2 prints nothing itself.
static inline void raccord_silentGeneric(void *context, const char *message, ...) {
  (void)context; (void)message;
}

/// Swallows structured errors that have no parser context to report to.
static inline void raccord_silentStructured(void *context, xmlErrorPtr error) {
  (void)context; (void)error;
}

/// Makes libxml2 quiet on this thread: nothing is printed on stderr.
static inline void raccord_silenceLibxml2(void) {
  xmlSetGenericErrorFunc(NULL, raccord_silentGeneric);
  xmlSetStructuredErrorFunc(NULL, raccord_silentStructured);
}

#endif
