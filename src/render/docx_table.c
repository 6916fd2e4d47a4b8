/*
 * docx_table.c: tables in colette-render's DOCX writer (docx.c): the
 * letter's tables with their column widths, header rows and merged cells
 * (placed on a grid first), and the table, row and cell openings the
 * borderless layout tables of the head and the deadlines use.
 */
#include "docx_impl.h"

/* Open a table of ncols columns of the widths given; a layout table has no borders. */
void docx_tbl_open(dx *d, const int *widths, size_t ncols, bool layout) {
  long total = 0;
  for (size_t i = 0; i < ncols; i++)
    total += widths[i];
  el(d, "w:tbl");
  el(d, "w:tblPr");
  val(d, "w:tblStyle", layout ? "LayoutTable" : "TableGrid");
  el(d, "w:tblW");
  ati(d, "w:w", total);
  at(d, "w:type", "dxa");
  end(d);
  el(d, "w:tblLayout");
  at(d, "w:type", "fixed");
  end(d);
  el(d, "w:tblLook");
  at(d, "w:val", "04A0");
  at(d, "w:firstRow", layout ? "0" : "1");
  at(d, "w:lastRow", "0");
  at(d, "w:firstColumn", "0");
  at(d, "w:lastColumn", "0");
  at(d, "w:noHBand", "0");
  at(d, "w:noVBand", "1");
  end(d);
  end(d);
  el(d, "w:tblGrid");
  for (size_t i = 0; i < ncols; i++) {
    el(d, "w:gridCol");
    ati(d, "w:w", widths[i]);
    end(d);
  }
  end(d);
}

void docx_tbl_close(dx *d) {
  end(d);
  d->now.last = 't';
}

/* Open a row; `after` grid columns left empty at its end (w:gridAfter). */
void docx_row_open(dx *d, bool header, int after, long after_w) {
  el(d, "w:tr");
  if (header || after > 0) {
    el(d, "w:trPr");
    if (after > 0) {
      vali(d, "w:gridAfter", after);
      el(d, "w:wAfter");
      ati(d, "w:w", after_w);
      at(d, "w:type", "dxa");
      end(d);
    }
    if (header) flag(d, "w:tblHeader");
    end(d);
  }
}

void docx_cell_open(dx *d, long width, int span, int vmerge) {
  el(d, "w:tc");
  el(d, "w:tcPr");
  el(d, "w:tcW");
  ati(d, "w:w", width);
  at(d, "w:type", "dxa");
  end(d);
  if (span > 1) vali(d, "w:gridSpan", span);
  if (vmerge == VM_RESTART) val(d, "w:vMerge", "restart");
  if (vmerge == VM_CONTINUE) flag(d, "w:vMerge");
  end(d);
  d->now.last = 0;
}

/* Close a cell, which must end with a paragraph. */
void docx_cell_close(dx *d) {
  if (d->now.last != 'p') {
    docx_para_open(d, PP(0), NULL);
    docx_para_close(d);
  }
  end(d);
}

/* One position of a table's grid in a row: a cell of the letter, the
 * continuation of one above that spans rows, or a filler. */
typedef struct slot {
  const colette_node *cell;
  int col, span, vmerge;
} slot;

typedef struct grid {
  slot *slots;
  size_t n, cap;
  size_t *row_start; /* rows + 1 */
  int *row_end;      /* the grid column each row ends at */
  int cols;
} grid;

static void grid_free(grid *g) {
  free(g->slots);
  free(g->row_start);
  free(g->row_end);
}

int docx_attr_int(const colette_node *n, colette_attr a, int lo, int hi) {
  const char *v = colette_node_attr(n, a);
  long x = v ? strtol(v, NULL, 10) : lo;
  return x < lo ? lo : x > hi ? hi : (int)x;
}

/* Lay a table's cells on a grid: each cell at the first column its row
 * leaves free, those above that span rows down taking theirs. */
