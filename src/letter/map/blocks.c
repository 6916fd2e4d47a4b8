/*
 * blocks.c: paragraphs, headings, lists, tables and agendas, wherever they
 * sit (body, annexes, cells, notes, furniture), with the catalogue's
 * formulae recorded on those it knows.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../../sentences.h"
#include "map.h"

bool map_blank(mapper *m, const fnode *p) {
  ptext pt;
  ptext_load(m, p, &pt);
  line whole = {&pt, 0, pt.text.len, 0, pt.nev};
  bool b = line_blank(&whole);
  ptext_free(&pt);
  return b;
}

/*
 * A label typed at the start of a line: "1.", "12.", "1.2", "1.2.", "a)", "(b)",
 * "iv)".  Returns its length in bytes with the blanks after it (0 if
 * none); the label in label, its level in *level.
 */
static size_t typed_label(const char *t, size_t n, int *level, char *label, size_t cap) {
  size_t i = 0;
  int lv = 1;
  if (i < n && isdigit((unsigned char)t[i])) {
    while (i < n && isdigit((unsigned char)t[i]))
      i++;
    if (i > 3) return 0; /* a year, not a number of an agenda */
    while (i + 1 < n && t[i] == '.' && isdigit((unsigned char)t[i + 1])) {
      i++;
      while (i < n && isdigit((unsigned char)t[i]))
        i++;
      lv++;
    }
    if (i < n && (t[i] == '.' || t[i] == ')'))
      i++;
    else if (lv == 1)
      return 0; /* "1.2 Opening" is a label, "12 Opening" no */
  } else {
    bool paren = i < n && t[i] == '(';
    if (paren) i++;
    size_t q = i;
    while (i < n && t[i] >= 'a' && t[i] <= 'z' && i - q < 4)
      i++;
    if (i == q || i - q > 3 || i >= n || t[i] != ')') return 0;
    if (i - q > 1 && strspn(t + q, "ivx") < i - q) return 0; /* a) or a roman numeral */
    i++;
    lv = 2;
  }
  if (i >= n || (t[i] != ' ' && t[i] != '\t')) return 0;
  if (i >= cap) return 0;
  memcpy(label, t, i);
  label[i] = '\0';
  *level = lv;
  while (i < n && (t[i] == ' ' || t[i] == '\t'))
    i++;
  return i;
}

/* The longest line an agenda item numbered by hand is (bytes). */
#define AGENDA_LINE 160

/*
 * A line of an annex numbered by hand with a bare number: "1<tab>Opening
 * of the meeting", "2 Adoption of the agenda" (a draft agenda's items, a
 * tab a converter made a space), one or two digits, then a word.  Its
 * length with the blanks after it (0 if none), the number in label.  A
 * sentence so numbered (ending with a full stop, a question or an
 * exclamation) or a long line is no item, as in the body ("5<tab>I wish
 * you a productive meeting.").
 */
static size_t agenda_number(const char *t, size_t n, char *label, size_t cap) {
  size_t i = 0;
  while (i < n && isdigit((unsigned char)t[i]))
    i++;
  if (i == 0 || i > 2 || i >= cap || n > AGENDA_LINE || (t[i] != ' ' && t[i] != '\t')) return 0;
  size_t j = i;
  while (j < n && (t[j] == ' ' || t[j] == '\t'))
    j++;
  if (j >= n || isdigit((unsigned char)t[j]) || ispunct((unsigned char)t[j])) return 0;
  static const char *const STOPS[] = {
      ".", "!", "?", "\xE3\x80\x82" /* 。 */, "\xEF\xBC\x81" /* ！ */, "\xEF\xBC\x9F" /* ？ */};
  for (size_t k = 0; k < sizeof STOPS / sizeof *STOPS; k++) {
    size_t l = strlen(STOPS[k]);
    if (n - j >= l && memcmp(t + n - l, STOPS[k], l) == 0) return 0;
  }
  memcpy(label, t, i);
  label[i] = '\0';
  return j;
}

