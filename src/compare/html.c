/*
 * html.c: the comparison as one standalone HTML5 page (COLETTE_REPORT_HTML).
 *
 * At the top, the summary: every difference, each linking to where it is.
 * Below, the versions side by side, one column each, part by part: the
 * head's facts, the meeting, the deadlines, the signatory and enclosure,
 * the annexes' ids and tables, then the body and each annex, their
 * paragraphs, headings, items and cells in the rows the comparison's
 * alignment gave (version 0's units in order, each with the units aligned
 * with it; what aligned with nothing in a row of its own where it stands).
 * Every differing value is a <mark> with an id the summary links to: a
 * fact's value, a typed value inside a paragraph, an item's label, a whole
 * paragraph missing from the other versions, and where a version has no
 * such value a mark "∅" in its place.
 *
 * What the page shows was copied out of the letters while they were
 * compared (view_capture), so they may be freed before it is written.
 * Everything from the letters is escaped; characters HTML forbids though
 * XML allows (C1 controls, CR) are written as U+FFFD.  No script, no
 * external resource.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "compare.h"

/* ---- capture --------------------------------------------------------------------------------- */

static bool seg_add(view_unit *u, size_t *cap, const char *text, size_t n, const char *value) {
  if (u->nsegs == *cap) {
    size_t c = *cap ? *cap * 2 : 8;
    seg *v = realloc(u->segs, c * sizeof *v);
    if (!v) return false;
    u->segs = v;
    *cap = c;
  }
  seg *s = &u->segs[u->nsegs];
  s->text = strndup(text, n);
  s->value = value ? strdup(value) : NULL;
  if (!s->text || (value && !s->value)) {
    free(s->text);
    free(s->value);
    return false;
  }
  u->nsegs++;
  return true;
}

/* A unit's text as pieces, its typed values apart (as facts.c reads them). */
static bool segs_of(view_unit *u, size_t *cap, const colette_node *n) {
  char v[256];
  for (const colette_node *k = colette_node_first_child(n); k; k = colette_node_next(k)) {
    colette_node_type t = colette_node_get_type(k);
    if (t == COLETTE_NODE_TEXT) {
      size_t len;
      const char *s = colette_node_literal(k, &len);
      if (!seg_add(u, cap, s, len, NULL)) return false;
    } else if (t == COLETTE_NODE_BREAK) {
      if (!seg_add(u, cap, "\n", 1, NULL)) return false;
    } else if (typed_value(k, v, sizeof v)) {
      char *s = colette_node_text(k);
      bool ok = s && seg_add(u, cap, s, strlen(s), v);
      colette_free(s);
      if (!ok) return false;
    } else if (t != COLETTE_NODE_NOTE) { /* notes are not compared, nor shown */
      if (!segs_of(u, cap, k)) return false;
    }
  }
  return true;
}

/* The language a node is in, where an ancestor below the letter says so. */
static const char *lang_of(const colette_node *n) {
  for (; n && colette_node_get_type(n) != COLETTE_NODE_LETTER; n = colette_node_parent(n))
    if (colette_node_attr(n, COLETTE_ATTR_LANG)) return colette_node_attr(n, COLETTE_ATTR_LANG);
  return NULL;
}

bool view_capture(colette_diff *ds, size_t v, const facts *x) {
  view *w = &ds->views[v];
  const char *lang = colette_node_attr(colette_letter_root(x->l), COLETTE_ATTR_LANG);
  if (lang && !(w->lang = strdup(lang))) return false;
  /* every array at its full size at once, zeroed: view_free frees what a failure left */
  if (x->nf && !(w->facts = calloc(x->nf, sizeof *w->facts))) return false;
  w->nfacts = x->nf;
  for (size_t i = 0; i < x->nf; i++) {
    view_fact *f = &w->facts[i];
    const fact *src = &x->f[i];
    if (!(f->key = strdup(src->key)) || !(f->value = strdup(src->value)) ||
        !(f->path = strdup(src->path)) || (src->node && !(f->text = colette_node_text(src->node))))
      return false;
  }
  if (x->nparts && !(w->parts = calloc(x->nparts, sizeof *w->parts))) return false;
  w->nparts = x->nparts;
  for (size_t p = 0; p < x->nparts; p++) {
    const part *src = &x->parts[p];
    view_part *dst = &w->parts[p];
    if (!(dst->name = strdup(src->name))) return false;
    if (src->nunits && !(dst->units = calloc(src->nunits, sizeof *dst->units))) return false;
    dst->nunits = src->nunits;
    for (size_t i = 0; i < src->nunits; i++) {
      const unit *s = &src->units[i];
      view_unit *u = &dst->units[i];
      colette_node_type t = colette_node_get_type(s->node);
      const char *label =
          t == COLETTE_NODE_ITEM ? colette_node_attr(s->node, COLETTE_ATTR_LABEL) : NULL;
      const char *ulang = lang_of(s->node);
      size_t cap = 0;
      if (!(u->path = strdup(s->path)) || !(u->type = strdup(colette_node_type_name(t))) ||
          (label && !(u->label = strdup(label))) || (ulang && !(u->lang = strdup(ulang))) ||
          !segs_of(u, &cap, s->node))
        return false;
    }
  }
  return true;
}

