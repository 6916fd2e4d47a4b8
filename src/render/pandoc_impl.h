/*
 * pandoc_impl.h: what the pandoc JSON writer's two files share (private):
 * the writer's state, its element and attribute helpers, Div and Span
 * wrappers, inline and block content (pandoc.c); lists and tables
 * (pandoc_lists.c).
 */
#ifndef COLETTE_RENDER_PANDOC_IMPL_H
#define COLETTE_RENDER_PANDOC_IMPL_H

#include <stdbool.h>
#include <string.h>

#include "jsonw.h"
#include "render.h"

typedef struct pw {
  render *r;
  jsonw w;
  const char *lang; /* the language of the output around: the document's, or a Div's or Span's */
  bool annex;       /* in an annex: its headings go two levels down */
  colette_status st;
} pw;

typedef struct kv {
  const char *k, *v;
} kv;

/* A wrapper opened around a node's output: a Div or Span carrying classes,
 * attributes, and the node's language where it is not the one around. */
typedef struct wrap {
  bool open;
  const char *lang; /* the language around, to restore */
} wrap;

/* {"t":T} without content: Space, LineBreak, AlignDefault… */
static inline void pandoc_tag(pw *p, const char *t) {
  jsonw_object(&p->w);
  jsonw_member(&p->w, "t", t);
  jsonw_end_object(&p->w);
}

/* {"t":T,"c": then the content, then el_end. */
static inline void pandoc_el(pw *p, const char *t) {
  jsonw_object(&p->w);
  jsonw_member(&p->w, "t", t);
  jsonw_key(&p->w, "c");
}
static inline void pandoc_el_end(pw *p) { jsonw_end_object(&p->w); }

/* pandoc.c */
/* Pandoc's Attr [id, [classes], [[key, value]…]], with lang when not NULL. */
void pandoc_attr(pw *p, const char *id, const char *cls, const kv *kvs, size_t n, const char *lang);
void pandoc_str(pw *p, const char *s, size_t n); /* Str and Space elements of s[0..n) */
static inline void pandoc_strz(pw *p, const char *s) { pandoc_str(p, s, strlen(s)); }
const char *pandoc_foreign(pw *p, const colette_node *n); /* n's language if not the one around */
wrap pandoc_dwrap(pw *p, const colette_node *n, const char *cls, const kv *kvs, size_t nkv);
void pandoc_wrap_end(pw *p, wrap w);
void pandoc_para(pw *p, const char *t, const colette_node *n); /* a Para or Plain of n's inlines */
void pandoc_inlines(pw *p, const colette_node *parent);
void pandoc_blocks(pw *p, const colette_node *parent);

/* pandoc_lists.c: a list (OrderedList, BulletList, or labels kept as
 * text); a table with its spans and header rows */
void pandoc_list(pw *p, const colette_node *l);
void pandoc_table(pw *p, const colette_node *t);

#endif
