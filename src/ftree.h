/*
 * ftree.h: a flat document held whole, as colette-map reads it (private).
 *
 * The mapper walks the normalized flat document back and forth (a
 * paragraph's first line, then its sentences, the head before the body),
 * so it holds it as a tree.  A libxml2 DOM was that tree; building one
 * cost more than the scan itself (libxml2's parser, a dictionary, a node
 * and a text child per attribute).  An ftree is the few things the mapper
 * reads (elements, their attributes, text, the line of each start tag),
 * built straight from xmlscan's events into one arena: in the chain, the
 * document normalize wrote is scanned once, with no second model of it.
 *
 * What xmlscan leaves to libxml2 (a comment before the root, CDATA, a
 * processing instruction, another encoding, a carriage return, a name
 * outside ASCII...) is parsed by libxml2 as before and its DOM copied in,
 * so that every document libxml2 reads gives the same tree and every one
 * it refuses the same message.
 */
#ifndef COLETTE_FTREE_H
#define COLETTE_FTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "colette.h"

/* A node: an element (name not NULL) or a run of text (name NULL; text
 * holds it, NUL-terminated, len bytes: adjacent character data is one
 * node, as the DOM gives it).  All of it lives as long as its tree. */
typedef struct fnode fnode;
typedef struct fattr {
  const char *local, *value; /* local name (xml:lang is "lang"), value decoded */
} fattr;
struct fnode {
  const char *name; /* element: local name */
  const char *ns;   /* element: namespace URI, "" for none */
  const char *text; /* text: its characters */
  size_t len;
  const fattr *attrs; /* element: attributes in document order, no namespace declarations */
  size_t n_attrs;
  unsigned long line; /* element: the line its start tag ends on, as libxml2 counts it */
  fnode *parent, *first, *next;
};

typedef struct ftree ftree;

/* Parse `len` bytes of XML (name for messages, max_depth as
 * xmlpart_parse_buffer's) into *out, owned by the caller (ftree_free). */
colette_status ftree_parse(const char *name, const char *data, size_t len, unsigned max_depth,
                           ftree **out, colette_error *err);
const fnode *ftree_root(const ftree *t);
void ftree_free(ftree *t);

/* Element-only iteration (NULL-safe). */
const fnode *fnode_first_elem(const fnode *n);
const fnode *fnode_next_elem(const fnode *n);
/* The attribute `local` (any namespace, xml:lang as "lang"), or NULL. */
const char *fnode_attr(const fnode *n, const char *local);
/* All of n's text, its descendants' in order, appended to out. */
void fnode_text(const fnode *n, buf *out);

#endif