bool view_align_add(colette_diff *ds, size_t v, const char *partname, const long *pairs, size_t n) {
  if (ds->naligns == ds->capaligns) {
    size_t cap = ds->capaligns ? ds->capaligns * 2 : 8;
    view_align *a = realloc(ds->aligns, cap * sizeof *a);
    if (!a) return false;
    ds->aligns = a;
    ds->capaligns = cap;
  }
  view_align *a = &ds->aligns[ds->naligns];
  a->version = v;
  a->n = n;
  a->part = strdup(partname);
  a->pairs = malloc((n ? n : 1) * sizeof *a->pairs);
  if (!a->part || !a->pairs) {
    free(a->part);
    free(a->pairs);
    return false;
  }
  memcpy(a->pairs, pairs, n * sizeof *pairs);
  ds->naligns++;
  return true;
}

void view_free(colette_diff *ds) {
  for (size_t v = 0; ds->views && v < ds->nversions; v++) {
    view *w = &ds->views[v];
    for (size_t i = 0; i < w->nfacts; i++) {
      free(w->facts[i].key);
      free(w->facts[i].value);
      free(w->facts[i].path);
      colette_free(w->facts[i].text);
    }
    free(w->facts);
    for (size_t p = 0; p < w->nparts; p++) {
      for (size_t i = 0; i < w->parts[p].nunits; i++) {
        view_unit *u = &w->parts[p].units[i];
        for (size_t k = 0; k < u->nsegs; k++) {
          free(u->segs[k].text);
          free(u->segs[k].value);
        }
        free(u->segs);
        free(u->path);
        free(u->type);
        free(u->label);
        free(u->lang);
      }
      free(w->parts[p].units);
      free(w->parts[p].name);
    }
    free(w->parts);
    free(w->lang);
  }
  free(ds->views);
  for (size_t i = 0; i < ds->naligns; i++) {
    free(ds->aligns[i].part);
    free(ds->aligns[i].pairs);
  }
  free(ds->aligns);
}

/* ---- writing --------------------------------------------------------------------------------- */

typedef struct page {
  const colette_diff *ds;
  buf *b;
  unsigned char *placed; /* [diff * nversions + version]: its mark there has its id */
} page;

/* Text escaped for HTML content and attribute values alike; a line break
 * as <br> where `br`; what HTML forbids, and bytes that are no UTF-8, as
 * U+FFFD. */
static void html_text_n(buf *b, const char *s, size_t n, bool br) {
  int32_t i = 0, len = (int32_t)n;
  while (i < len) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0 || (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c < 0xa0) ||
        (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe) {
      buf_puts(b, "\xef\xbf\xbd");
      continue;
    }
    switch (c) {
    case '&': buf_puts(b, "&amp;"); break;
    case '<': buf_puts(b, "&lt;"); break;
    case '>': buf_puts(b, "&gt;"); break;
    case '"': buf_puts(b, "&quot;"); break;
    case '\n': buf_puts(b, br ? "<br>" : " "); break;
    default: buf_append(b, s + at, (size_t)(i - at)); break;
    }
  }
}

static void html_text(buf *b, const char *s) {
  if (s) html_text_n(b, s, strlen(s), true);
}

static void attr(buf *b, const char *name, const char *value) {
  buf_printf(b, " %s=\"", name);
  if (value) html_text_n(b, value, strlen(value), false);
  buf_putc(b, '"');
}

static void lang_attr(buf *b, const char *lang) {
  if (lang) attr(b, "lang", lang);
}

