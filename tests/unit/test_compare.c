/*
 * Unit tests: colette_compare on small letters (agreement, a value changed,
 * a paragraph whose every value changed, a paragraph missing) and the HTML
 * report: a standalone page whose summary links to marks that exist, the
 * letters' text escaped (markup, quotes, characters HTML forbids), written
 * after the letters are freed.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx_builder.h"

#define LETTER(LANG, BODY)                                                                         \
  "<?xml version=\"1.0\"?>\n<letter xmlns=\"urn:colette:letter:1\" version=\"1\" xml:lang=\"" LANG \
  "\">\n<body>\n" BODY "</body>\n</letter>\n"

static colette_letter *read_letter(const char *xml) {
  colette_letter *l = NULL;
  colette_error e;
  cr_assert_eq(colette_letter_read(xml, strlen(xml), "t.xml", &l, &e), COLETTE_OK, "%s", e.message);
  return l;
}

/* Compare a and b (names "a.xml", "b.xml"), the letters freed before returning. */
static colette_diff *compare2(const char *a, const char *b, const char *namea) {
  colette_letter *la = read_letter(a), *lb = read_letter(b);
  const colette_letter *ls[2] = {la, lb};
  const char *names[2] = {namea ? namea : "a.xml", "b.xml"};
  colette_diff *d = NULL;
  colette_error e;
  cr_assert_eq(colette_compare(ls, names, 2, &d, &e), COLETTE_OK, "%s", e.message);
  colette_letter_free(la);
  colette_letter_free(lb);
  return d;
}

static char *report(const colette_diff *d, colette_report_format f) {
  sinkbuf o = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &o};
  colette_error e;
  cr_assert_eq(colette_diff_write(d, f, sink, &e), COLETTE_OK, "%s", e.message);
  return o.data;
}

static const char P1_EN[] =
    "<p>The meeting will open at <time start=\"09:30\">0930 hours</time> on "
    "<date when=\"2021-05-21\">Friday 21 May 2021</date> in the main hall.</p>\n";
static const char P1_FR[] =
    "<p>La réunion s’ouvrira à <time start=\"09:30\">9 h 30</time> le "
    "<date when=\"2021-05-21\">vendredi 21 mai 2021</date> dans la grande salle.</p>\n";
static const char P1_FR_MOVED[] =
    "<p>La réunion s’ouvrira à <time start=\"09:30\">9 h 30</time> le "
    "<date when=\"2021-05-22\">samedi 22 mai 2021</date> dans la grande salle.</p>\n";
static const char HOST_EN[] =
    "<p>HOST CONTACT: Mr Daniel Mwangi, tel.: <phone value=\"+254204242000\">+254 20 "
    "4242 000</phone>, e-mail: <email value=\"wp@ca.go.ke\">wp@ca.go.ke</email>.</p>\n";
static const char HOST_FR[] =
    "<p>CONTACT DU PAYS HÔTE : M. Daniel Mwangi, tél. : <phone value=\"+254204242100\">"
    "+254 20 4242 100</phone>, courriel : <email value=\"pw@ca.go.ke\">pw@ca.go.ke"
    "</email>.</p>\n";
static const char CLOSE_EN[] = "<p>I wish you a productive and enjoyable meeting, as always.</p>\n";
static const char CLOSE_FR[] =
    "<p>Je vous souhaite une réunion constructive et agréable, comme toujours.</p>\n";

Test(compare, versions_that_agree_report_nothing) {
  colette_diff *d = compare2(LETTER("en", ""), LETTER("fr", ""), NULL); /* no units at all */
  cr_expect_eq(colette_diff_count(d), 0);
  colette_diff_free(d);
  char a[2048], b[2048];
  snprintf(a, sizeof a, LETTER("en", "%s%s%s"), P1_EN, HOST_EN, CLOSE_EN);
  snprintf(b, sizeof b, LETTER("fr", "%s%s%s"), P1_FR, HOST_EN, CLOSE_FR);
  d = compare2(a, b, NULL);
  cr_expect_eq(colette_diff_count(d), 0);
  char *h = report(d, COLETTE_REPORT_HTML);
  cr_expect(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0, "%.80s", h);
  cr_expect(strstr(h, "No differences") != NULL);
  cr_expect(strstr(h, "<mark") == NULL);
  cr_expect(strstr(h, "</html>\n") != NULL);
  free(h);
  colette_diff_free(d);
}

