/*
 * body.c: the body after the salutation, and the annexes.
 *
 * The body's frame is read block by block: the key deadlines (a heading,
 * then a table whose rows start with a date, or lines that do), the
 * closing, the signature, the enclosure line; an annex heading ends the
 * body.  Everything else is blocks, kept as they are.
 *
 * The signature is read as a run of short lines after the closing (or
 * around a line holding a signatory's title, when a letter has no
 * closing), cut at line breaks as well as paragraphs: the catalogue's
 * titles are found in their text taken together, wherever the lines
 * break, and what is no title is the name.
 */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"

#define SHORT_LINE 100 /* bytes: a signature or heading line is no longer */

/* ---- helpers --------------------------------------------------------------------------------- */


/* Match class k on the first line of p (trimmed, past a typed number), into
 * cm; a line longer than max bytes (0: no limit) is not matched at all, as
 * recognising a long line costs far more than this test (most paragraphs a
 * body's walk tries as an annex heading are long). */
static bool first_line_is(mapper *m, const fnode *p, cat_class k, cat_mode mode, size_t max,
                          cat_match *cm, ptext *pt, line *out) {
  line *ls;
  ptext_load(m, p, pt);
  size_t n = ptext_lines(m, pt, &ls);
  bool found = false;
  for (size_t i = 0; i < n && !found; i++) {
    if (line_blank(&ls[i])) continue;
    size_t a, b;
    line_trim(&ls[i], &a, &b);
    a = map_skip_number(pt->text.data, a, b);
    found = a < b && (!max || b - a <= max) && map_cat_text(m, pt, a, b) &&
            cat_match_best(m->cat, k, mode, &m->ct, 0, cm);
    if (out) *out = (line){pt, a, b, ls[i].e0, ls[i].e1};
    break; /* the first line with text decides */
  }
  free(ls);
  return found;
}

/* An annex heading is a short line, no sentence and no label: "ANNEX A",
 * "Annex 2 to TSB Collective letter 5/13", "附件A", the one annex's
 * "ANNEX" (but "Annex:" introduces what is annexed). */
bool map_annex_heading(mapper *m, const fnode *p, cat_match *cm) {
  if (!flat_is(p, FLAT_P)) return false;
  ptext pt;
  line ln;
  bool r = first_line_is(m, p, CAT_ANNEX, CAT_WHOLE, SHORT_LINE, cm, &pt, &ln);
  if (r) {
    const char *s = pt.text.data;
    size_t n = ln.to - ln.from;
    r = n <= SHORT_LINE && s[ln.to - 1] != '.' && s[ln.to - 1] != ':' &&
        !(n >= 3 && (memcmp(s + ln.to - 3, "\xE3\x80\x82", 3) == 0 || /* 。 */
                     memcmp(s + ln.to - 3, "\xEF\xBC\x9A", 3) == 0)); /* ： */
  }
  ptext_free(&pt);
  return r;
}

static bool para_is(mapper *m, const fnode *p, cat_class k, cat_mode mode, cat_match *cm) {
  if (!flat_is(p, FLAT_P)) return false;
  ptext pt;
  bool r = first_line_is(m, p, k, mode, 0, cm, &pt, NULL);
  ptext_free(&pt);
  return r;
}

static size_t para_len(mapper *m, const fnode *p) {
  char *t = map_para_text(m, p);
  size_t n = t ? strlen(t) : 0;
  free(t);
  return n;
}

/* An element of type t holding p's whole (trimmed) inline content, with
 * the formula of class k its first line matches (matched again here, on
 * text that lives as long as the match is used). */
static colette_node *whole(mapper *m, const fnode *p, colette_node *parent, colette_node_type t,
                           cat_class k, cat_mode mode) {
  colette_node *n = map_add(m, parent, t);
  if (k != CAT_CLASSES) {
    ptext pt;
    cat_match cm;
    if (first_line_is(m, p, k, mode, 0, &cm, &pt, NULL)) map_formula(m, n, &cm);
    ptext_free(&pt);
  }
  map_inline_para(m, p, n);
  return n;
}

static bool sig_para(mapper *m, const fnode *n);

/* The paragraph after the closing p that its formula goes on into (a
 * closing written on two lines: 此致, then 敬礼！), or NULL: the closing's
 * best form over both paragraphs' text reaches past p's. */