/* Open the mark of difference i in version v; the first one there gets
 * the id the summary links to. */
static void mark_open(page *pg, size_t i, size_t v, const char *cls) {
  buf_printf(pg->b, "<mark class=\"%s\"", cls);
  unsigned char *p = &pg->placed[i * pg->ds->nversions + v];
  if (!*p) {
    buf_printf(pg->b, " id=\"d%zu-v%zu\"", i + 1, v + 1);
    *p = 1;
  }
  buf_printf(pg->b, " title=\"difference %zu\">", i + 1);
}

static const char *kind_class(const char *kind) {
  return strcmp(kind, "missing") == 0 ? "missing" : "diff";
}

/* ---- facts ---- */

static const struct group {
  const char *title, *prefix;
} GROUPS[] = {{"Head", "head."},          {"Meeting", "meeting."},
              {"Deadlines", "deadline."}, {"Signatory and enclosure", "signatory."},
              {NULL, "enclosure."},       {"Annexes", "annex"}};
#define NGROUPS (sizeof GROUPS / sizeof *GROUPS)

static int group_of(const char *key) {
  if (strncmp(key, "annex ", 6) == 0 && strstr(key, " item")) return -1; /* shown with the annex */
  for (size_t g = 0; g < NGROUPS; g++)
    if (strncmp(key, GROUPS[g].prefix, strlen(GROUPS[g].prefix)) == 0)
      return GROUPS[g].title ? (int)g : (int)g - 1;
  return (int)NGROUPS - 1;
}

/* The difference that is about fact f of version v, or -1. */
static long fact_diff(const colette_diff *ds, size_t v, const view_fact *f) {
  for (size_t i = 0; i < ds->n; i++) {
    const diff_side *s = &ds->d[i].sides[v];
    if (strcmp(ds->d[i].key, f->key) == 0 && s->path && strcmp(s->path, f->path) == 0 && s->value &&
        strcmp(s->value, f->value) == 0)
      return (long)i;
  }
  return -1;
}

static void fact_cell(page *pg, size_t v, const view_fact *f) {
  buf *b = pg->b;
  buf_puts(b, "<td");
  lang_attr(b, pg->ds->views[v].lang);
  buf_puts(b, "><code>");
  long i = f ? fact_diff(pg->ds, v, f) : -1;
  if (i >= 0) mark_open(pg, (size_t)i, v, "diff");
  if (f) html_text(b, f->value);
  if (i >= 0) buf_puts(b, "</mark>");
  buf_puts(b, "</code>");
  if (f && f->text && *f->text) {
    buf_puts(b, "<div class=\"text\">");
    html_text(b, f->text);
    buf_puts(b, "</div>");
  }
  buf_puts(b, "</td>");
}

/* One table of the facts of group g, each key's values in rows: a value
 * beside the same value of the other versions, or beside the one the
 * comparison paired it with. */
