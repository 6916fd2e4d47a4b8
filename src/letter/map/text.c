/*
 * text.c: a flat paragraph's text and objects, its lines, and the inline
 * nodes built from a piece of it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../../error.h"
#include "map.h"

bool flat_is(const fnode *n, const char *name) {
  return n && n->name && strcmp(n->name, name) == 0 && strcmp(n->ns, COLETTE_FLAT_NS) == 0;
}

const char *flat_attr(const fnode *n, const char *name) { return n ? fnode_attr(n, name) : NULL; }

/* ---- collecting ------------------------------------------------------------------------ */

static void push_event(mapper *m, ptext *pt, ekind k, const fnode *node) {
  if (pt->nev == pt->capev) {
    size_t cap = pt->capev ? pt->capev * 2 : 16;
    event *v = realloc(pt->ev, cap * sizeof *v);
    if (!v) {
      map_nomem(m);
      return;
    }
    pt->ev = v;
    pt->capev = cap;
  }
  pt->ev[pt->nev++] = (event){k, pt->text.len, node};
}

static void put(ptext *pt, const char *s, size_t n, bool masked) {
  buf_append(&pt->text, s, n);
  if (!masked) {
    buf_append(&pt->masked, s, n);
    return;
  }
  for (size_t i = 0; i < n; i++)
    buf_putc(&pt->masked, s[i] == '\t' ? '\t' : ' ');
}

static void collect(mapper *m, ptext *pt, const fnode *node, int in_field) {
  for (const fnode *c = node->first; c; c = c->next) {
    if (!c->name) {
      put(pt, c->text, c->len, in_field > 0);
      continue;
    }
    if (flat_is(c, FLAT_TAB)) {
      put(pt, "\t", 1, false);
    } else if (flat_is(c, FLAT_BR)) {
      push_event(m, pt, E_BREAK, c);
    } else if (flat_is(c, FLAT_IMAGE)) {
      push_event(m, pt, E_IMAGE, c);
    } else if (flat_is(c, FLAT_NOTEREF) || flat_is(c, FLAT_COMMENTREF)) {
      push_event(m, pt, E_NOTE, c);
    } else if (flat_is(c, FLAT_LINK) && flat_attr(c, FLAT_A_HREF) && *flat_attr(c, FLAT_A_HREF)) {
      push_event(m, pt, E_LINK_START, c);
      collect(m, pt, c, in_field);
      push_event(m, pt, E_LINK_END, c);
    } else if (flat_is(c, FLAT_FIELD)) {
      push_event(m, pt, E_FIELD_START, c);
      collect(m, pt, c, in_field + 1);
      push_event(m, pt, E_FIELD_END, c);
    } else if (flat_is(c, FLAT_P)) {
      /* a paragraph in a text box (or a shape, a group): a line of its own,
       * so that a head or a signature set in a text box reads line by line */
      push_event(m, pt, E_BREAK, c);
      collect(m, pt, c, in_field);
      push_event(m, pt, E_BREAK, c);
    } else if (!flat_is(c, FLAT_ANCHOR)) {
      collect(m, pt, c, in_field); /* span, ins, del, math, sym, textbox, group, table… */
    }
  }
}

void ptext_load(mapper *m, const fnode *p, ptext *pt) {
  memset(pt, 0, sizeof *pt);
  pt->p = p;
  collect(m, pt, p, 0);
  if (!buf_reserve(&pt->text, 1) || !buf_reserve(&pt->masked, 1)) {
    map_nomem(m);
    return;
  }
  pt->text.data[pt->text.len] = '\0';
  pt->masked.data[pt->masked.len] = '\0';
  if (!buf_ok(&pt->text) || !buf_ok(&pt->masked)) map_nomem(m);
}

void ptext_free(ptext *pt) {
  buf_free(&pt->text);
  buf_free(&pt->masked);
  free(pt->ev);
  memset(pt, 0, sizeof *pt);
}