static const fnode *closing_goes_on(mapper *m, const fnode *p) {
  const fnode *q = fnode_next_elem(p);
  if (!q || !flat_is(q, FLAT_P) || map_blank(m, q) || !sig_para(m, q)) return NULL;
  char *a = map_para_text(m, p), *b = map_para_text(m, q);
  buf all = BUF_INIT;
  if (a && b) {
    buf_puts(&all, a);
    buf_putc(&all, ' ');
    buf_puts(&all, b);
  }
  cat_text t = map_text_new(m);
  cat_match cm;
  bool on = a && b && buf_ok(&all) && cat_text_set(&t, all.data, all.len, NULL, 0) == COLETTE_OK &&
            cat_match_best(m->cat, CAT_CLOSING, CAT_PREFIX, &t, 0, &cm) && cm.end > strlen(a) + 1;
  cat_text_free(&t);
  buf_free(&all);
  free(a);
  free(b);
  return on ? q : NULL;
}

/* ---- deadlines ----------------------------------------------------------------------------- */

/* The date a text starts with (in its first few bytes), or false. */
static bool starts_with_date(mapper *m, const char *s, size_t n, char *when) {
  size_t k = map_recognise_text(m, s, n);
  for (size_t i = 0; i < k; i++) {
    const match *x = &m->m[i];
    if (x->kind == M_DATE && x->a[0] != '-' && x->start < 4) {
      snprintf(when, 16, "%.10s", x->a);
      return true;
    }
  }
  return false;
}

/* A deadline's date: first ("24 June 2021 – Submit…"), or last after the
 * action and a colon, a dash or a tab (a cell: "Registration<tab>7
 * September 2026", "Pre-registration: 7 September 2026"), on a line no
 * longer than a deadline's ("The meeting closes on 25 September." is no
 * deadline: no separator before its date). */
#define DEADLINE_LINE 200 /* bytes */
static bool deadline_date(mapper *m, const char *s, size_t n, char *when) {
  if (starts_with_date(m, s, n, when)) return true;
  if (n > DEADLINE_LINE) return false;
  size_t k = map_recognise_text(m, s, n);
  if (!k) return false;
  const match *x = &m->m[k - 1];
  size_t end = x->end;
  while (end < n && strchr(" .;,", s[end]))
    end++;
  if (x->kind != M_DATE || x->a[0] == '-' || end < n || !label_separator_before(s, x->start))
    return false;
  snprintf(when, 16, "%.10s", x->a);
  return true;
}

/* The deadline's kind: the lowest-ranked kind the action names. */
static const cat_entry *kind_of(mapper *m, const char *s, size_t n, cat_match *best) {
  cat_text t = map_text_new(m);
  cat_match v[16];
  size_t k = 0;
  if (cat_text_set(&t, s, n, NULL, 0) == COLETTE_OK)
    k = cat_match_all(m->cat, CAT_KIND, &t, v, 16);
  else
    map_nomem(m);
  const cat_entry *e = NULL;
  for (size_t i = 0; i < k; i++)
    if (!e || cat_entry_rank(v[i].entry) < cat_entry_rank(e)) {
      e = v[i].entry;
      *best = v[i];
    }
  cat_text_free(&t);
  return e;
}

static void deadline_node(mapper *m, colette_node *dl, const char *when, const char *action,
                          size_t n, const fnode *src, colette_node **out) {
  colette_node *d = map_add(m, dl, COLETTE_NODE_DEADLINE);
  cat_match cm;
  const cat_entry *e = kind_of(m, action, n, &cm);
  map_set(m, d, COLETTE_ATTR_WHEN, when);
  map_set(m, d, COLETTE_ATTR_KIND, e ? cm.value : "other");
  if (e) map_formula(m, d, &cm);
  map_explain(m, src, "deadline", when, e ? &cm : NULL);
  *out = d;
}

/* Is p the first paragraph of its cell c? */
static bool first_of_cell(const fnode *c, const fnode *p) {
  for (const fnode *q = fnode_first_elem(c); q; q = fnode_next_elem(q))
    if (flat_is(q, FLAT_P)) return q == p;
  return false;
}

/* A row's text, its cells apart by a tab (as a label's value after it),
 * the paragraphs of a cell by a space. */
