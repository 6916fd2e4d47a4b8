/*
 * read.c: letter XML into the letter model, checking its structure as it
 * goes: every element where the model lets it be, every attribute known
 * and well-typed, text only where text may be.  Parsing is libxml2's,
 * safe as every part colette reads (no DTD, no entities, no network).
 */
#include <ctype.h>
#include <string.h>

#include "../buf.h"
#include "../error.h"
#include "../xmlpart.h"
#include "model.h"

typedef struct reader {
  colette_letter *l;
  const char *name;
  colette_error *err;
} reader;

static colette_status bad(reader *r, xmlNodePtr at, const char *fmt, const char *a,
                          const char *b) {
  char msg[400];
  snprintf(msg, sizeof msg, fmt, a, b ? b : "");
  /* well-formed XML that is no valid letter: bad XML, as a schema would say */
  return error_set_at(r->err, COLETTE_ERR_XML, r->name, at ? (int)xmlGetLineNo(at) : 0, 0, "%s",
                      msg);
}

static bool in_letter_ns(xmlNodePtr n) {
  return n->ns && strcmp((const char *)n->ns->href, COLETTE_LETTER_NS) == 0;
}

static colette_attr attr_by_name(colette_node_type t, const char *name) {
  for (const colette_attr *a = node_attrs_of(t); *a != COLETTE_ATTR_COUNT_; a++)
    if (strcmp(colette_attr_name(*a), name) == 0) return *a;
  return COLETTE_ATTR_COUNT_;
}

static colette_status read_attrs(reader *r, xmlNodePtr x, colette_node *n) {
  for (xmlAttrPtr a = x->properties; a; a = a->next) {
    const char *name = (const char *)a->name;
    xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
    if (!v) return error_set(r->err, COLETTE_ERR_NOMEM, r->name, "out of memory");
    colette_status st = COLETTE_OK;
    const char *ns = a->ns ? (const char *)a->ns->href : NULL;
    if (ns && strcmp(ns, COLETTE_ARG_NS) == 0) {
      st = colette_node_set_arg(n, name, (const char *)v);
      if (st == COLETTE_ERR_INVALID)
        st = bad(r, x, "<%s>: a formula argument arg:%s on an element that takes none",
                 colette_node_type_name(n->type), name);
    } else if (n->type == COLETTE_NODE_LETTER && !ns && strcmp(name, "version") == 0) {
      if (strcmp((const char *)v, "1") != 0)
        st = bad(r, x, "letter version \"%s\": this colette reads version 1%s", (const char *)v,
                 NULL);
    } else {
      char full[80];
      snprintf(full, sizeof full, "%s%s", ns && strcmp(ns, (const char *)XML_XML_NAMESPACE) == 0
                                              ? "xml:" : ns ? "?:" : "",
               name);
      colette_attr id = attr_by_name(n->type, full);
      const char *why = NULL;
      if (id == COLETTE_ATTR_COUNT_)
        st = bad(r, x, "<%s>: unknown attribute '%s'", colette_node_type_name(n->type), full);
      else if (!node_attr_valid(n->type, id, (const char *)v, &why)) {
        char what[200];
        snprintf(what, sizeof what, "%s=\"%.80s\": %s", full, (const char *)v, why);
        st = bad(r, x, "<%s>: %s", colette_node_type_name(n->type), what);
      } else
        st = colette_node_set_attr(n, id, (const char *)v);
    }
    xmlFree(v);
    if (st == COLETTE_ERR_NOMEM) return error_set(r->err, st, r->name, "out of memory");
    if (st != COLETTE_OK) return st;
  }
  return COLETTE_OK;
}

static bool blank(const char *s) {
  for (; *s; s++)
    if (!isspace((unsigned char)*s)) return false;
  return true;
}

