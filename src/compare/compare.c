/*
 * compare.c: language versions of one letter compared fact by fact
 * (colette_compare).  Every version is compared with the first: keyed
 * facts as multisets of values (a value in one version and not the other
 * is a difference; two of one key are paired in order); the units of each
 * part (the body, each annex both have) aligned, and the typed values of
 * aligned units compared by type; a unit that aligns with nothing is
 * missing from the other version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "compare.h"

#define MISSING_MIN 24 /* display length of the shortest unit reported missing */

/* ---- the differences ----------------------------------------------------------------------- */

diff *diff_add(colette_diff *ds, const char *kind, const char *key) {
  if (ds->n == ds->cap) {
    size_t cap = ds->cap ? ds->cap * 2 : 16;
    diff *v = realloc(ds->d, cap * sizeof *v);
    if (!v) return NULL;
    ds->d = v;
    ds->cap = cap;
  }
  diff *d = &ds->d[ds->n];
  d->kind = strdup(kind);
  d->key = strdup(key);
  d->sides = calloc(ds->nversions, sizeof *d->sides);
  if (!d->kind || !d->key || !d->sides) {
    free(d->kind);
    free(d->key);
    free(d->sides);
    return NULL;
  }
  ds->n++;
  return d;
}

void diff_side_set(diff *d, size_t version, const char *path, const char *value) {
  d->sides[version].path = path ? strdup(path) : NULL;
  d->sides[version].value = value ? strdup(value) : NULL;
}

void colette_diff_free(colette_diff *ds) {
  if (!ds) return;
  for (size_t i = 0; i < ds->n; i++) {
    for (size_t v = 0; v < ds->nversions; v++) {
      free(ds->d[i].sides[v].path);
      free(ds->d[i].sides[v].value);
    }
    free(ds->d[i].sides);
    free(ds->d[i].kind);
    free(ds->d[i].key);
  }
  free(ds->d);
  view_free(ds);
  for (size_t v = 0; ds->names && v < ds->nversions; v++)
    free(ds->names[v]);
  free(ds->names);
  free(ds);
}

size_t colette_diff_count(const colette_diff *ds) { return ds ? ds->n : 0; }
size_t colette_diff_versions(const colette_diff *ds) { return ds ? ds->nversions : 0; }
const char *colette_diff_version_name(const colette_diff *ds, size_t v) {
  return ds && v < ds->nversions ? ds->names[v] : NULL;
}
const char *colette_diff_kind(const colette_diff *ds, size_t i) {
  return ds && i < ds->n ? ds->d[i].kind : NULL;
}
const char *colette_diff_key(const colette_diff *ds, size_t i) {
  return ds && i < ds->n ? ds->d[i].key : NULL;
}
const char *colette_diff_path(const colette_diff *ds, size_t i, size_t v) {
  return ds && i < ds->n && v < ds->nversions ? ds->d[i].sides[v].path : NULL;
}
const char *colette_diff_value(const colette_diff *ds, size_t i, size_t v) {
  return ds && i < ds->n && v < ds->nversions ? ds->d[i].sides[v].value : NULL;
}

/* ---- keyed facts ------------------------------------------------------------------------------
 */

static const char *kind_of_key(const char *key) {
  static const struct {
    const char *prefix, *kind;
  } K[] = {
      {"head.date", "date"},        {"head.reference", "reference"}, {"head.file-ref", "file-ref"},
      {"head.contact.", "contact"}, {"head.addressee", "addressee"}, {"meeting.", "meeting"},
      {"deadline.", "deadline"},    {"signatory.", "signatory"},     {"enclosure.", "enclosure"}};
  for (size_t i = 0; i < sizeof K / sizeof *K; i++)
    if (strncmp(key, K[i].prefix, strlen(K[i].prefix)) == 0) return K[i].kind;
  return "fact";
}

static bool annex_in(const facts *x, const char *id) {
  for (size_t i = 0; i < x->nf; i++)
    if (strcmp(x->f[i].key, "annex") == 0 && strcmp(x->f[i].value, id) == 0) return true;
  return false;
}

/* An item or table fact of an annex the other version lacks: the missing
 * annex says it already. */
