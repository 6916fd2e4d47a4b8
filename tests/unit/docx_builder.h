/* docx_builder.h: build small DOCX packages in memory for unit tests. */
#ifndef DOCX_BUILDER_H
#define DOCX_BUILDER_H

#include <stddef.h>

#include "colette.h"

typedef struct part {
  const char *name;
  const char *content;
} part;

/* The [Content_Types].xml build_docx writes (the main part's type, the
 * defaults for .rels and .xml), for a test that zips its own parts. */
extern const char DOCX_BUILDER_TYPES[];

/* Zip parts into a malloc'd buffer (*size bytes); NULL on failure. */
void *build_zip(const part *parts, size_t n, size_t *size);

/* A minimal DOCX around a body (the content of w:body), with optional
 * styles, numbering and footnotes parts (NULL to leave out). */
void *build_docx(const char *body, const char *styles, const char *numbering, const char *footnotes,
                 size_t *size);

/* The same with extra parts (word/comments.xml, word/endnotes.xml and
 * word/header1.xml are related already). */
void *build_docx_with(const char *body, const char *styles, const char *numbering,
                      const char *footnotes, const part *extra, size_t n_extra, size_t *size);

/* A sink collecting output in memory (data NUL-terminated, malloc'd). */
typedef struct sinkbuf {
  char *data;
  size_t len;
} sinkbuf;
int sinkbuf_write(void *ctx, const char *data, size_t len);

/* Run colette_unpack_memory; returns the malloc'd output (NULL on
 * failure, with *status and err filled). */
char *unpack(const void *data, size_t size, const colette_unpack_options *opts,
             colette_status *status, colette_error *err);

/* Part `name` of the ZIP package in data (size bytes), NUL-terminated and
 * malloc'd; NULL when there is no such part or the package is unreadable. */
char *zip_part(const void *data, size_t size, const char *name);

/* The values of every occurrence of attribute `name` in xml, joined by
 * '|' ("1.|a)|b)"); malloc'd. */
char *attr_values(const char *xml, const char *name);

/* The paragraphs' text only (tags removed, entities left), '|' between
 * paragraphs; malloc'd. */
char *texts(const char *xml);

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#endif
