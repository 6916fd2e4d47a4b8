/*
 * text.c: the letter as plain UTF-8 text, a reading copy (render_text).
 *
 * One pass over the model writes blocks into a buffer, separated by blank
 * lines; every line of running text goes through text_wrap() (text_wrap.c),
 * the one line-breaking routine, which paragraphs, list items, head facts,
 * notes and table cells share.  It breaks where ICU's line breaker (UBRK_LINE, over
 * UTF-8 through UText) allows, greedily and in one pass, measuring each
 * segment once in display columns: East Asian Wide and Fullwidth characters
 * count two, combining marks, format and control characters none, anything
 * else one (Ambiguous too, as Western terminals draw it).  A segment wider
 * than a whole line is cut between characters, so no line is ever wider
 * than the width.
 *
 * Layout decisions:
 *  - the letterhead is centred, the dateline set to the right, the head's
 *    labelled facts (references, addressees, contacts, subject) in two
 *    columns with their labels as written;
 *  - list items hang from their labels as displayed, indented by level;
 *    deadlines are "date – action" lines with their dates in a column;
 *  - headings are underlined (= for level 1, - below), an annex's heading
 *    and titles centred;
 *  - tables (text_table.c) are drawn with ASCII (+, -, =, |), not box-drawing characters:
 *    those are East Asian Ambiguous, two columns wide in a CJK terminal,
 *    and would break every table a Chinese reader looks at;  a table too
 *    wide even with one column per cell is written cell after cell;
 *  - notes are [MARK] in the text and written after the body, and after
 *    each annex, for what each holds;  a link's URL follows its text once
 *    per letter, in angle brackets;  an image is its description in
 *    the catalogue's writer.image for the rendering's language ("[image:
 *    DESCR]", "[图片：DESCR]"), or nothing without a description;
 *  - page headers and footers (furniture) come last, once each, and
 *    without the paragraphs that hold no letter: a page number ("- 2 -")
 *    means nothing without pages, but the sender's address in the first
 *    page's footer is part of the letter;
 *  - a block in another language than the document's is not marked:
 *    plain text has no place for it, and its words show it.
 * The writer writes no words of its own: everything comes from the model
 * (translated first, when asked: see render.h), or, for a picture's
 * stand-in, from the catalogue.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "../error.h"
#include "render.h"
#include "text_impl.h"

#define MAX_LEVEL 9   /* list levels told apart */
#define MIN_WIDTH 20u /* the narrowest layout (the CLI's least --width) */

/* ---- a set of strings (URLs written, furniture written) -------------------------------- */