/* Match class k against [from, to) of pt as a whole; record it on n. */
static void formula_of(mapper *m, ptext *pt, size_t from, size_t to, colette_node *n, cat_class k) {
  if (!n || from >= to || !map_cat_text(m, pt, from, to)) return;
  cat_match cm;
  if (cat_match_best(m->cat, k, CAT_WHOLE, &m->ct, 0, &cm)) map_formula(m, n, &cm);
}

void map_block_formula(mapper *m, const fnode *p, colette_node *n, cat_class k) {
  ptext pt;
  ptext_load(m, p, &pt);
  line whole = {&pt, 0, pt.text.len, 0, pt.nev};
  size_t a, b;
  line_trim(&whole, &a, &b);
  formula_of(m, &pt, a, b, n, k);
  ptext_free(&pt);
}

static colette_node *item_node(mapper *m, colette_node *parent, colette_node **list,
                               const char *label, const char *level) {
  if (!*list) *list = map_add(m, parent, COLETTE_NODE_LIST);
  colette_node *it = map_add(m, *list, COLETTE_NODE_ITEM);
  map_set(m, it, COLETTE_ATTR_LABEL, label);
  map_set(m, it, COLETTE_ATTR_LEVEL, level && atoi(level) > 0 ? level : "1");
  return it;
}

#define MAX_SENTENCES 64

/*
 * A paragraph of several sentences that no formula covers whole: its
 * sentences (ICU's sentence breaks) that match a formula are wrapped in an
 * <s> carrying it, the rest is written as it is, [lead, a) first (the
 * paragraph's typed number).  Returns false (nothing written) when no
 * sentence matches.
 */
static bool sentences(mapper *m, ptext *pt, size_t lead, size_t a, size_t b, colette_node *n) {
  if (!m->sentences) return false;
  size_t cut[MAX_SENTENCES + 1];
  size_t k = sentences_cut(m->sentences, pt->masked.data + a, b - a, cut, MAX_SENTENCES + 1);
  /* one sentence: the paragraph's own match said no; more than the
   * most we look at: the paragraph is written whole, unmatched */
  if (k < 3 || k > MAX_SENTENCES + 1) return false;
  for (size_t i = 0; i < k; i++)
    cut[i] += a;
  /* on the heap, as many as there are sentences: a cat_match is most of a
   * kilobyte, and a note's paragraphs are mapped inside this one's */
  cat_match *cm = malloc((k - 1) * sizeof *cm);
  if (!cm) {
    map_nomem(m);
    return false;
  }
  bool hit[MAX_SENTENCES] = {false}, any = false;
  size_t from[MAX_SENTENCES], to[MAX_SENTENCES];
  for (size_t i = 0; i + 1 < k; i++) {
    from[i] = cut[i];
    to[i] = cut[i + 1];
    const char *t = pt->text.data;
    while (to[i] > from[i] && (t[to[i] - 1] == ' ' || t[to[i] - 1] == '\t'))
      to[i]--;
    hit[i] = to[i] > from[i] && map_cat_text(m, pt, from[i], to[i]) &&
             cat_match_best(m->cat, CAT_SENTENCE, CAT_WHOLE, &m->ct, 0, &cm[i]);
    any |= hit[i];
  }
  if (!any) {
    free(cm);
    return false;
  }
  if (lead < a) map_inline_part(m, pt, lead, a, n, false, false);
  for (size_t i = 0; i + 1 < k && m->st == COLETTE_OK; i++) {
    bool last = i + 2 == k;
    if (hit[i]) {
      colette_node *sn = map_add(m, n, COLETTE_NODE_SENTENCE);
      map_inline_part(m, pt, from[i], to[i], sn, false, false);
      map_formula(m, sn, &cm[i]);
      if (to[i] < cut[i + 1]) map_inline_part(m, pt, to[i], cut[i + 1], n, false, last);
    } else {
      map_inline_part(m, pt, from[i], cut[i + 1], n, false, last);
    }
  }
  free(cm);
  return true;
}