static char *row_text(mapper *m, const fnode *r) {
  buf all = BUF_INIT;
  for (const fnode *c = fnode_first_elem(r); c; c = fnode_next_elem(c))
    for (const fnode *p = fnode_first_elem(c); p; p = fnode_next_elem(p)) {
      if (!flat_is(p, FLAT_P)) continue;
      char *t = map_para_text(m, p);
      if (t && *t) {
        if (all.len) buf_putc(&all, c == fnode_first_elem(r) || !first_of_cell(c, p) ? ' ' : '\t');
        buf_puts(&all, t);
      }
      free(t);
    }
  if (!buf_reserve(&all, 1)) {
    map_nomem(m);
    buf_free(&all);
    return NULL;
  }
  all.data[all.len] = '\0';
  return all.data;
}

/* A table of deadlines: every row with text has its date first or last. */
static bool deadlines_table(mapper *m, const fnode *t) {
  int rows = 0;
  for (const fnode *r = fnode_first_elem(t); r; r = fnode_next_elem(r)) {
    char *rt = row_text(m, r), when[16];
    bool ok = rt && (!*rt || deadline_date(m, rt, strlen(rt), when));
    rows += rt && *rt;
    free(rt);
    if (!ok) return false;
  }
  return rows > 0;
}

static void deadline_row(mapper *m, const fnode *r, colette_node *dl) {
  char *rt = row_text(m, r), when[16];
  if (!rt || !*rt || !deadline_date(m, rt, strlen(rt), when)) {
    free(rt);
    return;
  }
  colette_node *d;
  /* the date last ("Registration | 7 September 2026"): its cell apart by a
   * tab, as the action's label is from its value */
  bool date_last = !starts_with_date(m, rt, strlen(rt), when);
  deadline_date(m, rt, strlen(rt), when);
  deadline_node(m, dl, when, rt, strlen(rt), r, &d);
  free(rt);
  bool first = true;
  for (const fnode *c = fnode_first_elem(r); c; c = fnode_next_elem(c))
    for (const fnode *p = fnode_first_elem(c); p; p = fnode_next_elem(p)) {
      if (!flat_is(p, FLAT_P) || map_blank(m, p)) continue;
      const char *sep = date_last && first_of_cell(c, p) ? "\t" : " ";
      if (!first && node_append_text(d, sep, 1) != COLETTE_OK) map_nomem(m);
      map_inline_para(m, p, d);
      first = false;
    }
}

/* ---- signature ------------------------------------------------------------------------------ */

/* A line that reads like a person's name: one to six words, no digits, no
 * sentence punctuation at its end. */
static bool name_like(const char *s, size_t n) {
  if (n == 0 || n > 80) return false;
  for (size_t i = 0; i < n; i++)
    if (isdigit((unsigned char)s[i]) || s[i] == ':') return false;
  char last = s[n - 1];
  if (strchr(".!?;,", last)) return false;
  if (n >= 3 && (memcmp(s + n - 3, "\xE3\x80\x82", 3) == 0 || memcmp(s + n - 3, "\xEF\xBC\x81", 3) == 0 ||
                 memcmp(s + n - 3, "\xEF\xBC\x9A", 3) == 0))
    return false;
  int words = 0;
  bool in = false;
  for (size_t i = 0; i < n; i++) {
    bool sp = s[i] == ' ' || s[i] == '\t';
    if (!sp && !in) words++;
    in = !sp;
  }
  return words >= 1 && words <= 6;
}

/* The bytes of a bracketed aside that s (n bytes) starts with, its
 * closing bracket included ("(signed)", "[signature]", "（签名）"), or 0:
 * no part of a name, which may follow it ("(signed) Seizo Onoe"). */
static size_t aside_len(const char *s, size_t n) {
  static const struct {
    const char *open, *close;
  } B[] = {{"(", ")"},
           {"[", "]"},
           {"\xEF\xBC\x88", "\xEF\xBC\x89"} /* （） */,
           {"\xE3\x80\x90", "\xE3\x80\x91"} /* 【】 */};
  for (size_t i = 0; i < sizeof B / sizeof *B; i++) {
    size_t lo = strlen(B[i].open), lc = strlen(B[i].close);
    if (n < lo + lc || memcmp(s, B[i].open, lo) != 0) continue;
    for (size_t k = lo; k + lc <= n; k++)
      if (memcmp(s + k, B[i].close, lc) == 0) return k + lc;
  }
  return 0;
}

typedef struct sline {
  ptext *pt;
  size_t a, b;    /* trimmed text */
  size_t e0, e1;  /* events */
  size_t cs, ce;  /* in the joined text */
  bool image;
} sline;

