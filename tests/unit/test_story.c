/* Unit tests: the body stream (runs, fields, links, notes, changes, tables,
 * text boxes, bookmarks, headings, languages). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "docx_builder.h"

static char *convert(const char *body_xml, const char *styles, const char *footnotes,
                     colette_changes changes) {
  size_t n;
  void *d = build_docx(body_xml, styles, NULL, footnotes, &n);
  cr_assert_not_null(d);
  colette_unpack_options o;
  colette_unpack_options_default(&o);
  o.changes = changes;
  colette_status st;
  colette_error e;
  char *out = unpack(d, n, &o, &st, &e);
  free(d);
  cr_assert_eq(st, COLETTE_OK, "unpack: %s", e.message);
  return out;
}

static char *body(const char *xml) { return convert(xml, NULL, NULL, COLETTE_CHANGES_ACCEPT); }

#define HAS(out, s) cr_expect(strstr(out, s) != NULL, "expected %s in:\n%s", s, out)
#define HASNT(out, s) cr_expect(strstr(out, s) == NULL, "unexpected %s in:\n%s", s, out)

Test(story, runs_merge_and_formatting_becomes_spans) {
  char *o = body(
      "<w:p><w:r><w:t xml:space=\"preserve\">24 </w:t></w:r><w:proofErr w:type=\"spellStart\"/>"
      "<w:r w:rsidR=\"00A1\"><w:t>Aug</w:t></w:r><w:r><w:t>ust</w:t></w:r>"
      "<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>er</w:t></w:r>"
      "<w:r><w:rPr><w:i/><w:b w:val=\"0\"/></w:rPr><w:t>it</w:t></w:r>"
      "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>er</w:t></w:r></w:p>");
  HAS(o, "<p>24 August<span bold=\"true\">bolder</span><span italic=\"true\">it</span>"
         "<span vertical=\"superscript\">er</span></p>");
  free(o);
}

Test(story, special_characters_tabs_and_breaks) {
  char *o =
      body("<w:p><w:r><w:t>ITU</w:t><w:noBreakHyphen/><w:t>T</w:t><w:tab/><w:t>a</w:t>"
           "<w:softHyphen/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type=\"page\"/>"
           "<w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:t>&lt;&amp;&gt;</w:t></w:r></w:p>");
  HAS(o, "<p>ITU\xE2\x80\x91T<tab/>a\xC2\xAD"
         "b<br/>c<br type=\"page\"/>"
         "<sym font=\"Wingdings\" char=\"F0FC\">\xEF\x83\xBC</sym>&lt;&amp;&gt;</p>");
  free(o);
}

Test(story, hyperlinks_by_relationship_anchor_and_field) {
  char *o = body("<w:p><w:hyperlink r:id=\"rIdL\"><w:r><w:t>site</w:t></w:r></w:hyperlink>"
                 "<w:hyperlink w:anchor=\"Annex_A\"><w:r><w:t>Annex A</w:t></w:r></w:hyperlink>"
                 "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
                 "xml:space=\"preserve\"> HYPERLINK "
                 "\"http://itu.int/go/tsg17\" \\o \"tip\" </w:instrText></w:r><w:r><w:fldChar "
                 "w:fldCharType=\"separate\"/></w:r>"
                 "<w:r><w:t>http://itu.int/</w:t></w:r><w:r><w:t>go/tsg17</w:t></w:r>"
                 "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
  HAS(o, "<link href=\"https://example.org/a%20b\">site</link>");
  HAS(o, "<link anchor=\"Annex_A\">Annex A</link>");
  HAS(o,
      "<link href=\"http://itu.int/go/tsg17\" field=\"HYPERLINK\">http://itu.int/go/tsg17</link>");
  free(o);
}

Test(story, fields_simple_complex_nested_and_across_paragraphs) {
  char *o = body(
      "<w:p><w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT "
      "\"><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p>"
      /* a field whose instruction holds another field's result */
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF "
      "</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText> = 1 "
      "\"first\"</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>first</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
      /* a TOC field spanning two paragraphs */
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>TOC "
      "\\o</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Intro</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>Annex</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t> "
      "after</w:t></w:r></w:p>"
      /* an end without a begin is ignored */
      "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/><w:t>stray</w:t></w:r></w:p>");
  HAS(o, "<field type=\"PAGE\" instr=\"PAGE \\* MERGEFORMAT\">2</field>");
  HAS(o, "<field type=\"IF\" instr=\"IF 1 = 1 &quot;first&quot;\">first</field>");
  HAS(o, "<p><field type=\"TOC\" instr=\"TOC \\o\">Intro</field></p>");
  HAS(o, "<p><field type=\"TOC\" instr=\"TOC \\o\" continued=\"true\">Annex</field> after</p>");
  HAS(o, "<p>stray</p>");
  free(o);
}