Test(compare, a_changed_date_is_a_value_difference_marked_on_both_sides) {
  char a[2048], b[2048];
  snprintf(a, sizeof a, LETTER("en", "%s%s"), P1_EN, CLOSE_EN);
  snprintf(b, sizeof b, LETTER("fr", "%s%s"), P1_FR_MOVED, CLOSE_FR);
  colette_diff *d = compare2(a, b, NULL);
  cr_assert_eq(colette_diff_count(d), 1);
  cr_expect_str_eq(colette_diff_kind(d, 0), "value");
  cr_expect_str_eq(colette_diff_key(d, 0), "value.date");
  cr_expect_str_eq(colette_diff_value(d, 0, 0), "2021-05-21");
  cr_expect_str_eq(colette_diff_value(d, 0, 1), "2021-05-22");
  char *h = report(d, COLETTE_REPORT_HTML);
  cr_expect(strstr(h, "<a href=\"#d1-v1\">") != NULL, "%s", h);
  cr_expect(
      strstr(
          h,
          "<mark class=\"diff\" id=\"d1-v1\" title=\"difference 1\">Friday 21 May 2021</mark>") !=
      NULL);
  cr_expect(
      strstr(
          h,
          "<mark class=\"diff\" id=\"d1-v2\" title=\"difference 1\">samedi 22 mai 2021</mark>") !=
      NULL);
  cr_expect(strstr(h, "lang=\"fr\"") != NULL);
  free(h);
  colette_diff_free(d);
}

/* The same date, its weekday wrong in one version: a difference of the
 * date's value, the mark on the version that is wrong (21 May 2021 is a
 * Friday). */
Test(compare, a_wrong_weekday_in_one_version_is_a_value_difference) {
  static const char P1_EN_THURSDAY[] =
      "<p>The meeting will open at <time start=\"09:30\">0930 hours</time> on "
      "<date when=\"2021-05-21\" conflict=\"weekday\">Thursday 21 May 2021</date> in the main "
      "hall.</p>\n";
  char a[2048], b[2048];
  snprintf(a, sizeof a, LETTER("en", "%s%s"), P1_EN_THURSDAY, CLOSE_EN);
  snprintf(b, sizeof b, LETTER("fr", "%s%s"), P1_FR, CLOSE_FR);
  colette_diff *d = compare2(a, b, NULL);
  cr_assert_eq(colette_diff_count(d), 1);
  cr_expect_str_eq(colette_diff_key(d, 0), "value.date");
  cr_expect_str_eq(colette_diff_value(d, 0, 0), "2021-05-21!weekday");
  cr_expect_str_eq(colette_diff_value(d, 0, 1), "2021-05-21");
  colette_diff_free(d);
  /* both wrong alike: the versions agree (colette-map warned of each) */
  snprintf(b, sizeof b, LETTER("en", "%s%s"), P1_EN_THURSDAY, CLOSE_EN);
  d = compare2(a, b, NULL);
  cr_expect_eq(colette_diff_count(d), 0);
  colette_diff_free(d);
}

/* A regression: the alignment never matches units that share no value, so a
 * paragraph whose phone and e-mail both changed was two missing paragraphs. */
Test(compare, a_paragraph_whose_every_value_changed_is_still_that_paragraph) {
  char a[2048], b[2048];
  snprintf(a, sizeof a, LETTER("en", "%s%s%s"), P1_EN, HOST_EN, CLOSE_EN);
  snprintf(b, sizeof b, LETTER("fr", "%s%s%s"), P1_FR, HOST_FR, CLOSE_FR);
  colette_diff *d = compare2(a, b, NULL);
  cr_assert_eq(colette_diff_count(d), 2);
  for (size_t i = 0; i < 2; i++) {
    cr_expect_str_eq(colette_diff_kind(d, i), "value");
    cr_expect_str_eq(colette_diff_path(d, i, 0), "body/p[2]");
    cr_expect_str_eq(colette_diff_path(d, i, 1), "body/p[2]");
  }
  cr_expect_str_eq(colette_diff_key(d, 0), "value.email");
  cr_expect_str_eq(colette_diff_key(d, 1), "value.phone");
  colette_diff_free(d);
}

