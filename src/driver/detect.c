/* detect.c: what an input is, from its content. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "driver.h"

/* The first bytes of [Content_Types].xml hold its Override for the main
 * part in every producer's output; a longer file is not read past this. */
#define CONTENT_TYPES_READ (256u << 10)

/* A package's variant, from the main part's content type in
 * [Content_Types].xml: a document or a template, with macros or without.
 * A batch's parent detects every file it finds, so only that one part is
 * read, straight from the ZIP directory, not the package opened as
 * colette-unpack opens it (relationships parsed, main part found).  A
 * package that cannot be read is a DOCX: colette-unpack says what is wrong
 * with it. */
static const char *zip_variant(const char *path, const void *data, size_t len) {
  const char *media = MT_DOCX;
  zip_t *z = NULL;
  if (path) {
    int ze = 0;
    z = zip_open(path, ZIP_RDONLY, &ze);
  } else {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (src && !(z = zip_open_from_source(src, ZIP_RDONLY, &ze))) zip_source_free(src);
    zip_error_fini(&ze);
  }
  if (!z) return media;
  char *ct = malloc(CONTENT_TYPES_READ);
  zip_file_t *f = ct ? zip_fopen(z, "[Content_Types].xml", 0) : NULL;
  if (f) {
    size_t n = 0;
    zip_int64_t got;
    while (n < CONTENT_TYPES_READ && (got = zip_fread(f, ct + n, CONTENT_TYPES_READ - n)) > 0)
      n += (size_t)got;
    zip_fclose(f);
    if (memmem(ct, n, "ms-word.document.macroEnabled.main+xml", 38))
      media = MT_DOCM;
    else if (memmem(ct, n, "ms-word.template.macroEnabledTemplate.main+xml", 46))
      media = MT_DOTM;
    else if (memmem(ct, n, "wordprocessingml.template.main+xml", 34))
      media = MT_DOTX;
  }
  free(ct);
  zip_discard(z);
  return media;
}

const char *drv_detect(const void *head, size_t n, const char *path, const void *data,
                       size_t len) {
  switch (colette_sniff(head, n)) {
  case COLETTE_KIND_ZIP: return zip_variant(path, data, len);
  case COLETTE_KIND_FLAT: return MT_FLAT;
  case COLETTE_KIND_NORMALIZED: return MT_NORM;
  case COLETTE_KIND_LETTER: return MT_LETTER;
  case COLETTE_KIND_XML: return MT_FLAT; /* colette-normalize: "not a flat document" */
  default: return MT_DOCX; /* colette-unpack names OLE, RTF, PDF, or says "not a ZIP" */
  }
}
