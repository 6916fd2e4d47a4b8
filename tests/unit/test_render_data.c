/*
 * Unit tests: what the data writers rest on: JSON strings escaped (UTF-8
 * kept, controls escaped, bytes that are no UTF-8 replaced), the JSON
 * writer's separators, iCalendar TEXT escaping and line folding at 75
 * octets never inside a UTF-8 character; and the writers through
 * colette_render on a small letter (all-day ends across a month, a year
 * and a leap day; UIDs told apart; JSON and pandoc JSON escaping).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx_builder.h"
#include "render/data.h"
#include "render/jsonw.h"

static char *escaped(const char *s, size_t n) {
  buf b = BUF_INIT;
  json_escape(&b, s, n);
  cr_assert(buf_ok(&b));
  return b.data;
}

#define EXPECT_JSON(in, n, want)                                                                   \
  do {                                                                                             \
    char *got_ = escaped(in, n);                                                                   \
    cr_expect_str_eq(got_, want);                                                                  \
    free(got_);                                                                                    \
  } while (0)

Test(json, escapes_quotes_backslashes_and_controls) {
  EXPECT_JSON("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
  EXPECT_JSON("\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\"");
  EXPECT_JSON("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\"");
  EXPECT_JSON("a\0b", 3, "\"a\\u0000b\""); /* a NUL inside: n bytes, not a C string */
  EXPECT_JSON("", 0, "\"\"");
  EXPECT_JSON("/<>'", 4, "\"/<>'\"");
}

Test(json, keeps_utf8_and_escapes_line_separators) {
  EXPECT_JSON("Genève 日内瓦 😀", strlen("Genève 日内瓦 😀"), "\"Genève 日内瓦 😀\"");
  EXPECT_JSON("a\xE2\x80\xA8"
              "b\xE2\x80\xA9",
              8, "\"a\\u2028b\\u2029\"");
}

