/*
 * story_table.c: tables in the streaming reader (story.c).  A table is
 * buffered whole, cells and all, because a vertical merge's row span is
 * only known when the rows below it are read; it is written when its
 * frame pops, each cell once with its colspan and rowspan, the places a
 * merge continues into left out.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../error.h"
#include "../flat.h"
#include "story_impl.h"

frame *story_open_table(story *st, int key) {
  if (!story_ensure_block_container(st)) return NULL;
  table *t = calloc(1, sizeof *t);
  if (!t) {
    story_nomem(st);
    return NULL;
  }
  frame *f = story_push(st, F_TABLE, key);
  if (!f) {
    free(t);
    return NULL;
  }
  f->u.t = t;
  return f;
}

frame *story_open_row(story *st, int key) {
  frame *tf = &st->frames[st->top_struct];
  if (tf->kind != F_TABLE) {
    tf = story_open_table(st, story_implicit_key(st));
    if (!tf) return NULL;
    key = key | 1;
    if (key < tf->key) key = tf->key;
  }
  table *t = tf->u.t;
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 8;
    trow *rows = realloc(t->rows, cap * sizeof *rows);
    if (!rows) {
      story_nomem(st);
      return NULL;
    }
    t->rows = rows;
    t->cap = cap;
  }
  memset(&t->rows[t->n], 0, sizeof *t->rows);
  frame *f = story_push(st, F_ROW, key);
  if (!f) return NULL;
  f->u.pos.t = t;
  f->u.pos.row = t->n++;
  return f;
}

frame *story_open_cell(story *st, int key) {
  frame *rf = &st->frames[st->top_struct];
  if (rf->kind != F_ROW) {
    rf = story_open_row(st, story_implicit_key(st));
    if (!rf) return NULL;
    key = key | 1;
    if (key < rf->key) key = rf->key;
  }
  trow *row = &rf->u.pos.t->rows[rf->u.pos.row];
  if (row->n == row->cap) {
    size_t cap = row->cap ? row->cap * 2 : 8;
    tcell *cells = realloc(row->cells, cap * sizeof *cells);
    if (!cells) {
      story_nomem(st);
      return NULL;
    }
    row->cells = cells;
    row->cap = cap;
  }
  tcell *c = &row->cells[row->n];
  memset(c, 0, sizeof *c);
  c->col = row->next_col;
  c->colspan = 1;
  c->rowspan = 1;
  frame *f = story_push(st, F_CELL, key);
  if (!f) return NULL;
  f->u.pos.t = rf->u.pos.t;
  f->u.pos.row = rf->u.pos.row;
  f->u.pos.cell = row->n++;
  return f;
}

void story_table_free(table *t) {
  for (size_t r = 0; r < t->n; r++) {
    for (size_t c = 0; c < t->rows[r].n; c++)
      buf_free(&t->rows[r].cells[c].content);
    free(t->rows[r].cells);
  }
  free(t->rows);
  free(t->caption);
  free(t->description);
  free(t);
}

static tcell *cell_at(trow *row, int col) {
  size_t lo = 0, hi = row->n;
  while (lo < hi) { /* cells are in column order */
    size_t mid = (lo + hi) / 2;
    if (row->cells[mid].col < col)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < row->n && row->cells[lo].col == col ? &row->cells[lo] : NULL;
}

/* True when content holds nothing but empty paragraphs, as every merged-away
 * cell does (a cell must hold at least one w:p). */
bool story_blank_blocks(const buf *b) {
  static const char tag[] = "<" FLAT_P;
  const size_t n = sizeof tag - 1;
  const char *s = b->data, *end = b->data + b->len;
  while (s && s < end) {
    if (strncmp(s, tag, n) != 0 || (s[n] != ' ' && s[n] != '/')) return false;
    const char *gt = memchr(s, '>', (size_t)(end - s));
    if (!gt || gt[-1] != '/') return false;
    s = gt + 1;
    if (s < end && *s == '\n') s++;
  }
  return true;
}

/* Resolve vertical merges, then write the table.  A w:vMerge continuation
 * cell becomes part of the row span of the cell above it; any text it
 * holds (Word hides it) is appended to that cell rather than lost. */
void story_table_write(story *st, table *t, buf *out) {
  int cols = t->grid_cols;
  for (size_t r = 0; r < t->n; r++) {
    trow *row = &t->rows[r];
    int width = row->next_col + row->grid_after;
    if (width > cols) cols = width;
    for (size_t c = 0; c < row->n; c++) {
      tcell *cell = &row->cells[c];
      if (cell->vmerge != 1) continue;
      for (size_t rr = r + 1; rr < t->n; rr++) {
        tcell *below = cell_at(&t->rows[rr], cell->col);
        if (!below || below->vmerge != 2 || below->consumed) break;
        below->consumed = true;
        cell->rowspan++;
        if (!story_blank_blocks(&below->content))
          buf_append(&cell->content, below->content.data, below->content.len);
      }
    }
  }
  buf_puts(out, "<" FLAT_TABLE);
  buf_xml_attr_int(out, FLAT_A_COLS, cols);
  if (t->style[0]) buf_xml_attr(out, FLAT_A_STYLE, t->style);
  if (t->caption) buf_xml_attr(out, FLAT_A_CAPTION, t->caption);
  if (t->description) buf_xml_attr(out, FLAT_A_DESCRIPTION, t->description);
  buf_puts(out, ">\n");
  for (size_t r = 0; r < t->n; r++) {
    trow *row = &t->rows[r];
    buf_puts(out, "<" FLAT_ROW);
    if (row->header) buf_xml_attr(out, FLAT_A_HEADER, "true");
    buf_puts(out, ">\n");
    for (size_t c = 0; c < row->n; c++) {
      tcell *cell = &row->cells[c];
      if (cell->consumed) continue;
      buf_puts(out, "<" FLAT_CELL);
      buf_xml_attr_int(out, FLAT_A_COL, cell->col + 1);
      if (cell->colspan > 1) buf_xml_attr_int(out, FLAT_A_COLSPAN, cell->colspan);
      if (cell->rowspan > 1) buf_xml_attr_int(out, FLAT_A_ROWSPAN, cell->rowspan);
      if (!buf_ok(&cell->content)) story_nomem(st);
      if (cell->content.len) {
        buf_puts(out, ">\n");
        buf_append(out, cell->content.data, cell->content.len);
        buf_puts(out, "</" FLAT_CELL ">\n");
      } else {
        buf_puts(out, "/>\n");
      }
    }
    buf_puts(out, "</" FLAT_ROW ">\n");
  }
  buf_puts(out, "</" FLAT_TABLE ">\n");
}
