/*
 * jsonw.h: a small JSON writer (private), shared by the pandoc-json and
 * json writers.  It appends to a buf and places the commas itself: a
 * writer says what comes (an object, a key, a string) and never thinks of
 * separators.  Output is RFC 8259 JSON that jq, python's json module and
 * pandoc read:
 *
 *  - strings keep their UTF-8 as it is; '"' and '\' are escaped, control
 *    characters (below U+0020, and DEL) as \b \f \n \r \t or \u00XX, and
 *    U+2028 and U+2029 as \u2028 \u2029 (JavaScript's line terminators);
 *    bytes that are no UTF-8 become U+FFFD, so the output is always valid;
 *  - compact (pandoc's own style) or pretty: two spaces per level, one
 *    member or element per line, empty containers as {} and [].
 *
 * Like buf, the writer never fails midway: an allocation failure breaks
 * the buf, which the caller checks once at the end (buf_ok).
 */
#ifndef COLETTE_JSONW_H
#define COLETTE_JSONW_H

#include <stdbool.h>
#include <stddef.h>

#include "../buf.h"

typedef struct jsonw {
  buf *out;       /* borrowed */
  bool pretty;    /* indented, one value a line */
  unsigned depth; /* open containers */
  char last;      /* the last structural character written: 0, '[', '{', ':' or 'v' (a value) */
} jsonw;

/* A writer appending to out (borrowed, must outlive it). */
void jsonw_init(jsonw *w, buf *out, bool pretty);

void jsonw_object(jsonw *w);     /* { */
void jsonw_end_object(jsonw *w); /* } */
void jsonw_array(jsonw *w);      /* [ */
void jsonw_end_array(jsonw *w);  /* ] */
/* A member's key (in an object, before its value). */
void jsonw_key(jsonw *w, const char *key);
/* Values. */
void jsonw_string(jsonw *w, const char *s); /* NULL writes null */
void jsonw_string_n(jsonw *w, const char *s, size_t n);
void jsonw_int(jsonw *w, long long v);
void jsonw_bool(jsonw *w, bool v);
void jsonw_null(jsonw *w);
/* A number written as given: s must be a JSON number (the caller checks). */
void jsonw_number(jsonw *w, const char *s);

/* key and value at once: "key": "s" (null when s is NULL). */
void jsonw_member(jsonw *w, const char *key, const char *s);

/* The JSON string literal of n bytes of s, quotes included, appended to
 * out: the escaping above, without a writer. */
void json_escape(buf *out, const char *s, size_t n);

#endif