static bool of_missing_annex(const fact *f, const facts *other) {
  return f->annex && strcmp(f->key, "annex") != 0 && !annex_in(other, f->annex);
}

/* A fact's kind: by its key, or for an annex's own facts by what follows
 * the annex's label in it (an id may hold any word). */
static const char *kind_of(const fact *f) {
  if (!f->annex) return kind_of_key(f->key);
  if (strcmp(f->key, "annex") == 0) return "annex";
  size_t n = strlen(f->annex);
  return strncmp(f->key + 6 + n, " item", 5) == 0 ? "item" : "table";
}

static bool compare_facts(colette_diff *ds, const facts *a, const facts *b, size_t vb) {
  size_t na = a->nf, nb = b->nf;
  bool *useda = calloc(na ? na : 1, 1), *usedb = calloc(nb ? nb : 1, 1);
  if (!useda || !usedb) {
    free(useda);
    free(usedb);
    return false;
  }
  /* the same key and value in both: agreed */
  for (size_t i = 0; i < na; i++)
    for (size_t j = 0; j < nb; j++)
      if (!usedb[j] && strcmp(a->f[i].key, b->f[j].key) == 0 &&
          strcmp(a->f[i].value, b->f[j].value) == 0) {
        useda[i] = usedb[j] = true;
        break;
      }
  bool ok = true;
  /* what is left: paired by key in order, else alone */
  for (size_t i = 0; i < na && ok; i++) {
    if (useda[i] || of_missing_annex(&a->f[i], b)) continue;
    size_t j = 0;
    while (j < nb && (usedb[j] || strcmp(a->f[i].key, b->f[j].key) != 0))
      j++;
    diff *d = diff_add(ds, kind_of(&a->f[i]), a->f[i].key);
    if (!d) {
      ok = false;
      break;
    }
    diff_side_set(d, 0, a->f[i].path, a->f[i].value);
    if (j < nb) {
      diff_side_set(d, vb, b->f[j].path, b->f[j].value);
      usedb[j] = true;
    }
  }
  for (size_t j = 0; j < nb && ok; j++) {
    if (usedb[j] || of_missing_annex(&b->f[j], a)) continue;
    diff *d = diff_add(ds, kind_of(&b->f[j]), b->f[j].key);
    if (!d) {
      ok = false;
      break;
    }
    diff_side_set(d, vb, b->f[j].path, b->f[j].value);
  }
  free(useda);
  free(usedb);
  return ok;
}

/* ---- units --------------------------------------------------------------------------------- */

static size_t type_len(const char *v) { return strcspn(v, ":"); }

/* The typed values of two aligned units, compared by type. */
static bool compare_values(colette_diff *ds, const unit *ua, const unit *ub, size_t vb) {
  size_t i = 0, j = 0;
  const char **onlya = malloc((ua->nvalues + 1) * sizeof *onlya);
  const char **onlyb = malloc((ub->nvalues + 1) * sizeof *onlyb);
  size_t na = 0, nb = 0;
  if (!onlya || !onlyb) {
    free(onlya);
    free(onlyb);
    return false;
  }
  while (i < ua->nvalues || j < ub->nvalues) { /* both lists are sorted */
    int c = i >= ua->nvalues ? 1 : j >= ub->nvalues ? -1 : strcmp(ua->values[i], ub->values[j]);
    if (c == 0)
      i++, j++;
    else if (c < 0)
      onlya[na++] = ua->values[i++];
    else
      onlyb[nb++] = ub->values[j++];
  }
  bool ok = true;
  bool *tookb = calloc(nb + 1, 1);
  if (!tookb) ok = false;
  for (size_t x = 0; x < na && ok; x++) {
    size_t y = 0; /* a value of the same type on the other side: changed */
    while (y < nb && (tookb[y] || type_len(onlyb[y]) != type_len(onlya[x]) ||
                      strncmp(onlyb[y], onlya[x], type_len(onlya[x])) != 0))
      y++;
    char key[64];
    snprintf(key, sizeof key, "value.%.*s", (int)type_len(onlya[x]), onlya[x]);
    diff *d = diff_add(ds, "value", key);
    if (!d) {
      ok = false;
      break;
    }
    diff_side_set(d, 0, ua->path, onlya[x] + type_len(onlya[x]) + 1);
    if (y < nb) {
      tookb[y] = true;
      diff_side_set(d, vb, ub->path, onlyb[y] + type_len(onlyb[y]) + 1);
    } else {
      diff_side_set(d, vb, ub->path, NULL);
    }
  }
  for (size_t y = 0; y < nb && ok; y++) {
    if (tookb[y]) continue;
    char key[64];
    snprintf(key, sizeof key, "value.%.*s", (int)type_len(onlyb[y]), onlyb[y]);
    diff *d = diff_add(ds, "value", key);
    if (!d) {
      ok = false;
      break;
    }
    diff_side_set(d, 0, ua->path, NULL);
    diff_side_set(d, vb, ub->path, onlyb[y] + type_len(onlyb[y]) + 1);
  }
  free(tookb);
  free(onlya);
  free(onlyb);
  return ok;
}