Test(story, footnotes_are_referenced_numbered_and_kept) {
  static const char notes[] = "<?xml version=\"1.0\"?><w:footnotes xmlns:w=\"" W_NS "\">"
                              "<w:footnote w:type=\"separator\" "
                              "w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
                              "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>A "
                              "note.</w:t></w:r></w:p></w:footnote>"
                              "</w:footnotes>";
  char *o = convert(
      "<w:p><w:r><w:t>Text</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r>"
      "<w:r><w:footnoteReference w:customMarkFollows=\"1\" w:id=\"3\"/><w:t>*</w:t></w:r></w:p>",
      NULL, notes, COLETTE_CHANGES_ACCEPT);
  HAS(o,
      "Text<noteref type=\"footnote\" id=\"2\" mark=\"1\"/><noteref type=\"footnote\" id=\"3\"/>*");
  HAS(o, "<note type=\"footnote\" id=\"2\">\n<p>A note.</p>\n</note>\n</footnotes>");
  HAS(o, "<footnotes>\n<note type=\"footnote\" id=\"-1\" kind=\"separator\">\n<p/>\n</note>");
  free(o);
}

static const char CHANGES[] =
    "<w:p><w:r><w:t xml:space=\"preserve\">The meeting </w:t></w:r>"
    "<w:ins w:id=\"1\" w:author=\"TSB\" "
    "w:date=\"2021-05-20T10:00:00Z\"><w:r><w:t>will</w:t></w:r></w:ins>"
    "<w:del w:id=\"2\" w:author=\"TSB\" "
    "w:date=\"2021-05-20T10:00:00Z\"><w:r><w:delText>shall</w:delText></w:r></w:del>"
    "<w:r><w:t xml:space=\"preserve\"> run.</w:t></w:r></w:p>";

Test(story, tracked_changes_accept_reject_all) {
  char *o = convert(CHANGES, NULL, NULL, COLETTE_CHANGES_ACCEPT);
  HAS(o, "<p>The meeting will run.</p>");
  free(o);
  o = convert(CHANGES, NULL, NULL, COLETTE_CHANGES_REJECT);
  HAS(o, "<p>The meeting shall run.</p>");
  free(o);
  o = convert(CHANGES, NULL, NULL, COLETTE_CHANGES_ALL);
  HAS(o, "<p>The meeting <ins author=\"TSB\" date=\"2021-05-20T10:00:00Z\">will</ins>"
         "<del author=\"TSB\" date=\"2021-05-20T10:00:00Z\">shall</del> run.</p>");
  free(o);
}

/* A paragraph whose mark (its pilcrow) is a tracked deletion or insertion:
 * in the view that drops the mark, its content runs on into the next
 * paragraph, which keeps its own properties (ISO/IEC 29500-1, 17.13.5.15) */
#define MARK(change, ppr, runs)                                                                    \
  "<w:p><w:pPr>" ppr "<w:rPr><w:" change " w:id=\"9\" w:author=\"TSB\"/></w:rPr></w:pPr>" runs    \
  "</w:p>"
#define RUN(text) "<w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r>"
#define DELRUN(text) "<w:del w:id=\"8\" w:author=\"TSB\"><w:r><w:delText>" text "</w:delText></w:r></w:del>"

