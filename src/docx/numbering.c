/*
 * numbering.c: numbering.xml and list counters, computing each numbered
 * paragraph's label the way Word displays it.
 *
 * Word's rules, as implemented here:
 *  - Counters belong to the abstract numbering, so every w:num pointing at
 *    the same w:abstractNum continues one sequence, with or without
 *    overrides. A w:num's w:startOverride for level L restarts that shared
 *    counter once, at the first paragraph of that w:num at level L, and the
 *    paragraphs after it count on from there whichever w:num of the abstract
 *    numbering they name: Word's "restart numbering" may give only the first
 *    item the new w:num (LibreOffice's writerfilter, Open XML PowerTools'
 *    ListItemRetriever, docx4j and pandoc's reader since its #8367 count so).
 *    The override is also that w:num's start for L whenever L starts again
 *    (ECMA-376 Part 1, 17.9.27; PowerTools and docx4j; LibreOffice 7.4 takes
 *    the abstract's start there, and restarts a w:num at one level only).
 *  - Using level L counts L (starting at w:start, or w:startOverride) and
 *    resets every deeper level M whose w:lvlRestart allows it: restart when
 *    L < lvlRestart (default: M, i.e. after any shallower level; 0: never).
 *  - w:lvlText replaces %1…%9 with the counters of levels 0…8, each in its
 *    own level's format, all in decimal when the level has w:isLgl; a level
 *    never used shows its start value.
 *  - w:numStyleLink points through a numbering style to the abstract
 *    numbering that really holds the levels.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "../xmlpart.h"
#include "docx.h"

#define LEVELS 9

typedef struct level {
  bool defined;
  long start;
  char fmt[32];
  char *custom; /* w14 custom format string, or NULL */
  char *text;   /* w:lvlText/@w:val, NULL when absent */
  int restart;  /* w:lvlRestart, -1 when absent */
  bool legal;   /* w:isLgl */
} level;

typedef struct abstract_num {
  int id;
  level lvl[LEVELS];
  char *num_style_link;
} abstract_num;

typedef struct num {
  int id;
  int abstract_id;
  bool instance; /* has overrides: list identity "n<numId>" */
  long start_override[LEVELS];
  bool has_start_override[LEVELS];
  level lvl[LEVELS]; /* full level overrides (defined == true) */
} num;

struct numbering {
  abstract_num *abs;
  size_t n_abs;
  num *nums;
  size_t n_nums;
  const styles *styles;
};

typedef struct counters {
  long value[LEVELS];
  bool set[LEVELS];
} counters;

struct numstate {
  const numbering *n;
  counters *abs;  /* parallel to n->abs */
  counters *nums; /* parallel to n->nums: set[L] once its startOverride for L has restarted */
  numfmt_cache *fmt;
};

static int cmp_abs(const void *a, const void *b) {
  int x = ((const abstract_num *)a)->id, y = ((const abstract_num *)b)->id;
  return (x > y) - (x < y);
}
static int cmp_num(const void *a, const void *b) {
  int x = ((const num *)a)->id, y = ((const num *)b)->id;
  return (x > y) - (x < y);
}

static long long_attr(const xmlpart_node *node, long dflt) {
  const char *v = node ? xn_attr(node, "val") : NULL;
  if (!v || !*v) return dflt;
  char *end;
  long x = strtol(v, &end, 10);
  if (*end || x < -1000000 || x > 1000000000) return dflt;
  return x;
}

/* The w:numFmt of a level, looking inside mc:AlternateContent for the w14
 * custom formats Word writes there. */
static void read_numfmt(level *l, const xmlpart_node *lvl) {
  for (const xmlpart_node *c = lvl->first; c; c = c->next) {
    const xmlpart_node *f = NULL;
    if (xn_is(c, "numFmt"))
      f = c;
    else if (xn_is(c, "AlternateContent"))
      f = xn_child(xn_child(c, "Choice"), "numFmt");
    if (!f) continue;
    const char *v = xn_attr(f, "val"), *format = xn_attr(f, "format");
    if (v) snprintf(l->fmt, sizeof l->fmt, "%s", v);
    if (format && !l->custom) l->custom = strdup(format);
    return;
  }
}

static void read_level(level *l, const xmlpart_node *lvl) {
  l->defined = true;
  l->start = long_attr(xn_child(lvl, "start"), 0);
  snprintf(l->fmt, sizeof l->fmt, "decimal");
  read_numfmt(l, lvl);
  const xmlpart_node *t = xn_child(lvl, "lvlText");
  const char *v = t ? xn_attr(t, "val") : NULL;
  l->text = v ? strdup(v) : NULL;
  const xmlpart_node *r = xn_child(lvl, "lvlRestart");
  l->restart = r ? (int)long_attr(r, -1) : -1;
  l->legal = xn_onoff(xn_child(lvl, "isLgl"));
}

