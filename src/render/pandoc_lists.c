/*
 * pandoc_lists.c: the pandoc JSON writer's lists and tables (see pandoc.c):
 * lists whose labels are plain numbers or letters become OrderedLists with
 * their start, style and delimiter, bullets BulletLists, any other label
 * is kept as text; tables keep their column and row spans and header rows.
 */
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "pandoc_impl.h"

/* ---- lists ---------------------------------------------------------------------------------- */

typedef enum { L_PLAIN, L_BULLET, L_DECIMAL, L_LOWER, L_UPPER } lstyle;

/* A label's number, style and delimiter ("12." is 12, decimal, period;
 * "b)" 2, lower alpha, one parenthesis; "(c)" two); false for any other. */
static bool numbered(const char *s, lstyle *style, int *num, int *delim) {
  size_t n = strlen(s);
  bool open = n > 0 && s[0] == '(';
  const char *b = s + open;
  size_t len = n - open;
  if (len < 2) return false;
  char d = b[len - 1];
  if (open ? d != ')' : (d != '.' && d != ')')) return false;
  *delim = open ? 2 : d == ')' ? 1 : 0;
  len--;
  if (strspn(b, "0123456789") == len && len <= 6) {
    *style = L_DECIMAL;
    *num = atoi(b);
    return true;
  }
  if (len == 1 && b[0] >= 'a' && b[0] <= 'z') {
    *style = L_LOWER;
    *num = b[0] - 'a' + 1;
    return true;
  }
  if (len == 1 && b[0] >= 'A' && b[0] <= 'Z') {
    *style = L_UPPER;
    *num = b[0] - 'A' + 1;
    return true;
  }
  return false;
}