typedef struct sig {
  ptext *pts;
  size_t npts;
  sline *lines;
  size_t n;
} sig;

/* A name, a picture, or a line beginning with a title: how a signature
 * without a closing formula starts. */
static bool sig_start(mapper *m, const fnode *p) {
  char *t = map_para_text(m, p);
  if (t) t[strcspn(t, "\n")] = '\0'; /* its first line */
  bool r = t && (!*t || name_like(t, strlen(t)));
  if (t && !r) { /* "Director of the Telecommunication" */
    cat_text ct = map_text_new(m);
    cat_match cm;
    r = cat_text_set(&ct, t, strlen(t), NULL, 0) == COLETTE_OK &&
        cat_match_best(m->cat, CAT_TITLE, CAT_PREFIX, &ct, 0, &cm);
    cat_text_free(&ct);
  }
  free(t);
  return r;
}

/* Is block n a paragraph fit for a signature: every line short? */
static bool sig_para(mapper *m, const fnode *n) {
  if (!flat_is(n, FLAT_P) || flat_attr(n, FLAT_A_LABEL)) return false;
  ptext pt;
  ptext_load(m, n, &pt);
  line *ls;
  size_t k = ptext_lines(m, &pt, &ls);
  bool ok = k > 0 && k <= 6;
  for (size_t i = 0; i < k && ok; i++) {
    size_t a, b;
    line_trim(&ls[i], &a, &b);
    ok = b - a <= SHORT_LINE;
  }
  free(ls);
  ptext_free(&pt);
  return ok;
}

/* Do the short paragraphs from n on (up to four with text) hold a
 * signatory's title, wherever their lines break? */
static bool title_ahead(mapper *m, const fnode *n) {
  buf all = BUF_INIT;
  int k = 0;
  for (const fnode *p = n; p && k < 4; p = fnode_next_elem(p)) {
    if (flat_is(p, FLAT_P) && map_blank(m, p)) continue;
    cat_match cm;
    if (!sig_para(m, p) || para_is(m, p, CAT_CLOSING, CAT_PREFIX, &cm) ||
        para_is(m, p, CAT_ENCLOSURE, CAT_WHOLE, &cm))
      break;
    char *t = map_para_text(m, p);
    if (t) {
      if (all.len) buf_putc(&all, ' ');
      buf_puts(&all, t);
    }
    free(t);
    k++;
  }
  cat_text ct = map_text_new(m);
  cat_match cm;
  bool r = all.len && buf_ok(&all) && cat_text_set(&ct, all.data, all.len, NULL, 0) == COLETTE_OK &&
           cat_match_best(m->cat, CAT_TITLE, CAT_ANYWHERE, &ct, 0, &cm);
  cat_text_free(&ct);
  buf_free(&all);
  return r;
}

static void sig_free(sig *s) {
  for (size_t i = 0; i < s->npts; i++)
    ptext_free(&s->pts[i]);
  free(s->pts);
  free(s->lines);
}

/* The part [a, b) of a signature line as a node of type t (or inline in
 * the signature when it holds only an image). */
static colette_node *sig_part(mapper *m, colette_node *sn, sline *l, size_t a, size_t b,
                              colette_node_type t, colette_node *into) {
  if (a >= b && !l->image) return into;
  if (a >= b) { /* the picture of the signature alone on its line */
    for (size_t i = l->e0; i < l->e1; i++)
      if (l->pt->ev[i].kind == E_IMAGE) {
        colette_node *img = map_add(m, into ? into : sn, COLETTE_NODE_IMAGE);
        const fnode *x = l->pt->ev[i].node;
        if (flat_attr(x, FLAT_A_TARGET)) map_set(m, img, COLETTE_ATTR_TARGET, flat_attr(x, FLAT_A_TARGET));
        if (flat_attr(x, FLAT_A_DESCR)) map_set(m, img, COLETTE_ATTR_DESCR, flat_attr(x, FLAT_A_DESCR));
      }
    return into;
  }
  colette_node *n = into ? into : map_add(m, sn, t);
  map_inline(m, l->pt, a, b, n, false);
  return n;
}

