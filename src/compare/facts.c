/*
 * facts.c: a letter's comparable facts: keyed values in the language of
 * none (ISO dates, keys, normalized addresses, formula keys), and the text
 * units of each part with their typed values, for alignment.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "../error.h"
#include "compare.h"

static bool push_fact(facts *x, const char *key, const char *value, const char *path,
                      const colette_node *node) {
  if (x->nf == x->capf) {
    size_t cap = x->capf ? x->capf * 2 : 64;
    fact *v = realloc(x->f, cap * sizeof *v);
    if (!v) return false;
    x->f = v;
    x->capf = cap;
  }
  fact *f = &x->f[x->nf];
  f->node = node;
  f->annex = NULL;
  f->key = strdup(key);
  f->value = strdup(value ? value : "");
  f->path = strdup(path ? path : "");
  if (!f->key || !f->value || !f->path) {
    free(f->key);
    free(f->value);
    free(f->path);
    return false;
  }
  x->nf++;
  return true;
}

static const char *attr(const colette_node *n, colette_attr a) {
  const char *v = colette_node_attr(n, a);
  return v ? v : "";
}

/* A file reference with its group written the one way: "CE 13/TK" is
 * "SG13/TK" (the group's letters and digits, the rest as it is). */
static void file_ref(const char *t, char *out, size_t n) {
  while (*t == ' ')
    t++;
  int g;
  char rest[128];
  if ((sscanf(t, "CE %d%127s", &g, rest) == 2 || sscanf(t, "CE%d%127s", &g, rest) == 2 ||
       sscanf(t, "SG %d%127s", &g, rest) == 2 || sscanf(t, "SG%d%127s", &g, rest) == 2))
    snprintf(out, n, "SG%d%s", g, rest);
  else
    snprintf(out, n, "%s", t);
  size_t len = strlen(out);
  while (len && isspace((unsigned char)out[len - 1]))
    out[--len] = '\0';
}

/* ---- units ----------------------------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct collect {
  char **v;
  size_t n, cap;
  double length;
  bool ok;
} collect;

static void add_value(collect *c, const char *s) {
  if (!c->ok) return;
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 8;
    char **v = realloc(c->v, cap * sizeof *v);
    if (!v) {
      c->ok = false;
      return;
    }
    c->v = v;
    c->cap = cap;
  }
  if (!(c->v[c->n] = strdup(s))) {
    c->ok = false;
    return;
  }
  c->n++;
}

/* Plain numbers of a text, and its display length. */
static void scan_text(collect *c, const char *s, size_t n) {
  int32_t i = 0, len = (int32_t)n;
  char num[32];
  size_t k = 0;
  while (i <= len) {
    UChar32 ch = 0;
    if (i < len) {
      U8_NEXT(s, i, len, ch);
    } else {
      i++;
    }
    if (ch >= '0' && ch <= '9') {
      if (k + 1 < sizeof num) num[k++] = (char)ch;
      c->length += 1;
      continue;
    }
    if (k) { /* a number ends; "1." of a typed label is a number too, as in every version */
      num[k] = '\0';
      const char *d = num;
      while (*d == '0' && d[1])
        d++;
      char v[40];
      snprintf(v, sizeof v, "number:%s", d);
      add_value(c, v);
      k = 0;
    }
    if (ch <= 0) continue;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(ch, &e);
    if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL)
      c->length += 2.5; /* a Chinese character says what a few letters do */
    else if (u_isalpha(ch))
      c->length += 1;
  }
}