static colette_status read_children(reader *r, xmlNodePtr x, colette_node *n) {
  for (xmlNodePtr c = x->children; c; c = c->next) {
    colette_status st = COLETTE_OK;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      const char *s = (const char *)c->content;
      if (node_holds_inline(n->type))
        st = node_append_text(n, s, strlen(s));
      else if (!blank(s))
        st = bad(r, c, "text inside <%s>, which holds elements only: \"%.40s\"",
                 colette_node_type_name(n->type), s);
      if (st == COLETTE_ERR_NOMEM) st = error_set(r->err, st, r->name, "out of memory");
      if (st != COLETTE_OK) return st;
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue; /* comments, processing instructions */
    const char *name = (const char *)c->name;
    colette_node_type t = in_letter_ns(c) ? node_type_of(name, n->type) : COLETTE_NODE_NONE;
    if (t == COLETTE_NODE_NONE || !colette_node_can_contain(n->type, t))
      return bad(r, c, "<%s> cannot be inside <%s>", name, colette_node_type_name(n->type));
    colette_node *k = colette_node_new(r->l, t);
    if (!k || colette_node_append(n, k) != COLETTE_OK)
      return error_set(r->err, COLETTE_ERR_NOMEM, r->name, "out of memory");
    if ((st = read_attrs(r, c, k)) != COLETTE_OK) return st;
    if ((st = read_children(r, c, k)) != COLETTE_OK) return st;
  }
  return COLETTE_OK;
}

colette_status colette_letter_read(const char *data, size_t len, const char *name,
                                   colette_letter **out, colette_error *err) {
  *out = NULL;
  reader r = {NULL, name ? name : "", err};
  if (len == 0) return error_set(err, COLETTE_ERR_XML, r.name, "empty input, not a letter");
  colette_kind kind = colette_sniff(data, len < 4096 ? len : 4096);
  if (kind == COLETTE_KIND_ZIP || kind == COLETTE_KIND_OLE || kind == COLETTE_KIND_FLAT ||
      kind == COLETTE_KIND_NORMALIZED)
    return error_stage(err, kind, r.name);
  xmlDocPtr doc = NULL;
  colette_status st = xmlpart_parse_buffer(r.name, data, len, 200, &doc, err);
  if (st != COLETTE_OK) return st;
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!root || !in_letter_ns(root) || strcmp((const char *)root->name, "letter") != 0) {
    const char *ns = root && root->ns ? (const char *)root->ns->href : "";
    st = error_set(err, COLETTE_ERR_NO_DOCUMENT, r.name,
                   strcmp(ns, COLETTE_FLAT_NS) == 0
                       ? "this is a colette flat document, not a letter; colette-map reads it"
                       : "not a colette letter (root element <%s>)",
                   root ? (const char *)root->name : "none");
    goto done;
  }
  if (!(r.l = colette_letter_new())) {
    st = error_set(err, COLETTE_ERR_NOMEM, r.name, "out of memory");
    goto done;
  }
  colette_node *lr = colette_letter_root(r.l);
  if ((st = read_attrs(&r, root, lr)) != COLETTE_OK) goto done;
  if ((st = read_children(&r, root, lr)) != COLETTE_OK) goto done;
  if ((st = letter_check(r.l, err)) != COLETTE_OK) {
    if (err) snprintf(err->part, sizeof err->part, "%s", r.name);
    if (st == COLETTE_ERR_INVALID) st = err ? (err->status = COLETTE_ERR_XML) : COLETTE_ERR_XML;
    goto done;
  }
  *out = r.l;
  r.l = NULL;
done:
  colette_letter_free(r.l);
  xmlFreeDoc(doc);
  return st;
}

colette_status colette_letter_read_file(FILE *in, const char *name, colette_letter **out,
                                        colette_error *err) {
  buf data = BUF_INIT;
  colette_status st = buf_slurp(in, 1u << 30, &data, err);
  if (st == COLETTE_OK) st = colette_letter_read(data.data, data.len, name, out, err);
  buf_free(&data);
  return st;
}