static size_t hash(const char *s) {
  size_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

/* Add a copy of s; false if it was there already.  *nomem on a failure. */
static bool strset_add(strset *st, const char *s, bool *nomem) {
  if (st->n * 2 >= st->cap) {
    size_t cap = st->cap ? st->cap * 2 : 64;
    char **slot = calloc(cap, sizeof *slot);
    if (!slot) {
      *nomem = true;
      return false;
    }
    for (size_t i = 0; i < st->cap; i++)
      if (st->slot[i]) {
        size_t j = hash(st->slot[i]) & (cap - 1);
        while (slot[j])
          j = (j + 1) & (cap - 1);
        slot[j] = st->slot[i];
      }
    free(st->slot);
    st->slot = slot;
    st->cap = cap;
  }
  size_t j = hash(s) & (st->cap - 1);
  for (; st->slot[j]; j = (j + 1) & (st->cap - 1))
    if (strcmp(st->slot[j], s) == 0) return false;
  if (!(st->slot[j] = strdup(s))) {
    *nomem = true;
    return false;
  }
  st->n++;
  return true;
}

static bool strset_has(const strset *st, const char *s) {
  if (!st->cap) return false;
  for (size_t j = hash(s) & (st->cap - 1); st->slot[j]; j = (j + 1) & (st->cap - 1))
    if (strcmp(st->slot[j], s) == 0) return true;
  return false;
}

static void strset_free(strset *st) {
  for (size_t i = 0; i < st->cap; i++)
    free(st->slot[i]);
  free(st->slot);
}

/* ---- the writer ------------------------------------------------------------------------- */

void text_nomem(tw *w) {
  if (w->st == COLETTE_OK) w->st = error_set(w->r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
}

/* A temporary buffer that failed to grow fails the rendering. */
void text_check(tw *w, const buf *b) {
  if (!buf_ok(b)) text_nomem(w);
}

void text_spaces(buf *b, unsigned n) {
  static const char SP[] = "                                ";
  while (n > 0) {
    unsigned k = n < sizeof SP - 1 ? n : (unsigned)(sizeof SP - 1);
    buf_append(b, SP, k);
    n -= k;
  }
}

void text_repeat(buf *b, char c, unsigned n) {
  for (; n > 0; n--)
    buf_putc(b, c);
}

/* A block starts: a blank line before it when it is apart from the last. */
blk text_begin(lay *o, bool apart) {
  blk k = {o->b->len, 0};
  if (o->any && apart) buf_putc(o->b, '\n');
  k.start = o->b->len;
  return k;
}

/* A block ends; one that wrote nothing takes its blank line back. */
void text_end(lay *o, blk k) {
  if (o->b->len > k.start) {
    o->any = true;
  } else if (o->b->len > k.mark) {
    o->b->len = k.mark;
    if (o->b->data) o->b->data[k.mark] = '\0';
  }
}

/* ---- inline content --------------------------------------------------------------------- */

static void inline_from(tw *w, const colette_node *c, buf *t);

/* Text as it reads: tabs and newlines as spaces, other controls dropped. */
static void put_text(buf *t, const char *s, size_t n) {
  size_t a = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch >= 0x20 && ch != 0x7f) continue;
    buf_append(t, s + a, i - a);
    if (ch == '\t' || ch == '\n' || ch == '\r') buf_putc(t, ' ');
    a = i + 1;
  }
  buf_append(t, s + a, n - a);
}

/* A picture by its description, in the words the catalogue gives the
 * rendering's language ("[image: DESCR]", "[图片：DESCR]"; English's where
 * it has none), or nothing without a description. */
static void image_text(tw *w, const colette_node *n, buf *t) {
  const char *d = colette_node_attr(n, COLETTE_ATTR_DESCR);
  if (!d || !*d) return;
  buf one = BUF_INIT; /* the description on one line */
  put_text(&one, d, strlen(d));
  const char *v[1] = {one.data ? one.data : ""};
  if (!render_words(w->r, "writer.image", w->r->lang, v, t) &&
      !render_words(w->r, "writer.image", "en", v, t)) {
    buf_putc(t, '['); /* no catalogue: the description alone */
    buf_append(t, one.data, one.len);
    buf_putc(t, ']');
  }
  buf_free(&one);
}

/* A note's mark: its own, else its number. */
static void note_mark(const colette_node *n, size_t number, buf *t) {
  const char *m = colette_node_attr(n, COLETTE_ATTR_MARK);
  buf_putc(t, '[');
  if (m && *m)
    put_text(t, m, strlen(m));
  else
    buf_printf(t, "%zu", number);
  buf_putc(t, ']');
}

static void note_ref(tw *w, const colette_node *n, buf *t) {
  note_mark(n, w->nnotes + 1, t);
  if (w->measuring) return;
  if (w->nnotes == w->capnotes) {
    size_t cap = w->capnotes ? w->capnotes * 2 : 8;
    const colette_node **v = realloc(w->notes, cap * sizeof *v);
    if (!v) {
      text_nomem(w);
      return;
    }
    w->notes = v;
    w->capnotes = cap;
  }
  w->notes[w->nnotes++] = n;
}

/* A link: its text, then its URL the first time the letter links to it
 * (not an anchor in the document, nor a URL its text already shows). */