static int count(const char *s, const char *what) {
  int n = 0;
  for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
    n++;
  return n;
}

/* flat paragraphs: each starts a line */
static int paragraphs(const char *s) { return count(s, "\n<p>") + count(s, "\n<p ") + count(s, "\n<p/>"); }

Test(story, a_deleted_paragraph_mark_joins_the_next_paragraph_when_accepted) {
  static const char DOC[] = MARK("del", "<w:jc w:val=\"center\"/>", RUN("The meeting will be held "))
      "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>" RUN("in Geneva.") "</w:p>";
  char *o = convert(DOC, NULL, NULL, COLETTE_CHANGES_ACCEPT);
  HAS(o, "<p align=\"right\">The meeting will be held in Geneva.</p>");
  cr_expect_eq(paragraphs(o), 1, "%s", o);
  free(o);
  o = convert(DOC, NULL, NULL, COLETTE_CHANGES_REJECT);
  HAS(o, "<p align=\"center\">The meeting will be held </p>");
  HAS(o, "<p align=\"right\">in Geneva.</p>");
  free(o);
  o = convert(DOC, NULL, NULL, COLETTE_CHANGES_ALL); /* both paragraphs, as the input has them */
  cr_expect_eq(paragraphs(o), 2, "%s", o);
  free(o);
  /* a move away is a deletion where it was */
  o = convert(MARK("moveFrom", "", RUN("One ")) "<w:p>" RUN("two.") "</w:p>", NULL, NULL,
              COLETTE_CHANGES_ACCEPT);
  HAS(o, "<p>One two.</p>");
  free(o);
}

Test(story, a_paragraph_deleted_whole_leaves_no_empty_paragraph) {
  /* the usual case: a paragraph removed with its text and its mark; the
   * next keeps its style, not the removed heading's */
  static const char DOC[] = "<w:p>" RUN("Before.") "</w:p>"
      MARK("del", "<w:outlineLvl w:val=\"0\"/>", DELRUN("Removed heading"))
      MARK("del", "", DELRUN("Removed text."))
      "<w:p>" RUN("After.") "</w:p>";
  char *o = convert(DOC, NULL, NULL, COLETTE_CHANGES_ACCEPT);
  HAS(o, "<p>Before.</p>\n<p>After.</p>");
  HASNT(o, "heading=");
  HASNT(o, "Removed");
  free(o);
  o = convert(DOC, NULL, NULL, COLETTE_CHANGES_REJECT);
  HAS(o, "<p heading=\"1\">Removed heading</p>");
  HAS(o, "<p>Removed text.</p>");
  free(o);
}

/* A chain of paragraphs whose marks are all deleted is one paragraph with
 * every word of the chain (the content held is handed on from join to
 * join, its buffer and not a copy of it: story_para_absorb) */
Test(story, a_long_chain_of_joined_paragraphs) {
  enum { N = 50000 };
  static const char one[] = MARK("del", "", RUN("word "));
  size_t n = N * (sizeof one - 1) + 64;
  char *doc = malloc(n), *w = doc;
  for (int i = 0; i < N; i++, w += sizeof one - 1)
    memcpy(w, one, sizeof one - 1);
  strcpy(w, "<w:p>" RUN("end.") "</w:p>");
  size_t size;
  void *d = build_docx(doc, NULL, NULL, NULL, &size);
  free(doc);
  cr_assert_not_null(d);
  colette_unpack_options opts;
  colette_unpack_options_default(&opts);
  opts.limits.min_inflate_ratio = 0; /* so repetitive a part is no bomb here */
  colette_status st;
  colette_error e;
  char *o = unpack(d, size, &opts, &st, &e);
  free(d);
  cr_assert_eq(st, COLETTE_OK, "%s", e.message);
  cr_expect_eq(paragraphs(o), 1);
  cr_expect_eq(count(o, "word "), N);
  HAS(o, "word end.</p>");
  free(o);
}

