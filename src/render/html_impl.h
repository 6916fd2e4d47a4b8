/*
 * html_impl.h: what the HTML renderer's two files share (private): the
 * writer's state, its text and tag helpers and inline content (html.c),
 * and its blocks (html_blocks.c).
 */
#ifndef COLETTE_RENDER_HTML_IMPL_H
#define COLETTE_RENDER_HTML_IMPL_H

#include "render.h"

typedef struct html {
  render *r;
  buf *out;
  colette_status st;
  const colette_node **notes; /* every note, in the order of its reference */
  size_t nnotes, capnotes;
} html;

static inline void html_fail(html *h, colette_status st) {
  if (h->st == COLETTE_OK) h->st = st;
}
static inline void html_put(html *h, const char *s) { buf_puts(h->out, s); }

/* html.c: text and attribute values (what XML cannot hold dropped, NFC),
 * a start tag with its language where it differs from ctx (returns the
 * language inside; the caller adds attributes and ">"), inline content */
void html_text(html *h, const char *s, size_t n);
void html_attr(html *h, const char *name, const char *v);
const char *html_open_tag(html *h, const char *tag, const char *cls, const colette_node *n,
                          const char *ctx);
void html_inlines(html *h, const colette_node *n, const char *ctx);
void html_inline_node(html *h, const colette_node *c, const char *ctx);
void html_image(html *h, const colette_node *n); /* its description, in its place */

/* html_blocks.c: a parent's blocks, one block (hoff: how far headings go
 * down, as an annex's do under its heading), a block of n's inline content
 * as <tag class=cls> */
void html_blocks(html *h, const colette_node *parent, const char *ctx, int hoff);
void html_block(html *h, const colette_node *n, const char *ctx, int hoff);
void html_para(html *h, const char *tag, const char *cls, const colette_node *n, const char *ctx);

#endif