static void free_level(level *l) {
  free(l->custom);
  free(l->text);
}

static int level_index(const xmlpart_node *lvl) {
  const char *v = xn_attr(lvl, "ilvl");
  if (!v) return -1;
  long i = strtol(v, NULL, 10);
  return i >= 0 && i < LEVELS ? (int)i : -1;
}

colette_status numbering_load(package *pkg, const char *part, const styles *st, numbering **out,
                              colette_error *err) {
  *out = NULL;
  numbering *nb = calloc(1, sizeof *nb);
  if (!nb) return error_set(err, COLETTE_ERR_NOMEM, part, "out of memory");
  nb->styles = st;
  if (!part || !package_has(pkg, part)) {
    *out = nb;
    return COLETTE_OK;
  }
  xmlpart_tree *doc;
  colette_status s = xmlpart_parse_tree(pkg, part, &doc, err);
  if (s != COLETTE_OK) {
    free(nb);
    return s;
  }
  size_t na = 0, nn = 0;
  const xmlpart_node *root = xmlpart_tree_root(doc);
  for (const xmlpart_node *c = root->first; c; c = c->next) {
    if (xn_is(c, "abstractNum"))
      na++;
    else if (xn_is(c, "num"))
      nn++;
  }
  nb->abs = calloc(na ? na : 1, sizeof *nb->abs);
  nb->nums = calloc(nn ? nn : 1, sizeof *nb->nums);
  if (!nb->abs || !nb->nums) goto nomem;
  for (const xmlpart_node *c = root->first; c; c = c->next) {
    if (xn_is(c, "abstractNum")) {
      const char *id = xn_attr(c, "abstractNumId");
      if (!id) continue;
      abstract_num *a = &nb->abs[nb->n_abs++];
      a->id = atoi(id);
      const xmlpart_node *link = xn_child(c, "numStyleLink");
      if (link && xn_attr(link, "val")) a->num_style_link = strdup(xn_attr(link, "val"));
      for (const xmlpart_node *l = c->first; l; l = l->next) {
        int i = xn_is(l, "lvl") ? level_index(l) : -1;
        if (i >= 0 && !a->lvl[i].defined) read_level(&a->lvl[i], l);
      }
    } else if (xn_is(c, "num")) {
      const char *id = xn_attr(c, "numId");
      const xmlpart_node *an = xn_child(c, "abstractNumId");
      if (!id || !an) continue;
      num *m = &nb->nums[nb->n_nums++];
      m->id = atoi(id);
      m->abstract_id = (int)long_attr(an, -1);
      for (const xmlpart_node *o = c->first; o; o = o->next) {
        int i = xn_is(o, "lvlOverride") ? level_index(o) : -1;
        if (i < 0) continue;
        m->instance = true;
        const xmlpart_node *so = xn_child(o, "startOverride"), *lvl = xn_child(o, "lvl");
        if (so) {
          m->has_start_override[i] = true;
          m->start_override[i] = long_attr(so, 0);
        }
        if (lvl && !m->lvl[i].defined) read_level(&m->lvl[i], lvl);
      }
    }
  }
  qsort(nb->abs, nb->n_abs, sizeof *nb->abs, cmp_abs);
  qsort(nb->nums, nb->n_nums, sizeof *nb->nums, cmp_num);
  xmlpart_tree_free(doc);
  *out = nb;
  return COLETTE_OK;
nomem:
  xmlpart_tree_free(doc);
  numbering_free(nb);
  return error_set(err, COLETTE_ERR_NOMEM, part, "out of memory");
}

void numbering_free(numbering *nb) {
  if (!nb) return;
  for (size_t i = 0; i < nb->n_abs; i++) {
    for (int l = 0; l < LEVELS; l++)
      free_level(&nb->abs[i].lvl[l]);
    free(nb->abs[i].num_style_link);
  }
  for (size_t i = 0; i < nb->n_nums; i++)
    for (int l = 0; l < LEVELS; l++)
      free_level(&nb->nums[i].lvl[l]);
  free(nb->abs);
  free(nb->nums);
  free(nb);
}

static num *find_num(const numbering *nb, int id) {
  num key = {.id = id};
  return nb->n_nums ? bsearch(&key, nb->nums, nb->n_nums, sizeof key, cmp_num) : NULL;
}