static void map_signature(mapper *m, const fnode *first, const fnode *stop, colette_node *body) {
  sig s;
  memset(&s, 0, sizeof s);
  buf all = BUF_INIT;
  size_t np = 0, nl = 0;
  for (const fnode *p = first; p && p != stop; p = fnode_next_elem(p))
    np += flat_is(p, FLAT_P);
  s.pts = calloc(np ? np : 1, sizeof *s.pts);
  if (!s.pts) {
    map_nomem(m);
    return;
  }
  for (const fnode *p = first; p && p != stop; p = fnode_next_elem(p)) {
    if (!flat_is(p, FLAT_P)) continue;
    ptext *pt = &s.pts[s.npts++];
    ptext_load(m, p, pt);
    line *ls;
    size_t k = ptext_lines(m, pt, &ls);
    sline *v = realloc(s.lines, (nl + k) * sizeof *v);
    if (!v) {
      free(ls);
      map_nomem(m);
      break;
    }
    s.lines = v;
    nl += k;
    for (size_t i = 0; i < k; i++) {
      if (line_blank(&ls[i])) continue;
      sline *l = &s.lines[s.n++];
      l->pt = pt;
      line_trim(&ls[i], &l->a, &l->b);
      l->e0 = ls[i].e0;
      l->e1 = ls[i].e1;
      l->image = line_has_image(&ls[i]);
      if (all.len) buf_putc(&all, ' ');
      l->cs = all.len;
      buf_append(&all, pt->masked.data + l->a, l->b - l->a);
      l->ce = all.len;
    }
    free(ls);
  }
  cat_text ct = map_text_new(m);
  cat_match titles[8];
  size_t nt = 0;
  if (buf_ok(&all) && cat_text_set(&ct, all.data ? all.data : "", all.len, NULL, 0) == COLETTE_OK)
    nt = cat_match_all(m->cat, CAT_TITLE, &ct, titles, 8);
  colette_node *sn = map_add(m, body, COLETTE_NODE_SIGNATURE);
  bool named = false;
  size_t ti = 0;
  colette_node *title = NULL;
  for (size_t i = 0; i < s.n && m->st == COLETTE_OK; i++) {
    sline *l = &s.lines[i];
    while (ti < nt && titles[ti].end <= l->cs)
      ti++, title = NULL;
    /* the line's part before a title, in it, after it */
    size_t ts = l->ce, te = l->ce;
    if (ti < nt && titles[ti].start < l->ce) {
      ts = titles[ti].start > l->cs ? titles[ti].start : l->cs;
      te = titles[ti].end < l->ce ? titles[ti].end : l->ce;
    }
    size_t before_end = l->a + (ts - l->cs), in_end = l->a + (te - l->cs);
    const char *s0 = l->pt->text.data;
    size_t be = before_end;
    while (be > l->a && (s0[be - 1] == ' ' || s0[be - 1] == ',' || s0[be - 1] == '\t'))
      be--;
    size_t from = l->a;
    /* (a line with the signature's picture as before: where the picture
     * stands in it, before or in the aside, decides nothing here) */
    size_t aside = named || l->image ? 0 : aside_len(s0 + from, be - from);
    if (aside) { /* "(signed)": a paragraph of its own, the name after it */
      sig_part(m, sn, l, from, from + aside, COLETTE_NODE_PARAGRAPH, NULL);
      from += aside;
      while (from < be && (s0[from] == ' ' || s0[from] == '\t'))
        from++;
    }
    if (be > from || (l->image && ts > l->cs)) {
      bool nm = !named && name_like(s0 + from, be - from);
      colette_node *into = NULL;
      if (be > from) {
        into = map_add(m, sn, nm ? COLETTE_NODE_NAME : COLETTE_NODE_PARAGRAPH);
        named |= nm;
        if (nm) map_explain(m, l->pt->p, "signatory", "name", NULL);
      }
      sig_part(m, sn, l, from, be, COLETTE_NODE_NAME, into);
    }
    if (te > ts) {
      if (!title) {
        title = map_add(m, sn, COLETTE_NODE_TITLE);
        map_formula(m, title, &titles[ti]);
        map_explain(m, l->pt->p, "signatory title", cat_entry_key(titles[ti].entry), &titles[ti]);
      } else if (i > 0 && s.lines[i - 1].pt == l->pt) {
        map_add(m, title, COLETTE_NODE_BREAK); /* a title broken over lines of one paragraph */
      } else if (node_append_text(title, " ", 1) != COLETTE_OK) {
        map_nomem(m);
      }
      size_t a = before_end;
      while (a < in_end && (s0[a] == ' ' || s0[a] == ','))
        a++;
      map_inline(m, l->pt, a, in_end, title, false);
      if (titles[ti].end <= l->ce) { /* the title ends on this line */
        ti++;
        title = NULL;
      }
    }
    if (in_end < l->b && te > ts) { /* after the title on the same line: a name, or kept */
      size_t a = in_end;
      while (a < l->b && (s0[a] == ' ' || s0[a] == ','))
        a++;
      bool nm = !named && name_like(s0 + a, l->b - a);
      colette_node *n = map_add(m, sn, nm ? COLETTE_NODE_NAME : COLETTE_NODE_PARAGRAPH);
      named |= nm;
      map_inline(m, l->pt, a, l->b, n, false);
    }
    if (l->image && be == l->a && te == ts && l->a == l->b) sig_part(m, sn, l, l->a, l->a, 0, NULL);
  }
  cat_text_free(&ct);
  buf_free(&all);
  sig_free(&s);
}

