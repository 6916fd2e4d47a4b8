/*
 * xmlscan.h: a scanner for the plain subset of XML that package parts are
 * written in (private to xmlpart.c).
 *
 * UTF-8 elements, attributes, namespaces, text, the five predefined
 * entities and character references, an XML declaration: that is all it
 * reads, checking every well-formedness rule those constructs have.  On
 * anything else (a comment, a CDATA section, a processing instruction, a
 * DOCTYPE, another encoding, a carriage return, a malformed byte, an
 * undeclared prefix, a duplicate attribute, depth past the limit...) it
 * says XMLSCAN_FALLBACK before delivering anything of that construct, and
 * the caller hands the part to libxml2, whose messages and limits are the
 * reference.  What it delivers before that point is what libxml2 delivers
 * (text may be cut in other places).
 */
#ifndef COLETTE_XMLSCAN_H
#define COLETTE_XMLSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "xmlpart.h"

typedef struct xmlscan_sink {
  void *ctx;
  /* A namespace URI's index in the caller's table, -1 if not there. */
  int (*ns_index)(void *ctx, const char *uri);
  /* attrs: the namespace declarations (n_nsdefs of them, local name the
   * prefix or "xmlns", value the URI), then the attributes; all pointers
   * valid during the call only.  False stops the scan. */
  bool (*start)(void *ctx, const char *local, int ns, bool empty, const xmlpart_attr *attrs,
                size_t n_nsdefs, size_t n_attrs);
  bool (*end)(void *ctx); /* also right after an empty element's start, as in SAX2 */
  bool (*text)(void *ctx, const char *s, size_t n);
  void (*comment)(void *ctx); /* a comment was passed over; may be NULL */
} xmlscan_sink;

typedef enum xmlscan_result {
  XMLSCAN_MORE,     /* all taken; feed more (or the end) */
  XMLSCAN_DONE,     /* the document ended well-formed (final feed) */
  XMLSCAN_STOPPED,  /* a sink callback returned false */
  XMLSCAN_FALLBACK, /* outside the subset: read the part with libxml2 */
  XMLSCAN_NOMEM
} xmlscan_result;

typedef struct xmlscan xmlscan;

/* max_depth: elements deeper than this fall back (0: libxml2's 256). */
xmlscan *xmlscan_new(const xmlscan_sink *sink, unsigned max_depth);
void xmlscan_free(xmlscan *x);
/* Scan the next len bytes of the part; `final` when they are the last. */
xmlscan_result xmlscan_feed(xmlscan *x, const char *data, size_t len, bool final);
/* In a start callback: the offset in the whole document (every byte fed)
 * of the start tag's closing '>', where libxml2 counts its line. */
size_t xmlscan_tag_end(const xmlscan *x);
/* In a start callback: the qualified name of attrs[i] as written
 * ("xml:lang", "w:val", "xmlns:w"), where attrs[i].local is its local part. */
const char *xmlscan_attr_qname(const xmlscan *x, size_t i);
/* In a start callback: the element's qualified name as written ("w:p"). */
const char *xmlscan_elem_qname(const xmlscan *x);

#endif