/* A unit that aligns with nothing in the other version.  An item is not
 * reported here: the annex's item facts (labels by level) say it. */
static bool missing(colette_diff *ds, const unit *u, size_t v) {
  if (colette_node_get_type(u->node) == COLETTE_NODE_ITEM) return true;
  /* a short line with no value and no formula ("Agenda items" over a
   * table's column) is presentation, which versions may lay out apart */
  bool heading = u->formula && strncmp(u->formula, "heading.", 8) == 0;
  if (!u->nvalues && (!u->formula || heading) && u->length < MISSING_MIN) return true;
  diff *d = diff_add(ds, "missing", colette_node_type_name(colette_node_get_type(u->node)));
  if (!d) return false;
  /* its first 96 bytes, cut where a character starts (a byte more would
   * split a UTF-8 sequence, and the reports would not be UTF-8), with an
   * ellipsis when cut */
  char *t = colette_node_text(u->node);
  char shown[100];
  size_t n = t ? strlen(t) : 0, keep = n;
  if (n > 96) {
    keep = 93;
    while (keep > 0 && ((unsigned char)t[keep] & 0xC0) == 0x80)
      keep--;
  }
  snprintf(shown, sizeof shown, "%.*s%s", (int)keep, t ? t : "", keep < n ? "\xE2\x80\xA6" : "");
  colette_free(t);
  diff_side_set(d, v, u->path, shown);
  return true;
}

static bool same_values(const unit *a, const unit *b) {
  if (a->nvalues != b->nvalues || !a->nvalues) return false;
  for (size_t i = 0; i < a->nvalues; i++)
    if (strcmp(a->values[i], b->values[i]) != 0) return false;
  return true;
}

/* What the ordered alignment left: a unit the other version has elsewhere
 * in the part, with the very same values, is moved, not missing. */
static void rematch(const part *pa, const part *pb, long *pairs, bool *bm) {
  for (size_t i = 0; i < pa->nunits; i++) {
    if (pairs[i] >= 0) continue;
    for (size_t j = 0; j < pb->nunits; j++)
      if (!bm[j] && same_values(&pa->units[i], &pb->units[j])) {
        pairs[i] = (long)j;
        bm[j] = true;
        break;
      }
  }
}

/* Whether two units hold values of the very same types, as many of each
 * ("phone, email" and "phone, email"), and at least one. */
static bool same_value_types(const unit *a, const unit *b) {
  if (a->nvalues != b->nvalues || !a->nvalues) return false;
  for (size_t i = 0; i < a->nvalues; i++) /* sorted by "type:value", so by type */
    if (type_len(a->values[i]) != type_len(b->values[i]) ||
        strncmp(a->values[i], b->values[i], type_len(a->values[i])) != 0)
      return false;
  return true;
}

/* What is still left: a unit whose every value changed shares none with its
 * counterpart, so the alignment, for which a paragraph with values is never
 * one with other values, leaves both out.  Between the same two aligned
 * neighbours, a unit of one version and one of the other of the same kind,
 * with values of the same types (and the same formula if both have one),
 * are that paragraph, its values changed: paired, they are compared. */
