/*
 * Unit tests: a letter translated into another language
 * (colette_letter_translate): each formula in the target's canonical form
 * with its parameters there (dates, ranges, times, groups, places, counts),
 * labels by their entries, the rest kept and marked with its language,
 * the report's counts; and the date helpers through ICU.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx_builder.h"
#include "letter/catalog.h"
#include "render/render.h"

#define LETTER(lang, x)                                                                            \
  "<?xml version=\"1.0\"?>\n<letter xmlns=\"urn:colette:letter:1\" "                               \
  "xmlns:arg=\"urn:colette:arg:1\" version=\"1\" xml:lang=\"" lang "\">\n" x "</letter>\n"

static colette_letter *translated;
static colette_render_report rep;
static char *xml;

static void done(void) {
  colette_letter_free(translated);
  translated = NULL;
  free(xml);
  xml = NULL;
}
TestSuite(translate, .fini = done);

static void translate(const char *letter, const char *lang) {
  colette_letter *l = NULL;
  colette_error e;
  cr_assert_eq(colette_letter_read(letter, strlen(letter), "t", &l, &e), COLETTE_OK, "%s",
               e.message);
  colette_letter_free(translated);
  translated = NULL;
  cr_assert_eq(colette_letter_translate(l, lang, NULL, &translated, &rep, &e), COLETTE_OK, "%s",
               e.message);
  colette_letter_free(l);
  sinkbuf o = {NULL, 0};
  colette_sink s = {sinkbuf_write, &o};
  cr_assert_eq(colette_letter_write(translated, s, &e), COLETTE_OK, "%s", e.message);
  free(xml);
  xml = o.data;
}

#define HAS(s) cr_expect(strstr(xml, s) != NULL, "expected %s in:\n%s", s, xml)

static const char *HEAD =
    "<head>\n"
    "<place key=\"geneva\">Geneva</place>\n"
    "<date when=\"2021-07-01\" formula=\"dateline\" arg:place=\"geneva\" "
    "arg:date=\"2021-07-01\">1 July 2021</date>\n"
    "<ref type=\"collective-letter\" number=\"12\" group=\"17\" label=\"Ref:\" "
    "formula=\"docref.collective-letter\" arg:number=\"12\" arg:group=\"17\">TSB Collective letter "
    "12/17</ref>\n"
    "<contact type=\"tel\" label=\"Tel:\" value=\"+41227305111\" formula=\"label.tel\">+41 22 730 "
    "5111</contact>\n"
    "<subject label=\"Subject:\" formula=\"subject.virtual\" arg:group=\"WP1/11\" "
    "arg:dates=\"2021-08-24/2021-09-03\">Virtual meeting of Working Party 1/11, 24 August – 3 "
    "September 2021</subject>\n"
    "</head>\n";

Test(translate, head_body_and_report) {
  char doc[4096];
  snprintf(doc, sizeof doc,
           LETTER("en-GB", "%s<body>\n<salutation formula=\"salutation\">Dear Sir/Madam,"
                           "</salutation>\n<p>Free text nobody catalogued.</p>\n"
                           "<enclosure count=\"1\" formula=\"enclosure\" arg:count=\"1\">Annex: 1"
                           "</enclosure>\n</body>\n"),
           HEAD);
  translate(doc, "fr");
  HAS("<letter xmlns=\"urn:colette:letter:1\" xmlns:arg=\"urn:colette:arg:1\" version=\"1\" "
      "xml:lang=\"fr\">");
  HAS("<place key=\"geneva\">Genève</place>");
  /* the first of the month is an ordinal in French, from ICU */
  HAS(">1er juillet 2021</date>");
  HAS("label=\"Réf.\xC2\xA0:\"");
  HAS(">Lettre collective TSB 12/17</ref>");
  HAS("label=\"Tél.\xC2\xA0:\"");
  HAS("+41 22 730 5111</contact>"); /* a number has no language */
  /* the article agrees with the group: du Groupe de travail, de la Commission d’études */
  HAS(">Réunion virtuelle du Groupe de travail 1/11, <daterange start=\"2021-08-24\" "
      "end=\"2021-09-03\">");
  HAS("<salutation formula=\"salutation\">Madame, Monsieur,</salutation>");
  HAS("<p xml:lang=\"en-GB\">Free text nobody catalogued.</p>"); /* kept, and marked */
  HAS(">Annexe\xC2\xA0: 1</enclosure>");                         /* one: singular */
  cr_expect_eq(rep.kept, 1);
  cr_expect_eq(rep.translated + rep.kept + rep.mixed, rep.blocks);
}

