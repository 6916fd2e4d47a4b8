/*
 * text_table.c: tables in the plain-text rendering (text.c).
 *
 * A table is laid out on a grid of places, each owned by the cell that
 * spans it.  Each cell's content is first laid out at a width nothing
 * reaches, recording nothing, to learn its narrowest width (its longest
 * unbreakable piece) and its natural one.  The columns start at their
 * cells' narrowest; the room left goes, again and again, to the row that
 * one line fewer costs the fewest columns, then to the cells nearest their
 * natural width; when even the narrowest do not fit, they are cut to a
 * common cap and their words broken between characters.  The cells are
 * then laid out at their areas' widths and drawn with ASCII borders (text.c
 * says why not box drawing); a table that cannot be drawn within the width
 * is written cell after cell.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_impl.h"

#define WIDE 32768u         /* the width cells are measured at */
#define MAX_SPAN 1000u      /* colspan and rowspan taken at most */
#define MAX_GRID (1u << 22) /* places in a table drawn as a grid */
#define CUT_MIN 6u          /* the narrowest a column with words cut to fit may be */

typedef struct tcell {
  const colette_node *n; /* NULL: a place no cell fills */
  unsigned r, c, rs, cs;
  unsigned mn, mx; /* the narrowest and the natural width of its content */
  buf text;        /* its lines, at its width */
  size_t *line;    /* where each starts */
  unsigned nlines;
} tcell;

typedef struct grid {
  tcell *cell;
  size_t ncell, capcell;
  unsigned rows, cols, pad;
  size_t *own; /* rows × cols: the cell at each place */
  unsigned *w, *h, *top;
  bool *header;
} grid;

#define NOBODY SIZE_MAX

static unsigned span_of(const colette_node *n, colette_attr a) {
  const char *v = colette_node_attr(n, a);
  long x = v ? strtol(v, NULL, 10) : 1;
  return x < 1 ? 1 : x > (long)MAX_SPAN ? MAX_SPAN : (unsigned)x;
}

static void grid_free(grid *g) {
  for (size_t i = 0; i < g->ncell; i++) {
    buf_free(&g->cell[i].text);
    free(g->cell[i].line);
  }
  free(g->cell);
  free(g->own);
  free(g->w);
  free(g->h);
  free(g->top);
  free(g->header);
}

static tcell *new_cell(grid *g) {
  if (g->ncell == g->capcell) {
    size_t cap = g->capcell ? g->capcell * 2 : 16;
    tcell *v = realloc(g->cell, cap * sizeof *v);
    if (!v) return NULL;
    g->cell = v;
    g->capcell = cap;
  }
  tcell *c = &g->cell[g->ncell++];
  memset(c, 0, sizeof *c);
  return c;
}

/* The table's columns, placing its cells as place_cells() will; 0 when
 * they would be more than `most`. */
static unsigned count_columns(const colette_node *t, unsigned rows, unsigned most) {
  unsigned *until = calloc(most + 1, sizeof *until); /* each column busy up to this row */
  if (!until) return 0;
  unsigned cols = 0, r = 0;
  for (const colette_node *row = colette_node_first_child(t); row;
       row = colette_node_next(row), r++) {
    unsigned c = 0;
    for (const colette_node *cl = colette_node_first_child(row); cl; cl = colette_node_next(cl)) {
      while (c < most && until[c] > r)
        c++;
      unsigned cs = span_of(cl, COLETTE_ATTR_COLSPAN), rs = span_of(cl, COLETTE_ATTR_ROWSPAN);
      unsigned k = 0; /* a cell stops at a column a cell above still holds */
      while (k < cs && c + k < most && until[c + k] <= r)
        k++;
      if (k == 0 || (k < cs && c + k == most)) {
        free(until);
        return 0;
      }
      for (unsigned i = c; i < c + k; i++)
        until[i] = r + (rs < rows - r ? rs : rows - r);
      c += k;
    }
    if (c > cols) cols = c;
  }
  free(until);
  return cols;
}

/* Place every cell on the grid: each owns a rectangle of places, cut where
 * it would overlap one placed before; places no cell fills get an empty
 * one.  False when out of memory. */