static void pair_in_gaps(const part *pa, const part *pb, long *pairs, bool *bm) {
  for (size_t i = 0; i < pa->nunits; i++) {
    if (pairs[i] >= 0) continue;
    long lo = -1, hi = (long)pb->nunits; /* the slot of b between i's aligned neighbours */
    for (size_t k = i; k-- > 0;)
      if (pairs[k] >= 0) {
        lo = pairs[k];
        break;
      }
    for (size_t k = i + 1; k < pa->nunits; k++)
      if (pairs[k] >= 0) {
        hi = pairs[k];
        break;
      }
    const unit *ua = &pa->units[i];
    for (long j = lo + 1; j < hi; j++) {
      const unit *ub = &pb->units[j];
      if (bm[j] || colette_node_get_type(ua->node) != colette_node_get_type(ub->node) ||
          !same_value_types(ua, ub) ||
          (ua->formula && ub->formula && strcmp(ua->formula, ub->formula) != 0))
        continue;
      pairs[i] = j;
      bm[j] = true;
      break;
    }
  }
}

static bool compare_parts(colette_diff *ds, const part *pa, const part *pb, size_t vb) {
  long *pairs = malloc((pa->nunits + 1) * sizeof *pairs);
  bool *bm = malloc(pb->nunits + 1);
  bool ok = pairs && bm && align_units(pa, pb, pairs, bm) == COLETTE_OK;
  if (ok) {
    rematch(pa, pb, pairs, bm);
    pair_in_gaps(pa, pb, pairs, bm);
    ok = view_align_add(ds, vb, pa->name, pairs, pa->nunits);
  }
  for (size_t i = 0; ok && i < pa->nunits; i++) {
    if (pairs[i] >= 0)
      ok = compare_values(ds, &pa->units[i], &pb->units[pairs[i]], vb);
    else
      ok = missing(ds, &pa->units[i], 0);
  }
  for (size_t j = 0; ok && j < pb->nunits; j++)
    if (!bm[j]) ok = missing(ds, &pb->units[j], vb);
  free(pairs);
  free(bm);
  return ok;
}

static const part *part_named(const facts *x, const char *name) {
  for (size_t i = 0; i < x->nparts; i++)
    if (strcmp(x->parts[i].name, name) == 0) return &x->parts[i];
  return NULL;
}

colette_status colette_compare(const colette_letter *const *letters, const char *const *names,
                               size_t n, colette_diff **out, colette_error *err) {
  *out = NULL;
  if (n < 2) return error_set(err, COLETTE_ERR_INVALID, NULL, "at least two versions to compare");
  colette_diff *ds = calloc(1, sizeof *ds);
  facts *x = calloc(n, sizeof *x);
  colette_status st = COLETTE_OK;
  if (!ds || !x || !(ds->names = calloc(n, sizeof *ds->names)) ||
      !(ds->views = calloc(n, sizeof *ds->views))) {
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    goto done;
  }
  ds->nversions = n;
  for (size_t v = 0; v < n; v++) {
    char dflt[32];
    snprintf(dflt, sizeof dflt, "version %zu", v + 1);
    if (!(ds->names[v] = strdup(names && names[v] ? names[v] : dflt))) {
      st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
      goto done;
    }
  }
  for (size_t v = 0; v < n && st == COLETTE_OK; v++) {
    st = facts_read(&x[v], letters[v], ds->names[v], err);
    if (st == COLETTE_OK && !view_capture(ds, v, &x[v]))
      st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  }
  for (size_t v = 1; v < n && st == COLETTE_OK; v++) {
    bool ok = compare_facts(ds, &x[0], &x[v], v);
    for (size_t p = 0; ok && p < x[0].nparts; p++) {
      const part *pb = part_named(&x[v], x[0].parts[p].name);
      if (pb) ok = compare_parts(ds, &x[0].parts[p], pb, v);
    }
    if (!ok) st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  }
done:
  for (size_t v = 0; x && v < n; v++)
    facts_free(&x[v]);
  free(x);
  if (st != COLETTE_OK) {
    colette_diff_free(ds);
    return st;
  }
  *out = ds;
  return COLETTE_OK;
}
