/*
 * Unit tests: the HTML writer (render_html through colette_render) on
 * letters built by hand: escaping of text and attributes, characters HTML
 * forbids, links a reader may not follow, lang where the language changes
 * (a sentence in the document's language inside a paragraph kept in
 * another), list labels and nesting, table spans and header rows, notes
 * linked both ways, the page number left out.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx_builder.h"

static colette_letter *l;
static colette_node *body;
static void setup(void) {
  l = colette_letter_new();
  cr_assert_not_null(l);
  cr_assert_eq(colette_node_set_attr(colette_letter_root(l), COLETTE_ATTR_LANG, "fr"), COLETTE_OK);
  body = colette_node_new(l, COLETTE_NODE_BODY);
  cr_assert_eq(colette_node_append(colette_letter_root(l), body), COLETTE_OK);
}
static void teardown(void) { colette_letter_free(l); }
TestSuite(html, .init = setup, .fini = teardown);

static colette_node *add(colette_node *parent, colette_node_type t) {
  colette_node *n = colette_node_new(l, t);
  cr_assert_not_null(n);
  cr_assert_eq(colette_node_append(parent, n), COLETTE_OK, "%s in %s", colette_node_type_name(t),
               colette_node_type_name(colette_node_get_type(parent)));
  return n;
}

static void text(colette_node *parent, const char *s) {
  cr_assert_eq(colette_node_append(parent, colette_text_new(l, s, strlen(s))), COLETTE_OK);
}

static void set(colette_node *n, colette_attr a, const char *v) {
  cr_assert_eq(colette_node_set_attr(n, a, v), COLETTE_OK, "%s=%s", colette_attr_name(a), v);
}

/* The letter as HTML (malloc'd, NUL-terminated). */
static char *html(void) {
  sinkbuf o = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &o};
  colette_render_options opts;
  colette_render_options_default(&opts);
  opts.format = COLETTE_FORMAT_HTML;
  colette_error e;
  colette_status st = colette_render(l, &opts, sink, NULL, &e);
  cr_assert_eq(st, COLETTE_OK, "%s", e.message);
  char *s = realloc(o.data, o.len + 1);
  cr_assert_not_null(s);
  s[o.len] = '\0';
  return s;
}

#define expect_has(doc, needle) cr_expect(strstr(doc, needle) != NULL, "no %s in\n%s", needle, doc)
#define expect_not(doc, needle) cr_expect(strstr(doc, needle) == NULL, "%s in\n%s", needle, doc)

Test(html, a_document_standing_alone) {
  text(add(body, COLETTE_NODE_PARAGRAPH), "Bonjour");
  char *doc = html();
  cr_expect(strncmp(doc, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">",
                    62) == 0,
            "%s", doc);
  expect_has(doc, "<title>");
  expect_has(doc, "<style>");
  expect_has(doc, "@media print");
  expect_has(doc, "Noto Sans CJK SC");
  expect_has(doc, "<main>\n<p>Bonjour</p>\n</main>");
  expect_not(doc, "<script");
  expect_not(doc, "<link");
  expect_not(doc, "src=");
  expect_not(doc, "url(");
  free(doc);
}

Test(html, text_and_attributes_escaped) {
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  text(p, "a & b <i> \"q\" 'r'");
  colette_node *a = add(p, COLETTE_NODE_LINK);
  set(a, COLETTE_ATTR_HREF, "https://x.test/a\"b<c d&e");
  text(a, "x");
  char *doc = html();
  expect_has(
      doc,
      "<p>a &amp; b &lt;i&gt; \"q\" 'r'<a href=\"https://x.test/a%22b%3Cc%20d&amp;e\">x</a></p>");
  free(doc);
}

Test(html, characters_html_forbids_replaced) {
  /* a carriage return, a C1 control (U+0085), a noncharacter (U+FDD0, U+FFFE, U+1FFFF) */
  text(add(body, COLETTE_NODE_PARAGRAPH), "a\rb\xC2\x85"
                                          "c\xEF\xB7\x90"
                                          "d\xEF\xBF\xBE"
                                          "e\xF0\x9F\xBF\xBF"
                                          "f\xC2\xA0g");
  char *doc = html();
  expect_has(doc, "<p>a\nb\xEF\xBF\xBD"
                  "c\xEF\xBF\xBD"
                  "d\xEF\xBF\xBD"
                  "e\xEF\xBF\xBD"
                  "f\xC2\xA0g</p>");
  expect_not(doc, "&#13;");
  free(doc);
}

