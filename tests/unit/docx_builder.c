/* docx_builder.c: in-memory DOCX packages for unit tests. */
#include "docx_builder.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

void *build_zip(const part *parts, size_t n, size_t *size) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  if (!src) return NULL;
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  if (!za) {
    zip_source_free(src);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    zip_source_t *s = zip_source_buffer(za, parts[i].content, strlen(parts[i].content), 0);
    if (!s || zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(s);
      zip_discard(za);
      zip_source_free(src);
      return NULL;
    }
  }
  if (zip_close(za) != 0) {
    zip_discard(za);
    zip_source_free(src);
    return NULL;
  }
  void *data = NULL;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t len = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    data = malloc(len > 0 ? (size_t)len : 1);
    if (data && zip_source_read(src, data, (zip_uint64_t)len) == len)
      *size = (size_t)len;
    else {
      free(data);
      data = NULL;
    }
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&ze);
  return data;
}

char *zip_part(const void *data, size_t size, const char *name) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, size, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  zip_error_fini(&ze);
  if (!za) {
    zip_source_free(src);
    return NULL;
  }
  zip_stat_t zs;
  zip_file_t *f = NULL;
  char *text = NULL;
  if (zip_stat(za, name, 0, &zs) == 0 && (zs.valid & ZIP_STAT_SIZE) &&
      (f = zip_fopen(za, name, 0)) && (text = malloc(zs.size + 1))) {
    if (zip_fread(f, text, zs.size) == (zip_int64_t)zs.size) {
      text[zs.size] = '\0';
    } else {
      free(text);
      text = NULL;
    }
  }
  if (f) zip_fclose(f);
  zip_discard(za);
  return text;
}

void *build_docx(const char *body, const char *styles, const char *numbering, const char *footnotes,
                 size_t *size) {
  return build_docx_with(body, styles, numbering, footnotes, NULL, 0, size);
}

const char DOCX_BUILDER_TYPES[] =
    "<?xml version=\"1.0\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

void *build_docx_with(const char *body, const char *styles, const char *numbering,
                      const char *footnotes, const part *extra, size_t n_extra, size_t *size) {
  static const char rels[] =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
  static const char doc_rels[] =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rIdS\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/>"
      "<Relationship Id=\"rIdN\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
      "Target=\"numbering.xml\"/>"
      "<Relationship Id=\"rIdF\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" "
      "Target=\"footnotes.xml\"/>"
      "<Relationship Id=\"rIdL\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
      "Target=\"https://example.org/a%20b\" TargetMode=\"External\"/>"
      "<Relationship Id=\"rIdC\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" "
      "Target=\"comments.xml\"/>"
      "<Relationship Id=\"rIdE\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes\" "
      "Target=\"endnotes.xml\"/>"
      "<Relationship Id=\"rIdH\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
      "Target=\"header1.xml\"/>"
      "<Relationship Id=\"rIdI\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
      "Target=\"media/image1.png\"/>"
      "</Relationships>";
  char *document = malloc(strlen(body) + 512);
  if (!document) return NULL;
  sprintf(document,
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          "<w:document xmlns:w=\"%s\" xmlns:r=\"%s\" "
          "xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\" "
          "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
          "<w:body>%s</w:body></w:document>",
          W_NS, R_NS, body);
  part parts[16];
  size_t n = 0;
  parts[n++] = (part){"[Content_Types].xml", DOCX_BUILDER_TYPES};
  parts[n++] = (part){"_rels/.rels", rels};
  parts[n++] = (part){"word/_rels/document.xml.rels", doc_rels};
  parts[n++] = (part){"word/document.xml", document};
  if (styles) parts[n++] = (part){"word/styles.xml", styles};
  if (numbering) parts[n++] = (part){"word/numbering.xml", numbering};
  if (footnotes) parts[n++] = (part){"word/footnotes.xml", footnotes};
  for (size_t i = 0; i < n_extra && n < 16; i++)
    parts[n++] = extra[i];
  void *zip = build_zip(parts, n, size);
  free(document);
  return zip;
}

int sinkbuf_write(void *ctx, const char *data, size_t len) {
  sinkbuf *b = ctx;
  char *d = realloc(b->data, b->len + len + 1);
  if (!d) return -1;
  memcpy(d + b->len, data, len);
  b->len += len;
  d[b->len] = '\0';
  b->data = d;
  return 0;
}

char *unpack(const void *data, size_t size, const colette_unpack_options *opts,
             colette_status *status, colette_error *err) {
  sinkbuf b = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &b};
  *status = colette_unpack_memory(data, size, opts, sink, err);
  if (*status != COLETTE_OK) {
    free(b.data);
    return NULL;
  }
  return b.data;
}

char *attr_values(const char *xml, const char *name) {
  size_t cap = 64, len = 0;
  char *out = calloc(1, cap);
  char pat[64];
  snprintf(pat, sizeof pat, " %s=\"", name);
  for (const char *p = strstr(xml, pat); p; p = strstr(p, pat)) {
    p += strlen(pat);
    const char *e = strchr(p, '"');
    if (!e) break;
    size_t n = (size_t)(e - p);
    while (len + n + 2 > cap)
      out = realloc(out, cap *= 2);
    if (len) out[len++] = '|';
    memcpy(out + len, p, n);
    len += n;
    out[len] = '\0';
    p = e;
  }
  return out;
}

char *texts(const char *xml) {
  size_t len = 0;
  char *out = calloc(1, strlen(xml) + 1);
  const char *body = strstr(xml, "<body>");
  const char *end = body ? strstr(body, "</body>") : NULL;
  if (!body || !end) return out;
  bool in_tag = false;
  for (const char *p = body + 6; p < end; p++) {
    if (*p == '<') {
      if (strncmp(p, "</p>", 4) == 0 && len) out[len++] = '|';
      in_tag = true;
    } else if (*p == '>') {
      in_tag = false;
    } else if (!in_tag && *p != '\n') {
      out[len++] = *p;
    }
  }
  if (len && out[len - 1] == '|') len--;
  out[len] = '\0';
  return out;
}