Test(compare, html_escapes_the_letters_and_links_every_difference) {
  char a[2048], b[2048];
  snprintf(a, sizeof a, LETTER("en", "%s%s"), P1_EN, CLOSE_EN);
  snprintf(b, sizeof b,
           LETTER("fr", "%s<p>Un paragraphe &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; "
                        "l\xc2\x85"
                        "autre qu’aucune version n’a.</p>\n%s"),
           P1_FR, CLOSE_FR);
  colette_diff *d = compare2(a, b, "a\"<b>.xml");
  cr_assert_eq(colette_diff_count(d), 1);
  cr_expect_str_eq(colette_diff_kind(d, 0), "missing");
  char *h = report(d, COLETTE_REPORT_HTML);
  cr_expect(strstr(h, "<script") == NULL);
  cr_expect(strstr(h, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l\xef\xbf\xbd"
                      "autre") != NULL,
            "%s", h);
  cr_expect(strstr(h, "\xc2\x85") == NULL); /* a C1 control is no HTML */
  cr_expect(strstr(h, "a&quot;&lt;b&gt;.xml") != NULL);
  cr_expect(strstr(h, "<a href=\"#d1-v2\">") != NULL);
  cr_expect(strstr(h, "<mark class=\"missing\" id=\"d1-v2\"") != NULL);
  /* every link of the page leads to an id it has, and no id is there twice */
  for (const char *p = h; (p = strstr(p, "href=\"#")) != NULL; p++) {
    char id[64], want[80];
    cr_assert_eq(sscanf(p, "href=\"#%63[^\"]\"", id), 1);
    snprintf(want, sizeof want, "id=\"%s\"", id);
    const char *at = strstr(h, want);
    cr_expect(at != NULL, "no %s", want);
    cr_expect(at == NULL || strstr(at + 1, want) == NULL, "%s twice", want);
  }
  free(h);
  char *j = report(d, COLETTE_REPORT_JSON);
  cr_expect(strstr(j, "\"kind\":\"missing\",\"key\":\"p\"") != NULL, "%s", j);
  free(j);
  colette_diff_free(d);
}

/* Is s valid UTF-8 (no stray continuation byte, no sequence cut short)? */
static bool utf8_valid(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    int n = *p < 0x80             ? 0
            : (*p & 0xE0) == 0xC0 ? 1
            : (*p & 0xF0) == 0xE0 ? 2
            : (*p & 0xF8) == 0xF0 ? 3
                                  : -1;
    if (n < 0) return false;
    p++;
    for (int i = 0; i < n; i++, p++)
      if ((*p & 0xC0) != 0x80) return false;
  }
  return true;
}

Test(compare, a_missing_paragraph_is_shown_cut_between_characters) {
  /* a long paragraph one version lacks is shown by its first bytes: cut
   * where a character starts, whatever the text (here an é, then Han
   * characters, straddle the cut), and marked as cut */
  static const char *const texts[] = {
      "<p>Un atelier sur « La qualité d’expérience des services financiers numériques », "
      "organisé avec le pays hôte, se tiendra dans le même lieu.</p>\n",
      "<p>一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
      "一二三四五六七八九十</p>\n",
      "<p>a一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
      "一二三四五六七八九十</p>\n"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    char b[1024];
    snprintf(b, sizeof b, LETTER("fr", "%s%s"), CLOSE_FR, texts[i]);
    colette_diff *d =
        compare2(LETTER("en", "<p>I wish you a productive and enjoyable meeting, as always.</p>\n"),
                 b, NULL);
    cr_assert_eq(colette_diff_count(d), 1);
    const char *v = colette_diff_value(d, 0, 1);
    cr_assert(v);
    cr_expect(utf8_valid(v), "not UTF-8: %s", v);
    cr_expect(strlen(v) <= 96 + 3, "%zu bytes", strlen(v));
    cr_expect(strstr(v, "\xE2\x80\xA6") == v + strlen(v) - 3, "no ellipsis at the end: %s", v);
    for (int f = 0; f < COLETTE_REPORTS; f++) {
      char *r = report(d, (colette_report_format)f);
      cr_expect(utf8_valid(r), "report %d not UTF-8", f);
      free(r);
    }
    colette_diff_free(d);
  }
}

/* Those copied are a fact apart from the addressees: a role moved from
 * the one to the other is a difference, and a person to contact is a
 * contact. */
#define HEADED(LANG, HEAD)                                                                         \
  "<?xml version=\"1.0\"?>\n<letter xmlns=\"urn:colette:letter:1\" version=\"1\" xml:lang=\"" LANG \
  "\">\n<head>\n" HEAD "</head>\n<body>\n<p>x</p>\n</body>\n</letter>\n"
#define TO(R)                                                                                      \
  "<addressees label=\"To:\"><addressee role=\"member-states\">M</addressee>" R "</addressees>\n"
#define CC(R) "<addressees type=\"copy\" label=\"Copy to:\">" R "</addressees>\n"
#define CHAIRS "<addressee role=\"chairs\">C</addressee>"

Test(compare, copies_are_not_addressees) {
  colette_diff *d =
      compare2(HEADED("en", "<contact type=\"person\">Jane Doe</contact>" TO("") CC(CHAIRS)),
               HEADED("fr", "<contact type=\"person\">Jane Doe</contact>" TO(CHAIRS) CC("")), NULL);
  char *r = report(d, COLETTE_REPORT_TEXT);
  cr_expect(
      strstr(r, "addressee head.addressee.copy: a.xml head/addressees[2]/addressee[1]: chairs"),
      "%s", r);
  cr_expect(strstr(r, "addressee head.addressee: "), "%s", r);
  cr_expect(!strstr(r, "head.contact.person"), "%s", r);
  free(r);
  colette_diff_free(d);
  d = compare2(HEADED("en", "<contact type=\"person\">Jane Doe</contact>"),
               HEADED("fr", "<contact type=\"person\">John Roe</contact>"), NULL);
  r = report(d, COLETTE_REPORT_TEXT);
  cr_expect(strstr(r, "contact head.contact.person: a.xml head/contact[1]: Jane Doe | b.xml "
                      "head/contact[1]: John Roe"),
            "%s", r);
  free(r);
  colette_diff_free(d);
}