/* ---- the body --------------------------------------------------------------------------------- */

typedef enum bstate { B_BODY, B_DEADLINES, B_AFTER_CLOSING, B_AFTER } bstate;

const fnode *map_body(mapper *m, const fnode *first, colette_node *body, colette_node *head) {
  bstate st = B_BODY;
  colette_node *deadlines = NULL, *list = NULL;
  bool signed_ = false;
  const fnode *n = first;
  cat_match cm;
  for (; n && m->st == COLETTE_OK; n = fnode_next_elem(n)) {
    bool is_p = flat_is(n, FLAT_P);
    if (is_p && map_annex_heading(m, n, &cm)) break;
    if (is_p && map_blank(m, n)) continue;
    if (st == B_DEADLINES) {
      char *t = is_p ? map_para_text(m, n) : NULL;
      char when[16];
      if (flat_is(n, FLAT_TABLE) && deadlines_table(m, n)) {
        for (const fnode *r = fnode_first_elem(n); r; r = fnode_next_elem(r))
          if (flat_is(r, FLAT_ROW)) deadline_row(m, r, deadlines);
        free(t);
        continue;
      }
      /* "24 June 2021<tab>–<tab>Submit …", "Registration: 7 September 2026" */
      if (t && deadline_date(m, t, strlen(t), when)) {
        colette_node *d;
        deadline_node(m, deadlines, when, t, strlen(t), n, &d);
        map_inline_para(m, n, d);
        free(t);
        continue;
      }
      free(t);
      st = B_BODY;
    }
    if (!is_p) {
      list = NULL;
      map_table(m, n, body);
      continue;
    }
    if (st == B_BODY && para_is(m, n, CAT_DEADLINES, CAT_PREFIX, &cm) && para_len(m, n) < 80) {
      list = NULL;
      deadlines = map_add(m, body, COLETTE_NODE_DEADLINES);
      whole(m, n, deadlines, COLETTE_NODE_TITLE, CAT_DEADLINES, CAT_PREFIX);
      map_explain(m, n, "deadlines", "heading", &cm);
      st = B_DEADLINES;
      continue;
    }
    if (para_is(m, n, CAT_CLOSING, CAT_PREFIX, &cm)) {
      list = NULL;
      colette_node *c = whole(m, n, body, COLETTE_NODE_CLOSING, CAT_CLOSING, CAT_PREFIX);
      map_explain(m, n, "closing", cat_entry_key(cm.entry), &cm);
      const fnode *q = closing_goes_on(m, n);
      if (q) { /* 此致 / 敬礼！: one closing, its lines apart */
        map_add(m, c, COLETTE_NODE_BREAK);
        map_inline_para(m, q, c);
        n = q;
      }
      st = B_AFTER_CLOSING;
      continue;
    }
    if (para_is(m, n, CAT_ENCLOSURE, CAT_WHOLE, &cm)) {
      list = NULL;
      colette_node *e = whole(m, n, body, COLETTE_NODE_ENCLOSURE, CAT_ENCLOSURE, CAT_WHOLE);
      map_set(m, e, COLETTE_ATTR_COUNT, cm.args[0].value);
      map_explain(m, n, "enclosure", cm.args[0].value, &cm);
      st = B_AFTER;
      continue;
    }
    /* copies after the closing ("cc: …"): the head's addressees */
    if (head && (st == B_AFTER_CLOSING || st == B_AFTER) && is_p && map_copies_at(m, n)) {
      list = NULL;
      n = map_copies(m, n, head);
      st = B_AFTER;
      continue;
    }
    /* the signature: short lines after the closing, or around a title */
    if (!signed_ && st != B_AFTER) {
      const fnode *start = NULL;
      if (sig_para(m, n) &&
          (st == B_AFTER_CLOSING || (sig_start(m, n) && title_ahead(m, n))))
        start = n;
      if (start) {
        /* the short paragraphs that follow, up to six with text */
        const fnode *end = start, *last = start;
        int k = 0;
        while (end && flat_is(end, FLAT_P) && k < 6 && (map_blank(m, end) || sig_para(m, end)) &&
               !map_annex_heading(m, end, &cm) && !para_is(m, end, CAT_ENCLOSURE, CAT_WHOLE, &cm) &&
               !para_is(m, end, CAT_CLOSING, CAT_PREFIX, &cm) && !map_copies_at(m, end)) {
          k += !map_blank(m, end);
          last = end;
          end = fnode_next_elem(end);
        }
        list = NULL;
        map_signature(m, start, end, body);
        signed_ = true;
        st = B_AFTER;
        n = last;
        continue;
      }
    }
    map_paragraph(m, n, body, &list);
  }
  return n;
}