Test(story, an_inserted_paragraph_mark_joins_the_next_paragraph_when_rejected) {
  static const char DOC[] = MARK("ins", "", RUN("First half, ")) "<w:p>" RUN("second half.") "</w:p>";
  char *o = convert(DOC, NULL, NULL, COLETTE_CHANGES_REJECT);
  HAS(o, "<p>First half, second half.</p>");
  free(o);
  o = convert(DOC, NULL, NULL, COLETTE_CHANGES_ACCEPT);
  HAS(o, "<p>First half, </p>\n<p>second half.</p>");
  free(o);
}

Test(story, a_dropped_mark_before_a_table_or_at_a_blocks_end_keeps_its_paragraph) {
  /* nothing follows in the same place to join: the text stays a paragraph
   * where it was, never lost */
  char *o = body(MARK("del", "", RUN("Kept before the table."))
                 "<w:tbl><w:tr><w:tc>" MARK("del", "", RUN("last in its cell")) "</w:tc>"
                 "<w:tc><w:p>" RUN("b") "</w:p></w:tc></w:tr></w:tbl>"
                 MARK("del", "", RUN("last of the body")));
  HAS(o, "<p>Kept before the table.</p>\n<table");
  HAS(o, "<cell col=\"1\">\n<p>last in its cell</p>");
  HAS(o, "<p>last of the body</p>");
  free(o);
  /* a paragraph held when the part turns out malformed: an error, and
   * nothing leaked (the sanitizers' build checks) */
  {
    size_t n;
    void *d = build_docx(MARK("del", "", RUN("held")) "</w:cut>", NULL, NULL, NULL, &n);
    cr_assert_not_null(d);
    colette_status st;
    colette_error e;
    char *bad = unpack(d, n, NULL, &st, &e);
    free(d);
    cr_expect_neq(st, COLETTE_OK);
    free(bad);
  }
  /* joined across a bookmark and a field that goes on */
  o = body(MARK("del", "", RUN("A ")) "<w:bookmarkStart w:id=\"1\" w:name=\"x\"/>"
           "<w:p>" RUN("B") "</w:p>");
  HAS(o, "<p>A <anchor name=\"x\"/>B</p>");
  free(o);
}

#define TC(props, text)                                                                            \
  "<w:tc><w:tcPr>" props "</w:tcPr><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"

Test(story, tables_spans_and_merges) {
  char *o = body(
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr><w:trPr><w:tblHeader/></w:trPr>" TC("<w:gridSpan w:val=\"2\"/>", "Date")
          TC("", "Action") "</w:tr>"
                           "<w:tr>" TC("<w:vMerge w:val=\"restart\"/>", "Ref") TC("", "a")
                               TC("", "b") "</w:tr>"
                                           "<w:tr>" TC("<w:vMerge/>", "hidden") TC("", "c") TC(
                                               "", "d") "</w:tr>"
                                                        "<w:tr>" TC("<w:vMerge/>", "") TC("", "e")
                                                            TC("",
                                                               "f") "</w:tr>"
                                                                    "<w:tr>" TC("", "g") TC(
                                                                        "<w:gridSpan w:val=\"2\"/>",
                                                                        "h") "</w:tr>"
                                                                             "</w:tbl>");
  HAS(o, "<table cols=\"3\">\n<row header=\"true\">\n<cell col=\"1\" "
         "colspan=\"2\">\n<p>Date</p>\n</cell>\n"
         "<cell col=\"3\">\n<p>Action</p>\n</cell>\n</row>");
  /* the continuation cell's text is kept in the merged cell, not lost */
  HAS(o, "<cell col=\"1\" rowspan=\"3\">\n<p>Ref</p>\n<p>hidden</p>\n</cell>");
  HAS(o, "<row>\n<cell col=\"2\">\n<p>c</p>\n</cell>");
  HAS(o, "<cell col=\"2\" colspan=\"2\">\n<p>h</p>");
  free(o);
}

