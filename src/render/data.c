/* data.c: text helpers the data writers share (data.h). */
#include "data.h"

#include <stdbool.h>
#include <string.h>

#include "../letter/recognise.h"
#include "render.h"

/* s with its runs of white space made one space, trimmed, into out. */
static void collapse(const char *s, size_t n, buf *out) {
  bool space = false;
  size_t start = out->len;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
      space = out->len > start;
      continue;
    }
    if (space) buf_putc(out, ' ');
    space = false;
    buf_putc(out, s[i]);
  }
}

void data_line(const colette_node *n, buf *out) {
  buf t = BUF_INIT;
  render_plain(n, &t);
  collapse(t.data ? t.data : "", t.len, out);
  buf_free(&t);
}

/* Is the UTF-8 character at s (n bytes) one that separates a deadline's
 * date from its action (space, dash, colon, comma, in their full-width
 * forms too)?  Its length, or 0. */
static size_t separator(const char *s, size_t n) {
  static const char *const SEP[] = {" ",
                                    "\t",
                                    "-",
                                    ":",
                                    ",",
                                    ";",
                                    "\xE2\x80\x93" /* en dash */,
                                    "\xE2\x80\x94" /* em dash */,
                                    "\xEF\xBC\x9A" /* full-width colon */,
                                    "\xEF\xBC\x8C" /* full-width comma */,
                                    "\xE3\x80\x81" /* ideographic comma */};
  for (size_t i = 0; i < sizeof SEP / sizeof *SEP; i++) {
    size_t l = strlen(SEP[i]);
    if (l <= n && memcmp(s, SEP[i], l) == 0) return l;
  }
  return 0;
}

/* Is s (n bytes) nothing but separators (and a full stop)? */
static bool only_separators(const char *s, size_t n) {
  size_t at = 0, l;
  while (at < n && ((l = separator(s + at, n - at)) > 0 || (s[at] == '.' && (l = 1)) ||
                    (s[at] == '\n' && (l = 1))))
    at += l;
  return at == n;
}

/* The plain text of the children of a deadline from `from` up to `to`
 * (NULL: the end), but `skip`; notes are no part of it. */
static void children_text(const colette_node *from, const colette_node *to,
                          const colette_node *skip, buf *t) {
  for (const colette_node *k = from; k && k != to; k = colette_node_next(k)) {
    colette_node_type ty = colette_node_get_type(k);
    if (k == skip) continue;
    if (ty == COLETTE_NODE_TEXT) {
      size_t len;
      const char *s = colette_node_literal(k, &len);
      buf_append(t, s, len);
    } else if (ty == COLETTE_NODE_BREAK) {
      buf_putc(t, '\n');
    } else if (ty != COLETTE_NODE_NOTE) {
      render_plain(k, t);
    }
  }
}

void data_action(const colette_node *d, buf *out) {
  /* the deadline's own date is left out: the first date, where only
   * separators come before it ("24 June – Submit…"), else the last, where
   * only separators come after it ("Registration: 7 September 2026") */
  const colette_node *first = NULL, *last = NULL, *skip = NULL;
  bool trailing = false;
  buf t = BUF_INIT, one = BUF_INIT;
  for (const colette_node *k = colette_node_first_child(d); k; k = colette_node_next(k))
    if (colette_node_get_type(k) == COLETTE_NODE_DATE_VALUE) {
      if (!first) first = k;
      last = k;
    }
  if (first) {
    children_text(colette_node_first_child(d), first, NULL, &t);
    if (only_separators(t.data ? t.data : "", t.len)) skip = first;
    buf_clear(&t);
  }
  if (!skip && last) {
    children_text(colette_node_next(last), NULL, NULL, &t);
    bool after = only_separators(t.data ? t.data : "", t.len);
    buf_clear(&t);
    /* …and a label's separator before it: "Due 31 January" keeps its date */
    if (after) children_text(colette_node_first_child(d), last, NULL, &t);
    if (after && label_separator_before(t.data ? t.data : "", t.len)) skip = last, trailing = true;
    buf_clear(&t);
  }
  children_text(colette_node_first_child(d), NULL, skip, &t);
  collapse(t.data ? t.data : "", t.len, &one);
  size_t at = 0, l, end = one.len;
  while (at < end && (l = separator(one.data + at, end - at)) > 0)
    at += l;
  if (trailing) /* the separators before a last date, and a stop */
    while (end > at) {
      size_t k = 0;
      for (size_t b = 1; b <= 3 && b <= end - at && !k; b++)
        if (separator(one.data + end - b, b) == b || (b == 1 && one.data[end - 1] == '.')) k = b;
      if (!k) break;
      end -= k;
    }
  if (at < end) buf_append(out, one.data + at, end - at);
  buf_free(&t);
  buf_free(&one);
}
