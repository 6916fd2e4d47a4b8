/*
 * write.c: the letter model as letter XML (schemas/letter.rng), and the
 * checks every letter passes before it is written or after it is read.
 *
 * The layout is fixed so that read then write gives the same bytes: an
 * element that holds elements has its children on lines of their own; an
 * element that holds text (a paragraph, an item, a head fact) is one line;
 * attributes come in the order model.c lists them, then the formula's
 * arguments in the order they were set.
 */
#include <stdio.h>
#include <string.h>

#include "../buf.h"
#include "../error.h"
#include "model.h"

static void write_node(buf *b, const colette_node *n, bool in_inline);

static void write_attrs(buf *b, const colette_node *n) {
  for (const colette_attr *a = node_attrs_of(n->type); *a != COLETTE_ATTR_COUNT_; a++) {
    const char *v = colette_node_attr(n, *a);
    if (v) buf_xml_attr(b, colette_attr_name(*a), v);
  }
  for (unsigned i = 0; i < n->nargs; i++) {
    char name[80]; /* argument names are short identifiers (model.c checks) */
    snprintf(name, sizeof name, "arg:%s", n->args[i].name);
    buf_xml_attr(b, name, n->args[i].value);
  }
}

static void write_children(buf *b, const colette_node *n, bool in_inline) {
  for (const colette_node *c = n->first; c; c = c->next)
    write_node(b, c, in_inline);
}

static void write_node(buf *b, const colette_node *n, bool in_inline) {
  if (n->type == COLETTE_NODE_TEXT) {
    buf_xml_text(b, n->literal, n->len);
    return;
  }
  const char *name = colette_node_type_name(n->type);
  buf_putc(b, '<');
  buf_puts(b, name);
  if (n->type == COLETTE_NODE_LETTER) {
    buf_xml_attr(b, "xmlns", COLETTE_LETTER_NS);
    buf_xml_attr(b, "xmlns:arg", COLETTE_ARG_NS);
    buf_xml_attr(b, "version", "1");
  }
  write_attrs(b, n);
  bool leaf = n->type == COLETTE_NODE_BREAK || n->type == COLETTE_NODE_IMAGE ||
              n->type == COLETTE_NODE_MEETING;
  if (leaf) {
    buf_puts(b, in_inline ? "/>" : "/>\n");
    return;
  }
  bool inline_content = node_holds_inline(n->type);
  buf_puts(b, inline_content || in_inline ? ">" : ">\n");
  write_children(b, n, inline_content);
  buf_puts(b, "</");
  buf_puts(b, name);
  buf_puts(b, in_inline ? ">" : ">\n");
}

/* ---- checks ------------------------------------------------------------------------------ */

static colette_status check_node(const colette_node *n, colette_error *err) {
  for (const colette_attr *a = node_attrs_of(n->type); *a != COLETTE_ATTR_COUNT_; a++)
    if (node_attr_required(n->type, *a) && !colette_node_attr(n, *a))
      return error_set(err, COLETTE_ERR_INVALID, NULL, "<%s> without its %s attribute",
                       colette_node_type_name(n->type), colette_attr_name(*a));
  if (n->nargs && !colette_node_attr(n, COLETTE_ATTR_FORMULA))
    return error_set(err, COLETTE_ERR_INVALID, NULL, "<%s> has formula arguments but no formula",
                     colette_node_type_name(n->type));
  for (const colette_node *c = n->first; c; c = c->next) {
    colette_status st = check_node(c, err);
    if (st != COLETTE_OK) return st;
  }
  return COLETTE_OK;
}

colette_status letter_check(const colette_letter *l, colette_error *err) {
  const colette_node *root = colette_letter_root(l);
  /* metadata?, head?, meeting?, body, annex* */
  static const colette_node_type order[] = {COLETTE_NODE_METADATA, COLETTE_NODE_HEAD,
                                            COLETTE_NODE_MEETING, COLETTE_NODE_BODY,
                                            COLETTE_NODE_ANNEX};
  size_t at = 0;
  bool body = false;
  for (const colette_node *c = root->first; c; c = c->next) {
    size_t k = 0;
    while (k < 5 && order[k] != c->type)
      k++;
    if (k < at || (k == at && k < 4 && c != root->first && c->prev->type == c->type))
      return error_set(err, COLETTE_ERR_INVALID, NULL,
                       "<%s> out of place: a letter is metadata?, head?, meeting?, body, annex*",
                       colette_node_type_name(c->type));
    at = k;
    body |= c->type == COLETTE_NODE_BODY;
  }
  if (!body) return error_set(err, COLETTE_ERR_INVALID, NULL, "a letter without a <body>");
  const colette_node *head = colette_letter_find(l, COLETTE_NODE_HEAD);
  int dates = 0, cl = 0, places = 0, subjects = 0;
  for (const colette_node *c = head ? head->first : NULL; c; c = c->next) {
    dates += c->type == COLETTE_NODE_DATE;
    places += c->type == COLETTE_NODE_PLACE;
    subjects += c->type == COLETTE_NODE_SUBJECT;
    const char *type = colette_node_attr(c, COLETTE_ATTR_TYPE);
    /* the letter's own reference: a collective letter or a circular */
    cl += c->type == COLETTE_NODE_REF && type &&
          (strcmp(type, "collective-letter") == 0 || strcmp(type, "circular") == 0);
  }
  if (dates > 1 || cl > 1 || places > 1 || subjects > 1)
    return error_set(err, COLETTE_ERR_INVALID, NULL,
                     "a head with more than one %s",
                     dates > 1 ? "date" : cl > 1 ? "collective-letter or circular reference"
                                        : places > 1 ? "place" : "subject");
  return check_node(root, err);
}

colette_status colette_letter_write(const colette_letter *l, colette_sink out, colette_error *err) {
  if (!l) return error_set(err, COLETTE_ERR_INVALID, NULL, "no letter");
  colette_status st = letter_check(l, err);
  if (st != COLETTE_OK) return st;
  buf b = BUF_INIT;
  buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  write_node(&b, colette_letter_root(l), false);
  if (!buf_ok(&b)) {
    buf_free(&b);
    return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  }
  if (out.write(out.ctx, b.data, b.len) != 0) st = error_set(err, COLETTE_ERR_IO, NULL, "cannot write output");
  buf_free(&b);
  return st;
}