Test(translate, chinese_dates_and_groups) {
  char doc[4096];
  snprintf(doc, sizeof doc, LETTER("en-GB", "%s<body/>\n"), HEAD);
  translate(doc, "zh");
  HAS(">2021年7月1日</date>");
  HAS("<place key=\"geneva\">日内瓦</place>");
  HAS(">电信标准化局第12/17号集体函</ref>");
  HAS("label=\"电话：\"");
  HAS(">第1/11工作组虚拟会议，<daterange start=\"2021-08-24\" end=\"2021-09-03\">2021年8月24日");
}

Test(translate, nothing_to_do_in_the_same_language) {
  char doc[4096];
  snprintf(doc, sizeof doc, LETTER("en-GB", "%s<body>\n<p>Text.</p>\n</body>\n"), HEAD);
  translate(doc, "en");
  HAS(">TSB Collective letter 12/17</ref>");
  HAS("<p>Text.</p>");
  cr_expect_eq(rep.kept, 0);
}

Test(translate, a_paragraph_of_several_sentences) {
  translate(LETTER("en-GB", "<body>\n<p><s formula=\"sentence.wish\">I wish you a productive and "
                            "enjoyable meeting.</s> Free words.</p>\n</body>\n"),
            "fr");
  HAS("<p xml:lang=\"en-GB\"><s xml:lang=\"fr\" formula=\"sentence.wish\">Je vous souhaite une "
      "réunion constructive et agréable.</s> Free words.</p>");
  cr_expect_eq(rep.mixed, 1);
  /* a paragraph's typed number has no language: the paragraph is written */
  translate(LETTER("en-GB", "<body>\n<p>5 <s formula=\"sentence.wish\">I wish you a productive "
                            "and enjoyable meeting.</s></p>\n</body>\n"),
            "zh");
  HAS("<p>5 <s xml:lang=\"zh\" formula=\"sentence.wish\">");
  cr_expect_eq(rep.mixed, 0);
  cr_expect_eq(rep.translated, 1);
}

Test(translate, a_label_the_target_does_not_write) {
  const char *doc = LETTER("en-GB", "<head>\n<addressees label=\"To:\" formula=\"label.to\">\n"
                                    "<addressee role=\"member-states\" "
                                    "formula=\"role.member-states\">Administrations of Member "
                                    "States of the Union</addressee>\n</addressees>\n</head>\n"
                                    "<body/>\n");
  translate(doc, "fr"); /* French addressees carry their "Aux" */
  HAS("<addressees formula=\"label.to\">\n<addressee role=\"member-states\"");
  HAS(">Aux Administrations des États Membres de l’Union");
  translate(doc, "zh");
  HAS("<addressees label=\"致：\" formula=\"label.to\">");
}

Test(translate, an_argument_the_letter_left_out) {
  /* a French form that names no group: the target's words for one */
  translate(LETTER("fr-CH", "<body>\n<p formula=\"sentence.timeplan.homepage\">Un projet de "
                            "calendrier sera disponible sur la page d’accueil de la commission "
                            "d’études et sera mis à jour fréquemment avant et pendant la "
                            "réunion.</p>\n</body>\n"),
            "en");
  HAS("available from the study group homepage and");
  translate(LETTER("en-GB", "<body>\n<p formula=\"sentence.timeplan.homepage\">A draft time plan "
                            "will be available from the study group homepage and frequently "
                            "updated before and during the meeting.</p>\n</body>\n"),
            "zh");
  HAS("在研究组主页上提供");
  /* any other value missing: the paragraph kept, never written with a hole */
  translate(LETTER("en-GB", "<body>\n<p formula=\"sentence.annex.practical\">Practical meeting "
                            "information is set out in the annex.</p>\n</body>\n"),
            "fr");
  HAS("<p xml:lang=\"en-GB\" formula=\"sentence.annex.practical\">Practical meeting information "
      "is set out in the annex.</p>");
  cr_expect_eq(rep.kept, 1);
}

