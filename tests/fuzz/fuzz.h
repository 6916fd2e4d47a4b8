/*
 * fuzz.h: what colette's fuzz targets share.  Each target is one file
 * defining LLVMFuzzerTestOneInput (and, when it needs set-up,
 * LLVMFuzzerInitialize); it is linked either with libFuzzer (the fuzz
 * build, -DCOLETTE_FUZZ=ON with clang) or with replay.c, a main() that
 * feeds it files (the regression tests of the normal builds).
 *
 * A finding is a crash, a sanitizer report, a leak, a time-out, libxml2
 * printing a message (the library never prints), or a property the target
 * checks failing: FUZZ_CHECK aborts with a message.
 */
#ifndef COLETTE_FUZZ_H
#define COLETTE_FUZZ_H

#include <libxml/parser.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond, ...)                                                                      \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "fuzz: property failed: " __VA_ARGS__);                                      \
      fputc('\n', stderr);                                                                         \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

/* libxml2's generic error handler, which prints on stderr by default: the
 * library never prints, so while it runs, a call is a finding. */
static inline void fuzz_printed(void *ctx, const char *fmt, ...) {
  (void)ctx;
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "fuzz: property failed: the library let libxml2 print: ");
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  abort();
}

static inline void fuzz_quiet(void *ctx, const char *fmt, ...) { (void)ctx, (void)fmt; }

/* Every target calls this first: libxml2 printing is then a finding. */
static inline void fuzz_no_print(void) { xmlSetGenericErrorFunc(NULL, fuzz_printed); }

/* Output collected in memory: the context of fuzz_sink. */
typedef struct fuzz_out {
  char *data;
  size_t len, cap;
} fuzz_out;

/* A sink's write: append to a fuzz_out (kept NUL-terminated). */
static inline int fuzz_out_write(void *ctx, const char *data, size_t len) {
  fuzz_out *o = ctx;
  if (o->len + len + 1 > o->cap) {
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + len + 1)
      cap *= 2;
    char *d = realloc(o->data, cap);
    if (!d) return -1;
    o->data = d, o->cap = cap;
  }
  memcpy(o->data + o->len, data, len);
  o->len += len;
  o->data[o->len] = '\0';
  return 0;
}

static inline colette_sink fuzz_sink(fuzz_out *o) { return (colette_sink){fuzz_out_write, o}; }

static inline void fuzz_out_free(fuzz_out *o) {
  free(o->data);
  *o = (fuzz_out){0};
}

/* Is what a stage wrote well-formed XML, its namespaces too (every prefix
 * declared, which libxml2 reports without failing the parse)?  (Every
 * stage promises it.)  Deep documents are allowed: the stages bound depth
 * themselves. */
static inline int fuzz_well_formed(const fuzz_out *o) {
  xmlSetGenericErrorFunc(NULL, fuzz_quiet); /* this parse is ours, not the library's */
  xmlParserCtxtPtr c = xmlNewParserCtxt();
  xmlDocPtr doc =
      c ? xmlCtxtReadMemory(c, o->data ? o->data : "", (int)o->len, "out.xml", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_HUGE)
        : NULL;
  int ok = doc != NULL && c->wellFormed && c->nsWellFormed;
  xmlFreeDoc(doc);
  xmlFreeParserCtxt(c);
  fuzz_no_print();
  return ok;
}

/* What a stage gave as a letter must be one the reader accepts: written,
 * read back and written again, the same bytes (what names the stage in
 * the messages). */
static inline void fuzz_round_trip(const colette_letter *l, const char *what) {
  colette_letter *again = NULL;
  colette_error err;
  fuzz_out first = {0}, second = {0};
  FUZZ_CHECK(colette_letter_write(l, fuzz_sink(&first), &err) == COLETTE_OK,
             "a %s letter cannot be written: %s", what, err.message);
  FUZZ_CHECK(colette_letter_read(first.data, first.len, "written.xml", &again, &err) == COLETTE_OK,
             "a %s letter written does not read back: line %d: %s", what, err.line, err.message);
  FUZZ_CHECK(colette_letter_write(again, fuzz_sink(&second), &err) == COLETTE_OK,
             "a %s letter read back cannot be written: %s", what, err.message);
  FUZZ_CHECK(first.len == second.len && memcmp(first.data, second.data, first.len) == 0,
             "a %s letter read back writes other bytes", what);
  colette_letter_free(again);
  fuzz_out_free(&first);
  fuzz_out_free(&second);
}

/* The input with a processing instruction after it, which sends every
 * reader of colette's to libxml2 (outside xmlscan's subset), or NULL
 * where the bytes appended would not be read as ASCII (a NUL: UTF-16 or
 * 32; a first byte that is not '<', a space or UTF-8's BOM: EBCDIC). */
static inline char *fuzz_handed_over(const uint8_t *data, size_t size, size_t *len) {
  static const char pi[] = "<?fuzz the reader?>";
  if (!size || memchr(data, 0, size) ||
      !(data[0] == '<' || data[0] == ' ' || data[0] == '\n' || data[0] == '\t' || data[0] == 0xEF))
    return NULL;
  char *s = malloc(size + sizeof pi);
  if (!s) return NULL;
  memcpy(s, data, size);
  memcpy(s + size, pi, sizeof pi);
  *len = size + sizeof pi - 1;
  return s;
}

#endif
