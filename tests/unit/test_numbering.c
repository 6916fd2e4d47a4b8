/* Unit tests: list number formats and Word's counter rules. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "docx/docx.h"
#include "docx_builder.h"

static char *fmt(const char *f, long v, const char *lang, const char *custom) {
  numfmt_cache *c = numfmt_cache_new();
  buf b = BUF_INIT;
  numfmt_format(c, f, v, lang, custom, &b);
  numfmt_cache_free(c);
  char *s = strdup(b.data ? b.data : "");
  buf_free(&b);
  return s;
}

#define FMT(f, v, lang, expect)                                                                    \
  do {                                                                                             \
    char *got = fmt(f, v, lang, NULL);                                                             \
    cr_expect_str_eq(got, expect, "%s(%ld) = '%s', expected '%s'", f, (long)(v), got, expect);     \
    free(got);                                                                                     \
  } while (0)

Test(numfmt, latin) {
  FMT("decimal", 7, NULL, "7");
  FMT("decimalZero", 7, NULL, "07");
  FMT("decimalZero", 12, NULL, "12");
  FMT("upperLetter", 1, NULL, "A");
  FMT("lowerLetter", 26, NULL, "z");
  FMT("lowerLetter", 27, NULL, "aa"); /* Word repeats the letter */
  FMT("upperLetter", 55, NULL, "CCC");
  FMT("upperRoman", 4, NULL, "IV");
  FMT("lowerRoman", 1999, NULL, "mcmxcix");
  FMT("hex", 255, NULL, "FF");
  FMT("numberInDash", 3, NULL, "- 3 -");
  FMT("none", 3, NULL, "");
  FMT("chicago", 1, NULL, "*");
  FMT("chicago", 6, NULL, "\xE2\x80\xA0\xE2\x80\xA0"); /* †† */
}

Test(numfmt, locale_dependent) {
  FMT("ordinal", 1, "en-GB", "1st");
  FMT("ordinal", 22, "en-US", "22nd");
  FMT("ordinal", 1, "fr-CH", "1er");
  FMT("ordinal", 2, "fr-FR", "2e");
  FMT("cardinalText", 21, "en-GB", "Twenty-one");
  FMT("ordinalText", 3, "en-GB", "Third");
  FMT("ordinalText", 1, "fr-FR", "Premier");
}

Test(numfmt, east_asian) {
  FMT("chineseCounting", 1, NULL, "一");
  FMT("chineseCounting", 10, NULL, "十");
  FMT("chineseCounting", 11, NULL, "十一");
  FMT("chineseCounting", 21, NULL, "二十一");
  FMT("chineseCountingThousand", 100, NULL, "一百");
  FMT("chineseLegalSimplified", 2, NULL, "贰");
  FMT("ideographDigital", 10, NULL, "一〇");
  FMT("japaneseCounting", 3, NULL, "三");
  FMT("ideographTraditional", 1, NULL, "甲");
  FMT("ideographTraditional", 11, NULL, "甲");
  FMT("ideographZodiac", 2, NULL, "丑");
  FMT("decimalFullWidth", 12, NULL, "１２");
  FMT("decimalEnclosedCircle", 1, NULL, "①");
  FMT("decimalEnclosedCircle", 21, NULL, "㉑");
  FMT("decimalEnclosedCircle", 51, NULL, "51"); /* past the enclosed forms */
  FMT("decimalEnclosedParen", 3, NULL, "⑶");
  FMT("decimalEnclosedFullstop", 2, NULL, "⒉");
  FMT("ideographEnclosedCircle", 1, NULL, "㊀");
  FMT("decimalEnclosedCircleChinese", 5, NULL, "⑤");
}

Test(numfmt, other_scripts) {
  FMT("hebrew1", 1, NULL, "א׳");
  FMT("russianLower", 1, NULL, "а");
  FMT("russianLower", 10, NULL, "к"); /* й is not used by Word */
  FMT("thaiNumbers", 12, NULL, "๑๒");
  FMT("hindiNumbers", 3, NULL, "३");
}

Test(numfmt, custom_and_unknown) {
  char *s = fmt("custom", 7, NULL, "001, 002, 003, ...");
  cr_expect_str_eq(s, "007");
  free(s);
  s = fmt("somethingNew", 7, NULL, NULL);
  cr_expect_str_eq(s, "7");
  free(s);
  FMT("lowerLetter", 0, NULL, "0"); /* no letter for zero: decimal */
}

/* ---- counters, through whole documents ------------------------------------------------ */

static const char NUMBERING_HEAD[] = "<?xml version=\"1.0\"?><w:numbering xmlns:w=\"" W_NS "\">";