static bool place_cells(const colette_node *t, grid *g) {
  size_t places = (size_t)g->rows * g->cols;
  if (!(g->own = malloc(places * sizeof *g->own)) ||
      !(g->header = calloc(g->rows, sizeof *g->header)))
    return false;
  for (size_t i = 0; i < places; i++)
    g->own[i] = NOBODY;
  unsigned r = 0, C = g->cols;
  for (const colette_node *row = colette_node_first_child(t); row;
       row = colette_node_next(row), r++) {
    const char *h = colette_node_attr(row, COLETTE_ATTR_HEADER);
    g->header[r] = h && strcmp(h, "true") == 0;
    unsigned c = 0;
    for (const colette_node *cl = colette_node_first_child(row); cl; cl = colette_node_next(cl)) {
      while (c < C && g->own[(size_t)r * C + c] != NOBODY)
        c++;
      if (c >= C) break; /* count_columns made room for every cell: not reached */
      unsigned cs = span_of(cl, COLETTE_ATTR_COLSPAN), rs = span_of(cl, COLETTE_ATTR_ROWSPAN);
      unsigned k = 0;
      while (k < cs && c + k < C && g->own[(size_t)r * C + c + k] == NOBODY)
        k++;
      if (rs > g->rows - r) rs = g->rows - r;
      tcell *x = new_cell(g);
      if (!x) return false;
      *x = (tcell){cl, r, c, rs, k, 0, 0, BUF_INIT, NULL, 0};
      for (unsigned i = r; i < r + rs; i++)
        for (unsigned j = c; j < c + k; j++)
          g->own[(size_t)i * C + j] = g->ncell - 1;
      c += k;
    }
  }
  for (size_t i = 0; i < places; i++)
    if (g->own[i] == NOBODY) {
      tcell *x = new_cell(g);
      if (!x) return false;
      *x = (tcell){NULL, (unsigned)(i / C), (unsigned)(i % C), 1, 1, 0, 0, BUF_INIT, NULL, 0};
      g->own[i] = g->ncell - 1;
    }
  return true;
}

/* A cell's blocks into its text at `width` (compact, as a cell holds them). */
static void cell_text(tw *w, tcell *x, unsigned width) {
  buf_clear(&x->text);
  lay in = {&x->text, width, true, false};
  text_blocks_from(w, colette_node_first_child(x->n), &in);
  text_check(w, &x->text);
}

/* The width a cell's area has: its columns and the borders between them. */
static unsigned area(const grid *g, const tcell *x) {
  unsigned a = (x->cs - 1) * (2 * g->pad + 1);
  for (unsigned j = x->c; j < x->c + x->cs; j++)
    a += g->w[j];
  return a;
}

/* Add `need` columns over w[c..c+cs), evenly. */
static void spread(unsigned *w, unsigned c, unsigned cs, unsigned need) {
  for (unsigned j = 0; j < cs; j++)
    w[c + j] += need / cs + (j < need % cs);
}

/* The narrowest width of each column, from the cells': one column's cells
 * first, then those over several, whose need is spread over their columns. */
static void column_needs(const grid *g, unsigned *mn) {
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < g->ncell; i++) {
      const tcell *x = &g->cell[i];
      if ((x->cs == 1) != (pass == 0)) continue;
      unsigned have = (x->cs - 1) * (2 * g->pad + 1);
      for (unsigned j = x->c; j < x->c + x->cs; j++)
        have += mn[j];
      if (x->mn > have) spread(mn, x->c, x->cs, x->mn - have);
    }
  for (unsigned j = 0; j < g->cols; j++)
    if (mn[j] < 1) mn[j] = 1;
}

typedef struct want {
  unsigned lack; /* columns it lacks for its natural width */
  size_t cell;
} want;