Test(html, links_a_reader_may_not_follow_are_text) {
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  colette_node *a = add(p, COLETTE_NODE_LINK);
  set(a, COLETTE_ATTR_HREF, "javascript:alert(1)");
  text(a, "click");
  colette_node *b = add(p, COLETTE_NODE_LINK);
  set(b, COLETTE_ATTR_HREF, "#_Toc123");
  text(b, "above");
  char *doc = html();
  expect_has(doc, "<span class=\"link\" data-href=\"javascript:alert(1)\">click</span>");
  expect_has(doc, "<span class=\"link\" data-href=\"#_Toc123\">above</span>");
  expect_not(doc, "<a ");
  free(doc);
}

Test(html, typed_values) {
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  colette_node *d = add(p, COLETTE_NODE_DATE_VALUE);
  set(d, COLETTE_ATTR_WHEN, "2021-05-21");
  text(d, "21 mai 2021");
  colette_node *t = add(p, COLETTE_NODE_TIME);
  set(t, COLETTE_ATTR_START, "11:00");
  text(t, "11 h 00");
  colette_node *e = add(p, COLETTE_NODE_EMAIL);
  set(e, COLETTE_ATTR_VALUE, "tsbsg17@itu.int");
  text(e, "TSBSG17@itu.int");
  colette_node *ph = add(p, COLETTE_NODE_PHONE);
  set(ph, COLETTE_ATTR_VALUE, "+41227306206");
  text(ph, "+41 22 730 6206");
  colette_node *u = add(p, COLETTE_NODE_URL);
  set(u, COLETTE_ATTR_VALUE, "http://www.itu.int");
  text(u, "www.itu.int");
  char *doc = html();
  expect_has(doc, "<time datetime=\"2021-05-21\">21 mai 2021</time>");
  expect_has(doc, "<time datetime=\"11:00\">11 h 00</time>");
  expect_has(doc, "<a href=\"mailto:tsbsg17@itu.int\">TSBSG17@itu.int</a>");
  expect_has(doc, "<a href=\"tel:+41227306206\">+41 22 730 6206</a>");
  expect_has(doc, "<a href=\"http://www.itu.int\">www.itu.int</a>");
  free(doc);
}

Test(html, lang_where_the_language_changes) {
  /* a paragraph kept in English, a sentence of it in the document's French */
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  set(p, COLETTE_ATTR_LANG, "en-GB");
  text(p, "Kept. ");
  colette_node *s = add(p, COLETTE_NODE_SENTENCE);
  set(s, COLETTE_ATTR_LANG, "fr");
  text(s, "Écrite.");
  /* the same language as the document: nothing to mark */
  colette_node *q = add(body, COLETTE_NODE_PARAGRAPH);
  set(q, COLETTE_ATTR_LANG, "fr-CH");
  text(q, "Pareil.");
  /* an annex in English: marked once, its blocks inherit */
  colette_node *a = add(colette_letter_root(l), COLETTE_NODE_ANNEX);
  set(a, COLETTE_ATTR_ID, "B");
  set(a, COLETTE_ATTR_LANG, "en");
  text(add(a, COLETTE_NODE_HEADING), "ANNEX B");
  text(add(a, COLETTE_NODE_PARAGRAPH), "Inherited.");
  colette_node *z = add(a, COLETTE_NODE_PARAGRAPH);
  set(z, COLETTE_ATTR_LANG, "zh");
  text(z, "中文");
  colette_node *ar = add(a, COLETTE_NODE_PARAGRAPH);
  set(ar, COLETTE_ATTR_LANG, "ar");
  text(ar, "عربي");
  char *doc = html();
  expect_has(doc, "<p lang=\"en-GB\">Kept. <span lang=\"fr\">Écrite.</span></p>");
  expect_has(doc, "<p>Pareil.</p>");
  expect_has(doc, "<section class=\"annex\" lang=\"en\" id=\"annex-B\">\n<h2>ANNEX B</h2>\n"
                  "<p>Inherited.</p>\n<p lang=\"zh\">中文</p>\n<p lang=\"ar\" dir=\"rtl\">");
  free(doc);
}

