/* xmlpart_impl.h: what xmlpart.c (the DOM parse, the reader) and
 * xmlpart_stream.c (streaming, small trees) share (private to the two). */
#ifndef COLETTE_XMLPART_IMPL_H
#define COLETTE_XMLPART_IMPL_H

#include <libxml/xmlerror.h>
#include <stdbool.h>

#include "colette.h"

/* No network, no DTD loading, no entity substitution, no messages printed:
 * the caller reports errors itself. */
#define XMLPART_PARSE_OPTIONS                                                                      \
  (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |                 \
   XML_PARSE_COMPACT)

/*
 * A scanner over the bytes before the root element, refusing a DOCTYPE
 * before libxml2 reads (and would honour) its internal subset.  NUL bytes
 * are skipped so UTF-16 parts are scanned too.
 */
typedef struct xmlpart_prolog {
  enum { P_TEXT, P_LT, P_PI, P_BANG, P_COMMENT, P_DONE } state;
  int dashes; /* in a comment: trailing '-' seen */
  bool doctype;
} xmlpart_prolog;

void xmlpart_prolog_scan(xmlpart_prolog *p, const char *d, size_t n);

/* libxml2's error e as err (one line, at its line and column; its own caps
 * reported as limits), or "malformed XML" with `fallback` without one. */
void xmlpart_capture(colette_error *err, const char *part, const xmlError *xe,
                     colette_status fallback);

/*
 * libxml2 raises some errors outside any parser's context (an encoding's
 * conversion failing, and the I/O error that follows it), and prints some
 * straight to its generic handler ("xmlParseChunk: encoder error"): they go
 * to the thread's global handlers, whose defaults print on stderr.  Around
 * every call that parses, handlers of ours take them (the structured ones
 * kept as the error's message, the generic ones dropped: the parse fails
 * all the same); the caller's are put back after.
 */
typedef struct xmlpart_global {
  xmlStructuredErrorFunc saved;
  void *saved_ctx;
  xmlGenericErrorFunc saved_generic;
  void *saved_generic_ctx;
} xmlpart_global;

void xmlpart_global_take(xmlpart_global *g, xmlStructuredErrorFunc f, void *ctx);
void xmlpart_global_restore(const xmlpart_global *g);

/* The first error libxml2 raises, copied (its strings are not ours; the
 * last is what xmlCtxtGetLastError keeps, and the first is the one that
 * explains).  Every handler of ours keeps one: the DOM parser's, the
 * reader's, the SAX stream's, and the global one for errors raised outside
 * a parser's context. */
typedef struct xmlpart_first {
  bool have;
  xmlError e; /* code, line, int2 (the column) and message (ours) */
  char message[300];
} xmlpart_first;

/* Keep e in f when it is an error (not a warning) and f holds none yet;
 * true when it was kept. */
bool xmlpart_first_keep(xmlpart_first *f, const xmlError *e);

/* A global structured handler (xmlpart_global_take) whose data is an
 * xmlpart_first. */
void xmlpart_on_stray(void *ctx, xmlErrorPtr e);

#endif