static bool grid_make(dx *d, const colette_node *t, grid *g) {
  memset(g, 0, sizeof *g);
  size_t rows = 0;
  for (const colette_node *r = colette_node_first_child(t); r; r = colette_node_next(r))
    rows += colette_node_get_type(r) == COLETTE_NODE_ROW;
  g->row_start = calloc(rows + 1, sizeof *g->row_start);
  g->row_end = calloc(rows + 1, sizeof *g->row_end);
  int cap = 64;
  int *cover = calloc((size_t)cap, sizeof *cover), *cspan = calloc((size_t)cap, sizeof *cspan);
  int *fresh = calloc((size_t)cap, sizeof *fresh), *fspan = calloc((size_t)cap, sizeof *fspan);
  bool *cont = calloc((size_t)cap, sizeof *cont);
  bool good = g->row_start && g->row_end && cover && cspan && fresh && fspan && cont;
  size_t ri = 0;
#define SLOT(c, col_, span_, vm)                                                                   \
  do {                                                                                             \
    if (!grow(d, (void **)&g->slots, &g->cap, g->n, sizeof *g->slots)) {                           \
      good = false;                                                                                \
      break;                                                                                       \
    }                                                                                              \
    g->slots[g->n++] = (slot){c, col_, span_, vm};                                                 \
  } while (0)
  for (const colette_node *r = colette_node_first_child(t); r && good; r = colette_node_next(r)) {
    if (colette_node_get_type(r) != COLETTE_NODE_ROW) continue;
    g->row_start[ri] = g->n;
    memset(cont, 0, (size_t)cap * sizeof *cont);
    memset(fresh, 0, (size_t)cap * sizeof *fresh);
    int col = 0;
    for (const colette_node *c = colette_node_first_child(r); c && good; c = colette_node_next(c)) {
      if (colette_node_get_type(c) != COLETTE_NODE_CELL) continue;
      while (col < cap && cover[col] > 0 && good) {
        SLOT(NULL, col, cspan[col], VM_CONTINUE);
        cont[col] = true;
        col += cspan[col];
      }
      int cs = docx_attr_int(c, COLETTE_ATTR_COLSPAN, 1, 63);
      int rs = docx_attr_int(c, COLETTE_ATTR_ROWSPAN, 1, (int)rows);
      if (col + cs > cap) { /* wider than any letter's table: the cell is cut */
        cs = cap - col;
        if (cs <= 0) break;
      }
      SLOT(c, col, cs, rs > 1 ? VM_RESTART : VM_NONE);
      if (rs > 1) {
        fresh[col] = rs - 1;
        fspan[col] = cs;
      }
      col += cs;
    }
    /* the rows spanning down past the row's last cell, with fillers between */
    for (int k = col; k < cap && good;) {
      if (cover[k] > 0) {
        SLOT(NULL, k, cspan[k], VM_CONTINUE);
        cont[k] = true;
        k += cspan[k];
        col = k;
        continue;
      }
      int next = k;
      while (next < cap && cover[next] <= 0)
        next++;
      if (next >= cap) break;
      SLOT(NULL, k, next - k, VM_NONE);
      k = next;
    }
    if (g->n == g->row_start[ri] && good) { /* Word wants a cell in every row */
      SLOT(NULL, 0, 1, VM_NONE);
      col = 1;
    }
    g->row_end[ri] = col;
    if (col > g->cols) g->cols = col;
    for (int k = 0; k < cap; k++) {
      cover[k] = cover[k] > 0 && cont[k] ? cover[k] - 1 : 0;
      if (fresh[k] > 0) {
        cover[k] = fresh[k];
        cspan[k] = fspan[k];
      }
    }
    ri++;
  }
#undef SLOT
  if (g->row_start) g->row_start[ri] = g->n;
  free(cover);
  free(cspan);
  free(fresh);
  free(fspan);
  free(cont);
  if (!good) {
    nomem(d);
    grid_free(g);
    return false;
  }
  return true;
}

/* A table of the letter, its merged cells as w:gridSpan and w:vMerge. */
void docx_table(dx *d, const colette_node *t) {
  grid g;
  if (!grid_make(d, t, &g)) return;
  if (g.cols == 0) {
    grid_free(&g);
    return;
  }
  int *widths = malloc((size_t)g.cols * sizeof *widths);
  if (!widths) {
    nomem(d);
    grid_free(&g);
    return;
  }
  for (int i = 0; i < g.cols; i++)
    widths[i] = TEXT_W / g.cols;
  docx_tbl_open(d, widths, (size_t)g.cols, false);
  size_t ri = 0;
  for (const colette_node *r = colette_node_first_child(t); r && d->st == COLETTE_OK;
       r = colette_node_next(r)) {
    if (colette_node_get_type(r) != COLETTE_NODE_ROW) continue;
    const char *h = colette_node_attr(r, COLETTE_ATTR_HEADER);
    int after = g.cols - g.row_end[ri];
    docx_row_open(d, h && strcmp(h, "true") == 0, after, (long)after * widths[0]);
    for (size_t i = g.row_start[ri]; i < g.row_start[ri + 1]; i++) {
      const slot *s = &g.slots[i];
      docx_cell_open(d, (long)s->span * widths[0], s->span, s->vmerge);
      if (s->cell) docx_blocks(d, s->cell);
      docx_cell_close(d);
    }
    end(d);
    ri++;
  }
  docx_tbl_close(d);
  free(widths);
  grid_free(&g);
}