static abstract_num *find_abs(const numbering *nb, int id) {
  abstract_num key = {.id = id};
  return nb->n_abs ? bsearch(&key, nb->abs, nb->n_abs, sizeof key, cmp_abs) : NULL;
}

/* Follow numStyleLink through numbering styles (bounded: links may loop). */
static abstract_num *resolve_abs(const numbering *nb, abstract_num *a) {
  for (int hops = 0; a && a->num_style_link && hops < 8; hops++) {
    int num_id, ilvl;
    if (!nb->styles || !styles_numbering(nb->styles, a->num_style_link, &num_id, &ilvl)) break;
    num *m = find_num(nb, num_id);
    abstract_num *next = m ? find_abs(nb, m->abstract_id) : NULL;
    if (!next || next == a) break;
    a = next;
  }
  return a;
}

numstate *numstate_new(const numbering *nb) {
  numstate *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->n = nb;
  s->abs = calloc(nb->n_abs ? nb->n_abs : 1, sizeof *s->abs);
  s->nums = calloc(nb->n_nums ? nb->n_nums : 1, sizeof *s->nums);
  s->fmt = numfmt_cache_new();
  if (!s->abs || !s->nums || !s->fmt) {
    numstate_free(s);
    return NULL;
  }
  return s;
}

void numstate_free(numstate *s) {
  if (!s) return;
  free(s->abs);
  free(s->nums);
  numfmt_cache_free(s->fmt);
  free(s);
}

static const level *level_of(const num *m, const abstract_num *a, int i) {
  if (m->lvl[i].defined) return &m->lvl[i];
  return a->lvl[i].defined ? &a->lvl[i] : NULL;
}

static long start_of(const num *m, const abstract_num *a, int i) {
  if (m->has_start_override[i]) return m->start_override[i];
  const level *l = level_of(m, a, i);
  return l ? l->start : 0;
}

bool numbering_next(numstate *s, int num_id, int ilvl, const char *lang, numlabel *out) {
  const numbering *nb = s->n;
  buf_clear(&out->text);
  if (num_id <= 0) return false;
  num *m = find_num(nb, num_id);
  if (!m) return false;
  abstract_num *a = resolve_abs(nb, find_abs(nb, m->abstract_id));
  if (!a) return false;
  if (ilvl < 0) ilvl = 0;
  if (ilvl >= LEVELS) ilvl = LEVELS - 1;
  const level *cur = level_of(m, a, ilvl);
  if (!cur) return false;

  counters *c = &s->abs[a - nb->abs];
  counters *fired = &s->nums[m - nb->nums];
  if (m->has_start_override[ilvl] && !fired->set[ilvl]) { /* this w:num's restart */
    fired->set[ilvl] = true;
    c->value[ilvl] = m->start_override[ilvl];
    c->set[ilvl] = true;
  } else if (c->set[ilvl] && c->value[ilvl] < LONG_MAX)
    c->value[ilvl]++;
  else if (!c->set[ilvl]) {
    c->value[ilvl] = start_of(m, a, ilvl);
    c->set[ilvl] = true;
  }
  for (int deeper = ilvl + 1; deeper < LEVELS; deeper++) {
    const level *d = level_of(m, a, deeper);
    int restart = d && d->restart >= 0 ? d->restart : deeper;
    if (restart != 0 && ilvl < restart) c->set[deeper] = false;
  }

  if (m->instance)
    snprintf(out->list, sizeof out->list, "n%d", m->id);
  else
    snprintf(out->list, sizeof out->list, "a%d", a->id);
  snprintf(out->format, sizeof out->format, "%s", cur->fmt);
  out->num_id = num_id;
  out->level = ilvl;
  out->bullet = strcmp(cur->fmt, "bullet") == 0;
  const char *t = cur->text ? cur->text : "";
  if (out->bullet) {
    buf_puts(&out->text, t);
    return true;
  }
  for (const char *p = t; *p; p++) {
    if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
      int k = p[1] - '1';
      const level *lk = level_of(m, a, k);
      long v = c->set[k] ? c->value[k] : start_of(m, a, k);
      const char *fmt = cur->legal ? "decimal" : lk ? lk->fmt : "decimal";
      if (strcmp(fmt, "bullet") == 0) fmt = "decimal";
      numfmt_format(s->fmt, fmt, v, lang, lk ? lk->custom : NULL, &out->text);
      p++;
    } else {
      buf_putc(&out->text, *p);
    }
  }
  return true;
}