Test(translate, written_in_a_part_kept_in_another_language) {
  /* an annex kept in English: its standard item written in French says so */
  translate(LETTER("en-GB", "<body/>\n<annex id=\"B\">\n<list>\n<item label=\"1\" level=\"1\" "
                            "formula=\"item.agenda\">Adoption of the agenda</item>\n<item "
                            "label=\"2\" level=\"1\">Free words</item>\n</list>\n</annex>\n"),
            "fr");
  HAS("<annex id=\"B\" xml:lang=\"en-GB\">");
  HAS("<item label=\"1\" level=\"1\" xml:lang=\"fr\" formula=\"item.agenda\">");
  HAS("<item label=\"2\" level=\"1\" xml:lang=\"en-GB\">Free words</item>");
}

Test(translate, free_text_in_a_formula_keeps_its_language) {
  /* a topic is the letter's words, not the catalogue's: written into the
   * French sentence, it is marked English; the same sentence into the
   * letter's own language marks nothing */
  const char *doc = LETTER(
      "en-GB", "<body>\n<p formula=\"sentence.invitation.virtual\" arg:group=\"SG17\" "
               "arg:topic=\"Security &amp; trust\" arg:dates=\"2021-08-24/2021-09-03\">It is my "
               "pleasure to invite you to attend the next meeting of ITU-T Study Group 17 "
               "(Security &amp; trust), which will be held virtually 24 August - 3 September "
               "2021, inclusive.</p>\n</body>\n");
  translate(doc, "fr");
  HAS("(<s xml:lang=\"en-GB\">Security &amp; trust</s>)");
  HAS("Commission d’études 17");
  cr_expect(strstr(xml, "\xEE\x80") == NULL, "a private-use mark left in:\n%s", xml);
  translate(doc, "zh");
  HAS("<s xml:lang=\"en-GB\">Security &amp; trust</s>");
}

Test(translate, an_addressee_group_the_form_did_not_capture) {
  translate(LETTER("en-GB", "<head>\n<addressees>\n<addressee role=\"chairs\" group=\"SG12\" "
                            "formula=\"role.chairs\">Chair and Vice-Chairs of Study Group "
                            "12</addressee>\n</addressees>\n</head>\n<body/>\n"),
            "fr");
  HAS("Commission d’études 12");
}

#define DEADLINES(x) "<body>\n<deadlines>\n" x "</deadlines>\n</body>\n"

Test(translate, a_deadline_by_its_kind_with_its_brackets_kept) {
  translate(LETTER("en-GB",
                   DEADLINES("<deadline when=\"2021-07-24\" kind=\"registration\" "
                             "formula=\"kind.registration\"><date when=\"2021-07-24\">24 July "
                             "2021</date> - Registration (via the <link href=\"https://x.int/r\">"
                             "online form</link>) to WP1/11</deadline>\n")),
            "fr");
  /* the phrase naming the kind anew; the brackets and what follows, with
   * their link, kept in English */
  HAS("<deadline when=\"2021-07-24\" kind=\"registration\" formula=\"kind.registration\"><date "
      "when=\"2021-07-24\">24 juillet 2021</date> – Inscription <s xml:lang=\"en-GB\">(via the "
      "<link href=\"https://x.int/r\">online form</link>) to WP1/11</s></deadline>");
  cr_expect_eq(rep.mixed, 1);
  cr_expect_eq(rep.kept, 0);
}

