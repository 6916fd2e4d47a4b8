/*
 * align.c: the text units of one part of two versions, aligned in the
 * spirit of Gale–Church and hunalign's paragraph ladders: a dynamic
 * programme over the two sequences, where a unit is matched with one of
 * the other (1:1) or skipped (1:0, 0:1), at a cost from what the two share:
 * the catalogue formula they matched (an anchor: the same formula is the
 * same sentence), their typed values (dates, addresses, numbers: the same
 * in every language), list labels, and their lengths (a translation keeps
 * roughly the length of its source, a Chinese character weighing a few
 * letters).  A band around the diagonal keeps it linear in the units.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

#define BAND 60     /* units either side of the diagonal */
#define GAP 1.2     /* the cost of a unit that is in one version only */
#define INF 1e18

/* How alike two sorted value lists are: |A ∩ B| / |A ∪ B|, 1 if both empty. */
static double jaccard(const unit *a, const unit *b) {
  if (!a->nvalues && !b->nvalues) return 1;
  size_t i = 0, j = 0, both = 0;
  while (i < a->nvalues && j < b->nvalues) {
    int c = strcmp(a->values[i], b->values[j]);
    if (c == 0) {
      both++;
      i++;
      j++;
    } else if (c < 0) {
      i++;
    } else {
      j++;
    }
  }
  return (double)both / (double)(a->nvalues + b->nvalues - both);
}

static const char *label_of(const unit *u) {
  return colette_node_get_type(u->node) == COLETTE_NODE_ITEM
             ? colette_node_attr(u->node, COLETTE_ATTR_LABEL)
             : NULL;
}

/* The cost of matching a with b: low when they share a formula, a label,
 * their values and their length; above two gaps when they share nothing
 * but one has values (a paragraph with a date is never another's). */
static double cost(const unit *a, const unit *b) {
  double c = 0;
  if (colette_node_get_type(a->node) != colette_node_get_type(b->node)) c += 1.0;
  if (a->formula && b->formula) c += strcmp(a->formula, b->formula) == 0 ? -1.5 : 2.0;
  const char *la = label_of(a), *lb = label_of(b);
  if (la && lb && *la && *lb) c += strcmp(la, lb) == 0 ? -0.8 : 1.2;
  if (a->nvalues || b->nvalues) c += 3.0 * (1 - jaccard(a, b));
  double x = a->length + 1, y = b->length + 1;
  double r = fabs(log(x / y));
  c += 0.5 * (r > 3 ? 3 : r);
  return c;
}

colette_status align_units(const part *a, const part *b, long *pairs, bool *bmatched) {
  size_t n = a->nunits, m = b->nunits;
  for (size_t i = 0; i < n; i++)
    pairs[i] = -1;
  for (size_t j = 0; j < m; j++)
    bmatched[j] = false;
  if (!n || !m) return COLETTE_OK;
  /* d[i][j] over the band: row i keeps columns lo(i)..lo(i)+2*BAND */
  size_t w = 2 * BAND + 1;
  double *d = malloc((n + 1) * w * sizeof *d);
  unsigned char *how = malloc((n + 1) * w);
  if (!d || !how) {
    free(d);
    free(how);
    return COLETTE_ERR_NOMEM;
  }
#define LO(i) ((long)((double)(i) * (double)m / (double)n) - BAND)
#define AT(i, j) ((j) - LO(i) >= 0 && (j) - LO(i) < (long)w ? (size_t)(i) * w + (size_t)((j) - LO(i)) : (size_t)-1)
  for (size_t k = 0; k < (n + 1) * w; k++)
    d[k] = INF;
  size_t z = AT(0, 0);
  if (z != (size_t)-1) d[z] = 0;
  for (size_t i = 0; i <= n; i++) {
    for (long j = LO(i) < 0 ? 0 : LO(i); j <= (long)m && j < LO(i) + (long)w; j++) {
      size_t here = AT(i, j);
      if (here == (size_t)-1) continue;
      if (i == 0 && j == 0) continue;
      double best = INF;
      unsigned char step = 0;
      size_t p;
      if (i > 0 && j > 0 && (p = AT(i - 1, j - 1)) != (size_t)-1 && d[p] < INF) {
        double c = d[p] + cost(&a->units[i - 1], &b->units[j - 1]);
        if (c < best) best = c, step = 1;
      }
      if (i > 0 && (p = AT(i - 1, j)) != (size_t)-1 && d[p] < INF && d[p] + GAP < best)
        best = d[p] + GAP, step = 2;
      if (j > 0 && (p = AT(i, j - 1)) != (size_t)-1 && d[p] < INF && d[p] + GAP < best)
        best = d[p] + GAP, step = 3;
      d[here] = best;
      how[here] = step;
    }
  }
  /* back from the end */
  long i = (long)n, j = (long)m;
  if (AT(i, j) == (size_t)-1 || d[AT(i, j)] >= INF) { /* outside the band: no alignment */
    free(d);
    free(how);
    return COLETTE_OK;
  }
  while (i > 0 || j > 0) {
    size_t here = AT(i, j);
    if (here == (size_t)-1) break;
    unsigned char s = how[here];
    if (s == 1) {
      pairs[i - 1] = j - 1;
      bmatched[j - 1] = true;
      i--, j--;
    } else if (s == 2) {
      i--;
    } else if (s == 3) {
      j--;
    } else {
      break;
    }
  }
#undef AT
#undef LO
  free(d);
  free(how);
  return COLETTE_OK;
}