bool typed_value(const colette_node *k, char *out, size_t n) {
  const char *type, *a, *b = NULL;
  switch (colette_node_get_type(k)) {
  case COLETTE_NODE_DATE_VALUE: type = "date", a = attr(k, COLETTE_ATTR_WHEN); break;
  case COLETTE_NODE_DATERANGE:
    type = "daterange", a = attr(k, COLETTE_ATTR_START), b = attr(k, COLETTE_ATTR_END);
    break;
  case COLETTE_NODE_TIME:
    type = "time", a = attr(k, COLETTE_ATTR_START), b = colette_node_attr(k, COLETTE_ATTR_END);
    break;
  case COLETTE_NODE_EMAIL: type = "email", a = attr(k, COLETTE_ATTR_VALUE); break;
  case COLETTE_NODE_URL: type = "url", a = attr(k, COLETTE_ATTR_VALUE); break;
  case COLETTE_NODE_PHONE: type = "phone", a = attr(k, COLETTE_ATTR_VALUE); break;
  case COLETTE_NODE_DOCREF:
    type = "docref", a = attr(k, COLETTE_ATTR_TYPE), b = attr(k, COLETTE_ATTR_ID);
    break;
  default: return false;
  }
  /* a date whose written weekday is not its own is not the value of the
   * version that writes the right one: "Thursday 7 January 2022" beside
   * "vendredi 7 janvier 2022" is a difference, the date the same */
  const char *mark = colette_node_attr(k, COLETTE_ATTR_CONFLICT) ? "!weekday" : "";
  snprintf(out, n, "%s:%s%s%s%s", type, a, b ? "/" : "", b ? b : "", mark);
  return true;
}

static void values_of(collect *c, const colette_node *n) {
  char v[256];
  for (const colette_node *k = colette_node_first_child(n); k && c->ok; k = colette_node_next(k)) {
    colette_node_type t = colette_node_get_type(k);
    if (t == COLETTE_NODE_TEXT) {
      size_t len;
      const char *s = colette_node_literal(k, &len);
      scan_text(c, s, len);
    } else if (typed_value(k, v, sizeof v)) {
      add_value(c, v);
    } else if (t != COLETTE_NODE_NOTE) { /* a note is a unit of its own language's apparatus */
      values_of(c, k);
    }
  }
}

static bool add_unit(facts *x, part *p, const colette_node *n, const char *path) {
  if (p->nunits == p->capunits) {
    size_t cap = p->capunits ? p->capunits * 2 : 32;
    unit *v = realloc(p->units, cap * sizeof *v);
    if (!v) return false;
    p->units = v;
    p->capunits = cap;
  }
  collect c = {NULL, 0, 0, 0, true};
  values_of(&c, n);
  if (!c.ok) {
    for (size_t i = 0; i < c.n; i++)
      free(c.v[i]);
    free(c.v);
    return false;
  }
  if (!c.n && c.length < 2 && !colette_node_attr(n, COLETTE_ATTR_FORMULA)) {
    free(c.v); /* "#", an empty cell: layout, nothing to compare */
    return true;
  }
  if (c.n) qsort(c.v, c.n, sizeof *c.v, cmp_str); /* a unit without values has no array at all */
  unit *u = &p->units[p->nunits++];
  u->node = n;
  u->path = strdup(path);
  u->formula = colette_node_attr(n, COLETTE_ATTR_FORMULA);
  u->values = c.v;
  u->nvalues = c.n;
  u->length = c.length;
  (void)x;
  return u->path != NULL;
}

static part *add_part(facts *x, const char *name, const char *id) {
  if (x->nparts == x->capparts) {
    size_t cap = x->capparts ? x->capparts * 2 : 8;
    part *v = realloc(x->parts, cap * sizeof *v);
    if (!v) return NULL;
    x->parts = v;
    x->capparts = cap;
  }
  part *p = &x->parts[x->nparts++];
  memset(p, 0, sizeof *p);
  p->name = strdup(name);
  p->id = id ? strdup(id) : NULL;
  return p->name ? p : NULL;
}

/* The units of a container's blocks: paragraphs, headings, items, and the
 * paragraphs of table cells by their cell's place. */
