/*
 * buf.h: a growable byte buffer and the few XML-writing helpers colette's
 * writers share (private).  Writing XML by hand keeps paragraphs cheap to
 * buffer and splice: a paragraph's attributes (its language, say) are only
 * known once its runs have been read.
 *
 * A buffer that failed to grow is "broken": later appends do nothing and
 * buf_ok() reports it, so writers check once per paragraph, not per call.
 */
#ifndef COLETTE_BUF_H
#define COLETTE_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "colette.h"

typedef struct buf {
  char *data; /* owned; NUL-terminated when len > 0 */
  size_t len;
  size_t cap;
  bool failed; /* an allocation failed */
} buf;

#define BUF_INIT                                                                                   \
  { NULL, 0, 0, false }

void buf_free(buf *b);  /* releases data; b itself is the caller's */
void buf_clear(buf *b); /* len = 0, keeps capacity */
bool buf_reserve(buf *b, size_t extra);
/* buf_append's way when the bytes do not fit (or the buffer is broken) */
void buf_append_grow(buf *b, const char *s, size_t n);
/* Inline: the writers call these for every tag and attribute, and a call
 * that only copies a few bytes into room already there was a tenth of a
 * conversion's instructions. */
static inline void buf_append(buf *b, const char *s, size_t n) {
  if (n == 0) return; /* s may be NULL then, which memcpy may not take */
  if (n < b->cap - b->len && !b->failed) { /* cap 0: len 0, never taken */
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
  } else {
    buf_append_grow(b, s, n);
  }
}
static inline void buf_putc(buf *b, char c) {
  if (b->cap - b->len > 1 && !b->failed) {
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
  } else {
    buf_append_grow(b, &c, 1);
  }
}
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline bool buf_ok(const buf *b) { return !b->failed; }

/* XML text content, escaped (& < >, and \r as a character reference). */
void buf_xml_text(buf *b, const char *s, size_t n);
/* ` name="value"` with the value escaped for an attribute. */
void buf_xml_attr(buf *b, const char *name, const char *value);
void buf_xml_attr_n(buf *b, const char *name, const char *value, size_t n);
void buf_xml_attr_int(buf *b, const char *name, long value);

/* Read all of a stream into b (cleared first), at most `max` bytes (0: no
 * limit): COLETTE_ERR_LIMIT past it, COLETTE_ERR_IO on a read error. */
colette_status buf_slurp(FILE *f, uint64_t max, buf *b, colette_error *err);

#endif