Test(story, tables_without_grid_nested_and_grid_before) {
  char *o = body("<w:tbl><w:tr>" TC("", "a") TC(
      "", "b") "</w:tr>"
               "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>"
               "<w:tc><w:tbl><w:tr>" TC("", "inner") "</w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>");
  HAS(o, "<table cols=\"2\">");
  HAS(o, "<cell col=\"2\">\n<table cols=\"1\">\n<row>\n<cell col=\"1\">\n<p>inner</p>");
  free(o);
}

Test(story, malformed_structure_keeps_text_and_stays_well_formed) {
  /* text straight in a cell, a run straight in the body, a table in a paragraph */
  char *o =
      body("<w:tbl><w:tr><w:tc><w:r><w:t>loose</w:t></w:r></w:tc></w:tr></w:tbl>"
           "<w:r><w:t>orphan</w:t></w:r>"
           "<w:p><w:r><w:t>outer</w:t></w:r><w:tbl><w:tr>" TC("", "in") "</w:tr></w:tbl></w:p>");
  HAS(o, "<cell col=\"1\">\n<p>loose</p>");
  HAS(o, "<p>orphan</p>");
  HAS(o, "<p>outer<group><table cols=\"1\">");
  free(o);
}

Test(story, text_boxes_take_one_alternate_content_branch) {
  char *o = body(
      "<w:p><w:r><w:t>Before</w:t></w:r><w:r><mc:AlternateContent><mc:Choice "
      "Requires=\"wps\"><w:drawing>"
      "<w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></"
      "mc:Choice>"
      "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent>"
      "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>");
  HAS(o, "<p>Before<textbox><p>Boxed</p>\n</textbox></p>");
  cr_expect(strstr(strstr(o, "Boxed") + 1, "Boxed") == NULL, "one branch only:\n%s", o);
  free(o);
}

Test(story, images_bookmarks_and_math) {
  char *o = body(
      "<w:bookmarkStart w:id=\"0\" w:name=\"Top\"/>"
      "<w:p><w:bookmarkStart w:id=\"1\" w:name=\"StartTyping_E\"/><w:r><w:drawing>"
      "<wp:inline "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
      "<wp:docPr id=\"1\" name=\"Picture 1\" descr=\"Signature\"/>"
      "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData>"
      "<pic:pic "
      "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:blipFill>"
      "<a:blip r:embed=\"rIdI\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline>"
      "</w:drawing></w:r><w:r><w:t>Chaesub Lee</w:t></w:r></w:p>"
      "<w:p><m:oMathPara><m:oMath><m:r><m:rPr><m:sty "
      "m:val=\"p\"/></m:rPr><m:t>x=2</m:t></m:r></m:oMath></m:oMathPara></w:p>");
  HAS(o, "<p><anchor name=\"Top\"/><anchor name=\"StartTyping_E\"/>"
         "<image target=\"word/media/image1.png\" name=\"Picture 1\" descr=\"Signature\"/>Chaesub "
         "Lee</p>");
  HAS(o, "<p><math>x=2</math></p>");
  free(o);
}