static bool units_of(facts *x, part *p, const colette_node *n, const char *base, int *count) {
  char path[256];
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    switch (t) {
    case COLETTE_NODE_PARAGRAPH:
    case COLETTE_NODE_HEADING:
    case COLETTE_NODE_TITLE:
      snprintf(path, sizeof path, "%s/%s[%d]", base, colette_node_type_name(t), ++*count);
      if (!add_unit(x, p, c, path)) return false;
      break;
    case COLETTE_NODE_LIST:
      for (const colette_node *it = colette_node_first_child(c); it; it = colette_node_next(it)) {
        snprintf(path, sizeof path, "%s/item[%s]", base, attr(it, COLETTE_ATTR_LABEL));
        if (!add_unit(x, p, it, path)) return false;
      }
      break;
    case COLETTE_NODE_TABLE: {
      int r = 0;
      for (const colette_node *row = colette_node_first_child(c); row; row = colette_node_next(row)) {
        int col = 0;
        r++;
        for (const colette_node *cell = colette_node_first_child(row); cell;
             cell = colette_node_next(cell)) {
          char cb[200];
          snprintf(cb, sizeof cb, "%s/table/row[%d]/cell[%d]", base, r, ++col);
          int k = 0;
          if (!units_of(x, p, cell, cb, &k)) return false;
        }
      }
      break;
    }
    default: break;
    }
  }
  return true;
}

/* ---- the letter ------------------------------------------------------------------------------- */

static bool head_facts(facts *x, const colette_node *head) {
  char v[256], path[128];
  int file = 0, contact = 0, group = 0, groups = 0;
  for (const colette_node *c = colette_node_first_child(head); c; c = colette_node_next(c))
    groups += colette_node_get_type(c) == COLETTE_NODE_ADDRESSEES;
  for (const colette_node *c = colette_node_first_child(head); c; c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_DATE:
      if (!push_fact(x, "head.date", attr(c, COLETTE_ATTR_WHEN), "head/date", c)) return false;
      break;
    case COLETTE_NODE_REF:
      if (strcmp(attr(c, COLETTE_ATTR_TYPE), "collective-letter") == 0) {
        snprintf(v, sizeof v, "%s/%s", attr(c, COLETTE_ATTR_NUMBER), attr(c, COLETTE_ATTR_GROUP));
        if (!push_fact(x, "head.reference", v, "head/ref", c)) return false;
      } else if (strcmp(attr(c, COLETTE_ATTR_TYPE), "circular") == 0) {
        snprintf(v, sizeof v, "circular %s", attr(c, COLETTE_ATTR_NUMBER));
        if (!push_fact(x, "head.reference", v, "head/ref", c)) return false;
      } else {
        char *t = colette_node_text(c);
        if (!t) return false;
        file_ref(t, v, sizeof v);
        colette_free(t);
        snprintf(path, sizeof path, "head/ref[%d]", ++file);
        if (!push_fact(x, "head.file-ref", v, path, c)) return false;
      }
      break;
    case COLETTE_NODE_CONTACT: {
      char key[64];
      snprintf(key, sizeof key, "head.contact.%s", attr(c, COLETTE_ATTR_TYPE));
      const char *val = colette_node_attr(c, COLETTE_ATTR_VALUE);
      char *t = val ? NULL : colette_node_text(c);
      snprintf(path, sizeof path, "head/contact[%d]", ++contact);
      bool ok = push_fact(x, key, val ? val : t ? t : "", path, c);
      colette_free(t);
      if (!ok) return false;
      break;
    }
    case COLETTE_NODE_ADDRESSEES: {
      /* the copies ("Copy to:") a fact of their own: a role moved from the
       * addressees to the copies is a difference */
      const char *type = colette_node_attr(c, COLETTE_ATTR_TYPE);
      bool copy = type && strcmp(type, "copy") == 0;
      ++group;
      int k = 0;
      for (const colette_node *a = colette_node_first_child(c); a; a = colette_node_next(a)) {
        const char *g = colette_node_attr(a, COLETTE_ATTR_GROUP);
        snprintf(v, sizeof v, "%s%s%s", attr(a, COLETTE_ATTR_ROLE), g ? "/" : "", g ? g : "");
        if (groups > 1)
          snprintf(path, sizeof path, "head/addressees[%d]/addressee[%d]", group, ++k);
        else
          snprintf(path, sizeof path, "head/addressees/addressee[%d]", ++k);
        if (!push_fact(x, copy ? "head.addressee.copy" : "head.addressee", v, path, a))
          return false;
      }
      break;
    }
    default: break;
    }
  }
  return true;
}

