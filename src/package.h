/*
 * package.h: the OPC/ZIP container of a DOCX (private).
 *
 * Opening classifies the input (ZIP, OLE/CFB, anything else) before libzip
 * sees it, enforces the entry-count limit, and finds the main document part
 * through _rels/.rels ([Content_Types].xml and word/document.xml as
 * fallbacks).  Every read of a part goes through part_stream, which counts
 * inflated bytes against the part, total and inflate-ratio limits as the
 * bytes arrive, so a bomb is stopped after at most one buffer.
 */
#ifndef COLETTE_PACKAGE_H
#define COLETTE_PACKAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "colette.h"

typedef struct package package;
typedef struct part_stream part_stream;

/* Open; on success *out is owned by the caller (package_close). */
colette_status package_open_file(const char *path, const colette_limits *limits, package **out,
                                 colette_error *err);
colette_status package_open_memory(const void *data, size_t size, const colette_limits *limits,
                                   package **out, colette_error *err);
void package_close(package *pkg);

const colette_limits *package_limits(const package *pkg);
/* The main document part name ("word/document.xml"), owned by pkg. */
const char *package_main_part(const package *pkg);
/* True when the package uses Strict OOXML names (purl.oclc.org). */
bool package_is_strict(const package *pkg);
/* True when the package has a part of that name (case-insensitive). */
bool package_has(const package *pkg, const char *name);

/* Open a part for streaming; *out owned by caller (part_stream_close). */
colette_status part_stream_open(package *pkg, const char *name, part_stream **out,
                                colette_error *err);
/* Reads up to len bytes; returns the count, 0 at the end, -1 on error (the
 * error is then in part_stream_error).  Signature fits xmlInputReadCallback. */
int part_stream_read(void *stream, char *dst, int len);
/* Start the part again from its first byte; what was read is no longer
 * counted against the total-size limit, as it is read again. */
colette_status part_stream_rewind(part_stream *s, colette_error *err);
const colette_error *part_stream_error(const part_stream *s);
bool part_stream_failed(const part_stream *s);
void part_stream_close(part_stream *s);

/* Read a whole (small) part into out, under the same limits. */
colette_status package_read(package *pkg, const char *name, buf *out, colette_error *err);

/* ---- relationships ---------------------------------------------------- */

typedef struct rel {
  char *id;
  char *type;   /* full relationship type URI */
  char *target; /* resolved part name, or the URI as written if external */
  bool external;
} rel;

typedef struct rels {
  rel *items;
  size_t count;
} rels;

/* The package's own relationships (_rels/.rels), read when it was opened;
 * owned by pkg. */
const rels *package_root_rels(const package *pkg);

/* Read the relationships of part `source` ("" for the package itself).
 * A missing .rels part gives an empty set.  Free with rels_free. */
colette_status package_rels(package *pkg, const char *source, rels *out, colette_error *err);
void rels_free(rels *r);
const rel *rels_by_id(const rels *r, const char *id);
/* First relationship whose type ends with "/suffix" (transitional and
 * strict URIs differ only before the last segment). */
const rel *rels_by_type(const rels *r, const char *suffix);
/* True when type ends with "/suffix". */
bool rel_type_is(const char *type, const char *suffix);

/* Resolve target relative to the folder of part `source`, with %XX
 * decoding and . / .. segments; returns a malloc'd part name or NULL. */
char *part_resolve(const char *source, const char *target);

#endif
