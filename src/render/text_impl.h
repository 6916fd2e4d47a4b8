/*
 * text_impl.h: what the plain-text writer's two files share (private):
 * the writer, the layout a block is written into, and the few routines
 * the tables (text_table.c) call back into the writer (text.c) for:
 * a cell's blocks, widths, and the blank line between blocks.
 */
#ifndef COLETTE_RENDER_TEXT_IMPL_H
#define COLETTE_RENDER_TEXT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "../buf.h"
#include "render.h"

/* A set of strings (URLs written, furniture written). */
typedef struct strset {
  char **slot;
  size_t cap, n;
} strset;

typedef struct tw {
  render *r;
  UBreakIterator *brk;
  UText ut;
  colette_status st;
  unsigned measuring;         /* > 0 while a table measures its cells: nothing is recorded */
  unsigned longest;           /* the widest unbreakable piece seen while measuring */
  const colette_node **notes; /* notes met, in order; written from `notes_done` on */
  size_t nnotes, capnotes, notes_done;
  strset urls, furniture;
} tw;

/* Where blocks go: a buffer, the width, and whether blocks are apart. */
typedef struct lay {
  buf *b;
  unsigned width;
  bool compact; /* no blank line between blocks (cells, lists, signatures) */
  bool any;     /* something was written */
} lay;

typedef struct blk {
  size_t mark, start;
} blk;

/* ---- text.c ---- */

/* The rendering fails with "out of memory" (the first failure is kept). */
void text_nomem(tw *w);
/* A temporary buffer that failed to grow fails the rendering. */
void text_check(tw *w, const buf *b);
void text_spaces(buf *b, unsigned n);
void text_repeat(buf *b, char c, unsigned n);
/* Columns s[a..b) takes in a terminal (East Asian Wide and Fullwidth two,
 * marks and controls none). */
unsigned text_str_width(const char *s, size_t a, size_t b);
static inline unsigned text_cstr_width(const char *s) {
  return s ? text_str_width(s, 0, strlen(s)) : 0;
}
/* The widest line of s[0..n). */
unsigned text_widest(const char *s, size_t n);
/* A block starts (a blank line first when it is apart from the last), and
 * ends (one that wrote nothing takes its blank line back). */
blk text_begin(lay *o, bool apart);
void text_end(lay *o, blk k);
/* The blocks from c on (c and its next siblings), into o. */
void text_blocks_from(tw *w, const colette_node *c, lay *o);

/* ---- text_wrap.c ---- */

typedef enum { AL_LEFT, AL_CENTRE, AL_RIGHT } align;

/* How to lay out a text: its lines end by `width`; they start at `indent`
 * but the first, which may carry a label at `label_at` (a list item's
 * label, a head fact's), the text after it. */
typedef struct wspec {
  unsigned width, indent;
  const char *label;
  unsigned label_at;
  align al;
} wspec;

/* Text s[0..n) laid out as ws says, its lines appended to out ("\n" in it
 * breaks a line). */
void text_wrap(tw *w, const char *s, size_t n, const wspec *ws, buf *out);

/* ---- text_table.c ---- */

/* A table: drawn as a grid within o's width, or else cell after cell. */
void text_table(tw *w, const colette_node *t, lay *o);

#endif