static bool body_facts(facts *x, const colette_node *body) {
  char key[96], path[128];
  int deadline = 0;
  for (const colette_node *c = colette_node_first_child(body); c; c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_DEADLINES:
      for (const colette_node *d = colette_node_first_child(c); d; d = colette_node_next(d)) {
        if (colette_node_get_type(d) != COLETTE_NODE_DEADLINE) continue;
        snprintf(key, sizeof key, "deadline.%s", attr(d, COLETTE_ATTR_KIND));
        snprintf(path, sizeof path, "body/deadlines/deadline[%d]", ++deadline);
        if (!push_fact(x, key, attr(d, COLETTE_ATTR_WHEN), path, d)) return false;
      }
      break;
    case COLETTE_NODE_SIGNATURE:
      for (const colette_node *s = colette_node_first_child(c); s; s = colette_node_next(s))
        if (colette_node_get_type(s) == COLETTE_NODE_TITLE &&
            !push_fact(x, "signatory.title",
                       colette_node_attr(s, COLETTE_ATTR_FORMULA)
                           ? colette_node_attr(s, COLETTE_ATTR_FORMULA)
                           : "(a title the catalogue does not know)",
                       "body/signature/title", s))
          return false;
      break;
    case COLETTE_NODE_ENCLOSURE:
      if (!push_fact(x, "enclosure.count", attr(c, COLETTE_ATTR_COUNT), "body/enclosure", c))
        return false;
      break;
    default: break;
    }
  }
  return true;
}

static bool meeting_facts(facts *x, const colette_node *m) {
  static const struct {
    colette_attr a;
    const char *key;
  } M[] = {{COLETTE_ATTR_GROUP, "meeting.group"}, {COLETTE_ATTR_MODE, "meeting.mode"},
           {COLETTE_ATTR_PLACE, "meeting.place"}, {COLETTE_ATTR_START, "meeting.start"},
           {COLETTE_ATTR_END, "meeting.end"}};
  for (size_t i = 0; i < sizeof M / sizeof *M; i++)
    if (colette_node_attr(m, M[i].a) && !push_fact(x, M[i].key, attr(m, M[i].a), "meeting", NULL))
      return false;
  return true;
}

/* An annex's facts, under its label `id` (see annex_label), each marked
 * as the annex's so that a version without it reports the annex once. */
static bool annex_fact(facts *x, const char *key, const char *value, const char *path,
                       const char *id) {
  if (!push_fact(x, key, value, path, NULL)) return false;
  x->f[x->nf - 1].annex = id;
  return true;
}

static bool annex_facts(facts *x, const colette_node *a, const char *id, const char *base) {
  char key[96], v[96], path[160];
  if (!annex_fact(x, "annex", id, base, id)) return false;
  int tables = 0;
  for (const colette_node *c = colette_node_first_child(a); c; c = colette_node_next(c)) {
    if (colette_node_get_type(c) == COLETTE_NODE_LIST) {
      snprintf(key, sizeof key, "annex %s item", id);
      for (const colette_node *it = colette_node_first_child(c); it; it = colette_node_next(it)) {
        snprintf(v, sizeof v, "%s %s", attr(it, COLETTE_ATTR_LEVEL), attr(it, COLETTE_ATTR_LABEL));
        snprintf(path, sizeof path, "%s/item[%s]", base, attr(it, COLETTE_ATTR_LABEL));
        if (!annex_fact(x, key, v, path, id)) return false;
      }
    } else if (colette_node_get_type(c) == COLETTE_NODE_TABLE) {
      int rows = 0, cells = 0, spans = 0;
      for (const colette_node *r = colette_node_first_child(c); r; r = colette_node_next(r)) {
        rows++;
        for (const colette_node *cell = colette_node_first_child(r); cell;
             cell = colette_node_next(cell)) {
          cells++;
          spans += colette_node_attr(cell, COLETTE_ATTR_COLSPAN) ||
                   colette_node_attr(cell, COLETTE_ATTR_ROWSPAN);
        }
      }
      snprintf(key, sizeof key, "annex %s table[%d]", id, ++tables);
      snprintf(v, sizeof v, "%d rows, %d cells, %d spanning", rows, cells, spans);
      snprintf(path, sizeof path, "%s/table[%d]", base, tables);
      if (!annex_fact(x, key, v, path, id)) return false;
    }
  }
  return true;
}

