/* jsonw.c: JSON strings escaped, and values separated, for the data writers. */
#include "jsonw.h"

#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 if none;
 * *bad gets how many bytes a replacement covers then (the maximal prefix
 * of a sequence, as Unicode recommends, at least one). */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad) {
  unsigned char c = s[0];
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    need = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F; /* no surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  size_t i = 1;
  for (; i < need && i < n; i++) {
    unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
    if (s[i] < l || s[i] > h) break;
  }
  if (i == need) return need;
  *bad = i;
  return 0;
}

void json_escape(buf *out, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  buf_putc(out, '"');
  size_t start = 0, i = 0;
  while (i < n) {
    unsigned char c = u[i];
    char esc[8];
    const char *rep = NULL;
    size_t skip = 1;
    if (c == '"')
      rep = "\\\"";
    else if (c == '\\')
      rep = "\\\\";
    else if (c == '\n')
      rep = "\\n";
    else if (c == '\r')
      rep = "\\r";
    else if (c == '\t')
      rep = "\\t";
    else if (c == '\b')
      rep = "\\b";
    else if (c == '\f')
      rep = "\\f";
    else if (c < 0x20 || c == 0x7F) {
      snprintf(esc, sizeof esc, "\\u%04x", c);
      rep = esc;
    } else if (c >= 0x80) {
      size_t bad = 1, len = utf8_seq(u + i, n - i, &bad);
      if (len == 0) {
        rep = "\\ufffd";
        skip = bad;
      } else if (len == 3 && c == 0xE2 && u[i + 1] == 0x80 &&
                 (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
        rep = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
        skip = 3;
      } else {
        i += len;
        continue;
      }
    }
    if (rep) {
      buf_append(out, s + start, i - start);
      buf_puts(out, rep);
      i += skip;
      start = i;
    } else {
      i++;
    }
  }
  buf_append(out, s + start, n - start);
  buf_putc(out, '"');
}

void jsonw_init(jsonw *w, buf *out, bool pretty) {
  w->out = out;
  w->pretty = pretty;
  w->depth = 0;
  w->last = 0;
}

static void newline(jsonw *w) {
  buf_putc(w->out, '\n');
  for (unsigned i = 0; i < w->depth; i++)
    buf_puts(w->out, "  ");
}

/* Before a value or a key: a comma after a value, a new line when pretty
 * (but after a key, whose value follows on its line). */
static void before(jsonw *w) {
  if (w->last == ':') return;
  if (w->last == 'v') buf_putc(w->out, ',');
  if (w->pretty && w->depth > 0) newline(w);
}

static void begin(jsonw *w, char c) {
  before(w);
  buf_putc(w->out, c);
  w->depth++;
  w->last = c;
}

static void finish(jsonw *w, char c) {
  if (w->depth > 0) w->depth--;
  if (w->pretty && w->last != '[' && w->last != '{') newline(w);
  buf_putc(w->out, c);
  w->last = 'v';
}

void jsonw_object(jsonw *w) { begin(w, '{'); }
void jsonw_end_object(jsonw *w) { finish(w, '}'); }
void jsonw_array(jsonw *w) { begin(w, '['); }
void jsonw_end_array(jsonw *w) { finish(w, ']'); }

void jsonw_key(jsonw *w, const char *key) {
  before(w);
  json_escape(w->out, key, strlen(key));
  buf_puts(w->out, w->pretty ? ": " : ":");
  w->last = ':';
}

static void value(jsonw *w, const char *s, size_t n, bool quoted) {
  before(w);
  if (quoted)
    json_escape(w->out, s, n);
  else
    buf_append(w->out, s, n);
  w->last = 'v';
}

void jsonw_string_n(jsonw *w, const char *s, size_t n) {
  if (s)
    value(w, s, n, true);
  else
    jsonw_null(w);
}

void jsonw_string(jsonw *w, const char *s) { jsonw_string_n(w, s, s ? strlen(s) : 0); }

void jsonw_int(jsonw *w, long long v) {
  char b[32];
  int n = snprintf(b, sizeof b, "%lld", v);
  value(w, b, (size_t)n, false);
}

void jsonw_bool(jsonw *w, bool v) { value(w, v ? "true" : "false", v ? 4 : 5, false); }
void jsonw_null(jsonw *w) { value(w, "null", 4, false); }
void jsonw_number(jsonw *w, const char *s) { value(w, s, strlen(s), false); }

void jsonw_member(jsonw *w, const char *key, const char *s) {
  jsonw_key(w, key);
  jsonw_string(w, s);
}
