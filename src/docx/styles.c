/* styles.c: styles.xml (read whole) and run formatting. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../error.h"
#include "../xmlpart.h"
#include "docx.h"

/* Style chains are followed at most this far: basedOn loops exist in the wild. */
#define MAX_CHAIN 32

void runfmt_unset(runfmt *f) {
  memset(f, 0, sizeof *f);
  f->bold = f->italic = f->strike = f->caps = f->small_caps = f->hidden = TRI_UNSET;
}

static void tri_inherit(signed char *a, signed char b) {
  if (*a == TRI_UNSET) *a = b;
}

void runfmt_inherit(runfmt *f, const runfmt *b) {
  tri_inherit(&f->bold, b->bold);
  tri_inherit(&f->italic, b->italic);
  tri_inherit(&f->strike, b->strike);
  tri_inherit(&f->caps, b->caps);
  tri_inherit(&f->small_caps, b->small_caps);
  tri_inherit(&f->hidden, b->hidden);
  if (!f->underline[0]) memcpy(f->underline, b->underline, sizeof f->underline);
  if (!f->vert[0]) memcpy(f->vert, b->vert, sizeof f->vert);
  for (int i = 0; i < 3; i++)
    if (!f->lang[i][0]) memcpy(f->lang[i], b->lang[i], sizeof f->lang[i]);
}

static void copy_attr(char *dst, size_t n, const xmlpart_node *node, const char *attr) {
  const char *v = xn_attr(node, attr);
  if (v) str_copy(dst, n, v);
}

void runfmt_read(runfmt *f, const xmlpart_node *rpr) {
  for (const xmlpart_node *c = rpr->first; c; c = c->next) {
    if (xn_is(c, "b"))
      f->bold = xn_onoff(c);
    else if (xn_is(c, "i"))
      f->italic = xn_onoff(c);
    else if (xn_is(c, "strike") || xn_is(c, "dstrike")) {
      if (f->strike != TRI_ON) f->strike = xn_onoff(c);
    } else if (xn_is(c, "caps"))
      f->caps = xn_onoff(c);
    else if (xn_is(c, "smallCaps"))
      f->small_caps = xn_onoff(c);
    else if (xn_is(c, "vanish") || xn_is(c, "specVanish"))
      f->hidden = xn_onoff(c);
    else if (xn_is(c, "u")) {
      const char *v = xn_attr(c, "val");
      str_copy(f->underline, sizeof f->underline, v ? v : "single");
    } else if (xn_is(c, "vertAlign"))
      copy_attr(f->vert, sizeof f->vert, c, "val");
    else if (xn_is(c, "lang")) {
      copy_attr(f->lang[0], sizeof f->lang[0], c, "val");
      copy_attr(f->lang[1], sizeof f->lang[1], c, "eastAsia");
      copy_attr(f->lang[2], sizeof f->lang[2], c, "bidi");
    }
  }
}

static bool is_on(signed char t) { return t == TRI_ON; }

bool runfmt_same_look(const runfmt *a, const runfmt *b) {
  return is_on(a->bold) == is_on(b->bold) && is_on(a->italic) == is_on(b->italic) &&
         is_on(a->strike) == is_on(b->strike) && is_on(a->caps) == is_on(b->caps) &&
         is_on(a->small_caps) == is_on(b->small_caps) && is_on(a->hidden) == is_on(b->hidden) &&
         strcmp(a->underline[0] ? a->underline : "none", b->underline[0] ? b->underline : "none") ==
             0 &&
         strcmp(a->vert[0] ? a->vert : "baseline", b->vert[0] ? b->vert : "baseline") == 0;
}

bool runfmt_plain(const runfmt *f) {
  runfmt p;
  runfmt_unset(&p);
  return runfmt_same_look(f, &p);
}

/* ---- styles.xml -------------------------------------------------------------- */

static int cmp_style(const void *a, const void *b) {
  return strcmp(((const style *)a)->id, ((const style *)b)->id);
}

static char *dup_attr(const xmlpart_node *node, const char *child, const char *attr) {
  const xmlpart_node *c = child ? xn_child(node, child) : node;
  const char *v = c ? xn_attr(c, attr) : NULL;
  return v ? strdup(v) : NULL;
}

static int int_attr(const xmlpart_node *node, const char *attr, int dflt) {
  const char *v = node ? xn_attr(node, attr) : NULL;
  if (!v || !*v) return dflt;
  char *end;
  long x = strtol(v, &end, 10);
  if (*end || x < -1000000 || x > 1000000) return dflt;
  return (int)x;
}

static void read_ppr(style *s, const xmlpart_node *ppr) {
  const xmlpart_node *c;
  if ((c = xn_child(ppr, "outlineLvl"))) s->outline = int_attr(c, "val", -1);
  if ((c = xn_child(ppr, "numPr"))) {
    const xmlpart_node *id = xn_child(c, "numId"), *lvl = xn_child(c, "ilvl");
    if (id) s->num_id = int_attr(id, "val", -1);
    if (lvl) s->ilvl = int_attr(lvl, "val", -1);
  }
  if ((c = xn_child(ppr, "jc"))) {
    copy_attr(s->align, sizeof s->align, c, "val");
    s->align_set = 1;
  }
}