Test(story, headings_alignment_and_languages) {
  static const char styles[] =
      "<?xml version=\"1.0\"?><w:styles xmlns:w=\"" W_NS "\">"
      "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"en-GB\" "
      "w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading "
      "1\"/><w:basedOn w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"AnnexTitle\"><w:name w:val=\"Annex_NoTitle\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:outlineLvl "
      "w:val=\"0\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"AnnexSub\"><w:name w:val=\"Annex "
      "sub\"/><w:basedOn w:val=\"AnnexTitle\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"French\"><w:name w:val=\"French\"/>"
      "<w:rPr><w:lang w:val=\"fr-CH\"/></w:rPr></w:style>"
      "</w:styles>";
  char *o = convert(
      "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"AnnexSub\"/></w:pPr><w:r><w:t>ANNEX A</w:t></w:r></w:p>"
      "<w:p><w:r><w:rPr><w:lang w:val=\"fr-CH\"/></w:rPr><w:t>Genève, le 8 juin 2020</w:t></w:r>"
      "<w:r><w:t>, ok</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"French\"/></w:pPr><w:r><w:t>Objet</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>2021年7月20日，日内瓦</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>+41 22 730 5853</w:t></w:r></w:p>",
      styles, NULL, COLETTE_CHANGES_ACCEPT);
  HAS(o, "<document xmlns=\"urn:colette:flat:1\" version=\"1\" main-part=\"word/document.xml\" "
         "conformance=\"transitional\" xml:lang=\"en-GB\">");
  HAS(o,
      "<p style=\"Heading1\" style-name=\"heading 1\" heading=\"1\" xml:lang=\"en-GB\">Title</p>");
  HAS(o, "<p style=\"AnnexSub\" style-name=\"Annex sub\" heading=\"1\" align=\"center\" "
         "xml:lang=\"en-GB\">ANNEX A</p>");
  HAS(o, "<p style=\"Normal\" style-name=\"Normal\" xml:lang=\"fr-CH\">Genève, le 8 juin 2020, "
         "ok</p>");
  HAS(o, "<p style=\"French\" style-name=\"French\" xml:lang=\"fr-CH\">Objet</p>");
  HAS(o, "xml:lang=\"zh-CN\">2021年7月20日，日内瓦</p>");
  HAS(o, "xml:lang=\"en-GB\">+41 22 730 5853</p>");
  free(o);
}

Test(story, comments_endnotes_headers_and_content_controls) {
  part extra[] = {
      {"word/comments.xml",
       "<w:comments xmlns:w=\"" W_NS "\"><w:comment w:id=\"0\" w:author=\"TSB\" "
       "w:date=\"2021-05-21T09:00:00Z\" w:initials=\"T\"><w:p><w:r><w:t>Check the date.</w:t></w:r>"
       "</w:p></w:comment></w:comments>"},
      {"word/endnotes.xml", "<w:endnotes xmlns:w=\"" W_NS
                            "\"><w:endnote w:id=\"1\"><w:p><w:r><w:t>End.</w:t></w:r></w:p>"
                            "</w:endnote></w:endnotes>"},
      {"word/header1.xml",
       "<w:hdr xmlns:w=\"" W_NS "\"><w:p><w:r><w:t xml:space=\"preserve\">- </w:t></w:r>"
       "<w:fldSimple w:instr=\"PAGE\"><w:r><w:t>2</w:t></w:r></w:fldSimple><w:r><w:t "
       "xml:space=\"preserve\"> -"
       "</w:t></w:r></w:p></w:hdr>"},
  };
  size_t n;
  void *d = build_docx_with(
      "<w:sdt><w:sdtPr><w:alias w:val=\"Date\"/></w:sdtPr><w:sdtContent><w:p><w:commentRangeStart "
      "w:id=\"0\"/>"
      "<w:r><w:t>21 May 2021</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference "
      "w:id=\"0\"/></w:r>"
      "<w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p></w:sdtContent></w:sdt>"
      "<w:sectPr xmlns:r=\"" R_NS
      "\"><w:headerReference w:type=\"default\" r:id=\"rIdH\"/></w:sectPr>",
      NULL, NULL, NULL, extra, 3, &n);
  colette_status st;
  colette_error e;
  char *o = unpack(d, n, NULL, &st, &e);
  cr_assert_eq(st, COLETTE_OK, "%s", e.message);
  HAS(o, "<p>21 May 2021<commentref id=\"0\"/><noteref type=\"endnote\" id=\"1\" mark=\"1\"/></p>");
  HAS(o, "<header part=\"word/header1.xml\" type=\"default\">\n<p>- <field type=\"PAGE\" "
         "instr=\"PAGE\">2</field> -</p>");
  HAS(o, "<endnotes>\n<note type=\"endnote\" id=\"1\">\n<p>End.</p>");
  HAS(o,
      "<comments>\n<comment id=\"0\" author=\"TSB\" date=\"2021-05-21T09:00:00Z\" initials=\"T\">\n"
      "<p>Check the date.</p>");
  HASNT(o, "Date</"); /* the content control's properties are not content */
  free(o);
  free(d);
}