/* ---- annexes ------------------------------------------------------------------------------- */

/* A paragraph right after an annex heading that is its title: in a title
 * style, or centred and short. */
static bool annex_title(mapper *m, const fnode *p) {
  if (!flat_is(p, FLAT_P) || flat_attr(p, FLAT_A_LABEL) || flat_attr(p, FLAT_A_HEADING)) return false;
  const char *style = flat_attr(p, FLAT_A_STYLE_NAME);
  const char *align = flat_attr(p, FLAT_A_ALIGN);
  bool styled = style && strcasestr(style, "title");
  bool centred = align && strcmp(align, "center") == 0;
  return (styled || centred) && para_len(m, p) <= 2 * SHORT_LINE;
}

void map_annexes(mapper *m, const fnode *n, colette_node *letter) {
  while (n && m->st == COLETTE_OK) {
    cat_match cm;
    if (!map_annex_heading(m, n, &cm)) { /* cannot happen: map_body stopped at one */
      n = fnode_next_elem(n);
      continue;
    }
    colette_node *a = map_add(m, letter, COLETTE_NODE_ANNEX);
    /* the one annex ("ANNEX") has no id */
    const char *id = cat_entry_params(cm.entry) ? cm.args[0].value : "";
    if (*id) map_set(m, a, COLETTE_ATTR_ID, id);
    m->scope_lang = NULL;
    map_lang(m, n, a);
    m->scope_lang = flat_attr(n, FLAT_A_LANG);
    map_explain(m, n, "annex", *id ? id : "(the one annex)", &cm);
    /* the heading's line; the lines after it in its paragraph are titles */
    ptext pt;
    ptext_load(m, n, &pt);
    line *ls;
    size_t k = ptext_lines(m, &pt, &ls);
    bool heading = false;
    for (size_t i = 0; i < k; i++) {
      if (line_blank(&ls[i])) continue;
      size_t x, y;
      line_trim(&ls[i], &x, &y);
      colette_node *h = map_add(m, a, heading ? COLETTE_NODE_TITLE : COLETTE_NODE_HEADING);
      cat_match hm; /* matched on this text, which lives while its arguments are copied */
      if (!heading && map_cat_text(m, &pt, x, y) &&
          cat_match_best(m->cat, CAT_ANNEX, CAT_WHOLE, &m->ct, 0, &hm))
        map_formula(m, h, &hm);
      map_inline(m, &pt, x, y, h, false);
      heading = true;
    }
    free(ls);
    ptext_free(&pt);
    const fnode *c = fnode_next_elem(n);
    for (; c && flat_is(c, FLAT_P); c = fnode_next_elem(c)) {
      if (map_blank(m, c)) continue;
      if (!annex_title(m, c) || map_annex_heading(m, c, &cm)) break;
      whole(m, c, a, COLETTE_NODE_TITLE, CAT_CLASSES, CAT_WHOLE);
    }
    const fnode *stop = c;
    while (stop && !map_annex_heading(m, stop, &cm))
      stop = fnode_next_elem(stop);
    map_blocks(m, c, stop, a);
    m->scope_lang = NULL;
    n = stop;
  }
}