Test(html, lists_nested_with_the_letters_labels) {
  colette_node *list = add(body, COLETTE_NODE_LIST);
  const char *labels[] = {"1.", "a)", "b)", "\xEF\x82\xB7", "2."};
  const char *levels[] = {"1", "2", "2", "3", "1"};
  for (int i = 0; i < 5; i++) {
    colette_node *it = add(list, COLETTE_NODE_ITEM);
    set(it, COLETTE_ATTR_LABEL, labels[i]);
    set(it, COLETTE_ATTR_LEVEL, levels[i]);
    text(it, "x");
  }
  char *doc = html();
  expect_has(doc, "<ol class=\"list\">\n<li value=\"1\"><span class=\"label\">1.</span> x\n"
                  "<ol class=\"list\">\n<li><span class=\"label\">a)</span> x</li>\n"
                  "<li><span class=\"label\">b)</span> x\n"
                  "<ul class=\"list\">\n<li><span class=\"label\">\xE2\x80\xA2</span> x</li>\n"
                  "</ul>\n</li>\n</ol>\n</li>\n<li value=\"2\"><span class=\"label\">2.</span> "
                  "x</li>\n</ol>");
  free(doc);
}

Test(html, tables_with_spans_and_header_rows) {
  colette_node *t = add(body, COLETTE_NODE_TABLE);
  colette_node *r1 = add(t, COLETTE_NODE_ROW);
  set(r1, COLETTE_ATTR_HEADER, "true");
  colette_node *c = add(r1, COLETTE_NODE_CELL);
  set(c, COLETTE_ATTR_COLSPAN, "2");
  text(add(c, COLETTE_NODE_PARAGRAPH), "H");
  colette_node *r2 = add(t, COLETTE_NODE_ROW);
  set(add(r2, COLETTE_NODE_CELL), COLETTE_ATTR_ROWSPAN, "2");
  add(r2, COLETTE_NODE_CELL);
  add(add(t, COLETTE_NODE_ROW), COLETTE_NODE_CELL);
  char *doc = html();
  expect_has(doc, "<table class=\"table\">\n<thead>\n<tr>\n<th colspan=\"2\">\n<p>H</p>\n</th>\n"
                  "</tr>\n</thead>\n<tbody>\n<tr>\n<td rowspan=\"2\"></td>\n<td></td>\n</tr>\n"
                  "<tr>\n<td></td>\n</tr>\n</tbody>\n</table>");
  free(doc);
}

Test(html, notes_linked_both_ways_at_the_end) {
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  text(p, "Voir");
  colette_node *n = add(p, COLETTE_NODE_NOTE);
  set(n, COLETTE_ATTR_TYPE, "footnote");
  set(n, COLETTE_ATTR_MARK, "*");
  text(add(n, COLETTE_NODE_PARAGRAPH), "La note.");
  text(p, " ici.");
  char *doc = html();
  expect_has(doc, "<p>Voir<sup class=\"noteref\"><a href=\"#note-1\" id=\"noteref-1\" "
                  "role=\"doc-noteref\">*</a></sup> ici.</p>");
  expect_has(doc, "<li id=\"note-1\"><a class=\"noteback\" href=\"#noteref-1\" "
                  "role=\"doc-backlink\">*</a>\n<p>La note.</p>\n</li>");
  cr_expect(strstr(doc, "La note.") > strstr(doc, "</main>"), "the note is not after the body");
  free(doc);
}