/* A bullet: one character that is no letter or digit (Word's "o" too). */
static bool bullet(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 4) return false;
  if (n > 1 && ((unsigned char)s[1] & 0xC0) != 0x80) return false; /* more than one character */
  if (strcmp(s, "o") == 0) return true;
  return !((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'));
}

static int level_of(const colette_node *item) {
  const char *l = colette_node_attr(item, COLETTE_ATTR_LEVEL);
  int v = l ? atoi(l) : 1;
  return v > 0 ? v : 1;
}

/* How a run of items (their labels) is written: an ordered list with its
 * start, style and delimiter, bullets, or labels kept as text. */
static lstyle list_style(const colette_node *const *top, size_t n, int *start, int *delim) {
  lstyle style = L_PLAIN, s;
  int num, d;
  for (size_t i = 0; i < n; i++) {
    if (!numbered(colette_node_attr(top[i], COLETTE_ATTR_LABEL)
                      ? colette_node_attr(top[i], COLETTE_ATTR_LABEL)
                      : "",
                  &s, &num, &d) ||
        (i > 0 && (s != style || d != *delim || num != *start + (int)i))) {
      style = L_PLAIN;
      break;
    }
    if (i == 0) {
      style = s;
      *start = num;
      *delim = d;
    }
  }
  if (style != L_PLAIN) return style;
  for (size_t i = 0; i < n; i++) {
    const char *l = colette_node_attr(top[i], COLETTE_ATTR_LABEL);
    if (!l || !bullet(l)) return L_PLAIN;
  }
  return n ? L_BULLET : L_PLAIN;
}

static void items(pw *p, const colette_node *const *v, size_t n);

/* One item's blocks: its text (Plain; with its label first in a plain
 * list), then the deeper items after it as a list of their own. */
static void item(pw *p, const colette_node *it, const colette_node *const *sub, size_t nsub,
                 bool label) {
  const char *l = colette_node_attr(it, COLETTE_ATTR_LABEL);
  wrap w = pandoc_dwrap(p, it, NULL, NULL, 0);
  pandoc_el(p, "Plain");
  jsonw_array(&p->w);
  if (label && l && *l) {
    pandoc_strz(p, l);
    pandoc_tag(p, "Space");
  }
  pandoc_inlines(p, it);
  jsonw_end_array(&p->w);
  pandoc_el_end(p);
  pandoc_wrap_end(p, w);
  if (nsub) items(p, sub, nsub);
}

/* Items v[0..n): those at the first one's level (or above) are this
 * list's; the deeper ones nest in the item before them. */
static void items(pw *p, const colette_node *const *v, size_t n) {
  int base = level_of(v[0]);
  const colette_node **top = malloc(n * sizeof *top);
  size_t *at = malloc(n * sizeof *at), ntop = 0;
  if (!top || !at) {
    free(top);
    free(at);
    if (p->st == COLETTE_OK) p->st = error_set(p->r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    return;
  }
  for (size_t i = 0; i < n; i++)
    if (i == 0 || level_of(v[i]) <= base) {
      top[ntop] = v[i];
      at[ntop++] = i;
    }
  int start = 1, delim = 0;
  lstyle style = list_style(top, ntop, &start, &delim);
  static const char *const STYLE[] = {NULL, NULL, "Decimal", "LowerAlpha", "UpperAlpha"};
  static const char *const DELIM[] = {"Period", "OneParen", "TwoParens"};
  if (style == L_PLAIN) {
    wrap w = pandoc_dwrap(p, NULL, "list", NULL, 0);
    for (size_t k = 0; k < ntop; k++) {
      size_t end = k + 1 < ntop ? at[k + 1] : n;
      kv kvs[] = {{"label", colette_node_attr(top[k], COLETTE_ATTR_LABEL)},
                  {"level", colette_node_attr(top[k], COLETTE_ATTR_LEVEL)}};
      wrap iw = pandoc_dwrap(p, NULL, "item", kvs, 2);
      item(p, top[k], v + at[k] + 1, end - at[k] - 1, true);
      pandoc_wrap_end(p, iw);
    }
    pandoc_wrap_end(p, w);
  } else {
    pandoc_el(p, style == L_BULLET ? "BulletList" : "OrderedList");
    if (style != L_BULLET) {
      jsonw_array(&p->w);
      jsonw_array(&p->w);
      jsonw_int(&p->w, start);
      pandoc_tag(p, STYLE[style]);
      pandoc_tag(p, DELIM[delim]);
      jsonw_end_array(&p->w);
    }
    jsonw_array(&p->w);
    for (size_t k = 0; k < ntop; k++) {
      size_t end = k + 1 < ntop ? at[k + 1] : n;
      jsonw_array(&p->w);
      item(p, top[k], v + at[k] + 1, end - at[k] - 1, false);
      jsonw_end_array(&p->w);
    }
    jsonw_end_array(&p->w);
    if (style != L_BULLET) jsonw_end_array(&p->w);
    pandoc_el_end(p);
  }
  free(top);
  free(at);
}

void pandoc_list(pw *p, const colette_node *l) {
  size_t n = 0;
  for (const colette_node *c = colette_node_first_child(l); c; c = colette_node_next(c))
    n++;
  if (!n) return;
  const colette_node **v = malloc(n * sizeof *v);
  if (!v) {
    if (p->st == COLETTE_OK) p->st = error_set(p->r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    return;
  }
  n = 0;
  for (const colette_node *c = colette_node_first_child(l); c; c = colette_node_next(c))
    v[n++] = c;
  items(p, v, n);
  free(v);
}

/* ---- tables --------------------------------------------------------------------------------- */

static int span_of(const colette_node *cell, colette_attr a) {
  const char *s = colette_node_attr(cell, a);
  int v = s ? atoi(s) : 1;
  return v > 0 ? v : 1;
}

/* The table's width in columns, its cells placed as the row and column
 * spans say (a cell spanning rows takes its columns in the rows below). */
static int columns(pw *p, const colette_node *t) {
  size_t nrows = 0;
  for (const colette_node *r = colette_node_first_child(t); r; r = colette_node_next(r))
    nrows++;
  int width = 0, cap = 0;
  int *busy = NULL; /* per column: rows it is still taken for */
  for (const colette_node *r = colette_node_first_child(t); r; r = colette_node_next(r)) {
    int col = 0;
    for (const colette_node *c = colette_node_first_child(r); c; c = colette_node_next(c)) {
      while (col < cap && busy[col] > 0)
        col++;
      int cs = span_of(c, COLETTE_ATTR_COLSPAN), rs = span_of(c, COLETTE_ATTR_ROWSPAN);
      if (cs > 1000) cs = 1000;
      if ((size_t)rs > nrows) rs = (int)nrows;
      if (col + cs > cap) {
        int ncap = col + cs + 8;
        int *nb = realloc(busy, (size_t)ncap * sizeof *nb);
        if (!nb) {
          free(busy);
          if (p->st == COLETTE_OK)
            p->st = error_set(p->r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
          return width;
        }
        memset(nb + cap, 0, (size_t)(ncap - cap) * sizeof *nb);
        busy = nb;
        cap = ncap;
      }
      for (int k = 0; k < cs; k++)
        busy[col + k] = rs; /* counted down after this row */
      col += cs;
      if (col > width) width = col;
    }
    for (int k = 0; k < cap; k++)
      if (busy[k] > 0) busy[k]--;
  }
  free(busy);
  return width;
}

static void cell(pw *p, const colette_node *c) {
  jsonw_array(&p->w);
  pandoc_attr(p, "", NULL, NULL, 0, NULL);
  pandoc_tag(p, "AlignDefault");
  jsonw_int(&p->w, span_of(c, COLETTE_ATTR_ROWSPAN));
  jsonw_int(&p->w, span_of(c, COLETTE_ATTR_COLSPAN));
  jsonw_array(&p->w);
  const colette_node *only = colette_node_first_child(c);
  if (only && !colette_node_next(only) && colette_node_get_type(only) == COLETTE_NODE_PARAGRAPH &&
      !pandoc_foreign(p, only))
    pandoc_para(p, "Plain", only); /* one paragraph: plain text, as pandoc's readers make it */
  else
    pandoc_blocks(p, c);
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
}

static void row(pw *p, const colette_node *r) {
  jsonw_array(&p->w);
  pandoc_attr(p, "", NULL, NULL, 0, NULL);
  jsonw_array(&p->w);
  for (const colette_node *c = colette_node_first_child(r); c; c = colette_node_next(c))
    cell(p, c);
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
}

static bool header_row(const colette_node *r) {
  const char *h = colette_node_attr(r, COLETTE_ATTR_HEADER);
  return h && strcmp(h, "true") == 0;
}

/* Table attr caption colspecs head bodies foot: the header rows that begin
 * the table as its head, the other rows one body. */
void pandoc_table(pw *p, const colette_node *t) {
  int ncols = columns(p, t);
  const colette_node *first_body = colette_node_first_child(t);
  while (first_body && header_row(first_body))
    first_body = colette_node_next(first_body);
  pandoc_el(p, "Table");
  jsonw_array(&p->w);
  pandoc_attr(p, "", NULL, NULL, 0, NULL);
  jsonw_array(&p->w); /* caption: no short caption, no blocks */
  jsonw_null(&p->w);
  jsonw_array(&p->w);
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
  jsonw_array(&p->w);
  for (int i = 0; i < ncols; i++) {
    jsonw_array(&p->w);
    pandoc_tag(p, "AlignDefault");
    pandoc_tag(p, "ColWidthDefault");
    jsonw_end_array(&p->w);
  }
  jsonw_end_array(&p->w);
  jsonw_array(&p->w); /* head */
  pandoc_attr(p, "", NULL, NULL, 0, NULL);
  jsonw_array(&p->w);
  for (const colette_node *r = colette_node_first_child(t); r != first_body;
       r = colette_node_next(r))
    row(p, r);
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
  jsonw_array(&p->w); /* bodies */
  if (first_body) {
    jsonw_array(&p->w);
    pandoc_attr(p, "", NULL, NULL, 0, NULL);
    jsonw_int(&p->w, 0); /* row head columns */
    jsonw_array(&p->w);  /* intermediate head rows */
    jsonw_end_array(&p->w);
    jsonw_array(&p->w);
    for (const colette_node *r = first_body; r; r = colette_node_next(r))
      row(p, r);
    jsonw_end_array(&p->w);
    jsonw_end_array(&p->w);
  }
  jsonw_end_array(&p->w);
  jsonw_array(&p->w); /* foot */
  pandoc_attr(p, "", NULL, NULL, 0, NULL);
  jsonw_array(&p->w);
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
  pandoc_el_end(p);
}