static bool part_exists(const facts *x, const char *name) {
  for (size_t i = 0; i < x->nparts; i++)
    if (strcmp(x->parts[i].name, name) == 0) return true;
  return false;
}

/* The label of annex `id`: its id, or for a second annex of the same id
 * (a letter may name two annexes alike) "A (2)", so that every part of a
 * letter has its own name, and the k-th annex A of one version is
 * compared with the k-th of the other (and a letter with itself). */
#define ANNEX_ID_MAX 40 /* bytes of an id kept in labels, paths and reports */
static void annex_label(const facts *x, const char *id, char out[ANNEX_ID_MAX + 16]) {
  /* a longer id is cut where a character starts, so that what is left
   * stays UTF-8 and the counter always fits after it */
  int keep = (int)strlen(id);
  if (keep > ANNEX_ID_MAX) {
    keep = ANNEX_ID_MAX;
    while (keep > 0 && ((unsigned char)id[keep] & 0xC0) == 0x80)
      keep--;
  }
  char name[ANNEX_ID_MAX + 32];
  snprintf(out, ANNEX_ID_MAX + 16, "%.*s", keep, id);
  for (unsigned k = 2;; k++) {
    snprintf(name, sizeof name, "annex %s", out);
    if (!part_exists(x, name)) return;
    snprintf(out, ANNEX_ID_MAX + 16, "%.*s (%u)", keep, id, k);
  }
}


colette_status facts_read(facts *x, const colette_letter *l, const char *name,
                          colette_error *err) {
  memset(x, 0, sizeof *x);
  x->name = name;
  x->l = l;
  bool ok = true;
  const colette_node *root = colette_letter_root(l);
  for (const colette_node *c = colette_node_first_child(root); c && ok; c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_HEAD: ok = head_facts(x, c); break;
    case COLETTE_NODE_MEETING: ok = meeting_facts(x, c); break;
    case COLETTE_NODE_BODY: {
      ok = body_facts(x, c);
      part *p = ok ? add_part(x, "body", NULL) : NULL;
      int k = 0;
      ok = p && units_of(x, p, c, "body", &k);
      break;
    }
    case COLETTE_NODE_ANNEX: {
      char id[ANNEX_ID_MAX + 16], name2[ANNEX_ID_MAX + 32], base[ANNEX_ID_MAX + 32];
      annex_label(x, attr(c, COLETTE_ATTR_ID), id);
      snprintf(name2, sizeof name2, "annex %s", id);
      snprintf(base, sizeof base, "annex[%s]", id);
      part *p = add_part(x, name2, id);
      int k = 0;
      ok = p && p->id && annex_facts(x, c, p->id, base) && units_of(x, p, c, base, &k);
      break;
    }
    default: break;
    }
  }
  if (!ok) {
    facts_free(x);
    return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  }
  return COLETTE_OK;
}

void facts_free(facts *x) {
  for (size_t i = 0; i < x->nf; i++) {
    free(x->f[i].key);
    free(x->f[i].value);
    free(x->f[i].path);
  }
  free(x->f);
  for (size_t p = 0; p < x->nparts; p++) {
    part *pt = &x->parts[p];
    for (size_t u = 0; u < pt->nunits; u++) {
      free(pt->units[u].path);
      for (size_t v = 0; v < pt->units[u].nvalues; v++)
        free(pt->units[u].values[v]);
      free(pt->units[u].values);
    }
    free(pt->units);
    free(pt->name);
    free(pt->id);
  }
  free(x->parts);
  memset(x, 0, sizeof *x);
}