Test(translate, a_deadline_that_is_its_kind_alone) {
  translate(LETTER("fr-CH", DEADLINES("<deadline when=\"2021-10-01\" kind=\"registration\" "
                                      "formula=\"kind.registration\"><date when=\"2021-10-01\">1er "
                                      "octobre 2021</date> – Inscription</deadline>\n")),
            "en");
  HAS("<deadline when=\"2021-10-01\" kind=\"registration\" formula=\"kind.registration\"><date "
      "when=\"2021-10-01\">1 October 2021</date> – Registration</deadline>");
  cr_expect_eq(rep.translated, 1);
  cr_expect_eq(rep.mixed, 0);
}

Test(translate, a_chinese_deadline_means_first_comes_after_the_action) {
  translate(LETTER("zh-CN", DEADLINES("<deadline when=\"2021-11-18\" kind=\"contributions\" "
                                      "formula=\"kind.contributions\"><date "
                                      "when=\"2021-11-18\">2021年11月18日</date> – "
                                      "（通过文件直传系统）提交ITU-T成员文稿</deadline>\n")),
            "en");
  HAS("formula=\"kind.contributions\"><date when=\"2021-11-18\">18 November 2021</date> – Submit "
      "ITU-T Member contributions<s xml:lang=\"zh-CN\">（通过文件直传系统）</s></deadline>");
}

Test(translate, a_deadline_whose_kind_is_only_in_brackets_is_kept) {
  translate(LETTER("en-GB", DEADLINES("<deadline when=\"2021-07-24\" kind=\"registration\" "
                                      "formula=\"kind.registration\"><date when=\"2021-07-24\">24 "
                                      "July 2021</date> - Sign up (registration)</deadline>\n")),
            "fr");
  HAS("xml:lang=\"en-GB\" formula=\"kind.registration\"><date when=\"2021-07-24\">24 July "
      "2021</date> - Sign up (registration)</deadline>");
  cr_expect_eq(rep.kept, 1);
}

Test(translate, an_unknown_language_is_an_error) {
  colette_letter *l = NULL, *out = NULL;
  colette_error e;
  const char *doc = LETTER("en-GB", "<body/>\n");
  cr_assert_eq(colette_letter_read(doc, strlen(doc), "t", &l, &e), COLETTE_OK);
  cr_expect_eq(colette_letter_translate(l, "xx", NULL, &out, NULL, &e), COLETTE_ERR_INVALID);
  cr_expect(strstr(e.message, "no catalogue for the language 'xx'") != NULL, "%s", e.message);
  cr_expect_null(out);
  colette_letter_free(l);
}

Test(translate, dates_through_icu) {
  catalog *cat = NULL;
  colette_error e;
  cr_assert_eq(cat_open(&cat, &e), COLETTE_OK);
  render_dates *d = render_dates_new(cat);
  buf b = BUF_INIT;
  cr_assert_eq(render_date(d, "2021-05-21", "en", &b, &e), COLETTE_OK);
  cr_expect_str_eq(b.data, "21 May 2021");
  buf_clear(&b);
  render_date(d, "2022-07-01", "fr", &b, &e);
  cr_expect_str_eq(b.data, "1er juillet 2022");
  buf_clear(&b);
  render_date(d, "2022-07-02", "fr-CH", &b, &e);
  cr_expect_str_eq(b.data, "2 juillet 2022");
  buf_clear(&b);
  render_daterange(d, "2021-08-24", "2021-09-03", "zh", &b, &e);
  cr_expect_str_eq(b.data, "2021年8月24日至9月3日");
  buf_clear(&b);
  render_daterange(d, "2021-08-24", "2021-09-03", "en", &b, &e);
  cr_expect_str_eq(b.data, "24 August\xE2\x80\x89–\xE2\x80\x89"
                           "3 September 2021"); /* CLDR's thin spaces */
  buf_clear(&b);
  cr_expect_eq(render_date(d, "May 2021", "en", &b, &e), COLETTE_ERR_INVALID);
  buf_free(&b);
  render_dates_free(d);
  cat_free(cat);
}