colette_status styles_load(package *pkg, const char *part, styles *out, colette_error *err) {
  memset(out, 0, sizeof *out);
  runfmt_unset(&out->defaults);
  if (!part || !package_has(pkg, part)) return COLETTE_OK;
  xmlpart_tree *doc;
  colette_status st = xmlpart_parse_tree(pkg, part, &doc, err);
  if (st != COLETTE_OK) return st;
  const xmlpart_node *root = xmlpart_tree_root(doc);
  size_t cap = 0;
  char *default_id = NULL;
  for (const xmlpart_node *n = root->first; n; n = n->next) {
    if (xn_is(n, "docDefaults")) {
      const xmlpart_node *rpr = xn_child(xn_child(n, "rPrDefault"), "rPr");
      if (rpr) runfmt_read(&out->defaults, rpr);
      continue;
    }
    if (!xn_is(n, "style")) continue;
    const char *id = xn_attr(n, "styleId");
    if (!id) continue;
    if (out->count == cap) {
      cap = cap ? cap * 2 : 64;
      style *items = realloc(out->items, cap * sizeof *items);
      if (!items) goto nomem;
      out->items = items;
    }
    style *s = &out->items[out->count++];
    memset(s, 0, sizeof *s);
    s->outline = s->num_id = s->ilvl = -1;
    runfmt_unset(&s->rpr);
    s->id = strdup(id);
    s->name = dup_attr(n, "name", "val");
    s->based_on = dup_attr(n, "basedOn", "val");
    s->link = dup_attr(n, "link", "val");
    const char *type = xn_attr(n, "type");
    s->type = type ? type[0] : 'p';
    if (!s->id) goto nomem;
    const xmlpart_node *ppr = xn_child(n, "pPr"), *rpr = xn_child(n, "rPr");
    if (ppr) read_ppr(s, ppr);
    if (rpr) runfmt_read(&s->rpr, rpr);
    const char *d = xn_attr(n, "default");
    if (s->type == 'p' && !default_id && d &&
        (strcmp(d, "1") == 0 || strcmp(d, "true") == 0 || strcmp(d, "on") == 0))
      default_id = s->id;
  }
  if (out->count) qsort(out->items, out->count, sizeof *out->items, cmp_style);
  if (default_id) out->default_para = styles_find(out, default_id);
  if (!out->default_para) out->default_para = styles_find(out, "Normal");
  xmlpart_tree_free(doc);
  return COLETTE_OK;
nomem:
  xmlpart_tree_free(doc);
  styles_free(out);
  return error_set(err, COLETTE_ERR_NOMEM, part, "out of memory");
}

void styles_free(styles *s) {
  if (!s) return;
  for (size_t i = 0; i < s->count; i++) {
    free(s->items[i].id);
    free(s->items[i].name);
    free(s->items[i].based_on);
    free(s->items[i].link);
  }
  free(s->items);
  memset(s, 0, sizeof *s);
}

const style *styles_find(const styles *s, const char *id) {
  if (!id || !s->count) return NULL;
  style key = {0};
  key.id = (char *)id;
  return bsearch(&key, s->items, s->count, sizeof *s->items, cmp_style);
}

static const style *parent(const styles *s, const style *st) {
  return st->based_on ? styles_find(s, st->based_on) : NULL;
}

int styles_heading(const styles *s, const char *id) {
  const style *st = styles_find(s, id);
  /* Built-in heading names are stored in English whatever the UI language
   * ("heading 1"); LibreOffice writes "Heading 1". */
  if (st && st->name && strncasecmp(st->name, "heading ", 8) == 0 && st->name[8] >= '1' &&
      st->name[8] <= '9' && st->name[9] == '\0')
    return st->name[8] - '0';
  for (int i = 0; st && i < MAX_CHAIN; i++, st = parent(s, st))
    if (st->outline >= 0) return st->outline <= 8 ? st->outline + 1 : 0;
  return 0;
}

bool styles_numbering(const styles *s, const char *id, int *num_id, int *ilvl) {
  const style *st = styles_find(s, id);
  *num_id = -1;
  *ilvl = -1;
  for (int i = 0; st && i < MAX_CHAIN; i++, st = parent(s, st)) {
    if (*ilvl < 0 && st->ilvl >= 0) *ilvl = st->ilvl;
    if (st->num_id >= 0) {
      *num_id = st->num_id;
      break;
    }
  }
  return *num_id > 0;
}

void styles_runfmt(const styles *s, const char *id, runfmt *out) {
  const style *st = styles_find(s, id);
  for (int i = 0; st && i < MAX_CHAIN; i++, st = parent(s, st))
    runfmt_inherit(out, &st->rpr);
}

const char *styles_align(const styles *s, const char *id) {
  const style *st = styles_find(s, id);
  for (int i = 0; st && i < MAX_CHAIN; i++, st = parent(s, st))
    if (st->align_set) return st->align;
  return NULL;
}