static void link_text(tw *w, const colette_node *n, buf *t) {
  size_t at = t->len;
  inline_from(w, colette_node_first_child(n), t);
  const char *href = colette_node_attr(n, COLETTE_ATTR_HREF);
  if (!href || !*href || *href == '#') return;
  const char *shown = t->data ? t->data + at : "";
  size_t sn = t->len - at;
  const char *bare = strncmp(href, "mailto:", 7) == 0 ? href + 7 : href;
  if ((sn == strlen(bare) && memcmp(shown, bare, sn) == 0) ||
      (sn == strlen(href) && memcmp(shown, href, sn) == 0))
    return;
  bool failed = false;
  if (w->measuring ? strset_has(&w->urls, href) : !strset_add(&w->urls, href, &failed)) {
    if (failed) text_nomem(w);
    return;
  }
  buf_puts(t, sn ? " <" : "<");
  put_text(t, href, strlen(href));
  buf_putc(t, '>');
}

/* The inline nodes from c on, as text into t. */
static void inline_from(tw *w, const colette_node *c, buf *t) {
  for (; c; c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_TEXT: {
      size_t len;
      const char *s = colette_node_literal(c, &len);
      put_text(t, s, len);
      break;
    }
    case COLETTE_NODE_BREAK: buf_putc(t, '\n'); break;
    case COLETTE_NODE_IMAGE: {
      size_t before = t->len;
      image_text(w, c, t);
      /* a picture before the text (a signature before its name) stands on its own line */
      if (before == 0 && t->len && colette_node_next(c)) buf_putc(t, '\n');
      break;
    }
    case COLETTE_NODE_NOTE: note_ref(w, c, t); break;
    case COLETTE_NODE_LINK: link_text(w, c, t); break;
    default: inline_from(w, colette_node_first_child(c), t); break;
    }
  }
}

/* ---- blocks ----------------------------------------------------------------------------- */

static void block(tw *w, const colette_node *n, lay *o);

void text_blocks_from(tw *w, const colette_node *c, lay *o) {
  for (; c && w->st == COLETTE_OK; c = colette_node_next(c))
    block(w, c, o);
}

/* Text laid out as ws says, as one block. */
static void text_block(tw *w, lay *o, bool apart, const buf *t, const wspec *ws) {
  blk k = text_begin(o, apart);
  if (t->len) text_wrap(w, t->data, t->len, ws, o->b);
  text_end(o, k);
}

/* A paragraph-like node: its inline content, wrapped. */
static void para(tw *w, const colette_node *n, lay *o, align al) {
  buf t = BUF_INIT;
  inline_from(w, colette_node_first_child(n), &t);
  text_check(w, &t);
  wspec ws = {o->width, 0, NULL, 0, al};
  text_block(w, o, !o->compact, &t, &ws);
  buf_free(&t);
}

/* The widest line of s[0..n). */
unsigned text_widest(const char *s, size_t n) {
  unsigned m = 0;
  for (size_t a = 0, i = 0; i <= n; i++)
    if (i == n || s[i] == '\n') {
      unsigned x = text_str_width(s, a, i);
      if (x > m) m = x;
      a = i + 1;
    }
  return m;
}

/* A heading: underlined, = for level 1 and - below; an annex's centred. */
static void heading(tw *w, const colette_node *n, lay *o) {
  const char *lv = colette_node_attr(n, COLETTE_ATTR_LEVEL);
  bool annex = !lv && colette_node_get_type(colette_node_parent(n)) == COLETTE_NODE_ANNEX;
  if (annex) {
    para(w, n, o, AL_CENTRE);
    return;
  }
  buf t = BUF_INIT;
  inline_from(w, colette_node_first_child(n), &t);
  text_check(w, &t);
  blk k = text_begin(o, !o->compact);
  size_t at = o->b->len;
  wspec ws = {o->width, 0, NULL, 0, AL_LEFT};
  if (t.len) text_wrap(w, t.data, t.len, &ws, o->b);
  if (o->b->len > at) {
    unsigned u = text_widest(o->b->data + at, o->b->len - at - 1);
    if (u) {
      text_repeat(o->b, !lv || atoi(lv) <= 1 ? '=' : '-', u);
      buf_putc(o->b, '\n');
    }
  }
  text_end(o, k);
  buf_free(&t);
}

