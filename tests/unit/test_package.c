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

/* Flip a bit of the CRC that the central directory and the local header
 * give for the entry `name`. */
static void spoil_crc(unsigned char *d, size_t n, const char *name) {
  size_t k = strlen(name);
  for (size_t i = 0; i + 46 <= n; i++) {
    if (memcmp(d + i, "PK\1\2", 4) != 0) continue;
    size_t nlen = d[i + 28] | (size_t)d[i + 29] << 8;
    if (nlen != k || i + 46 + k > n || memcmp(d + i + 46, name, k) != 0) continue;
    size_t off =
        d[i + 42] | (size_t)d[i + 43] << 8 | (size_t)d[i + 44] << 16 | (size_t)d[i + 45] << 24;
    d[i + 16] ^= 1;
    cr_assert(off + 30 <= n);
    d[off + 14] ^= 1;
    return;
  }
  cr_assert_fail("no entry %s", name);
}

/* A part whose bytes are not those its CRC says is damaged, whether it is
 * inflated whole (a letter's parts) or streamed (a large one). */
Test(package, a_part_that_fails_its_crc_is_damaged) {
  static const size_t sizes[] = {0, 5u << 20};
  for (size_t t = 0; t < 2; t++) {
    char *body = spaces_body(sizes[t]);
    size_t n;
    unsigned char *d = build_docx(body, NULL, NULL, NULL, &n);
    free(body);
    spoil_crc(d, n, "word/document.xml");
    colette_limits l;
    colette_limits_default(&l);
    l.min_inflate_ratio = 0;
    colette_error e;
    cr_expect_eq(run(d, n, &l, &e), COLETTE_ERR_NOT_ZIP, "%zu bytes of blanks", sizes[t]);
    cr_expect(strstr(e.message, "CRC") != NULL, "%s", e.message);
    cr_expect_str_eq(e.part, "word/document.xml");
    free(d);
  }
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

/* ---- xmlscan: the plain-XML scanner, against what libxml2 would give ---- */

#include "xmlscan.h"

/* Events as one string: <local ns=N e=0|1 a=v ...> </> and text in [...]. */
typedef struct trace {
  char s[8192];
  size_t n;
} trace;

static void tput(trace *t, const char *s, size_t n) {
  if (t->n + n < sizeof t->s) {
    memcpy(t->s + t->n, s, n);
    t->n += n;
    t->s[t->n] = '\0';
  }
}
static void tputs(trace *t, const char *s) { tput(t, s, strlen(s)); }

static int t_ns(void *ctx, const char *uri) {
  (void)ctx;
  return strcmp(uri, "urn:w") == 0 ? 7 : -1;
}
static bool t_start(void *ctx, const char *local, int ns, bool empty, const xmlpart_attr *attrs,
                    size_t n_nsdefs, size_t n_attrs) {
  trace *t = ctx;
  char head[128];
  snprintf(head, sizeof head, "<%s ns=%d e=%d", local, ns, empty);
  tputs(t, head);
  for (size_t i = 0; i < n_nsdefs + n_attrs; i++) {
    tputs(t, i < n_nsdefs ? " @" : " ");
    tputs(t, attrs[i].local);
    tputs(t, "=");
    tputs(t, attrs[i].value);
  }
  tputs(t, ">");
  return true;
}
static bool t_end(void *ctx) {
  tputs(ctx, "</>");
  return true;
}
static bool t_text(void *ctx, const char *s, size_t n) {
  trace *t = ctx;
  /* pieces of one text join: the scanner may cut text anywhere */
  if (t->n && t->s[t->n - 1] == ']')
    t->n--;
  else
    tputs(t, "[");
  tput(t, s, n);
  tputs(t, "]");
  return true;
}

/* Scan xml fed `step` bytes at a time (0: whole); the result, and *t. */
static xmlscan_result scan_in(const char *xml, size_t step, trace *t) {
  memset(t, 0, sizeof *t);
  xmlscan_sink sink = {t, t_ns, t_start, t_end, t_text, NULL};
  xmlscan *x = xmlscan_new(&sink, 200);
  cr_assert_not_null(x);
  size_t n = strlen(xml), off = 0;
  xmlscan_result r = XMLSCAN_MORE;
  while (step && off < n && r == XMLSCAN_MORE) {
    size_t k = n - off < step ? n - off : step;
    r = xmlscan_feed(x, xml + off, k, false);
    off += k;
  }
  if (r == XMLSCAN_MORE) r = xmlscan_feed(x, xml + off, n - off, true);
  xmlscan_free(x);
  return r;
}

static const char PLAIN[] =
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    "<!-- made by hand -->\n"
    "<w:document xmlns:w=\"urn:w\" xmlns:r=\"urn:r\"><w:body>"
    "<w:p r:id=\"a&amp;b&#38;c\" w:x='l1\r\nl2\tt'><w:t xml:space=\"preserve\">Gen\xC3\xA8ve &lt;1&gt; "
    "&#x4E2D;\r\nx\ry</w:t><w:br/></w:p><!-- - --></w:body></w:document>\n";

static const char PLAIN_EVENTS[] =
    "<document ns=7 e=0 @w=urn:w @r=urn:r><body ns=7 e=0>"
    "<p ns=7 e=0 id=a&b&c x=l1 l2 t><t ns=7 e=0 space=preserve>[Gen\xC3\xA8ve <1> \xE4\xB8\xAD\nx\ny]</>"
    "<br ns=7 e=1></></></></>";

Test(xmlscan, reads_the_plain_subset_as_libxml2_gives_it) {
  trace t;
  cr_assert_eq(scan_in(PLAIN, 0, &t), XMLSCAN_DONE);
  cr_expect_str_eq(t.s, PLAIN_EVENTS);
}

Test(xmlscan, any_cut_of_the_input_gives_the_same_events) {
  for (size_t step = 1; step < 64; step++) {
    trace t;
    cr_assert_eq(scan_in(PLAIN, step, &t), XMLSCAN_DONE, "step %zu", step);
    cr_expect_str_eq(t.s, PLAIN_EVENTS, "step %zu", step);
  }
}

Test(xmlscan, leaves_everything_else_to_libxml2) {
  static const char *const OTHER[] = {
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", /* another encoding */
      "<?xml version=\"1.1\"?><a/>",                     /* another version */
      "<!DOCTYPE a><a/>",                                /* a DTD */
      "<a><![CDATA[x]]></a>",                            /* CDATA */
      "<a><?pi x?></a>",                                 /* a PI */
      "<a>&nbsp;</a>",                                   /* an entity not predefined */
      "<a>&#0;</a>",                                     /* not a Char */
      "<a>x]]>y</a>",                                    /* ']]>' in text */
      "<a>\x01</a>",                                     /* a control character */
      "<a>\xC3</a>",                                     /* cut UTF-8 */
      "<a>\xED\xA0\x80</a>",                             /* a surrogate */
      "<a>\xC0\xAF</a>",                                 /* overlong */
      "<a x=\"1\" x=\"2\"/>",                            /* an attribute twice */
      "<a xy=\"1\" zy=\"2\" xy=\"3\"/>",                 /* twice, among others of its length */
      "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:x=\"1\" q:x=\"2\"/>", /* the same, by URI */
      "<p:a/>",                                                       /* an undeclared prefix */
      "<a p:x=\"1\"/>",
      "<a xmlns:p=\"\"/>",      /* an empty prefixed URI */
      "<a xmlns:p=\"a b\"/>",   /* a URI libxml2 refuses */
      "<a x=\"<\"/>",           /* '<' in a value */
      "<a x=\"1\"y=\"2\"/>",    /* no space between */
      "<a></b>",                /* mismatched end */
      "<a>",                    /* unclosed */
      "<a/><b/>",               /* two roots */
      "<a/>x",                  /* text after the root */
      "<a><!-- x -- y --></a>", /* '--' in a comment */
      "<\xC3\xA9/>",            /* a name not ASCII */
      "",                       /* nothing */
  };
  for (size_t i = 0; i < sizeof OTHER / sizeof *OTHER; i++) {
    trace t;
    cr_expect_eq(scan_in(OTHER[i], 0, &t), XMLSCAN_FALLBACK, "%s", OTHER[i]);
  }
}

/* Attributes whose names have one length but differ are no duplicates,
 * nor are equal local names in no namespace and in one. */
Test(xmlscan, names_of_one_length_are_not_one_name) {
  static const char *const PLAIN_TAGS[] = {
      "<a ab=\"1\" ba=\"2\" bb=\"3\"/>",
      "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" p:x=\"1\" q:x=\"2\" x=\"3\"/>",
      "<a xmlns:w=\"urn:w\" w:rsidR=\"1\" w:rsidP=\"2\" w:rsidRPr=\"3\"/>",
  };
  for (size_t i = 0; i < sizeof PLAIN_TAGS / sizeof *PLAIN_TAGS; i++) {
    trace t;
    cr_expect_eq(scan_in(PLAIN_TAGS[i], 0, &t), XMLSCAN_DONE, "%s", PLAIN_TAGS[i]);
  }
}

Test(xmlscan, depth_past_the_limit_is_left_to_libxml2) {
  char xml[4096] = "";
  for (int i = 0; i < 201; i++)
    strcat(xml, "<a>");
  for (int i = 0; i < 201; i++)
    strcat(xml, "</a>");
  trace t;
  cr_expect_eq(scan_in(xml, 0, &t), XMLSCAN_FALLBACK);
  xml[0] = '\0';
  for (int i = 0; i < 200; i++)
    strcat(xml, "<a>");
  for (int i = 0; i < 200; i++)
    strcat(xml, "</a>");
  cr_expect_eq(scan_in(xml, 0, &t), XMLSCAN_DONE);
}

/* The flat document of a body, or NULL. */
static char *unpack_body(const char *body) {
  size_t n;
  void *d = build_docx(body, NULL, NULL, NULL, &n);
  colette_status st;
  colette_error e;
  char *out = unpack(d, n, NULL, &st, &e);
  free(d);
  return out;
}

/* A part the scanner leaves to libxml2 gives the same flat document as one
 * it reads: the events it delivered before falling back are not repeated. */
Test(xmlscan, a_part_falling_back_midway_converts_the_same) {
  static const char body[] = "<w:p><w:r><w:t>one</w:t></w:r></w:p>%s<w:p><w:r><w:t>two &amp; "
                             "three</w:t></w:r></w:p>";
  char plain[512], odd[512];
  snprintf(plain, sizeof plain, body, "");
  snprintf(odd, sizeof odd, body, "<?odd but well-formed?>");
  char *a = unpack_body(plain), *b = unpack_body(odd);
  cr_assert_not_null(a);
  cr_assert_not_null(b);
  cr_expect_str_eq(a, b);
  cr_expect(strstr(a, "<p>one</p>\n<p>two &amp; three</p>") != NULL, "%s", a);
  free(a);
  free(b);
}

/* ---- xmlpart trees: the arena tree small parts are read into ---- */

#include "xmlpart.h"

static void tree_of(const char *xml, void (*check)(const xmlpart_node *root)) {
  static const char root_rels[] =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
  part parts[] = {{"_rels/.rels", root_rels},
                  {"word/document.xml", "<w:document xmlns:w=\"urn:w\"/>"},
                  {"word/x.xml", xml}};
  size_t n;
  void *zip = build_zip(parts, 3, &n);
  package *pkg;
  colette_error e;
  cr_assert_eq(package_open_memory(zip, n, NULL, &pkg, &e), COLETTE_OK, "%s", e.message);
  xmlpart_tree *t;
  cr_assert_eq(xmlpart_parse_tree(pkg, "word/x.xml", &t, &e), COLETTE_OK, "%s", e.message);
  check(xmlpart_tree_root(t));
  xmlpart_tree_free(t);
  package_close(pkg);
  free(zip);
}

static void check_styles(const xmlpart_node *root) {
  cr_assert_not_null(root);
  cr_expect_str_eq(root->local, "styles");
  cr_expect_null(xn_attr(root, "w"), "namespace declarations are not attributes");
  const xmlpart_node *s = xn_child(root, "style");
  cr_assert_not_null(s);
  cr_expect_str_eq(xn_attr(s, "styleId"), "A&B");
  cr_expect_str_eq(xn_attr(s, "type"), "paragraph");
  cr_expect_str_eq(xn_attr(s, "empty"), "");
  cr_expect_null(xn_attr(s, "missing"));
  const xmlpart_node *b = xn_child(xn_child(s, "rPr"), "b");
  cr_expect(xn_onoff(b));
  cr_expect(!xn_onoff(b->next), "w:i w:val=\"0\"");
  cr_expect(xn_is(b->next, "i"));
  cr_expect_null(b->next->next);
  cr_expect(!xn_onoff(NULL));
  cr_expect_eq(s->next, xn_child(root, "docDefaults"), "siblings in document order");
  cr_expect_eq(s->parent, root);
}

Test(xmlpart, tree_holds_elements_and_attributes) {
  tree_of("<w:styles xmlns:w=\"urn:w\"><w:style w:type=\"paragraph\" w:styleId=\"A&amp;B\" "
          "w:empty=\"\">text is not kept<w:rPr><w:b/><w:i w:val=\"0\"/></w:rPr></w:style>"
          "<w:docDefaults/></w:styles>",
          check_styles);
}

Test(xmlpart, tree_is_the_same_when_libxml2_reads_the_part) {
  /* the processing instruction sends the part to libxml2 */
  tree_of("<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?>"
          "<w:styles xmlns:w=\"urn:w\"><w:style w:type=\"paragraph\" w:styleId=\"A&amp;B\" "
          "w:empty=\"\">text is not kept<w:rPr><w:b/><w:i w:val=\"0\"/></w:rPr></w:style>"
          "<w:docDefaults/></w:styles>",
          check_styles);
}

/* libxml2's cap on one text node (10 MB) holds in a streamed story as it
 * did when the reader built a DOM; text cut by a comment is two nodes. */
Test(xmlpart, a_text_node_past_libxml2s_cap_is_a_limit) {
  size_t n = 10000100;
  char *body = malloc(n + 200);
  cr_assert_not_null(body);
  strcpy(body, "<w:p><w:r><w:t>");
  size_t k = strlen(body);
  unsigned x = 1;
  for (size_t i = 0; i < n; i++) { /* letters that do not compress like a bomb */
    x = x * 1103515245u + 12345u;
    body[k++] = (char)('a' + (x >> 16) % 26);
  }
  strcpy(body + k, "</w:t></w:r></w:p>");
  size_t size;
  void *d = build_docx(body, NULL, NULL, NULL, &size);
  colette_error e;
  cr_expect_eq(run(d, size, NULL, &e), COLETTE_ERR_LIMIT);
  cr_expect(strstr(e.message, "huge text node") != NULL, "%s", e.message);
  free(d);
  memcpy(body + 15 + n / 2, "<!---->", 7);
  d = build_docx(body, NULL, NULL, NULL, &size);
  cr_expect_eq(run(d, size, NULL, &e), COLETTE_OK, "%s", e.message);
  free(d);
  free(body);
}

/* docProps: each child of the root with text and no element inside, its
 * text whole (entities, character references, CDATA, around a comment),
 * blanks kept; a vector (an element inside) and an empty value left out. */
Test(package, properties_are_the_roots_text_children) {
  static const char core[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
      "<dc:title>Fish &amp; chips</dc:title><dc:subject>  </dc:subject><dc:creator/>"
      "<cp:keywords>a<!-- c -->b</cp:keywords>\n"
      "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-02T03:04:05Z</dcterms:created>"
      "<cp:vec>y<v>x</v></cp:vec><cp:category></cp:category>\n"
      "<dc:description><![CDATA[<raw>]]> &#233;t&#xE9;</dc:description></cp:coreProperties>";
  static const char root_rels[] =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"word/document.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
      "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";
  static const char document[] =
      "<?xml version=\"1.0\"?><w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
      "<w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>";
  part parts[] = {{"[Content_Types].xml", DOCX_BUILDER_TYPES},
                  {"_rels/.rels", root_rels},
                  {"word/document.xml", document},
                  {"docProps/core.xml", core}};
  size_t n;
  void *d = build_zip(parts, 4, &n);
  colette_unpack_options o;
  colette_unpack_options_default(&o);
  colette_status st;
  colette_error e;
  char *out = unpack(d, n, &o, &st, &e);
  cr_assert_eq(st, COLETTE_OK, "%s", e.message);
  const char *want = "<property name=\"title\">Fish &amp; chips</property>\n"
                     "<property name=\"subject\">  </property>\n"
                     "<property name=\"keywords\">ab</property>\n"
                     "<property name=\"created\">2026-01-02T03:04:05Z</property>\n"
                     "<property name=\"description\">&lt;raw&gt; \xC3\xA9t\xC3\xA9</property>\n";
  cr_expect(strstr(out, want) != NULL, "%s", out);
  cr_expect(strstr(out, "name=\"vec\"") == NULL && strstr(out, "name=\"creator\"") == NULL &&
                strstr(out, "name=\"category\"") == NULL,
            "%s", out);
  free(out);
  free(d);
}
