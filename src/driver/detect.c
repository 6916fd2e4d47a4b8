/* detect.c: what an input is, from its content. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "../package.h"
#include "driver.h"

/* A package's variant, from the main part's content type in
 * [Content_Types].xml: a document or a template, with macros or without.
 * A package that cannot be read is a DOCX: colette-unpack says what is
 * wrong with it. */
static const char *zip_variant(const char *path, const void *data, size_t len) {
  colette_limits limits;
  colette_limits_default(&limits);
  package *pkg = NULL;
  colette_error e;
  colette_status st = path ? package_open_file(path, &limits, &pkg, &e)
                           : package_open_memory(data, len, &limits, &pkg, &e);
  const char *media = MT_DOCX;
  if (st != COLETTE_OK) return media;
  buf ct = BUF_INIT;
  if (package_read(pkg, "[Content_Types].xml", &ct, &e) == COLETTE_OK && ct.data) {
    if (memmem(ct.data, ct.len, "ms-word.document.macroEnabled.main+xml", 38))
      media = MT_DOCM;
    else if (memmem(ct.data, ct.len, "ms-word.template.macroEnabledTemplate.main+xml", 46))
      media = MT_DOTM;
    else if (memmem(ct.data, ct.len, "wordprocessingml.template.main+xml", 34))
      media = MT_DOTX;
  }
  buf_free(&ct);
  package_close(pkg);
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