static unsigned level_of(const colette_node *n) {
  const char *v = colette_node_attr(n, COLETTE_ATTR_LEVEL);
  long l = v ? strtol(v, NULL, 10) : 1;
  return l < 1 ? 1 : l > MAX_LEVEL ? MAX_LEVEL : (unsigned)l;
}

/* A label as a string without its trailing spaces, as it is shown (a
 * symbol font's bullet as Unicode's: render_label_shown), into b. */
static const char *trimmed(tw *w, const char *s, buf *b) {
  buf_clear(b);
  size_t n = s ? strlen(s) : 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  buf tmp = BUF_INIT;
  const char *shown = render_label_shown(s ? s : "", &n, &tmp);
  put_text(b, shown, n);
  text_check(w, &tmp);
  text_check(w, b);
  buf_free(&tmp);
  return b->len ? b->data : "";
}

/* A list: each item hangs from its label, indented by level under the
 * text of the level above; the labels of a level take one column. */
static void list(tw *w, const colette_node *n, lay *o) {
  unsigned lw[MAX_LEVEL + 2] = {0}, ind[MAX_LEVEL + 2] = {0};
  buf t = BUF_INIT, lab = BUF_INIT;
  for (const colette_node *i = colette_node_first_child(n); i; i = colette_node_next(i)) {
    unsigned l = level_of(i), x = text_cstr_width(trimmed(w, render_label(i), &lab));
    if (x > lw[l]) lw[l] = x;
  }
  for (unsigned l = 2; l <= MAX_LEVEL; l++) {
    unsigned step = lw[l - 1] ? lw[l - 1] + 1 : 0;
    ind[l] = ind[l - 1] + (step < 2 ? 2 : step);
  }
  blk k = text_begin(o, !o->compact);
  for (const colette_node *i = colette_node_first_child(n); i && w->st == COLETTE_OK;
       i = colette_node_next(i)) {
    unsigned l = level_of(i), at = ind[l], col = at + (lw[l] ? lw[l] + 1 : 0);
    if (col > o->width / 2) { /* deep levels in a narrow width: less indent */
      unsigned over = col - o->width / 2;
      at = at > over ? at - over : 0;
      col -= over;
    }
    buf_clear(&t);
    inline_from(w, colette_node_first_child(i), &t);
    text_check(w, &t);
    wspec ws = {o->width, col, trimmed(w, render_label(i), &lab), at, AL_LEFT};
    text_wrap(w, t.data ? t.data : "", t.len, &ws, o->b);
  }
  text_end(o, k);
  buf_free(&t);
  buf_free(&lab);
}

/* The length of the separator at s between a deadline's date and its
 * action (a space, a dash, a colon), or 0. */