static int by_lack(const void *a, const void *b) {
  const want *x = a, *y = b;
  if (x->lack != y->lack) return x->lack < y->lack ? -1 : 1;
  return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/* What cell x lacks for its natural width at the present widths. */
static unsigned lack_of(const grid *g, const tcell *x) {
  unsigned a = area(g, x);
  return x->mx > a ? x->mx - a : 0;
}

/* Line counts of the cells that lack columns, by width, found by laying
 * them out (memo: 0 unknown), or estimated from their natural width when
 * the table is too large for that. */
typedef struct lines_memo {
  tw *w;
  unsigned top;   /* the widest area asked for */
  unsigned *memo; /* per cell of v: top + 1 counts */
} lines_memo;

static unsigned lines_at(lines_memo *m, size_t k, tcell *x, unsigned a) {
  if (a == 0) return x->mx;
  if (!m->memo || a > m->top) return (x->mx + a - 1) / a;
  unsigned *slot = &m->memo[k * (m->top + 1) + a];
  if (!*slot) {
    unsigned longest = m->w->longest;
    m->w->measuring++;
    cell_text(m->w, x, a);
    m->w->measuring--;
    m->w->longest = longest;
    unsigned n = 0;
    for (size_t i = 0; i < x->text.len; i++)
      n += x->text.data[i] == '\n';
    *slot = n ? n : 1;
  }
  return *slot;
}

/* The other cells of v (n of them, still lacking) over column j. */
static unsigned cover(const grid *g, const want *v, size_t n, const tcell *x, unsigned j) {
  unsigned k = 0;
  for (size_t i = 0; i < n; i++) {
    const tcell *y = &g->cell[v[i].cell];
    k += y != x && j >= y->c && j < y->c + y->cs && lack_of(g, y);
  }
  return k;
}

/* Give cell x up to `most` more columns; returns how many it took.  They
 * go to those of its columns the most other lacking cells of v are over
 * (a paragraph across the table widened where a heading above it also
 * needs it), evenly; a table too large for the count, evenly over all. */
static unsigned give(grid *g, const want *v, size_t n, const tcell *x, unsigned most) {
  unsigned k = lack_of(g, x);
  if (k > most) k = most;
  if (!k) return 0;
  unsigned top = 0, m = 0, cov[MAX_SPAN];
  if (v && (unsigned long long)x->cs * n <= 100000u) {
    for (unsigned j = 0; j < x->cs; j++) {
      cov[j] = cover(g, v, n, x, x->c + j);
      if (cov[j] > top) top = cov[j], m = 0;
      m += cov[j] == top;
    }
  }
  if (!top) {
    spread(g->w, x->c, x->cs, k);
    return k;
  }
  for (unsigned j = 0, i = 0; j < x->cs; j++)
    if (cov[j] == top) g->w[x->c + j] += k / m + (i++ < k % m);
  return k;
}

/* The columns, at their narrowest, given `extra` more, to make the table
 * short: a row is as tall as its tallest cell, so again and again the row
 * that takes one line fewer for the fewest columns gets them, its tallest
 * cells one line shorter each; then what is left goes to the cells
 * nearest their natural width, so that as many as can be are unbroken.
 * False when out of memory. */
static bool widen(tw *w, grid *g, unsigned extra) {
  want *v = malloc((g->ncell ? g->ncell : 1) * sizeof *v);
  unsigned *tall = calloc(g->rows, sizeof *tall), *need = calloc(g->rows, sizeof *need);
  unsigned *lines = NULL, *step = NULL;
  lines_memo m = {w, 0, NULL};
  bool ok = v && tall && need;
  size_t n = 0;
  unsigned long long text = 0;
  for (size_t i = 0; ok && i < g->ncell; i++)
    if (lack_of(g, &g->cell[i])) {
      v[n++] = (want){lack_of(g, &g->cell[i]), i};
      unsigned a = area(g, &g->cell[i]) + extra;
      if (a > m.top) m.top = a;
      text += g->cell[i].mx;
    }
  ok = ok && (lines = malloc((n ? n : 1) * sizeof *lines)) &&
       (step = malloc((n ? n : 1) * sizeof *step));
  /* laying cells out at each width they may take costs their text times the
   * widths: beyond a budget, the line counts are estimated */
  if (ok && text * extra <= 20000000u && (unsigned long long)n * (m.top + 1) <= 4000000u)
    m.memo = calloc(n * (m.top + 1), sizeof *m.memo);
  bool small = ok && (unsigned long long)(n + g->rows) * extra <= 10000000u;
  while (small && extra > 0 && w->st == COLETTE_OK) {
    for (size_t i = 0; i < n; i++) {
      tcell *x = &g->cell[v[i].cell];
      tall[x->r] = need[x->r] = 0;
      lines[i] = lines_at(&m, i, x, area(g, x));
    }
    for (size_t i = 0; i < n; i++) { /* cells over several rows have lines to spare */
      tcell *x = &g->cell[v[i].cell];
      if (x->rs == 1 && lines[i] > tall[x->r]) tall[x->r] = lines[i];
    }
    for (size_t i = 0; i < n; i++) { /* the columns each tallest cell needs for a line fewer */
      tcell *x = &g->cell[v[i].cell];
      step[i] = 0;
      if (x->rs != 1 || tall[x->r] < 2 || lines[i] != tall[x->r]) continue;
      unsigned a = area(g, x), d = 1;
      while (d <= extra && lines_at(&m, i, x, a + d) >= lines[i])
        d++;
      step[i] = d;
      need[x->r] = need[x->r] > UINT_MAX - d ? UINT_MAX : need[x->r] + d;
    }
    unsigned best = g->rows;
    for (size_t i = 0; i < n; i++) {
      unsigned r = g->cell[v[i].cell].r;
      if (tall[r] > 1 && need[r] <= extra &&
          (best == g->rows || need[r] < need[best] || (need[r] == need[best] && r < best)))
        best = r;
    }
    if (best == g->rows) break;
    for (size_t i = 0; i < n; i++)
      if (step[i] && g->cell[v[i].cell].r == best)
        extra -= give(g, v, n, &g->cell[v[i].cell], step[i]);
  }
  if (ok) {
    for (size_t i = 0; i < n; i++)
      v[i].lack = lack_of(g, &g->cell[v[i].cell]);
    qsort(v, n, sizeof *v, by_lack);
    for (size_t i = 0; i < n && extra > 0; i++)
      extra -= give(g, v, n, &g->cell[v[i].cell], extra);
  }
  free(v);
  free(tall);
  free(need);
  free(lines);
  free(step);
  free(m.memo);
  return ok;
}

/* Column widths (g->w) within `room_` columns of text: the narrowest
 * widened as far as the room goes; or, with `cut`, when even the
 * narrowest do not fit, the narrowest cut to the largest common cap that
 * fits, CUT_MIN columns at least, their text then broken between
 * characters.  False when that does not fit (or memory ran out: *oom). */
static bool fit_columns(tw *w, grid *g, const unsigned *mn, unsigned room_, bool cut, bool *oom) {
  unsigned C = g->cols;
  unsigned long smn = 0, least = 0;
  unsigned top = CUT_MIN;
  for (unsigned j = 0; j < C; j++) {
    smn += mn[j];
    least += mn[j] < CUT_MIN ? mn[j] : CUT_MIN;
    if (mn[j] > top) top = mn[j];
  }
  if (smn <= room_) {
    memcpy(g->w, mn, C * sizeof *mn);
    if (!widen(w, g, room_ - (unsigned)smn)) *oom = true;
    return !*oom;
  }
  if (!cut || least > room_) return false;
  unsigned lo = CUT_MIN, hi = top; /* the largest cap that fits, by bisection */
  while (lo < hi) {
    unsigned mid = lo + (hi - lo + 1) / 2;
    unsigned long sum = 0;
    for (unsigned j = 0; j < C; j++)
      sum += mn[j] < mid ? mn[j] : mid;
    if (sum <= room_)
      lo = mid;
    else
      hi = mid - 1;
  }
  for (unsigned j = 0; j < C; j++)
    g->w[j] = mn[j] < lo ? mn[j] : lo;
  return true;
}

/* Sized columns: with a space either side of each cell's text, else
 * without; words whole, else cut.  False when the table cannot be drawn;
 * *oom when memory ran out. */
static bool size_columns(tw *w, grid *g, unsigned width, bool *oom) {
  unsigned C = g->cols, *mn = malloc(C * sizeof *mn);
  g->w = calloc(C, sizeof *g->w);
  bool ok = false;
  if (!mn || !g->w) *oom = true;
  for (int k = 0; k < 4 && !ok && !*oom; k++) {
    g->pad = k % 2 == 0; /* padded and whole, bare and whole, padded and cut, bare and cut */
    unsigned borders = C * (2 * g->pad + 1) + 1;
    memset(mn, 0, C * sizeof *mn);
    column_needs(g, mn);
    ok = width >= borders + C && fit_columns(w, g, mn, width - borders, k >= 2, oom);
  }
  free(mn);
  return ok;
}

/* Row heights: each row as tall as its tallest cell; a cell over several
 * rows has their lines and the borders between them, the last row grown
 * when that is not enough. */
static bool row_heights(grid *g) {
  if (!(g->h = calloc(g->rows, sizeof *g->h)) || !(g->top = calloc(g->rows, sizeof *g->top)))
    return false;
  for (unsigned r = 0; r < g->rows; r++)
    g->h[r] = 1;
  for (size_t pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < g->ncell; i++) {
      tcell *x = &g->cell[i];
      if ((x->rs == 1) != (pass == 0)) continue;
      unsigned have = x->rs - 1;
      for (unsigned r = x->r; r < x->r + x->rs; r++)
        have += g->h[r];
      if (x->nlines > have) g->h[x->r + x->rs - 1] += x->nlines - have;
    }
  unsigned y = 1;
  for (unsigned r = 0; r < g->rows; r++) {
    g->top[r] = y;
    y += g->h[r] + 1;
  }
  return true;
}

static bool hseg(const grid *g, unsigned b, unsigned c) { /* a border over column c at b? */
  return b == 0 || b == g->rows ||
         g->own[(size_t)(b - 1) * g->cols + c] != g->own[(size_t)b * g->cols + c];
}

static bool vseg(const grid *g, unsigned r, unsigned c) { /* a border in row r at column edge c? */
  return c == 0 || c == g->cols ||
         g->own[(size_t)r * g->cols + c - 1] != g->own[(size_t)r * g->cols + c];
}

/* Where border b meets column edge c: a border line drawn with `fill`. */
static char junction(const grid *g, unsigned b, unsigned c, char fill) {
  bool h = (c > 0 && hseg(g, b, c - 1)) || (c < g->cols && hseg(g, b, c));
  bool v = (b > 0 && vseg(g, b - 1, c)) || (b < g->rows && vseg(g, b, c));
  return h && v ? '+' : h ? fill : v ? '|' : ' ';
}

/* Line y of the table's drawing, in cell x's area: its padding and text. */
static void cell_line(const grid *g, const tcell *x, unsigned y, buf *b) {
  unsigned k = y - g->top[x->r], used = 0;
  text_spaces(b, g->pad);
  if (k < x->nlines) {
    size_t a = x->line[k], e = k + 1 < x->nlines ? x->line[k + 1] - 1 : x->text.len - 1;
    buf_append(b, x->text.data + a, e - a);
    used = text_str_width(x->text.data, a, e);
  }
  unsigned full = area(g, x);
  text_spaces(b, (full > used ? full - used : 0) + g->pad);
}

/* The drawing, line after line. */
static void draw(const grid *g, buf *b) {
  unsigned C = g->cols;
  for (unsigned bd = 0; bd <= g->rows; bd++) {
    /* the border above row bd (below the last), crossed by cells over both rows */
    unsigned y = bd < g->rows ? g->top[bd] - 1 : g->top[g->rows - 1] + g->h[g->rows - 1];
    char fill = bd > 0 && bd < g->rows && g->header[bd - 1] && !g->header[bd] ? '=' : '-';
    for (unsigned c = 0; c < C;) {
      buf_putc(b, junction(g, bd, c, fill));
      if (hseg(g, bd, c)) {
        text_repeat(b, fill, g->w[c] + 2 * g->pad);
        c++;
      } else {
        const tcell *x = &g->cell[g->own[(size_t)bd * C + c]];
        cell_line(g, x, y, b);
        c = x->c + x->cs;
      }
    }
    buf_putc(b, junction(g, bd, C, fill));
    buf_putc(b, '\n');
    if (bd == g->rows) break;
    for (unsigned k = 0; k < g->h[bd]; k++) {
      for (unsigned c = 0; c < C;) {
        const tcell *x = &g->cell[g->own[(size_t)bd * C + c]];
        buf_putc(b, '|');
        cell_line(g, x, g->top[bd] + k, b);
        c = x->c + x->cs;
      }
      buf_puts(b, "|\n");
    }
  }
}

/* Where each line of a cell's text starts. */
static bool index_lines(tcell *x) {
  x->nlines = 0;
  for (size_t i = 0; i < x->text.len; i++)
    x->nlines += x->text.data[i] == '\n';
  if (!x->nlines) return true;
  if (!(x->line = malloc(x->nlines * sizeof *x->line))) return false;
  unsigned k = 0;
  x->line[k++] = 0;
  for (size_t i = 0; i + 1 < x->text.len; i++)
    if (x->text.data[i] == '\n') x->line[k++] = i + 1;
  return true;
}

/* A table too wide to draw: its cells one after another, a blank line
 * between rows. */
static void table_linear(tw *w, const colette_node *t, lay *o) {
  for (const colette_node *row = colette_node_first_child(t); row && w->st == COLETTE_OK;
       row = colette_node_next(row)) {
    lay in = *o;
    in.compact = true;
    in.any = false;
    blk k = text_begin(o, true);
    for (const colette_node *cl = colette_node_first_child(row); cl; cl = colette_node_next(cl))
      text_blocks_from(w, colette_node_first_child(cl), &in);
    text_end(o, k);
  }
}

/* Each real cell's narrowest and natural widths: its text laid out at a
 * width nothing reaches, recording nothing (notes, URLs) as it goes. */
static void measure_cells(tw *w, grid *g) {
  unsigned outer = w->longest; /* a table in a cell being measured: that cell's */
  w->measuring++;
  for (size_t i = 0; i < g->ncell && w->st == COLETTE_OK; i++) {
    tcell *x = &g->cell[i];
    if (!x->n) continue;
    w->longest = 0;
    cell_text(w, x, WIDE);
    x->mx = text_widest(x->text.data ? x->text.data : "", x->text.len);
    x->mn = w->longest < x->mx ? w->longest : x->mx;
    if (x->mn > outer) outer = x->mn;
  }
  w->measuring--;
  w->longest = outer;
}

/* The table as a grid: false when it cannot be drawn in o's width. */
static bool table_grid(tw *w, const colette_node *t, lay *o, grid *g) {
  unsigned most = (o->width - 1) / 2; /* one column of text and a border each */
  g->cols = count_columns(t, g->rows, most);
  if (!g->cols || (size_t)g->rows * g->cols > MAX_GRID) return false;
  bool oom = false;
  if (!place_cells(t, g)) {
    text_nomem(w);
    return true;
  }
  measure_cells(w, g);
  if (w->st != COLETTE_OK) return true;
  if (!size_columns(w, g, o->width, &oom)) {
    if (oom) text_nomem(w);
    return oom;
  }
  for (size_t i = 0; i < g->ncell && w->st == COLETTE_OK; i++) {
    tcell *x = &g->cell[i];
    if (!x->n) continue;
    cell_text(w, x, area(g, x));
    if (!index_lines(x)) text_nomem(w);
  }
  if (w->st == COLETTE_OK && !row_heights(g)) text_nomem(w);
  if (w->st != COLETTE_OK) return true;
  blk k = text_begin(o, !o->compact);
  draw(g, o->b);
  text_end(o, k);
  return true;
}

/* A table: drawn as a grid within the width, or else cell after cell. */
void text_table(tw *w, const colette_node *t, lay *o) {
  grid g;
  memset(&g, 0, sizeof g);
  for (const colette_node *row = colette_node_first_child(t); row; row = colette_node_next(row))
    g.rows++;
  if (g.rows && !table_grid(w, t, o, &g)) table_linear(w, t, o);
  grid_free(&g);
}