static bool facts_table(page *pg, size_t g) {
  const colette_diff *ds = pg->ds;
  size_t nv = ds->nversions, total = 0;
  for (size_t v = 0; v < nv; v++)
    total += ds->views[v].nfacts;
  /* rows[r * nv + v]: the fact of version v in row r, or NULL */
  const view_fact **rows = calloc((total + 1) * nv, sizeof *rows);
  const char **keys = calloc(total + 1, sizeof *keys);
  if (!rows || !keys) {
    free(rows);
    free(keys);
    return false;
  }
  size_t nrows = 0, nkeys = 0;
  for (size_t v = 0; v < nv; v++) /* the keys in the order they come */
    for (size_t i = 0; i < ds->views[v].nfacts; i++) {
      const char *k = ds->views[v].facts[i].key;
      if (group_of(k) != (int)g) continue;
      size_t j = 0;
      while (j < nkeys && strcmp(keys[j], k) != 0)
        j++;
      if (j == nkeys) keys[nkeys++] = k;
    }
  for (size_t k = 0; k < nkeys; k++) {
    size_t first = nrows;
    for (size_t v = 0; v < nv; v++) {
      const view *w = &ds->views[v];
      for (size_t i = 0; i < w->nfacts; i++) {
        const view_fact *f = &w->facts[i];
        if (strcmp(f->key, keys[k]) != 0) continue;
        size_t r = first;
        while (r < nrows &&
               (rows[r * nv + v] || !rows[r * nv] || strcmp(rows[r * nv]->value, f->value) != 0))
          r++;
        if (r == nrows && v > 0) { /* no equal value: the one the comparison paired it with */
          long d = fact_diff(ds, v, f);
          for (r = first; d >= 0 && r < nrows; r++)
            if (!rows[r * nv + v] && rows[r * nv] && ds->d[d].sides[0].path &&
                strcmp(rows[r * nv]->path, ds->d[d].sides[0].path) == 0)
              break;
          if (d < 0) r = nrows;
        }
        if (r == nrows) nrows++;
        rows[r * nv + v] = f;
      }
    }
  }
  buf *b = pg->b;
  if (nrows) {
    buf_printf(b, "<section id=\"facts-%zu\"><h2>", g + 1);
    html_text(b, GROUPS[g].title);
    buf_puts(b, "</h2>\n<table class=\"sbs\"><colgroup><col "
                "class=\"key\"></colgroup><thead><tr><th>fact</th>");
    for (size_t v = 0; v < nv; v++) {
      buf_puts(b, "<th>");
      html_text(b, ds->names[v]);
      buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < nrows; r++) {
      const char *key = NULL;
      for (size_t v = 0; v < nv && !key; v++)
        if (rows[r * nv + v]) key = rows[r * nv + v]->key;
      buf_puts(b, "<tr><th scope=\"row\">");
      html_text(b, key);
      buf_puts(b, "</th>");
      for (size_t v = 0; v < nv; v++) {
        if (rows[r * nv + v])
          fact_cell(pg, v, rows[r * nv + v]);
        else
          buf_puts(b, "<td class=\"gap\"></td>");
      }
      buf_puts(b, "</tr>\n");
    }
    buf_puts(b, "</tbody></table></section>\n");
  }
  free(rows);
  free(keys);
  return true;
}

/* ---- parts ---- */

static const view_part *part_of(const view *w, const char *name) {
  for (size_t p = 0; p < w->nparts; p++)
    if (strcmp(w->parts[p].name, name) == 0) return &w->parts[p];
  return NULL;
}

static const view_align *align_of(const colette_diff *ds, size_t v, const char *name) {
  for (size_t i = 0; i < ds->naligns; i++)
    if (ds->aligns[i].version == v && strcmp(ds->aligns[i].part, name) == 0) return &ds->aligns[i];
  return NULL;
}

static size_t type_len(const char *s) { return strcspn(s, ":"); }

/* Digits of plain text that are the number `want` (leading zeros aside):
 * where they start in s, or -1. */
static long number_at(const char *s, const char *want) {
  for (const char *p = s; *p;) {
    if (*p < '0' || *p > '9') {
      p++;
      continue;
    }
    const char *q = p;
    while (*q >= '0' && *q <= '9')
      q++;
    const char *d = p;
    while (*d == '0' && d + 1 < q)
      d++;
    if ((size_t)(q - d) == strlen(want) && strncmp(d, want, (size_t)(q - d)) == 0)
      return (long)(p - s);
    p = q;
  }
  return -1;
}