static size_t separator_len(const char *s, size_t n) {
  static const char *const SEP[] = {
      " ", "-", ":", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x92", "\xC2\xA0", "\xEF\xBC\x9A"};
  for (size_t i = 0; i < sizeof SEP / sizeof *SEP; i++) {
    size_t k = strlen(SEP[i]);
    if (n >= k && memcmp(s, SEP[i], k) == 0) return k;
  }
  return 0;
}

/* A deadline's date (its first child, when that is a date) as text. */
static bool deadline_date(const colette_node *d, buf *date) {
  const colette_node *c = colette_node_first_child(d);
  if (!c || colette_node_get_type(c) != COLETTE_NODE_DATE_VALUE) return false;
  buf_clear(date);
  render_plain(c, date);
  return date->len > 0 && !memchr(date->data, '\n', date->len);
}

/* Key deadlines: the title, then "date – action" lines, the dates in a
 * column and the actions hanging after them. */
static void deadlines(tw *w, const colette_node *n, lay *o) {
  unsigned dw = 0;
  buf date = BUF_INIT, t = BUF_INIT, lab = BUF_INIT;
  for (const colette_node *d = colette_node_first_child(n); d; d = colette_node_next(d))
    if (colette_node_get_type(d) == COLETTE_NODE_DEADLINE && deadline_date(d, &date)) {
      unsigned x = text_str_width(date.data, 0, date.len);
      if (x > dw) dw = x;
    }
  if (dw + 3 > o->width / 2) dw = 0; /* dates too long for a column: each as it comes */
  lay in = *o;
  in.compact = true; /* the lines follow their title */
  in.any = false;
  blk k = text_begin(o, !o->compact);
  for (const colette_node *d = colette_node_first_child(n); d && w->st == COLETTE_OK;
       d = colette_node_next(d)) {
    colette_node_type ty = colette_node_get_type(d);
    if (ty != COLETTE_NODE_DEADLINE) {
      if (ty == COLETTE_NODE_TITLE)
        para(w, d, &in, AL_LEFT);
      else
        block(w, d, &in);
      continue;
    }
    buf_clear(&t);
    wspec ws = {o->width, 0, NULL, 0, AL_LEFT};
    if (deadline_date(d, &date)) {
      /* the action: what follows the date, without the dash or colon between */
      inline_from(w, colette_node_next(colette_node_first_child(d)), &t);
      text_check(w, &t);
      size_t skip = 0, k2;
      while (skip < t.len && (k2 = separator_len(t.data + skip, t.len - skip)) > 0)
        skip += k2;
      buf_clear(&lab);
      buf_append(&lab, date.data, date.len);
      unsigned x = text_str_width(date.data, 0, date.len);
      text_spaces(&lab, dw > x ? dw - x : 0);
      buf_puts(&lab, " \xE2\x80\x93"); /* an en dash */
      text_check(w, &lab);
      ws.label = lab.data;
      ws.indent = dw ? dw + 3 : 0; /* the actions in a column, or under their dates */
      blk kd = text_begin(&in, false);
      text_wrap(w, t.len ? t.data + skip : "", t.len - skip, &ws, o->b);
      text_end(&in, kd);
    } else {
      inline_from(w, colette_node_first_child(d), &t);
      text_check(w, &t);
      text_block(w, &in, false, &t, &ws);
    }
  }
  text_end(o, k);
  buf_free(&date);
  buf_free(&t);
  buf_free(&lab);
}

/* The signature: each of its lines, a picture as its description. */
static void signature(tw *w, const colette_node *n, lay *o) {
  lay in = *o;
  in.compact = true;
  in.any = false;
  blk k = text_begin(o, !o->compact);
  text_blocks_from(w, colette_node_first_child(n), &in);
  text_end(o, k);
}

/* ---- blocks, dispatched ----------------------------------------------------------------- */

static void block(tw *w, const colette_node *n, lay *o) {
  switch (colette_node_get_type(n)) {
  case COLETTE_NODE_HEADING: heading(w, n, o); break;
  case COLETTE_NODE_LIST: list(w, n, o); break;
  case COLETTE_NODE_TABLE: text_table(w, n, o); break;
  case COLETTE_NODE_DEADLINES: deadlines(w, n, o); break;
  case COLETTE_NODE_SIGNATURE: signature(w, n, o); break;
  case COLETTE_NODE_IMAGE: { /* a picture as a block: in a signature */
    buf t = BUF_INIT;
    image_text(w, n, &t);
    text_check(w, &t);
    wspec ws = {o->width, 0, NULL, 0, AL_LEFT};
    text_block(w, o, !o->compact, &t, &ws);
    buf_free(&t);
    break;
  }
  case COLETTE_NODE_METADATA:
  case COLETTE_NODE_MEETING: /* data, no text */
  case COLETTE_NODE_FURNITURE: /* written at the end */ break;
  default: para(w, n, o, AL_LEFT); break;
  }
}

/* The notes met since the last call, each hanging from its mark; notes in
 * notes join the queue. */
static void notes(tw *w, lay *o) {
  if (w->notes_done == w->nnotes) return;
  blk k = text_begin(o, true);
  text_repeat(o->b, '-', 20);
  buf_putc(o->b, '\n');
  text_end(o, k);
  buf mark = BUF_INIT, body = BUF_INIT;
  for (; w->notes_done < w->nnotes && w->st == COLETTE_OK; w->notes_done++) {
    const colette_node *n = w->notes[w->notes_done];
    buf_clear(&mark);
    note_mark(n, w->notes_done + 1, &mark);
    text_check(w, &mark);
    unsigned mw = text_str_width(mark.data, 0, mark.len) + 1;
    if (mw > o->width / 2) mw = 0;
    buf_clear(&body);
    lay in = {&body, o->width - mw, true, false};
    text_blocks_from(w, colette_node_first_child(n), &in);
    text_check(w, &body);
    /* the note's lines after its mark, hanging */
    blk kn = text_begin(o, false);
    if (mw == 0 || !body.len) {
      buf_append(o->b, mark.data, mark.len);
      buf_putc(o->b, '\n');
    }
    for (size_t a = 0, i = 0; i < body.len; i++)
      if (body.data[i] == '\n') {
        if (a == 0 && mw) {
          buf_append(o->b, mark.data, mark.len);
          if (i > a) buf_putc(o->b, ' ');
        } else if (i > a) {
          text_spaces(o->b, mw);
        }
        buf_append(o->b, body.data + a, i - a + 1);
        a = i + 1;
      }
    text_end(o, kn);
  }
  buf_free(&mark);
  buf_free(&body);
}

/* ---- the head --------------------------------------------------------------------------- */

enum { G_NONE, G_ORG, G_DATELINE, G_REF, G_ADDRESSEES, G_CONTACT, G_SUBJECT, G_OTHER };

static int group_of(colette_node_type t) {
  switch (t) {
  case COLETTE_NODE_ORGANIZATION: return G_ORG;
  case COLETTE_NODE_PLACE:
  case COLETTE_NODE_DATE: return G_DATELINE;
  case COLETTE_NODE_REF: return G_REF;
  case COLETTE_NODE_ADDRESSEES: return G_ADDRESSEES;
  case COLETTE_NODE_CONTACT: return G_CONTACT;
  case COLETTE_NODE_SUBJECT: return G_SUBJECT;
  default: return G_OTHER;
  }
}

/* The addressees, each on lines of its own after a dash, under their
 * label (or none) in the label column. */
static void addressees(tw *w, const colette_node *n, lay *o, unsigned lc, bool apart) {
  buf t = BUF_INIT, lab = BUF_INIT, own = BUF_INIT;
  const char *label = trimmed(w, render_label(n), &own);
  unsigned lw = text_cstr_width(label);
  buf_puts(&lab, label);
  if (lw) text_spaces(&lab, lc > lw ? lc - lw : 1);
  buf_puts(&lab, "\xE2\x80\x93"); /* an en dash */
  text_check(w, &lab);
  blk k = text_begin(o, apart);
  bool first = true;
  for (const colette_node *a = colette_node_first_child(n); a && w->st == COLETTE_OK;
       a = colette_node_next(a)) {
    buf_clear(&t);
    inline_from(w, colette_node_first_child(a), &t);
    text_check(w, &t);
    wspec ws = {o->width, lc + 2, first && lw ? lab.data : "\xE2\x80\x93", first && lw ? 0 : lc,
                AL_LEFT};
    text_wrap(w, t.data ? t.data : "", t.len, &ws, o->b);
    first = false;
  }
  if (first && lw) { /* a label and no addressee */
    buf_puts(o->b, label);
    buf_putc(o->b, '\n');
  }
  text_end(o, k);
  buf_free(&t);
  buf_free(&lab);
  buf_free(&own);
}

/* A labelled fact: its label in the label column, its text after. */
static void fact(tw *w, const colette_node *n, lay *o, unsigned lc, bool apart) {
  buf t = BUF_INIT, lab = BUF_INIT;
  inline_from(w, colette_node_first_child(n), &t);
  text_check(w, &t);
  wspec ws = {o->width, lc, trimmed(w, render_label(n), &lab), 0, AL_LEFT};
  text_block(w, o, apart, &t, &ws);
  buf_free(&t);
  buf_free(&lab);
}

static void dateline(tw *w, const colette_node *place, const colette_node *date, lay *o,
                     bool apart) {
  buf t = BUF_INIT;
  colette_status st = render_dateline(w->r, place, date, &t);
  if (st != COLETTE_OK) {
    if (w->st == COLETTE_OK) w->st = st;
  } else {
    text_check(w, &t);
    buf clean = BUF_INIT;
    put_text(&clean, t.data ? t.data : "", t.len);
    text_check(w, &clean);
    wspec ws = {o->width, 0, NULL, 0, AL_RIGHT};
    text_block(w, o, apart, &clean, &ws);
    buf_free(&clean);
  }
  buf_free(&t);
}

/* The head, in the order the letter gives it: the letterhead centred, the
 * dateline to the right, the labelled facts in two columns, a blank line
 * between kinds of fact. */
static void head(tw *w, const colette_node *h, lay *o) {
  unsigned lc = 0;
  buf lab = BUF_INIT;
  for (const colette_node *c = colette_node_first_child(h); c; c = colette_node_next(c)) {
    int g = group_of(colette_node_get_type(c));
    if (g >= G_REF && g <= G_SUBJECT) {
      unsigned x = text_cstr_width(trimmed(w, render_label(c), &lab));
      if (x + 2 > lc) lc = x + 2;
    }
  }
  buf_free(&lab);
  if (lc > o->width / 3) lc = o->width / 3;
  int last = G_NONE;
  for (const colette_node *c = colette_node_first_child(h); c && w->st == COLETTE_OK;
       c = colette_node_next(c)) {
    colette_node_type ty = colette_node_get_type(c);
    int g = group_of(ty);
    bool apart = g != last || g == G_OTHER;
    switch (ty) {
    case COLETTE_NODE_ORGANIZATION: {
      lay in = *o;
      in.compact = !apart;
      para(w, c, &in, AL_CENTRE);
      o->any = in.any;
      break;
    }
    case COLETTE_NODE_PLACE: {
      const colette_node *d = colette_node_next(c);
      if (d && colette_node_get_type(d) == COLETTE_NODE_DATE) {
        dateline(w, c, d, o, apart);
        c = d;
      } else {
        lay in = *o;
        in.compact = !apart;
        para(w, c, &in, AL_RIGHT);
        o->any = in.any;
      }
      break;
    }
    case COLETTE_NODE_DATE: dateline(w, NULL, c, o, apart); break;
    case COLETTE_NODE_ADDRESSEES: addressees(w, c, o, lc, apart); break;
    case COLETTE_NODE_REF:
    case COLETTE_NODE_CONTACT:
    case COLETTE_NODE_SUBJECT: fact(w, c, o, lc, apart); break;
    case COLETTE_NODE_FURNITURE: continue; /* at the end */
    default: block(w, c, o); break;
    }
    last = g;
  }
}

/* Does the text hold a letter (is it more than a page number or a rule)? */
static bool has_letter(const char *s, size_t n) {
  for (int32_t i = 0; (size_t)i < n;) {
    UChar32 c;
    U8_NEXT(s, i, (int32_t)n, c);
    if (c > 0 && u_isalpha(c)) return true;
  }
  return false;
}

/* Page headers and footers, at the end: each paragraph once, those with
 * letters only. */
static void furniture(tw *w, const colette_node *h, lay *o) {
  buf t = BUF_INIT;
  bool apart = true;
  for (const colette_node *f = h ? colette_node_first_child(h) : NULL; f && w->st == COLETTE_OK;
       f = colette_node_next(f)) {
    if (colette_node_get_type(f) != COLETTE_NODE_FURNITURE) continue;
    for (const colette_node *b = colette_node_first_child(f); b && w->st == COLETTE_OK;
         b = colette_node_next(b)) {
      if (colette_node_get_type(b) != COLETTE_NODE_PARAGRAPH) {
        lay in = *o;
        in.compact = !apart;
        block(w, b, &in);
        o->any = in.any;
        apart = false;
        continue;
      }
      buf_clear(&t);
      w->measuring++; /* a note or a link in a footer is shown, not recorded */
      inline_from(w, colette_node_first_child(b), &t);
      w->measuring--;
      text_check(w, &t);
      bool failed = false;
      if (!t.len || !has_letter(t.data, t.len) || !strset_add(&w->furniture, t.data, &failed)) {
        if (failed) text_nomem(w);
        continue;
      }
      wspec ws = {o->width, 0, NULL, 0, AL_CENTRE};
      text_block(w, o, apart, &t, &ws);
      apart = false;
    }
  }
  buf_free(&t);
}

/* An annex: its heading and titles centred, then its blocks and notes. */
static void annex(tw *w, const colette_node *a, lay *o) {
  if (o->any) buf_putc(o->b, '\n'); /* two blank lines before an annex: a new page */
  const colette_node *c = colette_node_first_child(a);
  if (c && colette_node_get_type(c) == COLETTE_NODE_HEADING &&
      !colette_node_attr(c, COLETTE_ATTR_LEVEL)) {
    para(w, c, o, AL_CENTRE);
    c = colette_node_next(c);
  }
  lay titles = *o;
  bool first = true;
  for (; c && colette_node_get_type(c) == COLETTE_NODE_TITLE && w->st == COLETTE_OK;
       c = colette_node_next(c)) {
    titles.compact = !first;
    para(w, c, &titles, AL_CENTRE);
    first = false;
  }
  o->any = titles.any;
  text_blocks_from(w, c, o);
  notes(w, o);
}

colette_status render_text(render *r, buf *out) {
  tw w;
  memset(&w, 0, sizeof w);
  w.r = r;
  w.ut = (UText)UTEXT_INITIALIZER;
  UErrorCode e = U_ZERO_ERROR;
  w.brk = ubrk_open(UBRK_LINE, r->lang, NULL, 0, &e);
  if (U_FAILURE(e))
    return error_set(r->err,
                     e == U_MEMORY_ALLOCATION_ERROR ? COLETTE_ERR_NOMEM : COLETTE_ERR_INVALID, NULL,
                     "ICU line breaking: %s", u_errorName(e));
  /* 0 is the default; below MIN_WIDTH, labels and tables have no room */
  unsigned width = r->opts->width ? r->opts->width : 72;
  lay o = {out, width < MIN_WIDTH ? MIN_WIDTH : width, false, false};
  const colette_node *h = NULL;
  for (const colette_node *c = colette_node_first_child(colette_letter_root(r->l));
       c && w.st == COLETTE_OK; c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_HEAD:
      h = c;
      head(&w, c, &o);
      break;
    case COLETTE_NODE_BODY:
      text_blocks_from(&w, colette_node_first_child(c), &o);
      notes(&w, &o);
      break;
    case COLETTE_NODE_ANNEX: annex(&w, c, &o); break;
    default: break;
    }
  }
  if (w.st == COLETTE_OK) furniture(&w, h, &o);
  if (w.st == COLETTE_OK) notes(&w, &o); /* notes in the head with no body after */
  while (out->len > 1 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
    out->data[--out->len] = '\0'; /* one newline at the end */
  ubrk_close(w.brk);
  utext_close(&w.ut);
  free(w.notes);
  strset_free(&w.urls);
  strset_free(&w.furniture);
  return w.st;
}
