/* Unit tests: the container, its limits and safe XML parsing. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "docx_builder.h"
#include "package.h"

static colette_status run(const void *data, size_t size, const colette_limits *limits,
                          colette_error *err) {
  colette_unpack_options o;
  colette_unpack_options_default(&o);
  if (limits) o.limits = *limits;
  colette_status st;
  char *out = unpack(data, size, &o, &st, err);
  if (st != COLETTE_OK) cr_expect_null(out, "no output on failure");
  free(out);
  return st;
}

Test(package, not_a_zip) {
  colette_error e;
  cr_expect_eq(run("hello, world", 12, NULL, &e), COLETTE_ERR_NOT_ZIP);
  cr_expect(strstr(e.message, "not a ZIP") != NULL, "%s", e.message);
  cr_expect_eq(run("", 0, NULL, &e), COLETTE_ERR_NOT_ZIP);
  cr_expect(strstr(e.message, "empty") != NULL, "%s", e.message);
  cr_expect_eq(run("{\\rtf1 x}", 9, NULL, &e), COLETTE_ERR_NOT_ZIP);
  cr_expect(strstr(e.message, "RTF") != NULL, "%s", e.message);
}

static void *ole_with(const char *stream, size_t *size) {
  size_t n = 4096;
  unsigned char *d = calloc(1, n);
  static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  memcpy(d, magic, 8);
  for (size_t i = 0; stream[i]; i++)
    d[1024 + 2 * i] = (unsigned char)stream[i];
  *size = n;
  return d;
}

Test(package, ole_containers_say_what_they_are) {
  colette_error e;
  size_t n;
  void *d = ole_with("EncryptedPackage", &n);
  cr_expect_eq(run(d, n, NULL, &e), COLETTE_ERR_PROTECTED);
  cr_expect(strstr(e.message, "encrypted OOXML") != NULL, "%s", e.message);
  free(d);
  d = ole_with("WordDocument", &n);
  cr_expect_eq(run(d, n, NULL, &e), COLETTE_ERR_PROTECTED);
  cr_expect(strstr(e.message, "legacy binary Word") != NULL, "%s", e.message);
  free(d);
  d = ole_with("Workbook", &n);
  cr_expect_eq(run(d, n, NULL, &e), COLETTE_ERR_PROTECTED);
  cr_expect(strstr(e.message, "neither") != NULL, "%s", e.message);
  free(d);
}

Test(package, truncated_zip) {
  size_t n;
  void *d = build_docx("<w:p/>", NULL, NULL, NULL, &n);
  colette_error e;
  cr_expect_eq(run(d, n / 2, NULL, &e), COLETTE_ERR_NOT_ZIP);
  free(d);
}

Test(package, zip_without_word_document) {
  part parts[] = {{"hello.txt", "hi"}};
  size_t n;
  void *d = build_zip(parts, 1, &n);
  colette_error e;
  cr_expect_eq(run(d, n, NULL, &e), COLETTE_ERR_NO_DOCUMENT);
  free(d);
  part xlsx[] = {
      {"[Content_Types].xml",
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"},
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<workbook/>"}};
  d = build_zip(xlsx, 3, &n);
  cr_expect_eq(run(d, n, NULL, &e), COLETTE_ERR_NO_DOCUMENT);
  cr_expect(strstr(e.message, "spreadsheet") != NULL, "%s", e.message);
  free(d);
  part missing[] = {{"_rels/.rels", xlsx[1].content}};
  d = build_zip(missing, 1, &n);
  cr_expect_eq(run(d, n, NULL, &e), COLETTE_ERR_NO_DOCUMENT);
  cr_expect(strstr(e.message, "missing") != NULL, "%s", e.message);
  free(d);
}

Test(package, entry_limit) {
  size_t n;
  void *d = build_docx("<w:p/>", NULL, NULL, NULL, &n);
  colette_limits l;
  colette_limits_default(&l);
  l.max_entries = 3;
  colette_error e;
  cr_expect_eq(run(d, n, &l, &e), COLETTE_ERR_LIMIT);
  cr_expect(strstr(e.message, "--max-entries") != NULL, "%s", e.message);
  free(d);
}

static char *spaces_body(size_t n) {
  char *b = malloc(n + 64);
  strcpy(b, "<w:p><w:r><w:t>x</w:t></w:r></w:p>");
  size_t k = strlen(b);
  memset(b + k, ' ', n);
  b[k + n] = '\0';
  return b;
}

Test(package, inflate_ratio_stops_a_bomb) {
  char *body = spaces_body(4u << 20); /* 4 MiB of blanks deflate ~1000:1 */
  size_t n;
  void *d = build_docx(body, NULL, NULL, NULL, &n);
  free(body);
  colette_error e;
  cr_expect_eq(run(d, n, NULL, &e), COLETTE_ERR_LIMIT);
  cr_expect(strstr(e.message, "inflate ratio") != NULL, "%s", e.message);
  cr_expect_str_eq(e.part, "word/document.xml");
  colette_limits l;
  colette_limits_default(&l);
  l.min_inflate_ratio = 0; /* the limit can be lifted */
  cr_expect_eq(run(d, n, &l, &e), COLETTE_OK);
  l.max_part_size = 1u << 20;
  cr_expect_eq(run(d, n, &l, &e), COLETTE_ERR_LIMIT);
  cr_expect(strstr(e.message, "--max-part-size") != NULL, "%s", e.message);
  l.max_part_size = 0;
  l.max_total_size = 2u << 20;
  cr_expect_eq(run(d, n, &l, &e), COLETTE_ERR_LIMIT);
  cr_expect(strstr(e.message, "--max-total-size") != NULL, "%s", e.message);
  free(d);
}

