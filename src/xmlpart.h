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

#include <stdio.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "package.h"

/* Parse a small part into a DOM; *out owned by caller (xmlFreeDoc). */
colette_status xmlpart_parse_dom(package *pkg, const char *name, xmlDocPtr *out,
                                 colette_error *err);

/* The same for XML already in memory (a flat document): name for messages. */
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

/* DOM helpers: the attribute `local` in any namespace (w:val, val);
 * returned pointer is borrowed from the node or NULL. */
const char *xml_attr(xmlNodePtr node, const char *local);
/* First element child named local (namespace-agnostic). */
xmlNodePtr xml_child(xmlNodePtr node, const char *local);
/* Element-only iteration. */
xmlNodePtr xml_first_elem(xmlNodePtr node);
xmlNodePtr xml_next_elem(xmlNodePtr node);
bool xml_is(xmlNodePtr node, const char *local);
/* OOXML on/off value of a toggle property element (w:b, w:val="0"...). */
bool xml_onoff(xmlNodePtr node);

#endif
