/*
 * xmlpart.h: parsing package parts as XML safely (private).
 *
 * Every part is parsed without network access, without loading or honouring
 * a DTD and without expanding entities: OOXML parts never need a DTD, so a
 * DOCTYPE is refused outright (before libxml2 reads its internal subset).
 * libxml2 never prints; its messages are captured into colette_error with
 * the part name, line and column.
 */
#ifndef COLETTE_XMLPART_H
#define COLETTE_XMLPART_H

#include <stdbool.h>
#include <stdio.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "package.h"

/* Parse XML in memory (a flat document, a letter) into a DOM; `name` for
 * messages; *out owned by the caller (xmlFreeDoc). */
colette_status xmlpart_parse_buffer(const char *name, const char *data, size_t len,
                                    unsigned max_depth, xmlDocPtr *out, colette_error *err);

typedef struct xmlpart_reader xmlpart_reader;

/* Open a streaming reader on a part; free with xmlpart_reader_free. */
colette_status xmlpart_reader_open(package *pkg, const char *name, xmlpart_reader **out,
                                   colette_error *err);
/* The same over a stream the caller owns (a flat document); `name` is used
 * in messages ("" for none), max_depth 0 is no limit. */
colette_status xmlpart_reader_open_file(FILE *f, const char *name, unsigned max_depth,
                                        xmlpart_reader **out, colette_error *err);
xmlTextReaderPtr xmlpart_reader_get(xmlpart_reader *r);
/* Advance like xmlTextReaderRead; returns 1 (node), 0 (end) or -1 with
 * *err filled (malformed XML, a DOCTYPE, a limit, a read error). */
int xmlpart_reader_next(xmlpart_reader *r, colette_error *err);
/* Skip the current node's subtree like xmlTextReaderNext; same returns. */
int xmlpart_reader_skip(xmlpart_reader *r, colette_error *err);
/* xmlTextReaderExpand on the current node (NULL on error); use this, not
 * libxml2's, so that errors raised while it reads are not printed. */
xmlNodePtr xmlpart_reader_expand(xmlpart_reader *r);
void xmlpart_reader_free(xmlpart_reader *r);

/* ---- streaming by callbacks (libxml2's SAX2 push parser) --------------- */

/* An attribute: local name and value (the value NUL-terminated, entities
 * decoded as a DOM or xmlTextReader gives it). */
typedef struct xmlpart_attr {
  const char *local;
  const char *value;
} xmlpart_attr;

/* An element's start.  Pointers are valid during the callback only. */
typedef struct xmlpart_elem {
  const char *local; /* local name */
  int ns;            /* index of its namespace in the caller's table, -1 if none of them */
  int depth;         /* 0 for the root, as xmlTextReaderDepth */
  bool empty;        /* written <x/>: no end call follows */
  /* Namespace declarations first (local name: the prefix, or "xmlns";
   * value: the URI), then the attributes in document order: what
   * xmlTextReaderMoveToNextAttribute visits. */
  const xmlpart_attr *attrs;
  size_t n_attrs;
} xmlpart_elem;

/* A small subtree held whole (a property block, a small part): elements
 * and their attributes, in document order; text is not kept. */
typedef struct xmlpart_node xmlpart_node;
struct xmlpart_node {
  const char *local;
  const xmlpart_attr *attrs; /* attributes only, no namespace declarations */
  size_t n_attrs;
  xmlpart_node *parent, *first, *last, *next;
};

/* What start returns: read on into the element, skip its content, or
 * skip it and hand it whole to `captured` at its end; or stop. */
typedef enum xmlpart_next {
  XMLPART_DESCEND,
  XMLPART_SKIP,
  XMLPART_CAPTURE,
  XMLPART_STOP
} xmlpart_next;

/*
 * The callbacks of xmlpart_stream, in document order.  Inside a skipped
 * or captured element nothing is called until `captured` (if captured);
 * an empty element, or one skipped or captured, gets no `end`.  `end` and
 * `text` return false to stop.  Text may come in several pieces (entities,
 * long runs); the pieces never split a UTF-8 sequence.  The tree given to
 * `captured` lives until it returns.
 */
typedef struct xmlpart_handlers {
  xmlpart_next (*start)(void *ctx, const xmlpart_elem *e);
  bool (*end)(void *ctx, int depth);
  bool (*text)(void *ctx, const char *s, size_t n);
  bool (*captured)(void *ctx, const xmlpart_node *root, int depth);
} xmlpart_handlers;

/*
 * Stream part `name` through h with the same guarantees as the reader (no
 * DTD, no entities, the depth limit checked on every node delivered, the
 * package's size and ratio limits).  `ns_uris` (n_ns of them) is the table
 * xmlpart_elem.ns indexes: the namespaces the caller tells apart.  Returns
 * COLETTE_OK after the whole part, COLETTE_OK too when a callback stopped
 * it (the caller knows why), or the error that ended the parse.
 */
colette_status xmlpart_stream(package *pkg, const char *name, const xmlpart_handlers *h, void *ctx,
                              const char *const *ns_uris, size_t n_ns, colette_error *err);

/* A part parsed whole into an xmlpart_node tree: cheaper than a DOM, with
 * the same errors and limits as libxml2's parse of it.  Free with
 * xmlpart_tree_free (NULL is fine). */
typedef struct xmlpart_tree xmlpart_tree;
colette_status xmlpart_parse_tree(package *pkg, const char *name, xmlpart_tree **out,
                                  colette_error *err);
/* The root element, or NULL for none. */
const xmlpart_node *xmlpart_tree_root(const xmlpart_tree *t);
void xmlpart_tree_free(xmlpart_tree *t);

/* Tree helpers, namespace-agnostic: the attribute
 * `local` (borrowed, "" when empty) or NULL; the first child element named
 * local; children in order; the OOXML on/off value of a toggle. */
const char *xn_attr(const xmlpart_node *n, const char *local);
const xmlpart_node *xn_child(const xmlpart_node *n, const char *local);
bool xn_is(const xmlpart_node *n, const char *local);
bool xn_onoff(const xmlpart_node *n);

#endif