static void unit_cell(page *pg, size_t v, const view_unit *u) {
  const colette_diff *ds = pg->ds;
  buf *b = pg->b;
  /* the differences that are here */
  size_t nhere = 0;
  for (size_t i = 0; i < ds->n; i++)
    nhere += ds->d[i].sides[v].path && strcmp(ds->d[i].sides[v].path, u->path) == 0;
  size_t *here = malloc((nhere + 1) * sizeof *here);
  bool *done = calloc(nhere + 1, 1);
  if (!here || !done) {
    free(here);
    free(done);
    b->failed = true;
    return;
  }
  nhere = 0;
  for (size_t i = 0; i < ds->n; i++)
    if (ds->d[i].sides[v].path && strcmp(ds->d[i].sides[v].path, u->path) == 0) here[nhere++] = i;
  buf_puts(b, "<td");
  lang_attr(b, u->lang ? u->lang : ds->views[v].lang);
  buf_puts(b, "><div");
  attr(b, "class", u->type);
  attr(b, "title", u->path);
  buf_putc(b, '>');
  long whole = -1; /* a unit missing from the others: all of it is the difference */
  for (size_t k = 0; k < nhere; k++)
    if (strcmp(ds->d[here[k]].kind, "missing") == 0) whole = (long)k, done[k] = true;
  if (whole >= 0) mark_open(pg, here[whole], v, "missing");
  if (u->label) {
    buf_puts(b, "<span class=\"label\">");
    long item = -1;
    for (size_t k = 0; k < nhere && item < 0; k++)
      if (strcmp(ds->d[here[k]].kind, "item") == 0) item = (long)k;
    if (item >= 0) mark_open(pg, here[item], v, "diff");
    html_text(b, u->label);
    if (item >= 0) buf_puts(b, "</mark>"), done[item] = true;
    buf_puts(b, "</span> ");
  }
  for (size_t s = 0; s < u->nsegs; s++) {
    const seg *sg = &u->segs[s];
    long hit = -1;
    long at = -1;
    for (size_t k = 0; k < nhere && hit < 0; k++) {
      const diff *d = &ds->d[here[k]];
      const char *val = d->sides[v].value;
      if (done[k] || strncmp(d->key, "value.", 6) != 0 || !val) continue;
      const char *type = d->key + 6;
      if (sg->value) {
        if (type_len(sg->value) == strlen(type) && strncmp(sg->value, type, strlen(type)) == 0 &&
            strcmp(sg->value + strlen(type) + 1, val) == 0)
          hit = (long)k;
      } else if (strcmp(type, "number") == 0 && (at = number_at(sg->text, val)) >= 0) {
        hit = (long)k;
      }
    }
    if (hit < 0) {
      html_text(b, sg->text);
      continue;
    }
    done[hit] = true;
    if (sg->value) {
      mark_open(pg, here[hit], v, "diff");
      html_text(b, sg->text);
      buf_puts(b, "</mark>");
    } else {
      size_t len = strspn(sg->text + at, "0123456789");
      html_text_n(b, sg->text, (size_t)at, true);
      mark_open(pg, here[hit], v, "diff");
      html_text_n(b, sg->text + at, len, true);
      buf_puts(b, "</mark>");
      html_text(b, sg->text + at + len);
    }
  }
  if (whole >= 0) buf_puts(b, "</mark>");
  /* a value the others have and this version has not, or could not be placed */
  for (size_t k = 0; k < nhere; k++) {
    if (done[k]) continue;
    buf_putc(b, ' ');
    mark_open(pg, here[k], v, "absent");
    buf_puts(b, "\xe2\x88\x85</mark>"); /* ∅ */
  }
  buf_puts(b, "</div></td>");
  free(here);
  free(done);
}

static void unit_row(page *pg, const long *cols, const view_part *const *parts) {
  buf_puts(pg->b, "<tr>");
  for (size_t v = 0; v < pg->ds->nversions; v++) {
    if (cols[v] >= 0)
      unit_cell(pg, v, &parts[v]->units[cols[v]]);
    else
      buf_puts(pg->b, "<td class=\"gap\"></td>");
  }
  buf_puts(pg->b, "</tr>\n");
}

static void part_id(buf *b, const char *name) {
  buf_puts(b, "part-");
  for (const char *p = name; *p; p++)
    buf_putc(b, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
                    ? *p
                    : '-');
}

/* A part side by side: version 0's units in order, each with what every
 * other version aligned with it; a unit of another version aligned with
 * nothing comes in a row of its own, before the next unit of its version
 * that is shown. */