void map_paragraph(mapper *m, const fnode *p, colette_node *parent, colette_node **list) {
  ptext pt;
  ptext_load(m, p, &pt);
  line whole = {&pt, 0, pt.text.len, 0, pt.nev};
  if (line_blank(&whole)) {
    ptext_free(&pt);
    return;
  }
  size_t a, b;
  line_trim(&whole, &a, &b);
  const char *label = flat_attr(p, FLAT_A_LABEL);
  char typed[16];
  int level = 0;
  size_t k = label ? 0 : typed_label(pt.text.data + a, b - a, &level, typed, sizeof typed);
  if (!label && !k && colette_node_get_type(parent) == COLETTE_NODE_ANNEX &&
      (k = agenda_number(pt.text.data + a, b - a, typed, sizeof typed)) > 0)
    level = 1;
  colette_node *n;
  cat_class cls = CAT_SENTENCE;
  if (label || k) {
    char lv[16];
    snprintf(lv, sizeof lv, "%d", level);
    n = item_node(m, parent, list, label ? label : typed, label ? flat_attr(p, FLAT_A_LEVEL) : lv);
    a += k;
    cls = CAT_ITEM;
  } else {
    *list = NULL;
    const char *h = flat_attr(p, FLAT_A_HEADING);
    n = map_add(m, parent, h ? COLETTE_NODE_HEADING : COLETTE_NODE_PARAGRAPH);
    if (h) map_set(m, n, COLETTE_ATTR_LEVEL, h);
    cls = h ? CAT_HEADING : CAT_SENTENCE;
  }
  map_lang(m, p, n);
  formula_of(m, &pt, a, b, n, cls);
  if (n && !colette_node_attr(n, COLETTE_ATTR_FORMULA) && cls == CAT_SENTENCE)
    formula_of(m, &pt, a, b, n, CAT_HEADING); /* a standard heading set as a paragraph */
  bool done = false;
  if (n && !colette_node_attr(n, COLETTE_ATTR_FORMULA) && cls == CAT_SENTENCE) {
    /* a body paragraph numbered by hand ("5<tab>I wish you…"): the number
     * stays text of the paragraph, the formula is the sentence after it */
    size_t s = map_skip_number(pt.text.data, a, b);
    cat_match cm;
    if (s > a && s < b && map_cat_text(m, &pt, s, b) &&
        cat_match_best(m->cat, CAT_SENTENCE, CAT_WHOLE, &m->ct, 0, &cm)) {
      map_inline_part(m, &pt, a, s, n, false, false);
      colette_node *sn = map_add(m, n, COLETTE_NODE_SENTENCE);
      map_inline(m, &pt, s, b, sn, false);
      map_formula(m, sn, &cm);
      done = true;
    } else {
      done = sentences(m, &pt, a, s, b, n);
    }
  }
  if (!done) map_inline(m, &pt, a, b, n, false);
  ptext_free(&pt);
}

void map_blocks(mapper *m, const fnode *first, const fnode *stop, colette_node *parent) {
  colette_node *list = NULL;
  for (const fnode *n = first; n && n != stop && m->st == COLETTE_OK; n = fnode_next_elem(n)) {
    if (flat_is(n, FLAT_P)) {
      map_paragraph(m, n, parent, &list);
    } else if (flat_is(n, FLAT_TABLE)) {
      list = NULL;
      map_table(m, n, parent);
    }
  }
}

/* ---- tables and agendas ---------------------------------------------------------------------- */

/* The numbered paragraph alone in a row's first cell ("1." with no text),
 * as agenda tables have it; NULL otherwise. */
static const fnode *number_cell(mapper *m, const fnode *row) {
  const fnode *c = fnode_first_elem(row), *only = NULL;
  if (!c) return NULL;
  for (const fnode *p = fnode_first_elem(c); p; p = fnode_next_elem(p)) {
    if (!flat_is(p, FLAT_P)) return NULL;
    bool blank = map_blank(m, p);
    if (blank && !flat_attr(p, FLAT_A_LABEL)) continue;
    if (only || !flat_attr(p, FLAT_A_LABEL) || !blank) return NULL;
    only = p;
  }
  return only;
}