Test(json, replaces_bytes_that_are_no_utf8) {
  EXPECT_JSON("\xFF", 1, "\"\\ufffd\"");
  EXPECT_JSON("a\xE2\x82", 3, "\"a\\ufffd\""); /* truncated at the end: one U+FFFD */
  EXPECT_JSON("\xE2\x82"
              "A",
              3, "\"\\ufffdA\"");                              /* truncated before a letter */
  EXPECT_JSON("\xC0\xAF", 2, "\"\\ufffd\\ufffd\"");            /* overlong */
  EXPECT_JSON("\xED\xA0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""); /* a surrogate */
  EXPECT_JSON("\xF4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* past U+10FFFF */
  EXPECT_JSON("\xF0\x9F\x98", 3, "\"\\ufffd\"");
}

Test(json, places_commas_and_nests) {
  buf b = BUF_INIT;
  jsonw w;
  jsonw_init(&w, &b, false);
  jsonw_object(&w);
  jsonw_member(&w, "a", "x");
  jsonw_key(&w, "b");
  jsonw_array(&w);
  jsonw_int(&w, -3);
  jsonw_null(&w);
  jsonw_bool(&w, true);
  jsonw_array(&w);
  jsonw_end_array(&w);
  jsonw_object(&w);
  jsonw_end_object(&w);
  jsonw_number(&w, "12");
  jsonw_end_array(&w);
  jsonw_member(&w, "c", NULL);
  jsonw_end_object(&w);
  cr_expect_str_eq(b.data, "{\"a\":\"x\",\"b\":[-3,null,true,[],{},12],\"c\":null}");
  buf_free(&b);
}

Test(json, pretty_puts_one_value_a_line) {
  buf b = BUF_INIT;
  jsonw w;
  jsonw_init(&w, &b, true);
  jsonw_object(&w);
  jsonw_key(&w, "a");
  jsonw_array(&w);
  jsonw_int(&w, 1);
  jsonw_int(&w, 2);
  jsonw_end_array(&w);
  jsonw_key(&w, "e");
  jsonw_array(&w);
  jsonw_end_array(&w);
  jsonw_end_object(&w);
  cr_expect_str_eq(b.data, "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": []\n}");
  buf_free(&b);
}

/* ---- iCalendar ---------------------------------------------------------------------------- */

Test(ics, text_escaping) {
  buf b = BUF_INIT;
  ics_text(&b, "a,b;c\\d\ne\r\x01\tf", 14);
  cr_expect_str_eq(b.data, "a\\,b\\;c\\\\d\\ne\tf");
  buf_free(&b);
}

/* Check a folded line: physical lines of at most 75 octets ending CRLF,
 * continuations starting with one space and never with a UTF-8
 * continuation byte, and the original back when unfolded. */
static void check_folded(const char *folded, const char *line) {
  buf un = BUF_INIT;
  const char *s = folded;
  bool first = true;
  while (*s) {
    const char *eol = strstr(s, "\r\n");
    cr_assert_not_null(eol, "a line without CRLF in %s", folded);
    size_t len = (size_t)(eol - s);
    cr_expect_leq(len, 75, "a line of %zu octets", len);
    if (!first) {
      cr_assert_eq(s[0], ' ', "a continuation without its space");
      s++;
      len--;
    }
    cr_expect_neq((unsigned char)s[0] & 0xC0, 0x80, "a line begins inside a character");
    if (len) cr_expect_neq((unsigned char)s[len - 1] & 0xC0, 0xC0, "a line ends on a lead byte");
    buf_append(&un, s, len);
    s = eol + 2;
    first = false;
  }
  cr_expect_str_eq(un.data ? un.data : "", line);
  buf_free(&un);
}

Test(ics, folds_long_utf8_lines_at_75_octets_between_characters) {
  buf line = BUF_INIT, out = BUF_INIT;
  buf_puts(&line, "SUMMARY;LANGUAGE=zh:");
  for (int i = 0; i < 60; i++)
    buf_puts(&line, "é中😀"); /* 2, 3 and 4 octets: every cut lands near one */
  ics_fold(&out, line.data, line.len);
  check_folded(out.data, line.data);
  cr_expect_gt(out.len, line.len + 3 * (line.len / 75)); /* folded many times */
  /* at every offset: a line of ASCII then one 3-octet character */
  for (size_t k = 60; k < 160; k++) {
    buf_clear(&line);
    buf_clear(&out);
    for (size_t i = 0; i < k; i++)
      buf_putc(&line, 'a');
    buf_puts(&line, "中中");
    ics_fold(&out, line.data, line.len);
    check_folded(out.data, line.data);
  }
  buf_free(&line);
  buf_free(&out);
}

Test(ics, a_line_of_75_octets_stays_whole) {
  char line[77];
  memset(line, 'x', 75);
  line[75] = '\0';
  buf out = BUF_INIT;
  ics_fold(&out, line, 75);
  cr_expect_eq(out.len, 77);
  cr_expect_str_eq(out.data + 75, "\r\n");
  buf_clear(&out);
  line[75] = 'y';
  line[76] = '\0';
  ics_fold(&out, line, 76);
  cr_expect_eq(out.len, 75 + 2 + 1 + 1 + 2);
  cr_expect_str_eq(out.data + 75, "\r\n y\r\n");
  buf_free(&out);
}

/* ---- the writers on a small letter ------------------------------------------------------------
 */

static const char LETTER[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<letter xmlns=\"urn:colette:letter:1\" version=\"1\" xml:lang=\"en\">\n"
    "<head>\n"
    "<date when=\"2023-12-20\">20 December 2023</date>\n"
    "<ref type=\"collective-letter\" number=\"7\" group=\"20\" label=\"Ref:\">TSB Collective "
    "letter 7/20</ref>\n"
    "<subject label=\"Subject:\">Meeting \"A\\B\", Geneva; 2024</subject>\n"
    "</head>\n"
    "<meeting group=\"SG20\" mode=\"physical\" start=\"2024-02-26\" end=\"2024-02-29\" "
    "place=\"geneva\"/>\n"
    "<body>\n"
    "<p xml:lang=\"fr\">Tab\there, line\xE2\x80\xA8sep</p>\n"
    "<deadlines>\n"
    "<deadline when=\"2023-12-31\" kind=\"registration\"><date when=\"2023-12-31\">31 December "
    "2023</date> – Registration</deadline>\n"
    "<deadline when=\"2023-12-31\" kind=\"registration\"><date when=\"2023-12-31\">31 December "
    "2023</date> – Registration again</deadline>\n"
    "<deadline when=\"2024-01-31\" kind=\"other\">Due <date when=\"2024-01-31\">31 January "
    "2024</date></deadline>\n"
    "</deadlines>\n"
    "<list><item label=\"3.\" level=\"1\">three</item><item label=\"4.\" "
    "level=\"1\">four</item><item label=\"a)\" level=\"2\">alpha</item></list>\n"
    "<list><item label=\"2.1\" level=\"1\">kept</item><item label=\"2.2\" "
    "level=\"1\">too</item></list>\n"
    "</body>\n"
    "</letter>\n";

/* xml rendered in format f (*len its length when len is not NULL). */
static char *rendered_as(const char *xml, colette_format f, size_t *len) {
  colette_letter *l = NULL;
  colette_error e;
  cr_assert_eq(colette_letter_read(xml, strlen(xml), "t.xml", &l, &e), COLETTE_OK, "%s", e.message);
  colette_render_options o;
  colette_render_options_default(&o);
  o.format = f;
  sinkbuf out = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &out};
  colette_status st = colette_render(l, &o, sink, NULL, &e);
  cr_assert_eq(st, COLETTE_OK, "%s", e.message);
  colette_letter_free(l);
  if (len) *len = out.len;
  return out.data;
}

static char *rendered_from(const char *xml, colette_format f) { return rendered_as(xml, f, NULL); }

static char *rendered(colette_format f) { return rendered_from(LETTER, f); }

/* A list whose labels no numbering definition shows (a bullet beside
 * "(a)") gets them typed before a tab, where no font is set: a symbol
 * font's private-use bullet would be a box there, so the DOCX types the
 * character the font draws, as the text and HTML writers show it.  A list
 * of bullets only becomes numbering, which keeps the code in its font. */
Test(writers, docx_types_a_symbol_font_bullet_as_the_character_it_draws) {
  static const char xml[] =
      "<letter xmlns=\"urn:colette:letter:1\" version=\"1\" xml:lang=\"en\"><body>"
      "<list><item label=\"\xEF\x82\xB7\" level=\"1\">Symbol</item>"
      "<item label=\"(a)\" level=\"1\">typed</item>"
      "<item label=\"\xEF\x82\xA7\" level=\"2\">Wingdings</item></list>"
      "<list><item label=\"\xEF\x82\xB7\" level=\"1\">one</item>"
      "<item label=\"\xEF\x82\xB7\" level=\"1\">two</item></list></body></letter>";
  size_t len = 0;
  char *docx = rendered_as(xml, COLETTE_FORMAT_DOCX, &len);
  char *doc = zip_part(docx, len, "word/document.xml");
  char *num = zip_part(docx, len, "word/numbering.xml");
  cr_assert(doc && num);
  /* each typed label a run of its own */
  cr_expect(strstr(doc, ">\xE2\x80\xA2</w:t>") != NULL, "%s", doc);
  cr_expect(strstr(doc, ">\xE2\x96\xAA</w:t>") != NULL, "%s", doc);
  cr_expect(strstr(doc, ">(a)</w:t>") != NULL, "%s", doc);
  cr_expect(strstr(doc, "\xEF\x82") == NULL, "a private-use bullet typed: %s", doc);
  /* the bullets-only list: Word numbering in the Symbol font */
  cr_expect(strstr(num, "w:lvlText w:val=\"\xEF\x82\xB7\"") != NULL, "%s", num);
  cr_expect(strstr(num, "w:ascii=\"Symbol\"") != NULL, "%s", num);
  free(doc);
  free(num);
  free(docx);
}

Test(writers, ics_all_day_ends_and_uids) {
  char *s = rendered(COLETTE_FORMAT_ICS);
  cr_expect(strstr(s, "UID:cl7-20-20231220-meeting-20240226@colette\r\n"), "%s", s);
  cr_expect(strstr(s, "DTSTART;VALUE=DATE:20240226\r\nDTEND;VALUE=DATE:20240301\r\n"),
            "the day after 29 February: %s", s);
  cr_expect(strstr(s, "DTSTART;VALUE=DATE:20231231\r\nDTEND;VALUE=DATE:20240101\r\n"),
            "the day after 31 December: %s", s);
  cr_expect(strstr(s, "DTSTART;VALUE=DATE:20240131\r\nDTEND;VALUE=DATE:20240201\r\n"), "%s", s);
  cr_expect(strstr(s, "UID:cl7-20-20231220-registration-20231231@colette\r\n"), "%s", s);
  cr_expect(strstr(s, "UID:cl7-20-20231220-registration-20231231-2@colette\r\n"), "%s", s);
  cr_expect(strstr(s, "DTSTAMP:20231220T000000Z\r\n"), "%s", s);
  cr_expect(strstr(s, "SUMMARY;LANGUAGE=en:Meeting \"A\\\\B\"\\, Geneva\\; 2024\r\n"), "%s", s);
  cr_expect(strstr(s, "LOCATION;LANGUAGE=en:Geneva\r\n"), "%s", s);
  cr_expect(strstr(s, "SUMMARY;LANGUAGE=en:Registration\r\n"), "%s", s);
  cr_expect(strstr(s, "SUMMARY;LANGUAGE=en:Due 31 January 2024\r\n"),
            "a date not first is kept: %s", s);
  free(s);
}

static char *ics_of(const char *xml) { return rendered_from(xml, COLETTE_FORMAT_ICS); }

#define LETTER_OF(head, body)                                                                      \
  "<letter xmlns=\"urn:colette:letter:1\" version=\"1\" xml:lang=\"en\"><head>" head               \
  "</head><body>" body "</body></letter>"
#define DL(when, kind)                                                                             \
  "<deadline when=\"" when "\" kind=\"" kind "\"><date when=\"" when "\">x</date> – y</deadline>"

/* The n-th deadline of a kind and day is told apart by its rank, in the
 * document's order, whatever comes between. */
Test(writers, ics_ranks_deadlines_of_one_kind_and_day_in_order) {
  char *s = ics_of(LETTER_OF("<date when=\"2023-12-20\">20 December 2023</date>",
                             "<deadlines>" DL("2024-01-10", "registration")
                                 DL("2024-01-10", "registration") DL("2024-01-10", "other")
                                     DL("2024-01-11", "registration")
                                         DL("2024-01-10", "registration") "</deadlines>"));
  const char *want[] = {"UID:20231220-registration-20240110@colette\r\n",
                        "UID:20231220-registration-20240110-2@colette\r\n",
                        "UID:20231220-other-20240110@colette\r\n",
                        "UID:20231220-registration-20240111@colette\r\n",
                        "UID:20231220-registration-20240110-3@colette\r\n"};
  const char *at = s;
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    const char *f = strstr(at, want[i]);
    cr_expect(f != NULL, "%s after the ones before, in: %s", want[i], s);
    if (f) at = f;
  }
  cr_expect(strstr(s, "VJOURNAL") == NULL, "a letter with events has no journal entry: %s", s);
  free(s);
}

/* A calendar holds one component at least (RFC 5545's icalbody): a letter
 * with neither meeting nor deadline is a journal entry on its date. */
Test(writers, ics_of_a_letter_without_events_is_its_journal_entry) {
  char *s = ics_of(LETTER_OF("<date when=\"2023-12-20\">20 December 2023</date>"
                             "<subject label=\"Subject:\">Work programme</subject>",
                             "<p>No meeting.</p>"));
  cr_expect(strstr(s, "BEGIN:VJOURNAL\r\nUID:20231220-letter@colette\r\nDTSTAMP:20231220T000000Z"
                      "\r\nDTSTART;VALUE=DATE:20231220\r\nSUMMARY;LANGUAGE=en:Work programme\r\n"
                      "END:VJOURNAL\r\n"),
            "%s", s);
  cr_expect(strstr(s, "VEVENT") == NULL, "%s", s);
  free(s);
  /* without a date or a subject: what RFC 5545 asks of one, a UID and a stamp */
  s = ics_of(LETTER_OF("", "<p>Nothing dated.</p>"));
  cr_expect(strstr(s, "BEGIN:VJOURNAL\r\nUID:letter-letter@colette\r\nDTSTAMP:19700101T000000Z\r\n"
                      "END:VJOURNAL\r\n"),
            "%s", s);
  free(s);
}

Test(writers, json_escapes_the_letters_text) {
  char *s = rendered(COLETTE_FORMAT_JSON);
  cr_expect(strstr(s, "\"text\": \"Meeting \\\"A\\\\B\\\", Geneva; 2024\""), "%s", s);
  cr_expect(strstr(s, "\"number\": 7,"), "%s", s);
  cr_expect(strstr(s, "\"action\": \"Registration again\""), "%s", s);
  free(s);
}

/* A letter copied to some ("Copy to:"), with a person to contact, whose
 * reference is a circular. */
static const char COPIED[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<letter xmlns=\"urn:colette:letter:1\" xmlns:arg=\"urn:colette:arg:1\" version=\"1\" "
    "xml:lang=\"en\">\n<head>\n"
    "<date when=\"2026-03-03\">3 March 2026</date>\n"
    "<ref type=\"circular\" number=\"245\" label=\"Ref:\" formula=\"docref.circular\" "
    "arg:number=\"245\">TSB Circular 245</ref>\n"
    "<contact type=\"person\" label=\"Contact:\" formula=\"label.contact\">Jane Doe</contact>\n"
    "<addressees label=\"To:\" formula=\"label.to\"><addressee role=\"member-states\" "
    "formula=\"role.member-states\">Administrations of Member States of the Union</addressee>"
    "</addressees>\n"
    "<addressees type=\"copy\" label=\"Copy to:\" formula=\"label.copy\"><addressee "
    "role=\"chairs\">The Chairmen</addressee><addressee role=\"other\">The Director of "
    "BDT</addressee></addressees>\n"
    "</head>\n<body>\n<p>Text.</p>\n</body>\n</letter>\n";

Test(writers, copies_a_contact_person_and_a_circular) {
  char *s = rendered_from(COPIED, COLETTE_FORMAT_JSON);
  cr_expect(strstr(s, "\"addressees\": [\n      {\n        \"role\": \"member-states\""), "%s", s);
  cr_expect(strstr(s, "\"copies\": [\n      {\n        \"role\": \"chairs\""), "%s", s);
  cr_expect(
      strstr(s, "\"type\": \"person\",\n        \"value\": null,\n        \"text\": \"Jane Doe\""),
      "%s", s);
  cr_expect(strstr(s, "\"type\": \"circular\",\n        \"number\": 245,"), "%s", s);
  free(s);
  s = rendered_from(COPIED, COLETTE_FORMAT_ICS);
  cr_expect(strstr(s, "circular245-20260303"), "the circular names the UIDs: %s", s);
  free(s);
  /* the labels in another language are the catalogue's */
  colette_letter *l = NULL;
  colette_error e;
  cr_assert_eq(colette_letter_read(COPIED, strlen(COPIED), "t.xml", &l, &e), COLETTE_OK);
  const char *langs[] = {"fr", "zh"}, *copy[] = {"Copie\u00A0:", "抄送："},
             *contact[] = {"Contact\u00A0:", "联系人："},
             *ref[] = {"Circulaire TSB 245", "电信标准化局第245号通函"};
  for (int i = 0; i < 2; i++) {
    colette_render_options o;
    colette_render_options_default(&o);
    o.format = COLETTE_FORMAT_TEXT;
    o.lang = langs[i];
    sinkbuf out = {NULL, 0};
    cr_assert_eq(colette_render(l, &o, (colette_sink){sinkbuf_write, &out}, NULL, &e), COLETTE_OK,
                 "%s", e.message);
    cr_expect(strstr(out.data, copy[i]), "%s", out.data);
    cr_expect(strstr(out.data, contact[i]), "%s", out.data);
    cr_expect(strstr(out.data, ref[i]), "%s", out.data);
    free(out.data);
  }
  colette_letter_free(l);
}

/* A deadline's action is its text without its own date: first, or last
 * after a label's separator; a date that only ends a phrase stays. */
static const char ACTIONS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<letter xmlns=\"urn:colette:letter:1\" version=\"1\" xml:lang=\"en\">\n<body>\n<deadlines>\n"
    "<deadline when=\"2026-07-14\" kind=\"fellowship\">Requests for fellowships: <date "
    "when=\"2026-07-14\">14 July 2026</date>.</deadline>\n"
    "<deadline when=\"2026-09-07\" kind=\"registration\">Pre-registration\t<date "
    "when=\"2026-09-07\">7 September 2026</date></deadline>\n"
    "<deadline when=\"2026-08-31\" kind=\"contributions\">Contributions – <date "
    "when=\"2026-08-31\">31 August 2026</date></deadline>\n"
    "<deadline when=\"2026-06-01\" kind=\"other\">Due <date when=\"2026-06-01\">1 June "
    "2026</date></deadline>\n"
    "</deadlines>\n</body>\n</letter>\n";

Test(writers, a_deadlines_action_leaves_its_date_out) {
  char *s = rendered_from(ACTIONS, COLETTE_FORMAT_JSON);
  cr_expect(strstr(s, "\"action\": \"Requests for fellowships\""), "%s", s);
  cr_expect(strstr(s, "\"action\": \"Pre-registration\""), "%s", s);
  cr_expect(strstr(s, "\"action\": \"Contributions\""), "%s", s);
  cr_expect(strstr(s, "\"action\": \"Due 1 June 2026\""), "%s", s);
  free(s);
}

Test(writers, pandoc_lists_languages_and_escapes) {
  char *s = rendered(COLETTE_FORMAT_PANDOC_JSON);
  cr_expect(strstr(s, "{\"pandoc-api-version\":[1,22],"), "%s", s);
  cr_expect(strstr(s, "{\"t\":\"OrderedList\",\"c\":[[3,{\"t\":\"Decimal\"},{\"t\":\"Period\"}],"),
            "a list from 3.: %s", s);
  cr_expect(strstr(s, "[1,{\"t\":\"LowerAlpha\"},{\"t\":\"OneParen\"}]"), "%s", s);
  cr_expect(strstr(s, "{\"t\":\"Str\",\"c\":\"2.1\"}"), "a label that is no number kept: %s", s);
  cr_expect(strstr(s, "[\"lang\",\"fr\"]"), "%s", s);
  cr_expect(strstr(s, "{\"t\":\"Str\",\"c\":\"line\\u2028sep\"}"), "%s", s);
  cr_expect(strstr(s, "{\"t\":\"Str\",\"c\":\"\\\"A\\\\B\\\",\"}"), "%s", s);
  free(s);
}