static char *labels(const char *numbering_xml, const char *styles_xml, const char *body) {
  size_t size;
  void *docx = build_docx(body, styles_xml, numbering_xml, NULL, &size);
  cr_assert_not_null(docx);
  colette_status st;
  colette_error err;
  char *out = unpack(docx, size, NULL, &st, &err);
  free(docx);
  cr_assert_eq(st, COLETTE_OK, "unpack failed: %s", err.message);
  char *l = attr_values(out, "label");
  free(out);
  return l;
}

#define P(num, lvl, text)                                                                          \
  "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num                        \
  "\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define PLAIN(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"

static const char TWO_LEVELS[] = "<w:abstractNum w:abstractNumId=\"0\">"
                                 "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt "
                                 "w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
                                 "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt "
                                 "w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/></w:lvl>"
                                 "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt "
                                 "w:val=\"lowerRoman\"/><w:lvlText w:val=\"%1.%2.%3\"/></w:lvl>"
                                 "</w:abstractNum>";

Test(numbering, two_level_agenda_restarts_sublevel) {
  char num[1024];
  snprintf(num, sizeof num,
           "%s%s<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
           NUMBERING_HEAD, TWO_LEVELS);
  char *l =
      labels(num, NULL,
             P(1, 0, "Opening") P(1, 0, "Results") P(1, 1, "Report") P(1, 1, "AAP") P(1, 2, "deep")
                 PLAIN("interruption") P(1, 1, "TAP") P(1, 0, "Coordination") P(1, 1, "JCA"));
  cr_expect_str_eq(l, "1.|2.|a)|b)|2.b.i|c)|3.|a)");
  free(l);
}

/* An item deleted with its paragraph mark is not there in the accepted
 * view: it neither shows a label nor counts (Word numbers the next "2.") */
Test(numbering, an_item_deleted_whole_does_not_count) {
  char num[1024];
  snprintf(num, sizeof num,
           "%s%s<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
           NUMBERING_HEAD, TWO_LEVELS);
  char *l = labels(num, NULL,
                   P(1, 0, "Opening")
                   "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"
                   "<w:rPr><w:del w:id=\"1\" w:author=\"TSB\"/></w:rPr></w:pPr>"
                   "<w:del w:id=\"2\" w:author=\"TSB\"><w:r><w:delText>Dropped</w:delText></w:r>"
                   "</w:del></w:p>" P(1, 0, "Results") P(1, 1, "Report"));
  cr_expect_str_eq(l, "1.|2.|a)");
  free(l);
}

Test(numbering, nums_sharing_an_abstract_continue_override_restarts) {
  char num[2048];
  snprintf(num, sizeof num,
           "%s%s<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
           "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>"
           "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>"
           "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
           "</w:numbering>",
           NUMBERING_HEAD, TWO_LEVELS);
  /* e continues the shared counter from d: the restart of numId 3 is a restart of the one
   * sequence, not a list of its own (LibreOffice 7.4 shows 1. 2. 5. 6. 7. too) */
  char *l = labels(num, NULL, P(1, 0, "a") P(2, 0, "b") P(3, 0, "c") P(3, 0, "d") P(1, 0, "e"));
  cr_expect_str_eq(l, "1.|2.|5.|6.|7.");
  free(l);
}

/* An abstract numbering that starts at 6, as wp1-11-2020-en's agenda has it, and two w:num of
 * it: numId 2 plain, numId 4 restarting level 0 at 1. */
static const char START_AT_6[] =
    "<w:abstractNum w:abstractNumId=\"2\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"6\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.%2\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"2\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>";

#define CELL_ROW(num, text)                                                                        \
  "<w:tr><w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"" #num                   \
  "\"/></w:numPr></w:pPr></w:p></w:tc><w:tc><w:p><w:r><w:t>" text                                  \
  "</w:t></w:r></w:p></w:tc></w:tr>"

Test(numbering, restart_on_first_item_then_the_plain_num_continues) {
  /* LibreOffice's re-save of wp1-11-2020-en: the agenda table's first item names the w:num with
   * the startOverride, the others the abstract numbering's own w:num (start 6). Word, LibreOffice,
   * Open XML PowerTools and docx4j count them as one sequence: 1. 2. 3. 4., not 1. 6. 7. 8. */
  char num[2048];
  snprintf(num, sizeof num, "%s%s</w:numbering>", NUMBERING_HEAD, START_AT_6);
  char *l = labels(num, NULL,
                   "<w:tbl>" CELL_ROW(4, "Opening") CELL_ROW(2, "Agenda") CELL_ROW(2, "Report")
                       CELL_ROW(2, "Closing") "</w:tbl>");
  cr_expect_str_eq(l, "1.|2.|3.|4.");
  free(l);
}

Test(numbering, override_num_alone_counts_from_its_override) {
  /* wp1-11-2020-en as Word wrote it: every item names numId 4; numId 2 is never used */
  char num[2048];
  snprintf(num, sizeof num, "%s%s</w:numbering>", NUMBERING_HEAD, START_AT_6);
  char *l = labels(num, NULL, P(4, 0, "a") P(4, 0, "b") P(4, 1, "b1") P(4, 0, "c"));
  cr_expect_str_eq(l, "1.|2.|2.1|3.");
  free(l);
}

Test(numbering, plain_num_alone_counts_from_the_abstract_start) {
  char num[2048];
  snprintf(num, sizeof num, "%s%s</w:numbering>", NUMBERING_HEAD, START_AT_6);
  char *l = labels(num, NULL, P(2, 0, "a") P(2, 0, "b"));
  cr_expect_str_eq(l, "6.|7.");
  free(l);
}

Test(numbering, restart_numbering_as_word_writes_it) {
  /* "Restart at 1": the second list names a new w:num with a startOverride on every item */
  char num[2048];
  snprintf(num, sizeof num,
           "%s%s<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
           "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>"
           "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
           "</w:numbering>",
           NUMBERING_HEAD, TWO_LEVELS);
  char *l = labels(num, NULL,
                   P(1, 0, "a") P(1, 0, "b") P(1, 1, "b1") PLAIN("between") P(2, 0, "c")
                       P(2, 1, "c1") P(2, 0, "d"));
  cr_expect_str_eq(l, "1.|2.|a)|1.|a)|2.");
  free(l);
}

Test(numbering, a_start_override_restarts_once_per_num) {
  /* the override of numId 2 takes effect at its first paragraph only; numId 3 and 4 restart
   * the same counter at their own first paragraphs, and then everything continues */
  char num[2048];
  snprintf(num, sizeof num,
           "%s%s<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
           "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>"
           "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
           "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>"
           "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:num>"
           "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/>"
           "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"10\"/></w:lvlOverride></w:num>"
           "</w:numbering>",
           NUMBERING_HEAD, TWO_LEVELS);
  char *l = labels(num, NULL,
                   P(2, 0, "a") P(1, 0, "b") P(2, 0, "c") P(3, 0, "d") P(4, 0, "e") P(3, 0, "f")
                       P(4, 0, "g"));
  cr_expect_str_eq(l, "1.|2.|3.|3.|10.|11.|12.");
  free(l);
}

Test(numbering, a_deeper_override_leaves_the_shallower_levels_counting) {
  /* numId 2 overrides level 1 only: level 0 goes on with numId 1's count */
  char num[2048];
  snprintf(num, sizeof num,
           "%s%s<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
           "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>"
           "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
           "</w:numbering>",
           NUMBERING_HEAD, TWO_LEVELS);
  char *l = labels(num, NULL,
                   P(1, 0, "a") P(1, 0, "b") P(2, 0, "c") P(2, 1, "c5") P(2, 1, "c6") P(1, 0, "d")
                       P(1, 1, "d1"));
  cr_expect_str_eq(l, "1.|2.|3.|e)|f)|4.|a)");
  free(l);
}

Test(numbering, a_start_override_is_the_nums_start_when_its_level_restarts) {
  /* ECMA-376 Part 1, 17.9.27: the override "is used when this level initially starts in a
   * document, as well as whenever it is restarted" (here by level 0). Open XML PowerTools and
   * docx4j do so; LibreOffice 7.4 shows a) for the last item. */
  char num[2048];
  snprintf(num, sizeof num,
           "%s%s<w:num w:numId=\"7\"><w:abstractNumId w:val=\"0\"/>"
           "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:num>"
           "</w:numbering>",
           NUMBERING_HEAD, TWO_LEVELS);
  char *l = labels(num, NULL, P(7, 0, "a") P(7, 1, "a3") P(7, 1, "a4") P(7, 0, "b") P(7, 1, "b3"));
  cr_expect_str_eq(l, "1.|c)|d)|2.|c)");
  free(l);
}

Test(numbering, lvl_restart_and_is_lgl) {
  char num[2048];
  snprintf(
      num, sizeof num,
      "%s<w:abstractNum w:abstractNumId=\"4\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText "
      "w:val=\"%%1.\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
      "<w:lvlRestart w:val=\"0\"/><w:isLgl/><w:lvlText w:val=\"%%1.%%2\"/></w:lvl>"
      "</w:abstractNum><w:num w:numId=\"9\"><w:abstractNumId w:val=\"4\"/></w:num></w:numbering>",
      NUMBERING_HEAD);
  /* level 1 never restarts (lvlRestart 0) and shows legal numbers (isLgl) */
  char *l = labels(num, NULL, P(9, 0, "x") P(9, 1, "y") P(9, 0, "z") P(9, 1, "w"));
  cr_expect_str_eq(l, "I.|1.1|II.|2.2");
  free(l);
}

Test(numbering, unused_level_shows_start_and_zero_start) {
  char num[2048];
  snprintf(
      num, sizeof num,
      "%s<w:abstractNum w:abstractNumId=\"1\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"0\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
      "w:val=\"%%1.\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
      "w:val=\"%%1.%%2\"/></w:lvl>"
      "</w:abstractNum><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>",
      NUMBERING_HEAD);
  char *l = labels(num, NULL, P(2, 1, "a") P(2, 1, "b") P(2, 0, "c") P(2, 1, "d"));
  cr_expect_str_eq(l, "0.1|0.2|0.|0.1");
  free(l);
}

Test(numbering, through_paragraph_style_and_num_id_zero) {
  static const char styles_xml[] =
      "<?xml version=\"1.0\"?><w:styles xmlns:w=\"" W_NS "\">"
      "<w:style w:type=\"paragraph\" w:styleId=\"ListAgenda\"><w:name w:val=\"List Agenda\"/>"
      "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"ListAgenda2\"><w:name w:val=\"List Agenda 2\"/>"
      "<w:basedOn w:val=\"ListAgenda\"/><w:pPr><w:numPr><w:ilvl "
      "w:val=\"1\"/></w:numPr></w:pPr></w:style>"
      "</w:styles>";
  char num[1024];
  snprintf(num, sizeof num,
           "%s%s<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
           NUMBERING_HEAD, TWO_LEVELS);
  char *l =
      labels(num, styles_xml,
             "<w:p><w:pPr><w:pStyle w:val=\"ListAgenda\"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"
             "<w:p><w:pPr><w:pStyle w:val=\"ListAgenda2\"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p>"
             "<w:p><w:pPr><w:pStyle w:val=\"ListAgenda\"/><w:numPr><w:numId "
             "w:val=\"0\"/></w:numPr></w:pPr>"
             "<w:r><w:t>not numbered</w:t></w:r></w:p>"
             "<w:p><w:pPr><w:pStyle w:val=\"ListAgenda\"/></w:pPr><w:r><w:t>c</w:t></w:r></w:p>");
  cr_expect_str_eq(l, "1.|a)|2.");
  free(l);
}

Test(numbering, num_style_link_and_unknown_ids) {
  static const char styles_xml[] =
      "<?xml version=\"1.0\"?><w:styles xmlns:w=\"" W_NS "\">"
      "<w:style w:type=\"numbering\" w:styleId=\"Outline\"><w:name w:val=\"Outline\"/>"
      "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style></w:styles>";
  char num[2048];
  snprintf(
      num, sizeof num,
      "%s%s<w:abstractNum w:abstractNumId=\"7\"><w:numStyleLink w:val=\"Outline\"/></w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>",
      NUMBERING_HEAD, TWO_LEVELS);
  char *l =
      labels(num, styles_xml, P(5, 0, "a") P(5, 1, "b") P(42, 0, "unknown numId") P(1, 0, "c"));
  /* numId 5 reaches abstract 0 through the style: one sequence with numId 1 */
  cr_expect_str_eq(l, "1.|a)|2.");
  free(l);
}

Test(numbering, bullets_keep_their_character_and_custom_formats) {
  char num[2048];
  snprintf(
      num, sizeof num,
      "%s<w:abstractNum w:abstractNumId=\"2\" "
      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
      "<w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><mc:AlternateContent><mc:Choice Requires=\"w14\">"
      "<w:numFmt w:val=\"custom\" w:format=\"001, 002, 003, ...\"/></mc:Choice>"
      "<mc:Fallback><w:numFmt w:val=\"decimal\"/></mc:Fallback></mc:AlternateContent>"
      "<w:lvlText w:val=\"%%2\"/></w:lvl>"
      "</w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num></w:numbering>",
      NUMBERING_HEAD);
  char *l = labels(num, NULL, P(3, 0, "a") P(3, 1, "b") P(3, 1, "c"));
  cr_expect_str_eq(l, "\xEF\x82\xB7|001|002");
  free(l);
}
