/* buf.c: growable buffer and XML escaping. */
#include "buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

void buf_free(buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
  b->failed = false;
}

void buf_clear(buf *b) { b->len = 0; }

bool buf_reserve(buf *b, size_t extra) {
  if (b->failed) return false;
  if (extra > SIZE_MAX / 2 - b->len) goto fail;
  if (b->len + extra + 1 <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1)
    cap *= 2;
  char *d = realloc(b->data, cap);
  if (!d) goto fail;
  b->data = d;
  b->cap = cap;
  return true;
fail:
  b->failed = true;
  return false;
}

void buf_append_grow(buf *b, const char *s, size_t n) {
  if (n == 0 || !buf_reserve(b, n)) return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s) { buf_append(b, s, strlen(s)); }

void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || !buf_reserve(b, (size_t)n)) return;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* Escapes the characters XML needs escaped; copies runs of safe bytes in
 * one memcpy so long texts cost one scan. */
static void escape(buf *b, const char *s, size_t n, bool attr) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    const char *rep = NULL;
    switch (s[i]) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '\r': rep = "&#13;"; break;
    case '"': rep = attr ? "&quot;" : NULL; break;
    case '\t': rep = attr ? "&#9;" : NULL; break;
    case '\n': rep = attr ? "&#10;" : NULL; break;
    default: break;
    }
    if (rep) {
      buf_append(b, s + start, i - start);
      buf_puts(b, rep);
      start = i + 1;
    }
  }
  buf_append(b, s + start, n - start);
}

void buf_xml_text(buf *b, const char *s, size_t n) { escape(b, s, n, false); }

void buf_xml_attr_n(buf *b, const char *name, const char *value, size_t n) {
  buf_putc(b, ' ');
  buf_puts(b, name);
  buf_append(b, "=\"", 2);
  escape(b, value, n, true);
  buf_putc(b, '"');
}

void buf_xml_attr(buf *b, const char *name, const char *value) {
  buf_xml_attr_n(b, name, value, strlen(value));
}

void buf_xml_attr_int(buf *b, const char *name, long value) {
  char tmp[32];
  snprintf(tmp, sizeof tmp, "%ld", value);
  buf_xml_attr(b, name, tmp);
}

colette_status buf_slurp(FILE *f, uint64_t max, buf *out, colette_error *err) {
  buf_clear(out);
  for (;;) {
    if (!buf_reserve(out, 1 << 16)) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    size_t n = fread(out->data + out->len, 1, 1 << 16, f);
    out->len += n;
    if (max && out->len > max)
      return error_set(err, COLETTE_ERR_LIMIT, NULL,
                       "input larger than %llu bytes (--max-total-size)", (unsigned long long)max);
    if (n == 0) break;
  }
  if (ferror(f)) return error_set(err, COLETTE_ERR_IO, NULL, "cannot read: %s", strerror(errno));
  return COLETTE_OK;
}