Test(compare, report_formats_by_name) {
  for (int f = 0; f < COLETTE_REPORTS; f++)
    cr_expect_eq(
        colette_report_format_by_name(colette_report_format_name((colette_report_format)f)), f);
  cr_expect_str_eq(colette_report_format_name(COLETTE_REPORT_HTML), "html");
  cr_expect_eq(colette_report_format_by_name("HTML"), COLETTE_REPORTS);
  cr_expect_eq(colette_report_format_by_name(NULL), COLETTE_REPORTS);
  cr_expect_null(colette_report_format_name(COLETTE_REPORTS));
}

#define ANNEXES(LANG, ANNEXES)                                                                     \
  "<?xml version=\"1.0\"?>\n<letter xmlns=\"urn:colette:letter:1\" version=\"1\" xml:lang=\"" LANG \
  "\">\n<body>\n<p>See the annexes.</p>\n</body>\n" ANNEXES "</letter>\n"
#define ANNEX(ID, TEXT) "<annex id=\"" ID "\">\n<p>" TEXT "</p>\n</annex>\n"

/* A regression (fuzz-compare): a letter naming two annexes alike compared its
 * second annex A with the other version's first, so that it differed from
 * itself.  The k-th annex A of one version is the k-th of the other. */
Test(compare, two_annexes_of_one_id_are_compared_in_order) {
  const char *two = ANNEXES("en", ANNEX("A", "Draft agenda of the meeting of Study Group 13, "
                                             "to be held in Geneva.")
                                      ANNEX("A", "Practical information for the participants "
                                                 "who register on line."));
  colette_diff *d = compare2(two, two, NULL);
  cr_expect_eq(colette_diff_count(d), 0);
  colette_diff_free(d);
  /* a version with only the first: the second is an annex missing, and
   * its paragraph is not reported again as missing from the first */
  const char *one = ANNEXES("fr", ANNEX("A", "Projet d'ordre du jour de la réunion de la "
                                             "Commission d'études 13, à Genève."));
  d = compare2(two, one, NULL);
  cr_assert_eq(colette_diff_count(d), 1, "%zu differences", colette_diff_count(d));
  cr_expect_str_eq(colette_diff_kind(d, 0), "annex");
  cr_expect_str_eq(colette_diff_value(d, 0, 0), "A (2)");
  cr_expect_null(colette_diff_value(d, 0, 1));
  colette_diff_free(d);
  /* an id that looks like a second annex's label does not take its place */
  const char *three = ANNEXES("en", ANNEX("A", "First annex, the agenda of the meeting itself.")
                                        ANNEX("A (2)", "An annex its author named A (2), on "
                                                       "the registration.")
                                            ANNEX("A", "Third annex, named A again, with the "
                                                       "practical information."));
  d = compare2(three, three, NULL);
  cr_expect_eq(colette_diff_count(d), 0);
  colette_diff_free(d);
}

/* An annex id of any length and script: labels are cut where a character
 * starts, and two long ids alike in their first bytes still differ. */
Test(compare, long_annex_ids_stay_apart_and_utf8) {
  const char *l = ANNEXES(
      "zh", ANNEX("附件附件附件附件附件附件附件附件附件附件附件附件附件附件甲",
                  "会议议程草案，以及与会者须知的全部内容。")
                ANNEX("附件附件附件附件附件附件附件附件附件附件附件附件附件附件乙",
                      "注册须知，以及代表团团长须知的全部内容。"));
  colette_diff *d = compare2(l, l, NULL);
  cr_expect_eq(colette_diff_count(d), 0);
  colette_diff_free(d);
  const char *one = ANNEXES("zh", ANNEX("附件附件附件附件附件附件附件附件附件附件附件附件附件附件甲",
                                        "会议议程草案，以及与会者须知的全部内容。"));
  d = compare2(l, one, NULL);
  cr_assert_eq(colette_diff_count(d), 1, "%zu differences", colette_diff_count(d));
  const char *v = colette_diff_value(d, 0, 0);
  cr_expect(strstr(v, " (2)") != NULL, "%s", v);
  char *x = report(d, COLETTE_REPORT_XML);
  cr_expect(strstr(x, v) != NULL);
  free(x);
  colette_diff_free(d);
}
