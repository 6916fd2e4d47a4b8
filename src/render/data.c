/* data.c: text helpers the data writers share (data.h). */
#include "data.h"

#include <stdbool.h>
#include <string.h>

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

void data_action(const colette_node *d, buf *out) {
  buf t = BUF_INIT, one = BUF_INIT;
  bool first_date = true;
  for (const colette_node *k = colette_node_first_child(d); k; k = colette_node_next(k)) {
    colette_node_type ty = colette_node_get_type(k);
    if (first_date && ty == COLETTE_NODE_DATE_VALUE) {
      first_date = false;
      buf_clear(&one);
      collapse(t.data ? t.data : "", t.len, &one);
      if (one.len == 0) continue; /* the date comes first: left out */
    }
    if (ty == COLETTE_NODE_TEXT) {
      size_t len;
      const char *s = colette_node_literal(k, &len);
      buf_append(&t, s, len);
    } else if (ty == COLETTE_NODE_BREAK) {
      buf_putc(&t, '\n');
    } else if (ty != COLETTE_NODE_NOTE) {
      render_plain(k, &t);
    }
  }
  buf_clear(&one);
  collapse(t.data ? t.data : "", t.len, &one);
  size_t at = 0, l;
  while (at < one.len && (l = separator(one.data + at, one.len - at)) > 0)
    at += l;
  if (at < one.len) buf_append(out, one.data + at, one.len - at);
  buf_free(&t);
  buf_free(&one);
}