static bool row_blank(mapper *m, const fnode *r) {
  for (const fnode *c = fnode_first_elem(r); c; c = fnode_next_elem(c))
    for (const fnode *p = fnode_first_elem(c); p; p = fnode_next_elem(p))
      if (!flat_is(p, FLAT_P) || !map_blank(m, p)) return false;
  return true;
}

/* An agenda set as a table (number | item | …): one list.  False if the
 * table is not one. */
static bool agenda_table(mapper *m, const fnode *t, colette_node *parent) {
  int rows = 0, numbered = 0;
  for (const fnode *r = fnode_first_elem(t); r; r = fnode_next_elem(r)) {
    const fnode *num = number_cell(m, r);
    if (!num && row_blank(m, r)) continue;
    rows++;
    numbered += num != NULL;
  }
  if (numbered < 2 || numbered * 2 < rows) return false;
  colette_node *list = NULL;
  for (const fnode *r = fnode_first_elem(t); r; r = fnode_next_elem(r)) {
    const fnode *num = number_cell(m, r);
    if (!num) { /* a header row, a note: kept as blocks */
      list = NULL;
      for (const fnode *c = fnode_first_elem(r); c; c = fnode_next_elem(c))
        map_blocks(m, fnode_first_elem(c), NULL, parent);
      continue;
    }
    colette_node *first = NULL;
    for (const fnode *c = fnode_next_elem(fnode_first_elem(r)); c; c = fnode_next_elem(c))
      for (const fnode *p = fnode_first_elem(c); p; p = fnode_next_elem(p)) {
        if (flat_is(p, FLAT_TABLE)) { /* a table in an item's cell: after the list */
          map_table(m, p, parent);
          list = NULL;
          continue;
        }
        if (!flat_is(p, FLAT_P) || map_blank(m, p)) continue;
        const char *label = first ? flat_attr(p, FLAT_A_LABEL) : flat_attr(num, FLAT_A_LABEL);
        const char *level = first ? flat_attr(p, FLAT_A_LEVEL) : flat_attr(num, FLAT_A_LEVEL);
        /* the row's number on its first line; a line under it, unnumbered, a level down */
        colette_node *it = item_node(m, parent, &list, label ? label : "",
                                     label ? level : "2");
        map_lang(m, p, it);
        ptext pt;
        ptext_load(m, p, &pt);
        line whole = {&pt, 0, pt.text.len, 0, pt.nev};
        size_t a, b;
        line_trim(&whole, &a, &b);
        map_inline(m, &pt, a, b, it, false);
        formula_of(m, &pt, a, b, it, CAT_ITEM);
        ptext_free(&pt);
        if (!first) first = it;
      }
    if (!first) item_node(m, parent, &list, flat_attr(num, FLAT_A_LABEL), flat_attr(num, FLAT_A_LEVEL));
  }
  return true;
}

void map_table(mapper *m, const fnode *t, colette_node *parent) {
  if (agenda_table(m, t, parent)) return;
  colette_node *tn = map_add(m, parent, COLETTE_NODE_TABLE);
  for (const fnode *r = fnode_first_elem(t); r && m->st == COLETTE_OK; r = fnode_next_elem(r)) {
    if (!flat_is(r, FLAT_ROW)) continue;
    colette_node *rn = map_add(m, tn, COLETTE_NODE_ROW);
    if (flat_attr(r, FLAT_A_HEADER)) map_set(m, rn, COLETTE_ATTR_HEADER, "true");
    for (const fnode *c = fnode_first_elem(r); c; c = fnode_next_elem(c)) {
      if (!flat_is(c, FLAT_CELL)) continue;
      colette_node *cn = map_add(m, rn, COLETTE_NODE_CELL);
      if (flat_attr(c, FLAT_A_COLSPAN)) map_set(m, cn, COLETTE_ATTR_COLSPAN, flat_attr(c, FLAT_A_COLSPAN));
      if (flat_attr(c, FLAT_A_ROWSPAN)) map_set(m, cn, COLETTE_ATTR_ROWSPAN, flat_attr(c, FLAT_A_ROWSPAN));
      map_blocks(m, fnode_first_elem(c), NULL, cn);
    }
  }
}