Test(translate, times_as_the_genre_writes_them) {
  /* the catalogue's settings.timePattern where the genre departs from
   * CLDR (French "11 h 00" with no-break spaces; Chinese "14时30分"), its
   * timeOnTheHour where the minutes go on the hour ("12时"), and ICU's
   * hour-minute form of the locale for a language without them (English,
   * and a language the catalogue lacks) */
  catalog *cat = NULL;
  colette_error e;
  cr_assert_eq(cat_open(&cat, &e), COLETTE_OK);
  render_dates *d = render_dates_new(cat);
  static const struct {
    const char *hhmm, *lang, *text;
  } cases[] = {
      {"11:00", "fr", "11\u00A0h\u00A000"},
      {"09:05", "fr-CH", "09\u00A0h\u00A005"},
      {"12:00", "zh", "12时"},
      {"09:00", "zh", "9时"},
      {"14:30", "zh", "14时30分"},
      {"14:30", "en", "14:30"},
      {"00:00", "en-GB", "00:00"},
      {"14:30", "de", "14:30"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    buf b = BUF_INIT;
    cr_assert_eq(render_time(d, cases[i].hhmm, cases[i].lang, &b, &e), COLETTE_OK, "%s", e.message);
    cr_expect_str_eq(b.data, cases[i].text, "%s in %s", cases[i].hhmm, cases[i].lang);
    buf_free(&b);
  }
  buf b = BUF_INIT;
  cr_expect_eq(render_time(d, "25:00", "fr", &b, &e), COLETTE_ERR_INVALID);
  cr_expect_eq(render_time(d, "noon", "zh", &b, &e), COLETTE_ERR_INVALID);
  buf_free(&b);
  /* a range of times: what stands around and between them is ICU's (CLDR
   * spaces the dash thinly in French and US English, not in British English
   * or Chinese), the times are the language's own */
  static const struct {
    const char *a, *b, *lang, *text;
  } ranges[] = {
      {"12:00", "15:00", "zh", "12时–15时"},
      {"10:00", "16:30", "fr", "10\u00A0h\u00A000\u2009\u2013\u200916\u00A0h\u00A030"},
      {"10:00", "16:30", "en-GB", "10:00\u201316:30"},          /* British English: no spaces */
      {"22:00", "02:00", "en", "22:00\u2009\u2013\u200902:00"}, /* past midnight */
      {"10:00", "10:00", "en", "10:00"},                        /* one time */
  };
  for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++) {
    buf r = BUF_INIT;
    cr_assert_eq(render_timerange(d, ranges[i].a, ranges[i].b, ranges[i].lang, &r, &e), COLETTE_OK,
                 "%s", e.message);
    cr_expect_str_eq(r.data, ranges[i].text, "%s/%s in %s", ranges[i].a, ranges[i].b,
                     ranges[i].lang);
    buf_free(&r);
  }
  buf_puts(&b, "kept");
  cr_expect_eq(render_timerange(d, "10:00", "25:00", "fr", &b, &e), COLETTE_ERR_INVALID);
  cr_expect_eq(render_timerange(d, "10:00", NULL, "fr", &b, &e), COLETTE_ERR_INVALID);
  cr_expect_str_eq(b.data, "kept", "nothing written on failure");
  buf_free(&b);
  /* in a sentence: a translated time range */
  static const char *hours =
      LETTER("en-GB", "<body>\n<p formula=\"sentence.hours.daily\" arg:time=\"10:00/16:30\">The "
                      "meeting will be held at <time start=\"10:00\" end=\"16:30\">10:00-16:30 "
                      "hours</time>, Geneva time, every day using the MyMeetings remote "
                      "participation tool.</p>\n</body>\n");
  translate(hours, "zh");
  /* Chinese running text spaces the dash (timeRangeInText), as the seed's "14时 – 16时" */
  HAS("会议将每天于日内瓦时间<time start=\"10:00\" end=\"16:30\">10时 – 16时30分</time>");
  /* a heading keeps {time}, and its dash unspaced */
  translate(LETTER("en-GB", "<body>\n<heading formula=\"heading.virtual-time\" arg:time=\"12:00/15:00\" "
                            "arg:date=\"2022-01-05\">Virtual, <time start=\"12:00\" end=\"15:00\">"
                            "12:00-15:00</time>, Geneva time, <date when=\"2022-01-05\">5 January "
                            "2022</date></heading>\n</body>\n"),
            "zh");
  HAS("<time start=\"12:00\" end=\"15:00\">12时–15时</time>");
  translate(hours, "fr");
  /* French running text says a range "de … à …" (timeRangeInText), not the dash */
  HAS("tous les jours de <time start=\"10:00\" end=\"16:30\">10\u00A0h\u00A000 à "
      "16\u00A0h\u00A030</time>, heure de Genève");
  /* and one time "à …" (timeInText) */
  translate(LETTER("en-GB",
                   "<body>\n<p formula=\"sentence.start.mymeetings\" arg:time=\"11:00\">The "
                   "meeting will start on the first day at <time start=\"11:00\">11:00 "
                   "hours</time>, Geneva time, using the MyMeetings remote participation "
                   "tool.</p>\n</body>\n"),
            "fr");
  HAS("le premier jour à <time start=\"11:00\">11\u00A0h\u00A000</time>, heure de Genève");
  render_dates_free(d);
  cat_free(cat);
}