size_t ptext_lines(mapper *m, ptext *pt, line **out) {
  size_t n = 1;
  for (size_t i = 0; i < pt->nev; i++)
    n += pt->ev[i].kind == E_BREAK;
  line *v = calloc(n, sizeof *v);
  *out = v;
  if (!v) {
    map_nomem(m);
    return 0;
  }
  size_t k = 0, from = 0, e0 = 0;
  for (size_t i = 0; i <= pt->nev; i++) {
    if (i < pt->nev && pt->ev[i].kind != E_BREAK) continue;
    size_t to = i < pt->nev ? pt->ev[i].at : pt->text.len;
    v[k++] = (line){pt, from, to, e0, i};
    from = to;
    e0 = i + 1;
  }
  return k;
}

static bool blank_char(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void line_trim(const line *ln, size_t *from, size_t *to) {
  const char *s = ln->pt->text.data; /* a field's result is text to keep, even if masked */
  size_t a = ln->from, b = ln->to;
  while (a < b && blank_char(s[a]))
    a++;
  while (b > a && blank_char(s[b - 1]))
    b--;
  *from = a;
  *to = b;
}

bool line_has_image(const line *ln) {
  for (size_t i = ln->e0; i < ln->e1; i++)
    if (ln->pt->ev[i].kind == E_IMAGE) return true;
  return false;
}

bool line_blank(const line *ln) {
  size_t a, b;
  line_trim(ln, &a, &b);
  if (a < b) return false;
  /* blank text, but the real text may hold a field's result */
  for (size_t i = ln->from; i < ln->to; i++)
    if (!blank_char(ln->pt->text.data[i])) return false;
  for (size_t i = ln->e0; i < ln->e1; i++)
    if (ln->pt->ev[i].kind == E_IMAGE || ln->pt->ev[i].kind == E_NOTE) return false;
  return true;
}

/* ---- numbers --------------------------------------------------------------------------------- */

/* Past a paragraph's typed number ("3<tab>", "3. ", "2.1) "), which some
 * letters put before every paragraph of the body. */
size_t map_skip_number(const char *s, size_t a, size_t b) {
  size_t i = a;
  while (i < b && i - a < 3 && s[i] >= '0' && s[i] <= '9')
    i++;
  if (i == a || i - a > 2 || i >= b) return a;
  while (i + 1 < b && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
    for (i++; i < b && s[i] >= '0' && s[i] <= '9'; i++) {
    }
  bool mark = i < b && (s[i] == '.' || s[i] == ')');
  if (mark) i++;
  /* "3<tab>", "3. ", and "3 " (a tab a converter made a space) */
  if (i >= b || (s[i] != '\t' && s[i] != ' ')) return a;
  while (i < b && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

/* ---- recognising ------------------------------------------------------------------------- */

static int by_start(const void *a, const void *b) {
  const match *x = a, *y = b;
  return (x->start > y->start) - (x->start < y->start);
}

void map_seen_free(mapper *m) {
  free(m->refs);
  m->refs = NULL;
  buf_free(&m->seen);
  for (size_t i = 0; i < MAP_RING; i++) {
    buf_free(&m->ring[i].text);
    free(m->ring[i].m);
    tokens_free(&m->ring[i].tok);
  }
}

/* Mark m->m and m->ct as holding what was found in s (len bytes, n
 * matches), for the next asking about the same text. */
static void set_seen(mapper *m, const char *s, size_t len, size_t n) {
  m->seen.len = 0;
  buf_append(&m->seen, s, len);
  if (buf_reserve(&m->seen, 1)) { /* else the next asking recognises again */
    m->seen_n = n;
    m->seen_year = m->year;
    m->seen_month = m->month;
    m->seen_ok = true;
  }
}

/* What was found in a text the ring holds, back in m->m and m->ct; false
 * when the ring does not hold it (or out of memory: recognised again). */
static bool ring_find(mapper *m, const char *s, size_t len, size_t *n) {
  for (size_t i = 0; i < MAP_RING; i++) {
    struct seen_text *e = &m->ring[i];
    if (!e->ok || e->text.len != len || e->year != m->year || e->month != m->month ||
        memcmp(e->text.data, s, len) != 0)
      continue;
    if (e->n > m->capm || tokens_copy(&m->ct.tok, &e->tok) != COLETTE_OK) return false;
    if (e->n) memcpy(m->m, e->m, e->n * sizeof *m->m);
    m->ct.s = s;
    m->ct.n = len;
    m->ct.spans = m->m;
    m->ct.nspans = e->n;
    m->ct.sorted = e->sorted;
    *n = e->n;
    return true;
  }
  return false;
}

/* Keep what was found in s (in m->m and m->ct) in the ring. */
static void ring_keep(mapper *m, const char *s, size_t len, size_t n) {
  struct seen_text *e = &m->ring[m->ring_next];
  m->ring_next = (m->ring_next + 1) % MAP_RING;
  e->ok = false;
  if (n > e->cap) {
    match *v = realloc(e->m, n * sizeof *v);
    if (!v) return;
    e->m = v;
    e->cap = n;
  }
  e->text.len = 0;
  buf_append(&e->text, s, len);
  if (!buf_ok(&e->text) || tokens_copy(&e->tok, &m->ct.tok) != COLETTE_OK) return;
  if (n) memcpy(e->m, m->m, n * sizeof *e->m);
  e->n = n;
  e->year = m->year;
  e->month = m->month;
  e->sorted = m->ct.sorted;
  e->ok = true;
}

size_t map_recognise_text(mapper *m, const char *s, size_t len) {
  if (m->seen_ok && len == m->seen.len && m->year == m->seen_year && m->month == m->seen_month &&
      (!len || memcmp(s, m->seen.data, len) == 0)) {
    m->ct.s = s; /* the same bytes, maybe elsewhere: the tokens are offsets */
    return m->seen_n;
  }
  m->seen_ok = false;
  size_t need = len / 2 + 16;
  if (need > m->capm) {
    /* room for the most a text can hold, not copied: what it held is the
     * last text's, and the ring keeps its own (a realloc would copy it,
     * touching every page of a buffer that a few matches use) */
    size_t cap = need > 2 * m->capm ? need : 2 * m->capm;
    match *v = malloc(cap * sizeof *v);
    if (!v) {
      map_nomem(m);
      return 0;
    }
    free(m->m);
    m->m = v;
    m->capm = cap;
  }
  if (!len) return 0;
  size_t found;
  if (ring_find(m, s, len, &found)) {
    set_seen(m, s, len, found);
    return found;
  }
  size_t n = recognise(m->rec, s, len, m->year, m->month, m->m, m->capm);
  /* the catalogue's document references (TSB Circular 68, 第68号通函…) */
  if (cat_text_set(&m->ct, s, len, m->m, n) != COLETTE_OK) {
    map_nomem(m);
    return n;
  }
  if (!m->refs && !(m->refs = malloc(MAP_REFS * sizeof *m->refs))) {
    map_nomem(m);
    return n;
  }
  cat_match *cm = m->refs;
  size_t nc = 0, from = 0;
  /* every reference, MAP_REFS at a time, left to right and apart: one clashes
   * with a recogniser's match (in order of start) if one that starts
   * before it ends reaches past its start */
  size_t nr = n, k = 0, reach = 0;
  while (n < m->capm &&
         (nc = cat_match_all_from(m->cat, CAT_DOCREF, &m->ct, from, cm, MAP_REFS)) > 0) {
    from = cm[nc - 1].tend;
    for (size_t i = 0; i < nc && n < m->capm; i++) {
      for (; k < nr && m->m[k].start < cm[i].end; k++)
        if (m->m[k].end > reach) reach = m->m[k].end;
      if (reach > cm[i].start) continue;
      match x;
      match_clear(&x);
      x.kind = M_DOCREF;
      x.start = cm[i].start;
      x.end = cm[i].end;
      snprintf(x.a, sizeof x.a, "%.40s", cat_entry_type(cm[i].entry));
      snprintf(x.b, sizeof x.b, "%.*s", (int)sizeof x.b - 1, cm[i].value); /* ids are short */
      m->m[n++] = x;
    }
  }
  qsort(m->m, n, sizeof *m->m, by_start);
  m->ct.nspans = n; /* m->ct is this text, with the references too */
  set_seen(m, s, len, n);
  ring_keep(m, s, len, n);
  return n;
}

size_t map_recognise(mapper *m, ptext *pt, size_t from, size_t to) {
  return map_recognise_text(m, pt->masked.data + from, to > from ? to - from : 0);
}

bool map_cat_text(mapper *m, ptext *pt, size_t from, size_t to) {
  size_t n = map_recognise(m, pt, from, to);
  if (m->st != COLETTE_OK) return false;
  if (m->seen_ok) return true; /* map_recognise left m->ct on this text */
  if (cat_text_set(&m->ct, pt->masked.data + from, to > from ? to - from : 0, m->m, n) !=
      COLETTE_OK) {
    map_nomem(m);
    return false;
  }
  return true;
}

/* ---- inline nodes ------------------------------------------------------------------------ */

static bool complete(const match *x) {
  if (x->kind == M_DATE) return x->a[0] != '-';
  if (x->kind == M_DATERANGE) return x->a[0] != '-' && x->b[0] != '-';
  return true;
}

/* The element of match x (its offsets index text, the paragraph p's). */
static colette_node *match_node(mapper *m, colette_node *parent, const match *x, const char *text,
                                const fnode *p) {
  colette_node *n = map_add(m, parent, match_node_type(x->kind));
  if (!n) return NULL;
  if (x->wday_conflict)
    map_warn(m, p, "\"%.*s\": the weekday written is not that of %s%s%s", (int)(x->end - x->start),
             text + x->start, x->a, x->kind == M_DATERANGE ? "/" : "",
             x->kind == M_DATERANGE ? x->b : "");
  if (match_node_attrs(n, x, text) != COLETTE_OK) map_nomem(m);
  return n;
}

/* Text with tabs as spaces (a tab separates words; the letter has no tab stops). */
static void add_text(mapper *m, colette_node *n, const char *s, size_t len) {
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && s[i] != '\t') continue;
    if (i > start && node_append_text(n, s + start, i - start) != COLETTE_OK) map_nomem(m);
    if (i < len && node_append_text(n, " ", 1) != COLETTE_OK) map_nomem(m);
    start = i + 1;
  }
}

static void note_node(mapper *m, colette_node *parent, const fnode *ref);

/* The events of a paragraph that fall in [from, to]: those in the line's
 * range; breaks only strictly inside (the edges are the line's cuts). */
static bool event_in(const ptext *pt, size_t i, size_t from, size_t to, bool end) {
  const event *e = &pt->ev[i];
  if (e->kind == E_BREAK) return e->at > from && e->at < to;
  return e->at >= from && (e->at < to || (end && e->at == to));
}

void map_inline(mapper *m, ptext *pt, size_t from, size_t to, colette_node *n, bool plain) {
  map_inline_part(m, pt, from, to, n, plain, true);
}

/* The first event of pt past byte b (events are in order of offset), or nev. */
static size_t event_after(const ptext *pt, size_t b) {
  size_t lo = 0, hi = pt->nev;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (pt->ev[mid].at <= b)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void map_inline_part(mapper *m, ptext *pt, size_t from, size_t to, colette_node *n, bool plain,
                     bool to_end) {
  if (m->st != COLETTE_OK || !pt->text.data) return;
  size_t nm = plain ? 0 : map_recognise(m, pt, from, to);
  /* absolute offsets; drop what cannot be one element: a match holding an
   * object or crossing a link's or a field's edge */
  size_t w = 0;
  for (size_t i = 0; i < nm; i++) {
    match x = m->m[i];
    x.start += from;
    x.end += from;
    size_t k = event_after(pt, x.start);
    if (complete(&x) && !(k < pt->nev && pt->ev[k].at < x.end)) m->m[w++] = x;
  }
  nm = w;
  if (!plain) m->seen_ok = false; /* m->m rewritten */
  /* the matches are this function's own: a note written at its reference
   * maps its paragraphs, which run the recognisers into m->m again (and
   * may move it) */
  match *mv = nm ? malloc(nm * sizeof *mv) : NULL;
  if (nm && !mv) {
    map_nomem(m);
    return;
  }
  if (nm) memcpy(mv, m->m, nm * sizeof *mv);
  /* the farthest end of the matches up to each (they are in order of start,
   * but a phone number may sit in a URL): for links, below */
  size_t *reach = NULL;
  /* a stack of open wrappers (links, fields) under n; a link a match
   * overlaps is not written (the match carries its address) */
  colette_node *stack[64]; /* deeper wrappers are written as their text */
  const fnode *opener[64]; /* the flat link or field each level opened */
  int top = 0, deep = 0;
  stack[0] = n;
  size_t mi = 0, cur = from;
  colette_node *open = NULL; /* the match being written */
  /* the events in [from, to]: none before the first at from, none after
   * the last at to */
  size_t e0 = from ? event_after(pt, from - 1) : 0, e1 = event_after(pt, to);
  for (size_t k = e0; k <= e1 && m->st == COLETTE_OK; k++) {
    bool last = k == e1;
    if (!last && !event_in(pt, k, from, to, to_end)) continue;
    size_t stop = last ? to : pt->ev[k].at;
    if (stop > to) stop = to;
    /* text from cur to stop, cut at the matches' edges */
    while (cur < stop) {
      if (open && cur == mv[mi].end) {
        open = NULL;
        mi++;
      }
      while (!open && mi < nm && mv[mi].end <= cur)
        mi++;
      if (!open && mi < nm && mv[mi].start == cur)
        open = match_node(m, stack[top], &mv[mi], pt->text.data, pt->p);
      size_t end = stop;
      if (open && mv[mi].end < end) end = mv[mi].end;
      if (!open && mi < nm && mv[mi].start > cur && mv[mi].start < end) end = mv[mi].start;
      add_text(m, open ? open : stack[top], pt->text.data + cur, end - cur);
      cur = end;
      if (!open && mi < nm && mv[mi].start < cur && mv[mi].end > cur) mi++; /* skipped */
    }
    if (open && mi < nm && cur == mv[mi].end) {
      open = NULL;
      mi++;
    }
    if (last) break;
    const event *e = &pt->ev[k];
    switch (e->kind) {
    case E_BREAK: map_add(m, open ? open : stack[top], COLETTE_NODE_BREAK); break;
    case E_IMAGE: {
      colette_node *img = map_add(m, stack[top], COLETTE_NODE_IMAGE);
      if (img && flat_attr(e->node, FLAT_A_TARGET))
        map_set(m, img, COLETTE_ATTR_TARGET, flat_attr(e->node, FLAT_A_TARGET));
      if (img && flat_attr(e->node, FLAT_A_DESCR))
        map_set(m, img, COLETTE_ATTR_DESCR, flat_attr(e->node, FLAT_A_DESCR));
      break;
    }
    case E_NOTE: note_node(m, stack[top], e->node); break;
    case E_LINK_START:
    case E_FIELD_START: {
      if (top + 1 >= 64) {
        deep++; /* too deep: its text goes on in the wrapper above */
        break;
      }
      size_t end = e->at; /* where it closes */
      for (size_t j = k + 1; j < pt->nev; j++)
        if (pt->ev[j].node == e->node && pt->ev[j].kind == e->kind + 1) {
          end = pt->ev[j].at;
          break;
        }
      bool keep = !open;
      if (e->kind == E_LINK_START && keep) {
        /* no match that starts before the link ends may reach into it */
        if (!reach && nm && (reach = malloc(nm * sizeof *reach)))
          for (size_t i = 0; i < nm; i++)
            reach[i] = i && reach[i - 1] > mv[i].end ? reach[i - 1] : mv[i].end;
        size_t lo = 0, hi = nm; /* the matches that start before end: [0, lo) */
        while (lo < hi) {
          size_t mid = lo + (hi - lo) / 2;
          if (mv[mid].start < end)
            lo = mid + 1;
          else
            hi = mid;
        }
        if (reach)
          keep = !(lo > 0 && reach[lo - 1] > e->at);
        else /* no memory for the table: each match */
          for (size_t i = 0; i < lo && keep; i++)
            keep = !(e->at < mv[i].end);
        keep = keep && !plain && end > e->at;
      }
      colette_node *w2 = NULL;
      if (keep) {
        w2 = map_add(m, stack[top],
                     e->kind == E_LINK_START ? COLETTE_NODE_LINK : COLETTE_NODE_FIELD);
        if (w2 && e->kind == E_LINK_START)
          map_set(m, w2, COLETTE_ATTR_HREF, flat_attr(e->node, FLAT_A_HREF));
        if (w2 && e->kind == E_FIELD_START) {
          const char *type = flat_attr(e->node, FLAT_A_TYPE);
          map_set(m, w2, COLETTE_ATTR_TYPE, type && *type ? type : "unknown");
          if (flat_attr(e->node, FLAT_A_INSTR))
            map_set(m, w2, COLETTE_ATTR_INSTR, flat_attr(e->node, FLAT_A_INSTR));
        }
      }
      top++;
      stack[top] = w2 ? w2 : stack[top - 1];
      opener[top] = e->node;
      break;
    }
    case E_LINK_END:
    case E_FIELD_END:
      if (deep > 0)
        deep--;
      else if (top > 0 && opener[top] == e->node) /* not one opened before the range */
        top--;
      break;
    }
  }
  free(reach);
  free(mv);
}

void map_inline_para(mapper *m, const fnode *p, colette_node *n) {
  ptext pt;
  ptext_load(m, p, &pt);
  line whole = {&pt, 0, pt.text.len, 0, pt.nev};
  size_t a, b;
  line_trim(&whole, &a, &b);
  map_inline(m, &pt, a, b, n, false);
  ptext_free(&pt);
}

char *map_para_text(mapper *m, const fnode *p) {
  ptext pt;
  ptext_load(m, p, &pt);
  line *ls;
  size_t n = ptext_lines(m, &pt, &ls);
  buf all = BUF_INIT;
  for (size_t i = 0; i < n; i++) { /* lines apart, a line break as a newline */
    size_t a, b;
    line_trim(&ls[i], &a, &b);
    if (a == b) continue;
    if (all.len) buf_putc(&all, '\n');
    buf_append(&all, pt.masked.data + a, b - a);
  }
  free(ls);
  ptext_free(&pt);
  if (!buf_reserve(&all, 1)) {
    buf_free(&all);
    map_nomem(m);
    return NULL;
  }
  all.data[all.len] = '\0';
  return all.data;
}

void map_lang(mapper *m, const fnode *p, colette_node *n) {
  const char *l = flat_attr(p, FLAT_A_LANG);
  const char *scope = m->scope_lang ? m->scope_lang : m->lang;
  if (n && l && *l && scope && strcmp(l, scope) != 0) map_set(m, n, COLETTE_ATTR_LANG, l);
}

/* ---- notes ----------------------------------------------------------------------------------- */

/* A footnote, endnote or comment, at its reference: the note's blocks. */
static void note_node(mapper *m, colette_node *parent, const fnode *ref) {
  bool comment = flat_is(ref, FLAT_COMMENTREF);
  const char *type = comment ? "comment" : flat_attr(ref, FLAT_A_TYPE);
  if (!type || (strcmp(type, "footnote") != 0 && strcmp(type, "endnote") != 0 && !comment))
    type = "footnote";
  const char *id = flat_attr(ref, FLAT_A_ID);
  const fnode *section = comment                        ? m->comments
                         : strcmp(type, "endnote") == 0 ? m->endnotes
                                                        : m->footnotes;
  colette_node *note = map_add(m, parent, COLETTE_NODE_NOTE);
  if (!note) return;
  map_set(m, note, COLETTE_ATTR_TYPE, type);
  if (flat_attr(ref, FLAT_A_MARK)) map_set(m, note, COLETTE_ATTR_MARK, flat_attr(ref, FLAT_A_MARK));
  for (const fnode *n = fnode_first_elem(section); n && id && m->note_depth < 4;
       n = fnode_next_elem(n)) {
    const char *nid = flat_attr(n, FLAT_A_ID);
    if (!nid || strcmp(nid, id) != 0 || flat_attr(n, FLAT_A_KIND)) continue;
    m->note_depth++;
    const char *saved = m->scope_lang;
    map_blocks(m, fnode_first_elem(n), NULL, note);
    m->scope_lang = saved;
    m->note_depth--;
    buf_printf(&m->used_notes, "%s:%s;", type, id);
    break;
  }
}