static bool part_table(page *pg, const char *name) {
  const colette_diff *ds = pg->ds;
  size_t nv = ds->nversions;
  const view_part **parts = calloc(nv, sizeof *parts);
  const view_align **al = calloc(nv, sizeof *al);
  unsigned char **shown = calloc(nv, sizeof *shown);
  unsigned char **matched = calloc(nv, sizeof *matched);
  size_t *next = calloc(nv, sizeof *next);
  long *cols = malloc(nv * sizeof *cols);
  bool ok = parts && al && shown && matched && next && cols;
  for (size_t v = 0; ok && v < nv; v++) {
    parts[v] = part_of(&ds->views[v], name);
    al[v] = v && parts[0] ? align_of(ds, v, name) : NULL;
    size_t m = parts[v] ? parts[v]->nunits : 0;
    ok = (shown[v] = calloc(m + 1, 1)) && (matched[v] = calloc(m + 1, 1));
    if (ok && al[v])
      for (size_t i = 0; i < al[v]->n; i++)
        if (al[v]->pairs[i] >= 0 && (size_t)al[v]->pairs[i] < m) matched[v][al[v]->pairs[i]] = 1;
  }
  buf *b = pg->b;
  if (ok) {
    buf_puts(b, "<section");
    buf_puts(b, " id=\"");
    part_id(b, name);
    buf_puts(b, "\"><h2>");
    if (strcmp(name, "body") == 0) {
      buf_puts(b, "Body");
    } else if (strncmp(name, "annex ", 6) == 0) {
      buf_puts(b, "Annex ");
      html_text(b, name + 6);
    } else {
      html_text(b, name);
    }
    buf_puts(b, "</h2>\n<table class=\"sbs\"><thead><tr>");
    for (size_t v = 0; v < nv; v++) {
      buf_puts(b, "<th>");
      html_text(b, ds->names[v]);
      if (!parts[v]) buf_puts(b, " <span class=\"none\">(not in this version)</span>");
      buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead>\n<tbody>\n");
    size_t n0 = parts[0] ? parts[0]->nunits : 0;
    for (size_t i = 0; i < n0; i++) {
      for (size_t v = 1; v < nv; v++) {
        long j = al[v] && i < al[v]->n ? al[v]->pairs[i] : -1;
        if (j < 0) continue;
        for (; next[v] < (size_t)j; next[v]++) /* what v has before it, aligned with nothing */
          if (!matched[v][next[v]] && !shown[v][next[v]]) {
            for (size_t x = 0; x < nv; x++)
              cols[x] = x == v ? (long)next[v] : -1;
            unit_row(pg, cols, parts);
            shown[v][next[v]] = 1;
          }
      }
      for (size_t v = 0; v < nv; v++) {
        long j = v == 0 ? (long)i : al[v] && i < al[v]->n ? al[v]->pairs[i] : -1;
        cols[v] = j;
        if (j >= 0) shown[v][j] = 1;
        if (v && j >= 0 && next[v] <= (size_t)j) next[v] = (size_t)j + 1;
      }
      unit_row(pg, cols, parts);
    }
    for (size_t v = 1; v < nv; v++) /* the rest of each version */
      for (size_t j = 0; parts[v] && j < parts[v]->nunits; j++)
        if (!shown[v][j]) {
          for (size_t x = 0; x < nv; x++)
            cols[x] = x == v ? (long)j : -1;
          unit_row(pg, cols, parts);
        }
    buf_puts(b, "</tbody></table></section>\n");
  }
  for (size_t v = 0; v < nv && shown && matched; v++) {
    free(shown[v]);
    free(matched[v]);
  }
  free(parts);
  free(al);
  free(shown);
  free(matched);
  free(next);
  free(cols);
  return ok;
}

/* ---- the page ---- */

static const char STYLE[] =
    "body{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,\"Noto Sans CJK SC\",\"Noto Sans CJK "
    "JP\","
    "sans-serif;margin:1.5em;color:#111;line-height:1.4}\n"
    ":lang(zh){font-family:\"Noto Sans CJK SC\",\"Noto Sans CJK JP\",\"Noto Sans\",sans-serif}\n"
    "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}\n"
    "table.sbs{width:100%;border-collapse:collapse;table-layout:fixed}\n"
    "table.sbs col.key{width:14em}\n"
    "th,td{vertical-align:top;text-align:left;padding:.25em .5em;border-top:1px solid #ddd;"
    "overflow-wrap:anywhere}\n"
    "thead th{background:#eee}td.gap{background:#f4f4f4}\n"
    "td .text{color:#555;font-size:.9em}\n"
    ".label{font-weight:bold}.heading,.title{font-weight:bold}\n"
    "mark.diff{background:#ffd43b}mark.missing{background:#ffc9c9}"
    "mark.absent{background:#ffc9c9;padding:0 .2em}\n"
    ":target{outline:3px solid #e8590c}\n"
    "#summary li{margin:.2em 0}.none{font-weight:normal;color:#777}\n"
    "code,:lang(zh) code{font-family:\"DejaVu Sans Mono\",monospace;font-size:.95em}\n";

static void summary_side(buf *b, const colette_diff *ds, const diff *d, size_t v) {
  const diff_side *s = &d->sides[v];
  html_text(b, ds->names[v]);
  if (s->path) {
    buf_puts(b, " <code>");
    html_text(b, s->path);
    buf_puts(b, "</code>");
  }
  buf_puts(b, ": ");
  if (s->value) {
    buf_puts(b, "<q");
    lang_attr(b, ds->views[v].lang);
    buf_putc(b, '>');
    html_text(b, s->value);
    buf_puts(b, "</q>");
  } else {
    buf_puts(b, "none");
  }
}

void html_report(const colette_diff *ds, buf *out) {
  size_t nv = ds->nversions;
  buf rest = BUF_INIT;
  page pg = {ds, &rest, calloc(ds->n * nv + 1, 1)};
  if (!pg.placed) {
    out->failed = true;
    return;
  }
  bool ok = true;
  for (size_t g = 0; ok && g < NGROUPS; g++)
    if (GROUPS[g].title) ok = facts_table(&pg, g);
  for (size_t v = 0; ok && v < nv; v++) /* every part, in the order the versions have them */
    for (size_t p = 0; ok && p < ds->views[v].nparts; p++) {
      const char *name = ds->views[v].parts[p].name;
      bool seen = false;
      for (size_t u = 0; u < v && !seen; u++)
        seen = part_of(&ds->views[u], name) != NULL;
      if (!seen) ok = part_table(&pg, name);
    }
  /* what has no place above (it should not happen): listed at the end, marked */
  bool elsewhere = false;
  for (size_t i = 0; ok && i < ds->n; i++) {
    bool any = false;
    for (size_t v = 0; v < nv; v++)
      any = any || pg.placed[i * nv + v];
    if (any) continue;
    if (!elsewhere)
      buf_puts(&rest, "<section id=\"elsewhere\"><h2>Differences not shown above</h2><ul>\n");
    elsewhere = true;
    buf_puts(&rest, "<li>");
    size_t v = 0;
    while (v < nv && !ds->d[i].sides[v].path && !ds->d[i].sides[v].value)
      v++;
    mark_open(&pg, i, v < nv ? v : 0, "diff");
    html_text(&rest, ds->d[i].kind);
    buf_putc(&rest, ' ');
    html_text(&rest, ds->d[i].key);
    buf_puts(&rest, "</mark></li>\n");
  }
  if (elsewhere) buf_puts(&rest, "</ul></section>\n");

  buf *b = out;
  buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"generator\" content=\"colette-compare\">\n<title>colette-compare: ");
  for (size_t v = 0; v < nv; v++) {
    if (v) buf_puts(b, ", ");
    html_text(b, ds->names[v]);
  }
  buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", STYLE);
  buf_printf(b, "%zu version%s of one letter compared</h1>\n<ol id=\"versions\">", nv,
             nv == 1 ? "" : "s");
  for (size_t v = 0; v < nv; v++) {
    buf_puts(b, "<li>");
    html_text(b, ds->names[v]);
    if (ds->views[v].lang) {
      buf_puts(b, " (<code>");
      html_text(b, ds->views[v].lang);
      buf_puts(b, "</code>)");
    }
    buf_puts(b, v ? ", compared with the first" : ", the reference");
    buf_puts(b, "</li>");
  }
  buf_puts(b, "</ol>\n<section id=\"summary\">\n");
  if (!ds->n) {
    buf_puts(
        b,
        "<h2>No differences</h2>\n<p>The versions agree on every fact and value compared.</p>\n");
  } else {
    buf_printf(b, "<h2>%zu difference%s</h2>\n<ol>\n", ds->n, ds->n == 1 ? "" : "s");
    for (size_t i = 0; i < ds->n; i++) {
      const diff *d = &ds->d[i];
      size_t v = 0;
      while (v < nv && !pg.placed[i * nv + v])
        v++;
      buf_printf(b, "<li><a href=\"#d%zu-v%zu\">", i + 1, (v < nv ? v : 0) + 1);
      buf_printf(b, "<span class=\"%s\">", kind_class(d->kind));
      html_text(b, d->kind);
      buf_puts(b, "</span> ");
      html_text(b, d->key);
      buf_puts(b, "</a>: ");
      bool first = true;
      for (size_t w = 0; w < nv; w++) {
        if (!d->sides[w].path && !d->sides[w].value && w != 0) continue;
        if (!first) buf_puts(b, "; ");
        summary_side(b, ds, d, w);
        first = false;
      }
      buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ol>\n");
  }
  buf_puts(b, "</section>\n");
  if (!buf_ok(&rest) || !ok)
    b->failed = true;
  else
    buf_append(b, rest.data ? rest.data : "", rest.len);
  buf_puts(b, "</body>\n</html>\n");
  buf_free(&rest);
  free(pg.placed);
}