Test(translate, a_range_in_running_text) {
  /* ICU's interval cut at its spans into the catalogue's rangeInText:
   * what the two dates share stays once, where ICU puts it; the first of
   * the month keeps its French ordinal; a language without the setting
   * (Chinese, whose interval already reads as running text) and a range of
   * one day are ICU's forms */
  catalog *cat = NULL;
  colette_error e;
  cr_assert_eq(cat_open(&cat, &e), COLETTE_OK);
  render_dates *d = render_dates_new(cat);
  static const struct {
    const char *start, *end, *lang, *text;
  } cases[] = {
      {"2021-08-24", "2021-09-03", "en", "from 24 August to 3 September 2021"},
      {"2026-02-02", "2026-02-12", "en", "from 2 to 12 February 2026"},
      {"2025-12-29", "2026-01-05", "en", "from 29 December 2025 to 5 January 2026"},
      {"2020-08-24", "2020-09-03", "fr", "du 24 août au 3 septembre 2020"},
      {"2026-06-01", "2026-06-12", "fr", "du 1er au 12 juin 2026"},
      {"2026-06-01", "2026-07-03", "fr-CH", "du 1er juin au 3 juillet 2026"},
      {"2026-06-11", "2026-06-21", "fr", "du 11 au 21 juin 2026"},
      {"2021-08-24", "2021-09-03", "zh", "2021年8月24日至9月3日"},
      {"2026-02-02", "2026-02-02", "en", "2 February 2026"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    buf b = BUF_INIT;
    int li = cat_language_index(cat, cases[i].lang);
    cr_assert(li >= 0);
    cr_assert_eq(render_daterange_text(d, cases[i].start, cases[i].end, cases[i].lang,
                                       cat_language_range_text(cat, (size_t)li), &b, &e),
                 COLETTE_OK, "%s", e.message);
    cr_expect_str_eq(b.data, cases[i].text);
    buf_free(&b);
  }
  /* in a sentence: the invitation's {dates_text} */
  translate(LETTER("en-GB", "<body>\n<p formula=\"sentence.invitation.virtual\" arg:group=\"SG17\" "
                            "arg:topic=\"Security\" arg:dates=\"2021-08-24/2021-09-03\">It is my "
                            "pleasure to invite you to attend the next meeting of ITU-T Study "
                            "Group 17 (Security), which will be held virtually from 24 August to 3 "
                            "September 2021, inclusive.</p>\n</body>\n"),
            "fr");
  HAS(">du 24 août au 3 septembre 2021</daterange> inclus.");
  render_dates_free(d);
  cat_free(cat);
}