static colette_status with_document(const char *document, colette_error *e) {
  part parts[] = {{"word/document.xml", document}};
  size_t n;
  void *d = build_zip(parts, 1, &n);
  colette_status st = run(d, n, NULL, e);
  free(d);
  return st;
}

Test(package, doctype_and_entities_are_refused) {
  colette_error e;
  cr_expect_eq(
      with_document("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b "
                    "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document xmlns:w=\"" W_NS
                    "\"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>",
                    &e),
      COLETTE_ERR_XML);
  cr_expect(strstr(e.message, "DOCTYPE") != NULL, "%s", e.message);
  cr_expect_eq(with_document("<?xml version=\"1.0\"?><!-- c --><!DOCTYPE d SYSTEM "
                             "\"file:///etc/passwd\"><w:document xmlns:w=\"" W_NS "\"/>",
                             &e),
               COLETTE_ERR_XML);
}

Test(package, malformed_xml_names_part_line_and_column) {
  colette_error e;
  cr_expect_eq(with_document("<w:document xmlns:w=\"" W_NS "\">\n<w:body>\n<w:p></w:r>"
                             "</w:body></w:document>",
                             &e),
               COLETTE_ERR_XML);
  cr_expect_str_eq(e.part, "word/document.xml");
  cr_expect_eq(e.line, 3);
  cr_expect_gt(e.column, 0);
}

Test(package, nesting_limit) {
  size_t depth = 400, n = 0;
  char *doc = malloc(depth * 64 + 256);
  n += (size_t)sprintf(doc + n, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
  for (size_t i = 0; i < depth; i++)
    n += (size_t)sprintf(doc + n, "<w:sdt><w:sdtContent>");
  for (size_t i = 0; i < depth; i++)
    n += (size_t)sprintf(doc + n, "</w:sdtContent></w:sdt>");
  sprintf(doc + n, "</w:body></w:document>");
  colette_error e;
  cr_expect_eq(with_document(doc, &e), COLETTE_ERR_LIMIT);
  cr_expect(strstr(e.message, "deeper") != NULL || strstr(e.message, "depth") != NULL, "%s",
            e.message);
  free(doc);
}

Test(package, not_a_word_main_part) {
  colette_error e;
  cr_expect_eq(with_document("<a:theme xmlns:a=\"urn:x\"/>", &e), COLETTE_ERR_NO_DOCUMENT);
}

Test(package, part_names_resolve_like_opc) {
  char *s;
  cr_expect_str_eq(s = part_resolve("word/document.xml", "media/image1.png"),
                   "word/media/image1.png");
  free(s);
  cr_expect_str_eq(s = part_resolve("word/document.xml", "../customXml/item1.xml"),
                   "customXml/item1.xml");
  free(s);
  cr_expect_str_eq(s = part_resolve("word/document.xml", "/word/footnotes.xml"),
                   "word/footnotes.xml");
  free(s);
  cr_expect_str_eq(s = part_resolve("", "word/my%20doc.xml"), "word/my doc.xml");
  free(s);
  cr_expect_str_eq(s = part_resolve("word/document.xml", "./x/../y.xml#frag"), "word/y.xml");
  free(s);
}

Test(package, strict_ooxml) {
  static const char strict_w[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
  char doc[512];
  snprintf(doc, sizeof doc,
           "<w:document xmlns:w=\"%s\" w:conformance=\"strict\"><w:body><w:p><w:r><w:t>Strict "
           "text</w:t></w:r></w:p></w:body></w:document>",
           strict_w);
  part parts[] = {
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"r\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/"
       "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml", doc}};
  size_t n;
  void *d = build_zip(parts, 2, &n);
  colette_status st;
  colette_error e;
  char *out = unpack(d, n, NULL, &st, &e);
  cr_assert_eq(st, COLETTE_OK, "%s", e.message);
  cr_expect(strstr(out, "conformance=\"strict\"") != NULL);
  cr_expect(strstr(out, ">Strict text</p>") != NULL, "%s", out);
  free(out);
  free(d);
}