Test(html, head_facts_and_furniture) {
  colette_node *head = colette_node_new(l, COLETTE_NODE_HEAD);
  cr_assert_eq(colette_node_insert_before(body, head), COLETTE_OK);
  colette_node *c = add(head, COLETTE_NODE_CONTACT);
  set(c, COLETTE_ATTR_TYPE, "tel");
  set(c, COLETTE_ATTR_LABEL, "Tél. :");
  set(c, COLETTE_ATTR_VALUE, "+41227305111");
  text(c, "+41 22 730 5111");
  colette_node *s = add(head, COLETTE_NODE_SUBJECT);
  set(s, COLETTE_ATTR_LABEL, "Objet :");
  set(s, COLETTE_ATTR_LANG, "en");
  text(s, "Meeting <&>");
  colette_node *f = add(head, COLETTE_NODE_FURNITURE);
  set(f, COLETTE_ATTR_TYPE, "header");
  colette_node *fp = add(f, COLETTE_NODE_PARAGRAPH);
  text(fp, "- ");
  text(add(fp, COLETTE_NODE_FIELD), "2");
  text(fp, " -");
  colette_node *g = add(head, COLETTE_NODE_FURNITURE);
  set(g, COLETTE_ATTR_TYPE, "footer");
  text(add(g, COLETTE_NODE_PARAGRAPH), "Place des Nations");
  char *doc = html();
  expect_has(doc, "<title lang=\"en\">Meeting &lt;&amp;&gt;</title>");
  expect_has(doc, "<tr><th scope=\"row\">Tél. :</th>\n<td><a href=\"tel:+41227305111\">+41 22 730 "
                  "5111</a></td></tr>");
  expect_has(doc, "<tr><th scope=\"row\">Objet :</th>\n<td class=\"subject\" lang=\"en\">Meeting "
                  "&lt;&amp;&gt;</td></tr>");
  expect_has(doc, "<!-- a page header (default pages) left out: only a page number");
  expect_not(doc, "- 2 -");
  expect_has(doc, "<footer class=\"furniture\">\n<div data-page=\"default\">\n<p>Place des "
                  "Nations</p>\n</div>\n</footer>\n</body>");
  free(doc);
}

Test(html, rows_and_columns_where_no_cell_begins_left_out) {
  /* row 1: one cell over three grid columns; row 2: a cell spanning down,
   * one over the last two columns; row 3: nothing begins (merged into row 2) */
  colette_node *t = add(body, COLETTE_NODE_TABLE);
  colette_node *r1 = add(t, COLETTE_NODE_ROW);
  set(add(r1, COLETTE_NODE_CELL), COLETTE_ATTR_COLSPAN, "3");
  colette_node *r2 = add(t, COLETTE_NODE_ROW);
  set(add(r2, COLETTE_NODE_CELL), COLETTE_ATTR_ROWSPAN, "2");
  set(add(r2, COLETTE_NODE_CELL), COLETTE_ATTR_COLSPAN, "2");
  add(t, COLETTE_NODE_ROW);
  char *doc = html();
  expect_has(doc, "<table class=\"table\">\n<tbody>\n<tr>\n<td colspan=\"2\"></td>\n</tr>\n"
                  "<tr>\n<td></td>\n<td></td>\n</tr>\n</tbody>\n</table>");
  free(doc);
}

Test(html, a_header_cell_spanning_into_the_body_keeps_the_rows_in_one_group) {
  colette_node *t = add(body, COLETTE_NODE_TABLE);
  colette_node *r1 = add(t, COLETTE_NODE_ROW);
  set(r1, COLETTE_ATTR_HEADER, "true");
  set(add(r1, COLETTE_NODE_CELL), COLETTE_ATTR_ROWSPAN, "2");
  add(r1, COLETTE_NODE_CELL);
  add(add(t, COLETTE_NODE_ROW), COLETTE_NODE_CELL);
  char *doc = html();
  expect_has(doc, "<table class=\"table\">\n<tbody>\n<tr>\n<th rowspan=\"2\"></th>\n<th></th>\n"
                  "</tr>\n<tr>\n<td></td>\n</tr>\n</tbody>\n</table>");
  free(doc);
}

/* A picture is its description, else its part's name, else what the
 * letter's language calls a picture (the catalogue's writer.picture). */
Test(html, a_picture_is_named_in_the_letters_language) {
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  set(add(p, COLETTE_NODE_IMAGE), COLETTE_ATTR_DESCR, "Signature");
  set(add(p, COLETTE_NODE_IMAGE), COLETTE_ATTR_TARGET, "word/media/image1.png");
  add(p, COLETTE_NODE_IMAGE);
  static const struct {
    const char *lang, *word;
  } cases[] = {{"fr", "image"}, {"zh", "\xE5\x9B\xBE\xE7\x89\x87"}, {"en", "image"}, {"de", "image"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    set(colette_letter_root(l), COLETTE_ATTR_LANG, cases[i].lang);
    char *doc = html();
    expect_has(doc, "<span class=\"image\" role=\"img\" aria-label=\"Signature\">Signature</span>");
    expect_has(doc, "aria-label=\"image1.png\">image1.png</span>");
    char want[128];
    snprintf(want, sizeof want, "role=\"img\" aria-label=\"%s\">%s</span>", cases[i].word,
             cases[i].word);
    expect_has(doc, want);
    free(doc);
  }
}
