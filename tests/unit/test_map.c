/*
 * Unit tests: colette-map on small flat documents, read back through the
 * letter model.  Each test is a layout or a trap the mapper must see
 * through: the same facts whatever carries them, and no fact from the
 * wrong place.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx_builder.h"

#define P(x) "<p>" x "</p>"
#define CELL(x) "<cell col=\"1\">" x "</cell>"
#define ROW(x) "<row>" x "</row>"
#define TABLE(x) "<table cols=\"2\">" x "</table>"
#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"

static colette_letter *letter;
static char *xml;           /* the letter as written */
static colette_sink warned; /* the map's warnings sink for the next map (none) */

static colette_status map_opts(const char *body, const char *extra, int strict,
                               colette_sink explain, colette_map_report *rep) {
  char doc[16384];
  snprintf(doc, sizeof doc,
           "<document xmlns=\"urn:colette:flat:1\" version=\"1\" main-part=\"w\" "
           "conformance=\"transitional\" xml:lang=\"en-GB\" normalized=\"nfc\"><properties/>"
           "<body>%s</body>%s"
           "</document>",
           body, extra ? extra : "");
  colette_map_options opts;
  colette_map_options_default(&opts);
  opts.strict = strict;
  opts.explain = explain;
  opts.warnings = warned;
  colette_error e;
  colette_letter_free(letter);
  letter = NULL;
  free(xml);
  xml = NULL;
  colette_status st = colette_map_doc(doc, strlen(doc), &opts, &letter, rep, &e);
  if (st == COLETTE_OK) {
    sinkbuf o = {NULL, 0};
    colette_sink sink = {sinkbuf_write, &o};
    cr_assert_eq(colette_letter_write(letter, sink, &e), COLETTE_OK, "%s", e.message);
    xml = o.data;
  }
  return st;
}

static colette_status map(const char *body, const char *extra) {
  colette_map_report rep;
  colette_sink none = {NULL, NULL};
  return map_opts(body, extra, 0, none, &rep);
}

static void cleanup(void) {
  colette_letter_free(letter);
  letter = NULL;
  free(xml);
  xml = NULL;
}

TestSuite(map, .fini = cleanup);

/* The n-th node of a type (0-based) in document order under root. */
static colette_node *nth(colette_node_type t, int n) {
  colette_iter *it = colette_iter_new(colette_letter_root(letter));
  colette_node *found = NULL;
  colette_event ev;
  while (!found && (ev = colette_iter_next(it)) != COLETTE_EVENT_DONE) {
    colette_node *x = colette_iter_node(it);
    if (ev == COLETTE_EVENT_ENTER && colette_node_get_type(x) == t && n-- == 0) found = x;
  }
  colette_iter_free(it);
  return found;
}

static int count(colette_node_type t) {
  int n = 0;
  while (nth(t, n))
    n++;
  return n;
}

/* The node's text, newlines (line breaks) as spaces; a static buffer. */
static const char *text(colette_node *n) {
  static char out[2048];
  out[0] = '\0';
  if (!n) return "(none)";
  char *t = colette_node_text(n);
  snprintf(out, sizeof out, "%s", t);
  colette_free(t);
  for (char *c = out; *c; c++)
    if (*c == '\n') *c = ' ';
  return out;
}

static const char *attr(colette_node *n, colette_attr a) {
  const char *v = n ? colette_node_attr(n, a) : NULL;
  return v ? v : "(none)";
}

/* Every node of type t's attribute a (its text when a is
 * COLETTE_ATTR_COUNT_), in document order, joined by sep; one static
 * buffer per kind of call. */
static const char *all_of(colette_node_type t, colette_attr a, const char *sep) {
  static char attrs[1024], texts[1024];
  char *out = a == COLETTE_ATTR_COUNT_ ? texts : attrs;
  out[0] = '\0';
  for (int k = 0; nth(t, k); k++) {
    colette_node *n = nth(t, k);
    snprintf(out + strlen(out), sizeof attrs - strlen(out), "%s%s", k ? sep : "",
             a == COLETTE_ATTR_COUNT_ ? text(n) : attr(n, a));
  }
  return out;
}

#define HAS(s) cr_expect(xml &&strstr(xml, s) != NULL, "expected %s in:\n%s", s, xml)

Test(map, typed_agenda_tabbed_deadlines_and_a_year_boundary) {
  cr_assert_eq(map(P("Geneva, 20 December 2021") P("Subject:") P("Dear Sir/Madam,") P(
                       "Key deadlines:") P("7 January<tab/>–<tab/>Submit contributions")
                       P("14 January<tab/>–<tab/>Registration") P("Yours faithfully,") P("Annex: 1")
                           P("ANNEX A") P("1. Opening") P("a) Report of the last meeting")
                               P("2. Closing at 16:00 hours"),
                   NULL),
               COLETTE_OK);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE, 0), COLETTE_ATTR_WHEN), "2021-12-20");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 0), COLETTE_ATTR_WHEN), "2022-01-07");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 0), COLETTE_ATTR_KIND), "contributions");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 1), COLETTE_ATTR_KIND), "registration");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ENCLOSURE, 0), COLETTE_ATTR_COUNT), "1");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ANNEX, 0), COLETTE_ATTR_ID), "A");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ITEM, 1), COLETTE_ATTR_LABEL), "a)");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ITEM, 1), COLETTE_ATTR_LEVEL), "2");
  HAS("<time start=\"16:00\">16:00 hours</time>");
}

Test(map, a_document_that_is_no_letter) {
  colette_map_report rep;
  colette_sink none = {NULL, NULL};
  cr_assert_eq(
      map_opts(P("Minutes of the meeting held on 3 May 2021") P("1. Opening"), NULL, 0, none, &rep),
      COLETTE_OK);
  cr_expect(!rep.is_letter);
  cr_expect_null(nth(COLETTE_NODE_HEAD, 0));
  cr_expect_eq(count(COLETTE_NODE_ITEM), 1);
  cr_expect_eq(map_opts(P("Minutes"), NULL, 1, none, &rep), COLETTE_ERR_NO_DOCUMENT);
}

Test(map, notes_at_their_reference_and_head_labels_in_cells) {
  cr_assert_eq(
      map(TABLE(ROW(CELL(P("Tel:")) CELL(P("+41 22 730 5111")))
                    ROW(CELL(P("E-mail:")) CELL(P("TSB@ITU.INT")))) P("Madame, Monsieur,")
              P("La réunion<noteref type=\"footnote\" id=\"1\" mark=\"1\"/> aura lieu."),
          "<footnotes><note type=\"footnote\" id=\"1\"><p>En ligne.</p></note></footnotes>"),
      COLETTE_OK);
  HAS("<contact type=\"tel\" label=\"Tel:\" value=\"+41227305111\" formula=\"label.tel\">+41 22 "
      "730 "
      "5111</contact>");
  HAS("<contact type=\"email\" label=\"E-mail:\" value=\"tsb@itu.int\" formula=\"label.email\">"
      "TSB@ITU.INT</contact>");
  HAS("<p>La réunion<note type=\"footnote\" mark=\"1\"><p>En ligne.</p>\n</note> aura lieu.</p>");
}

/* A key-deadlines table with a header row is no list of deadlines: it
 * stays a table, once, with all its text. */
/* Regression: a note is mapped at its reference, and its paragraphs ran
 * the recognisers into the mapper's match buffer, so the rest of the line
 * was cut at the note's matches ("of<date when=\"2020-05-01\"> 24
 * August</date>"), or at freed memory when the note's longer text moved
 * the buffer (a crash, or broken UTF-8). */
Test(map, a_note_keeps_the_facts_of_the_line_after_it) {
  cr_assert_eq(
      map(P("Dear Sir/Madam,")
              P("See the note<noteref type=\"footnote\" id=\"1\" mark=\"1\"/> of 24 August 2021 "
                "from a@itu.int."),
          "<footnotes><note type=\"footnote\" id=\"1\"><p>Held before on 1 May 2020, 2 June "
          "2020, 3 July 2020 and 4 August 2020, with b@itu.int, c@itu.int and "
          "http://www.itu.int/en/ITU-T/studygroups/ for the records of the group, which are "
          "kept.</p></note></footnotes>"),
      COLETTE_OK);
  HAS("</note> of <date when=\"2021-08-24\">24 August 2021</date> from <email "
      "value=\"a@itu.int\">a@itu.int</email>.</p>");
  HAS("<note type=\"footnote\" mark=\"1\"><p>Held before on <date when=\"2020-05-01\">");
}

Test(map, deadline_table_with_a_header_row) {
  cr_assert_eq(map(P("Dear Sir/Madam,") P("Key deadlines:")
                       TABLE(ROW(CELL(P("Date")) CELL(P("Action"))) ROW(
                           CELL(P("24 June 2021")) CELL(P("Registration")))) P("Yours faithfully,"),
                   NULL),
               COLETTE_OK);
  HAS("<deadlines>\n<title formula=\"deadlines\">Key deadlines:</title>\n</deadlines>\n<table>");
  cr_assert(strstr(xml, "Action") != NULL);
  cr_expect(strstr(strstr(xml, "Action") + 1, "Action") == NULL, "the table once:\n%s", xml);
}

/* The same deadlines laid out five ways give the same facts: date first or
 * last, in paragraphs, list items or table columns.  A sentence that ends
 * with a date after them is no deadline (no label's separator before it). */
static void expect_deadlines(const char *layout) {
  cr_expect_eq(count(COLETTE_NODE_DEADLINE), 2, "%s:\n%s", layout, xml);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 0), COLETTE_ATTR_WHEN), "2026-07-14", "%s",
                   layout);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 0), COLETTE_ATTR_KIND), "fellowship", "%s",
                   layout);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 1), COLETTE_ATTR_WHEN), "2026-09-07", "%s",
                   layout);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 1), COLETTE_ATTR_KIND), "registration", "%s",
                   layout);
  HAS("<p>The meeting closes on <date when=\"2026-09-25\">25 September 2026</date>.</p>");
}

#define CLOSES P("The meeting closes on 25 September 2026.") P("Yours faithfully,")

Test(map, deadlines_with_their_date_first_or_last) {
  static const struct {
    const char *name, *blocks;
  } layouts[] = {
      {"date first", P("14 July 2026<tab/>–<tab/>Requests for fellowships")
                         P("7 September 2026<tab/>–<tab/>Pre-registration")},
      {"date last",
       P("Requests for fellowships: 14 July 2026") P("Pre-registration – 7 September 2026.")},
      {"list items", "<p label=\"•\" level=\"1\">Requests for fellowships: 14 July 2026</p>"
                     "<p label=\"•\" level=\"1\">Pre-registration<tab/>7 September 2026</p>"},
      {"table, date first",
       TABLE(ROW(CELL(P("14 July 2026")) CELL(P("Requests for fellowships")))
                 ROW(CELL(P("7 September 2026")) CELL(P("Pre-registration"))))},
      {"table, date last", TABLE(ROW(CELL(P("Requests for fellowships")) CELL(P("14 July 2026")))
                                     ROW(CELL(P("Pre-registration")) CELL(P("7 September 2026"))))},
  };
  for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++) {
    char body[2048];
    snprintf(body, sizeof body, "%s%s%s%s", P("Dear Sir/Madam,"), P("Key deadlines:"),
             layouts[i].blocks, CLOSES);
    cr_assert_eq(map(body, NULL), COLETTE_OK);
    expect_deadlines(layouts[i].name);
  }
}

/* ---- the same facts whatever the layout ------------------------------------------------- */

static void expect_head_facts(void) {
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE, 0), COLETTE_ATTR_WHEN), "2025-03-14");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_PLACE, 0), COLETTE_ATTR_KEY), "geneva");
  colette_node *ref = nth(COLETTE_NODE_REF, 0);
  cr_expect_str_eq(attr(ref, COLETTE_ATTR_TYPE), "collective-letter");
  cr_expect_str_eq(attr(ref, COLETTE_ATTR_NUMBER), "5");
  cr_expect_str_eq(attr(ref, COLETTE_ATTR_GROUP), "13");
  cr_expect_str_eq(text(nth(COLETTE_NODE_REF, 1)), "SG13/TK");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_CONTACT, 0), COLETTE_ATTR_VALUE), "+41227305126");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_CONTACT, 1), COLETTE_ATTR_VALUE), "tsbsg13@itu.int");
  cr_expect_eq(count(COLETTE_NODE_ADDRESSEE), 3);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEE, 0), COLETTE_ATTR_ROLE), "member-states");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEE, 1), COLETTE_ATTR_ROLE), "sector-members");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEE, 2), COLETTE_ATTR_ROLE), "associates");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEE, 2), COLETTE_ATTR_GROUP), "SG13");
  colette_node *m = nth(COLETTE_NODE_MEETING, 0);
  cr_expect_str_eq(attr(m, COLETTE_ATTR_GROUP), "SG13");
  cr_expect_str_eq(attr(m, COLETTE_ATTR_MODE), "physical");
  cr_expect_str_eq(attr(m, COLETTE_ATTR_START), "2025-07-07");
  cr_expect_str_eq(attr(m, COLETTE_ATTR_PLACE), "geneva");
}

#define SUBJECT "Meeting of Study Group 13, Geneva, 7-18 July 2025"

Test(map, head_as_a_table) {
  cr_assert_eq(
      map(TABLE(ROW(CELL(P("Geneva, 14 March 2025")))
                    ROW(CELL(P("Ref:")) CELL(P("TSB Collective letter 5/13") P("SG13/TK"))
                            CELL(P("-<tab/>To Administrations of Member States of the Union;")
                                     P("-<tab/>To ITU-T Sector Members;")
                                         P("-<tab/>To ITU-T Associates of Study Group 13")))
                        ROW(CELL(P("Tel:")) CELL(P("+41 22 730 5126")))
                            ROW(CELL(P("E-mail:")) CELL(P("tsbsg13@itu.int")))
                                ROW(CELL(P("Subject:")) CELL(P(SUBJECT)))) P("Dear Sir/Madam,"),
          NULL),
      COLETTE_OK);
  expect_head_facts();
}

Test(map, head_as_paragraphs_label_and_value_in_one) {
  cr_assert_eq(map(P("Geneva, 14 March 2025") P("Ref.: TSB Collective letter 5/13") P("SG13/TK")
                       P("Tel.:<tab/>+41 22 730 5126") P("E-mail: tsbsg13@itu.int") P(
                           "To Administrations of Member States of the Union;")
                           P("To ITU-T Sector Members;") P("To ITU-T Associates of Study Group 13")
                               P("Subject: " SUBJECT) P("Dear Sir/Madam,"),
                   NULL),
               COLETTE_OK);
  expect_head_facts();
  cr_expect_str_eq(attr(nth(COLETTE_NODE_REF, 0), COLETTE_ATTR_LABEL), "Ref.:");
}

/* One cell with line breaks; French labels with the no-break spaces French
 * typography asks for; the dateline after the table. */
Test(map, head_in_one_cell_with_breaks_french_typography) {
  cr_assert_eq(
      map(TABLE(ROW(CELL(P("Réf." NBSP ":<br/>Lettre collective TSB 5/13<br/>SG13/TK")) CELL(
              P("Aux Administrations des États Membres de l'Union" NNBSP
                ";<br/>aux Membres du Secteur UIT-T" NNBSP
                ";<br/>aux Associés de l'UIT-T participant aux travaux de la "
                "Commission d'études 13"))) ROW(CELL(P("Tél." NBSP ":")) CELL(P("+41 22 730 5126")))
                    ROW(CELL(P("Courriel" NBSP ":")) CELL(P("tsbsg13@itu.int")))
                        ROW(CELL(P("Objet" NBSP ":")) CELL(P(
                            "Réunion de la Commission d'études 13, Genève, 7-18 "
                            "juillet 2025")))) P("Genève, le 14 mars 2025") P("Madame, Monsieur,"),
          NULL),
      COLETTE_OK);
  expect_head_facts();
  cr_expect_str_eq(attr(nth(COLETTE_NODE_REF, 0), COLETTE_ATTR_LABEL), "Réf." NBSP ":");
}

/* The head in a text box: its paragraphs are lines like any others. */
Test(map, head_in_a_text_box) {
  cr_assert_eq(map("<p><textbox>" P("Geneva, 14 March 2025") P("Ref.: TSB Collective letter 5/13")
                       P("SG13/TK") P("Tel.:<tab/>+41 22 730 5126") P("E-mail: tsbsg13@itu.int") P(
                           "To Administrations of Member States of the Union;")
                           P("To ITU-T Sector Members;") P("To ITU-T Associates of Study Group 13")
                               P("Subject: " SUBJECT) "</textbox></p>" P("Dear Sir/Madam,"),
                   NULL),
               COLETTE_OK);
  expect_head_facts();
}

/* An addressee broken over two lines of one paragraph is one addressee;
 * a list with neither dashes nor semicolons is still one per role. */
Test(map, addressees_broken_over_lines) {
  cr_assert_eq(map(P("致：") P("国际电联各成员国主管部门；")
                       P("参加第11研究组工作的ITU-T<br/>部门准成员；")
                           P("To ITU-T Sector Members<br/>To ITU Academia") P("尊敬的先生/女士："),
                   NULL),
               COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_ADDRESSEE), 4, "%s", xml);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEE, 1), COLETTE_ATTR_ROLE), "associates");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEE, 1), COLETTE_ATTR_GROUP), "SG11");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEE, 2), COLETTE_ATTR_ROLE), "sector-members");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEE, 3), COLETTE_ATTR_ROLE), "academia");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ADDRESSEES, 0), COLETTE_ATTR_LABEL), "致：");
}

/* "Copy to:" opens a group of its own: those who receive a copy are no
 * addressees (they were read as addressees, "Copy to:" one of them);
 * "Contact:" gives the person; a circular is the letter's reference as a
 * collective letter is.  In a layout table and as paragraphs, in three
 * languages. */
static void expect_copies(const char *to_label, const char *copy_label, const char *person) {
  cr_expect_eq(count(COLETTE_NODE_ADDRESSEES), 2, "%s", xml);
  colette_node *to = nth(COLETTE_NODE_ADDRESSEES, 0), *cc = nth(COLETTE_NODE_ADDRESSEES, 1);
  cr_expect_str_eq(attr(to, COLETTE_ATTR_LABEL), to_label);
  cr_expect_str_eq(attr(to, COLETTE_ATTR_TYPE), "(none)");
  cr_expect_str_eq(attr(cc, COLETTE_ATTR_TYPE), "copy", "%s", xml);
  cr_expect_str_eq(attr(cc, COLETTE_ATTR_LABEL), copy_label);
  cr_expect_str_eq(attr(cc, COLETTE_ATTR_FORMULA), "label.copy");
  int in_to = 0, in_cc = 0;
  for (colette_node *a = colette_node_first_child(to); a; a = colette_node_next(a))
    in_to++;
  for (colette_node *a = colette_node_first_child(cc); a; a = colette_node_next(a))
    in_cc++;
  cr_expect_eq(in_to, 2, "%s", xml);
  cr_expect_eq(in_cc, 2, "%s", xml);
  cr_expect_str_eq(attr(colette_node_first_child(cc), COLETTE_ATTR_ROLE), "chairs");
  colette_node *c = nth(COLETTE_NODE_CONTACT, 0);
  cr_expect_str_eq(attr(c, COLETTE_ATTR_TYPE), "person", "%s", xml);
  cr_expect_str_eq(text(c), person);
  cr_expect_str_eq(attr(c, COLETTE_ATTR_FORMULA), "label.contact");
  colette_node *r = nth(COLETTE_NODE_REF, 0);
  cr_expect_str_eq(attr(r, COLETTE_ATTR_TYPE), "circular", "%s", xml);
  cr_expect_str_eq(attr(r, COLETTE_ATTR_NUMBER), "245");
}

Test(map, copies_a_contact_person_and_a_circular) {
  cr_assert_eq(
      map(TABLE(ROW(CELL(P("Ref:")) CELL(P("TSB Circular 245"))) ROW(CELL(P("Contact:")) CELL(
              P("Jane Doe"))) ROW(CELL(P("Tel:")) CELL(P("+41 22 730 5126")))) P("To:")
              P("-<tab/>Administrations of Member States of the Union;")
                  P("-<tab/>ITU-T Sector Members;") P("Copy to:")
                      P("-<tab/>The Chairmen and Vice-Chairmen of ITU-T Study Groups;")
                          P("-<tab/>The Director of the Telecommunication Development Bureau")
                              P("Subject: " SUBJECT) P("Dear Sir/Madam,"),
          NULL),
      COLETTE_OK);
  expect_copies("To:", "Copy to:", "Jane Doe");
  cr_expect_eq(count(COLETTE_NODE_CONTACT), 2);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_SUBJECT, 0), COLETTE_ATTR_LABEL), "Subject:");
  /* French, label and value on one line */
  cr_assert_eq(
      map(P("Réf." NBSP ": Circulaire TSB 245") P("Contact" NBSP ": Jane Doe") P("Aux" NBSP ":")
              P("-<tab/>Administrations des États Membres de l'Union" NNBSP ";")
                  P("-<tab/>Membres du Secteur UIT-T" NNBSP ";")
                      P("Copie" NBSP ": - Aux Présidents et Vice-Présidents des commissions "
                        "d'études de l'UIT-T" NNBSP ";")
                          P("-<tab/>Au Directeur du Bureau de développement des télécommunications")
                              P("Madame, Monsieur,"),
          NULL),
      COLETTE_OK);
  expect_copies("Aux" NBSP ":", "Copie" NBSP ":", "Jane Doe");
  /* Chinese */
  cr_assert_eq(map(P("文号：电信标准化局第245号通函") P("联系人：Jane Doe") P("致：")
                       P("-<tab/>国际电联各成员国主管部门；") P("-<tab/>ITU-T部门成员；")
                           P("抄送：") P("-<tab/>ITU-T各研究组正副主席；")
                               P("-<tab/>电信发展局主任") P("尊敬的先生/女士："),
                   NULL),
               COLETTE_OK);
  expect_copies("致：", "抄送：", "Jane Doe");
}

/* Metamorphic: the copies listed after the signature ("cc:", "Copie :",
 * "抄送：", on the label's line or the lines after) are the head's copies,
 * as where the head lists them: the same addressees, roles and labels; the
 * signature keeps its own lines only, and no word is lost. */
Test(map, copies_at_the_foot_are_the_heads_copies) {
  static const char *const heads[] = {
      P("To:") P("-<tab/>Administrations of Member States of the Union;"),
      P("Aux" NBSP ":") P("-<tab/>Administrations des États Membres de l'Union" NNBSP ";"),
      P("致：") P("-<tab/>国际电联各成员国主管部门；"),
  };
  static const char *const feet[] = {
      P("Dear Sir/Madam,") P("The meeting will be held in Geneva.") P("Yours faithfully,")
          P("Seizo Onoe") P("Director of the Telecommunication Standardization Bureau")
              P("cc: The Chairmen and Vice-Chairmen of ITU-T Study Groups;")
                  P("The Director of the Telecommunication Development Bureau"),
      P("Madame, Monsieur,") P("La réunion se tiendra à Genève.")
          P("Veuillez agréer, Madame, Monsieur, l'assurance de ma haute considération.")
              P("Seizo Onoe") P("Directeur du Bureau de la normalisation des télécommunications")
                  P("Copie" NBSP ":")
                      P("-<tab/>Aux Présidents et Vice-Présidents des commissions d'études "
                        "de l'UIT-T" NNBSP ";")
                          P("-<tab/>Au Directeur du Bureau de développement des "
                            "télécommunications"),
      P("尊敬的先生/女士：") P("会议将在日内瓦举行。") P("顺致崇高敬意！") P("尾岛诚司")
          P("电信标准化局主任") P("抄送：ITU-T各研究组正副主席；") P("电信发展局主任"),
  };
  static const char *const labels[] = {"cc:", "Copie" NBSP ":", "抄送："};
  /* with a page footer too: the copies are written with the head's facts,
   * before its furniture, as the head's own copies are */
  static const char *const footer =
      "<footer part=\"word/footer1.xml\" type=\"default\"><p>Place des Nations</p></footer>";
  for (size_t i = 0; i < 6; i++) {
    char doc[4096];
    snprintf(doc, sizeof doc, "%s%s", heads[i % 3], feet[i % 3]);
    cr_assert_eq(map(doc, i < 3 ? NULL : footer), COLETTE_OK);
    if (i >= 3) {
      colette_node *last = colette_node_last_child(nth(COLETTE_NODE_HEAD, 0));
      cr_expect_eq(colette_node_get_type(last), COLETTE_NODE_FURNITURE, "letter %zu: %s", i, xml);
    }
    cr_expect_eq(count(COLETTE_NODE_ADDRESSEES), 2, "letter %zu: %s", i, xml);
    colette_node *cc = nth(COLETTE_NODE_ADDRESSEES, 1);
    cr_expect_eq(colette_node_parent(cc), nth(COLETTE_NODE_HEAD, 0), "letter %zu", i);
    cr_expect_str_eq(attr(cc, COLETTE_ATTR_TYPE), "copy", "letter %zu: %s", i, xml);
    cr_expect_str_eq(attr(cc, COLETTE_ATTR_LABEL), labels[i % 3], "letter %zu", i);
    int in_cc = 0;
    for (colette_node *a = colette_node_first_child(cc); a; a = colette_node_next(a))
      in_cc++;
    cr_expect_eq(in_cc, 2, "letter %zu: %s", i, xml);
    cr_expect_str_eq(attr(colette_node_first_child(cc), COLETTE_ATTR_ROLE), "chairs",
                     "letter %zu: %s", i, xml);
    /* the signature is the name and the title, nothing else */
    colette_node *sig = nth(COLETTE_NODE_SIGNATURE, 0);
    int in_sig = 0;
    for (colette_node *c = colette_node_first_child(sig); c; c = colette_node_next(c))
      in_sig++;
    cr_expect_eq(in_sig, 2, "letter %zu: %s", i, xml);
    cr_expect(strstr(xml, "Development Bureau") || strstr(xml, "développement") ||
                  strstr(xml, "电信发展局主任"),
              "letter %zu: the last copy's words are kept", i);
  }
  /* not copies: a sentence that starts with the word, a label in the body */
  cr_assert_eq(map(P("Dear Sir/Madam,") P("Copies of the report are available.")
                       P("Yours faithfully,") P("Seizo Onoe"),
                   NULL),
               COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_ADDRESSEES), 0, "%s", xml);
  cr_assert_eq(
      map(P("Dear Sir/Madam,") P("Copy: the Secretariat keeps one.") P("Yours faithfully,"), NULL),
      COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_ADDRESSEES), 0, "before the closing, a paragraph: %s", xml);
}

/* A salutation of the genre's shape that the catalogue does not spell out
 * ("Dear Members,") still splits head from body: before, "no salutation",
 * and every head fact was lost to a body-only letter.  On a long line only
 * the catalogue's own words count. */
Test(map, a_salutation_naming_whom_it_greets) {
  static const char *const sals[] = {"Dear Members,", "Dear All,", "Chers membres,",
                                     "Chères et chers collègues,", "尊敬的各位同事："};
  for (size_t i = 0; i < sizeof sals / sizeof *sals; i++) {
    char body[512];
    snprintf(body, sizeof body,
             P("Geneva, 14 March 2025") P("Subject: " SUBJECT) P("%s") P("Text."), sals[i]);
    cr_assert_eq(map(body, NULL), COLETTE_OK);
    cr_expect_str_eq(text(nth(COLETTE_NODE_SALUTATION, 0)), sals[i], "%s", xml);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE, 0), COLETTE_ATTR_WHEN), "2025-03-14", "%s", xml);
    cr_expect_not_null(nth(COLETTE_NODE_SUBJECT, 0), "%s", xml);
  }
  /* long: the fixed form, whose line it is, or no salutation at all */
  cr_assert_eq(map(P("Subject: " SUBJECT) P("Dear Sir/Madam, I am pleased to invite you to the "
                                            "meeting of the group.") P("Text."),
                   NULL),
               COLETTE_OK);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_SALUTATION, 0), COLETTE_ATTR_FORMULA), "salutation");
  cr_expect_null(colette_node_get_arg(nth(COLETTE_NODE_SALUTATION, 0), "who"), "%s", xml);
  cr_assert_eq(map(P("Subject: " SUBJECT) P("Dear friends of the study group who attended the "
                                            "last meeting in Geneva,") P("Text."),
                   NULL),
               COLETTE_OK);
  cr_expect_null(nth(COLETTE_NODE_SALUTATION, 0), "%s", xml);
}

static void expect_signature(const char *name, const char *title) {
  cr_expect_str_eq(text(nth(COLETTE_NODE_NAME, 0)), name, "%s", xml);
  colette_node *t = nth(COLETTE_NODE_TITLE, 0);
  cr_expect_str_eq(text(t), title, "%s", xml);
  cr_expect_str_eq(attr(t, COLETTE_ATTR_FORMULA), "title.director-tsb");
}

/* "(signed)" before the name, on its own line or on the name's, in the
 * three languages: an aside in brackets is no part of the name, kept as a
 * paragraph of the signature. */
Test(map, a_bracketed_aside_before_the_signatory_is_no_name) {
  static const char *const sigs[] = {
      P("(signed)") P("Seizo Onoe") P("Director of the Telecommunication Standardization Bureau"),
      P("(signed) Seizo Onoe<br/>Director of the Telecommunication Standardization Bureau"),
      P("[signature]") P("Seizo Onoe")
          P("Director of the Telecommunication Standardization Bureau"),
      P("(signé) Seizo Onoe") P("Directeur du Bureau de la normalisation des télécommunications"),
      P("（签名）尾岛诚司") P("电信标准化局主任"),
  };
  static const char *const asides[] = {"(signed)", "(signed)", "[signature]", "(signé)",
                                       "（签名）"};
  static const char *const names[] = {"Seizo Onoe", "Seizo Onoe", "Seizo Onoe", "Seizo Onoe",
                                      "尾岛诚司"};
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
    char doc[2048];
    snprintf(doc, sizeof doc, "%s%s%s", P("Dear Sir/Madam,"), P("Yours faithfully,"), sigs[i]);
    cr_assert_eq(map(doc, NULL), COLETTE_OK);
    colette_node *sig = nth(COLETTE_NODE_SIGNATURE, 0);
    cr_assert_not_null(sig, "%zu: %s", i, xml);
    colette_node *first = colette_node_first_child(sig);
    cr_expect_eq(colette_node_get_type(first), COLETTE_NODE_PARAGRAPH, "%zu: %s", i, xml);
    cr_expect_str_eq(text(first), asides[i], "%zu", i);
    cr_expect_str_eq(text(nth(COLETTE_NODE_NAME, 0)), names[i], "%zu: %s", i, xml);
    cr_expect_not_null(nth(COLETTE_NODE_TITLE, 0), "%zu: %s", i, xml);
  }
}

Test(map, signature_in_one_paragraph_with_breaks) {
  cr_assert_eq(map(P("Dear Sir/Madam,") P("Yours faithfully,")
                       P("<image target=\"s.png\"/>Seizo Onoe<br/>Director of the "
                         "Telecommunication<br/>Standardization Bureau") P("Annexes: 2"),
                   NULL),
               COLETTE_OK);
  expect_signature("Seizo Onoe", "Director of the Telecommunication Standardization Bureau");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ENCLOSURE, 0), COLETTE_ATTR_COUNT), "2");
}

Test(map, signature_name_after_title_without_closing) {
  cr_assert_eq(map(P("尊敬的先生/女士：") P("祝您与会顺利且富有成效！")
                       P("<image target=\"s.png\"/>") P("电信标准化局主任") P("李在摄")
                           P("附件：3件"),
                   NULL),
               COLETTE_OK);
  expect_signature("李在摄", "电信标准化局主任");
  cr_expect_eq(count(COLETTE_NODE_SIGNATURE), 1);
  /* the wish is no part of the signature */
  cr_expect_str_eq(attr(nth(COLETTE_NODE_PARAGRAPH, 0), COLETTE_ATTR_FORMULA), "sentence.wish");
}

/* ---- no fact from the wrong place ---------------------------------------------------------- */

/* A running header "TSB Collective letter 12/17" then a PAGE field: the
 * reference is 12/17, not 12/172, and the page number stays a field. */
Test(map, a_page_field_is_no_part_of_the_text_before_it) {
  cr_assert_eq(map(P("Dear Sir/Madam,") P("Text."),
                   "<header part=\"h\" type=\"default\"><p>TSB Collective letter 12/17<field "
                   "type=\"PAGE\" instr=\"PAGE\">2</field></p></header>"),
               COLETTE_OK);
  colette_node *d = nth(COLETTE_NODE_DOCREF, 0);
  cr_expect_str_eq(attr(d, COLETTE_ATTR_ID), "12/17");
  colette_node *f = nth(COLETTE_NODE_FIELD, 0);
  cr_expect_str_eq(attr(f, COLETTE_ATTR_TYPE), "PAGE");
  cr_expect_str_eq(text(f), "2");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_FURNITURE, 0), COLETTE_ATTR_TYPE), "header");
  cr_expect_null(nth(COLETTE_NODE_REF, 0), "no head reference from a page header");
}

/* "ANNEX 1 TO TSB COLLECTIVE LETTER 12/17" opens an annex; it is no
 * signatory's line. */
Test(map, an_annex_heading_is_no_signature) {
  cr_assert_eq(map(P("Dear Sir/Madam,") P("Yours faithfully,") P("Chaesub Lee")
                       P("Director of the Telecommunication Standardization Bureau")
                           P("ANNEX 1 TO TSB COLLECTIVE LETTER 12/17") P("Practical information"),
                   NULL),
               COLETTE_OK);
  colette_node *a = nth(COLETTE_NODE_ANNEX, 0);
  cr_expect_str_eq(attr(a, COLETTE_ATTR_ID), "1");
  cr_expect_str_eq(colette_node_get_arg(nth(COLETTE_NODE_HEADING, 0), "letter"),
                   "TSB COLLECTIVE LETTER 12/17");
  cr_expect(strstr(text(nth(COLETTE_NODE_SIGNATURE, 0)), "ANNEX") == NULL, "%s", xml);
}

/* "advisable" holds "visa" but is not the word: no visa deadline. */
Test(map, advisable_is_no_visa) {
  cr_assert_eq(map(P("Dear Sir/Madam,") P("Key deadlines:")
                       P("10 May 2025<tab/>–<tab/>It is advisable to arrive early")
                           P("12 May 2025<tab/>–<tab/>Visa requests"),
                   NULL),
               COLETTE_OK);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 0), COLETTE_ATTR_KIND), "other");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DEADLINE, 1), COLETTE_ATTR_KIND), "visa");
}

/* A body paragraph numbered by hand: the number stays the paragraph's
 * text, the formula is the sentence after it; a number that is a count
 * ("12 experts…") is no number of a paragraph. */
Test(map, a_formula_after_a_typed_paragraph_number) {
  cr_assert_eq(map(P("Dear Sir/Madam,") P("5<tab/>I wish you a productive and enjoyable meeting.")
                       P("6 Practical meeting information is set out in Annex A. Free words.")
                           P("12 experts attended."),
                   NULL),
               COLETTE_OK);
  cr_expect(strstr(xml, "<p>5 <s formula=\"sentence.wish\">I wish you a productive and "
                        "enjoyable meeting.</s></p>") != NULL,
            "%s", xml);
  cr_expect(strstr(xml, "<p>6 <s formula=\"sentence.annex.practical\" arg:id=\"A\">Practical "
                        "meeting information is set out in Annex A.</s> Free words.</p>") != NULL,
            "%s", xml);
  cr_expect(strstr(xml, "<p>12 experts attended.</p>") != NULL, "%s", xml);
}

/* Body text that begins like a label ("To", "Tel") is no head fact. */
Test(map, words_that_begin_like_labels) {
  cr_assert_eq(map(P("Telecommunication Standardization Bureau") P("To whom it may concern")
                       P("Dear Sir/Madam,"),
                   NULL),
               COLETTE_OK);
  cr_expect_null(nth(COLETTE_NODE_CONTACT, 0));
  cr_expect_str_eq(attr(nth(COLETTE_NODE_ORGANIZATION, 0), COLETTE_ATTR_KEY), "tsb");
}

/* ---- nothing lost ------------------------------------------------------------------------------
 */

/* A table inside a head cell: its text reaches the letter. */
Test(map, a_nested_table_in_a_head_cell_is_kept) {
  cr_assert_eq(map(TABLE(ROW(CELL(P("Ref:") TABLE(ROW(CELL(P("Inner words here"))))) CELL(P("x"))))
                       P("Dear Sir/Madam,"),
                   NULL),
               COLETTE_OK);
  HAS("Inner words here");
}

/* A label whose value never comes is kept with its label. */
Test(map, a_label_without_value_is_kept) {
  cr_assert_eq(map(P("Fax:") P("Dear Sir/Madam,"), NULL), COLETTE_OK);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_CONTACT, 0), COLETTE_ATTR_LABEL), "Fax:");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_CONTACT, 0), COLETTE_ATTR_TYPE), "fax");
}

/* Each fact of the head keeps its own label, whatever label follows it:
 * a label whose value never came and a group of one addressee are
 * written when the next label is read, and took that label's text and
 * formula (a "To:" group labelled "Copy:").  In the three languages. */
Test(map, a_fact_keeps_its_label_when_another_follows) {
  static const struct {
    const char *letter, *tel, *fax, *to, *copy;
  } cases[] = {
      {P("Geneva, 2 February 2026") P("Tel:") P("Fax:\t+41 22 730 5853") P("To:\tMember States")
           P("Copy:\tSector Members") P("Dear Sir/Madam,"),
       "Tel:", "Fax:", "To:", "Copy:"},
      {P("Genève, le 2 février 2026") P("Tél.\u202F:") P("Télécopie\u202F:\t+41 22 730 5853")
           P("Aux\u202F:\tÉtats Membres") P("Copie\u202F:\tMembres du Secteur")
               P("Madame, Monsieur,"),
       "Tél.\u202F:", "Télécopie\u202F:", "Aux\u202F:", "Copie\u202F:"},
      {P("2026年2月2日，日内瓦") P("电话：") P("传真：+41 22 730 5853") P("致：成员国")
           P("抄送：部门成员") P("尊敬的先生/女士："),
       "电话：", "传真：", "致：", "抄送："},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cr_assert_eq(map(cases[i].letter, NULL), COLETTE_OK);
    colette_node *tel = nth(COLETTE_NODE_CONTACT, 0), *fax = nth(COLETTE_NODE_CONTACT, 1);
    colette_node *to = nth(COLETTE_NODE_ADDRESSEES, 0), *copy = nth(COLETTE_NODE_ADDRESSEES, 1);
    cr_expect_str_eq(attr(tel, COLETTE_ATTR_TYPE), "tel", "%zu: %s", i, xml);
    cr_expect_str_eq(attr(tel, COLETTE_ATTR_LABEL), cases[i].tel, "%zu: %s", i, xml);
    cr_expect_str_eq(attr(tel, COLETTE_ATTR_FORMULA), "label.tel", "%zu", i);
    cr_expect_str_eq(attr(fax, COLETTE_ATTR_LABEL), cases[i].fax, "%zu", i);
    cr_expect_str_eq(attr(to, COLETTE_ATTR_LABEL), cases[i].to, "%zu: %s", i, xml);
    cr_expect_str_eq(attr(to, COLETTE_ATTR_FORMULA), "label.to", "%zu", i);
    cr_expect_str_eq(attr(to, COLETTE_ATTR_TYPE), "(none)", "%zu", i);
    cr_expect_str_eq(attr(copy, COLETTE_ATTR_LABEL), cases[i].copy, "%zu", i);
    cr_expect_str_eq(attr(copy, COLETTE_ATTR_TYPE), "copy", "%zu", i);
  }
}

/* The head's facts are written in the order of their lines: a group of
 * addressees before the dateline stays before it (it was written after
 * the place and the date, once the dateline had been read). */
Test(map, the_heads_facts_in_the_order_of_their_lines) {
  static const struct {
    const char *letter, *order;
  } cases[] = {
      {P("To:\tMember States") P("Geneva, 2 February 2026") P("Subject:\tA meeting")
           P("Dear Sir/Madam,"),
       "addressees place date subject"},
      {P("Geneva, 2 February 2026") P("To:\tMember States") P("Subject:\tA meeting")
           P("Dear Sir/Madam,"),
       "place date addressees subject"},
      {P("致：成员国") P("2026年2月2日，日内瓦") P("事由：会议") P("尊敬的先生/女士："),
       "addressees place date subject"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cr_assert_eq(map(cases[i].letter, NULL), COLETTE_OK);
    char order[256] = "";
    colette_node *head = colette_node_first_child(colette_letter_root(letter));
    for (colette_node *k = colette_node_first_child(head); k; k = colette_node_next(k)) {
      colette_node_type t = colette_node_get_type(k);
      const char *name = t == COLETTE_NODE_ADDRESSEES ? "addressees"
                         : t == COLETTE_NODE_PLACE    ? "place"
                         : t == COLETTE_NODE_DATE     ? "date"
                         : t == COLETTE_NODE_SUBJECT  ? "subject"
                                                      : "other";
      snprintf(order + strlen(order), sizeof order - strlen(order), "%s%s", order[0] ? " " : "",
               name);
    }
    cr_expect_str_eq(order, cases[i].order, "%zu: %s", i, xml);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE, 0), COLETTE_ATTR_WHEN), "2026-02-02", "%zu", i);
  }
}

/* A contact line listing several values of its kind is a contact each,
 * as when they stand on lines of their own: the label the first's, the
 * separator kept with the value before it.  Values with other words
 * between stay one contact, the first its value, no word lost. */
Test(map, a_contact_line_listing_values_is_a_contact_each) {
  static const struct {
    const char *line, *values, *texts;
  } cases[] = {
      {"E-mail:\tjane.doe@itu.int; tsbsg17@itu.int", "jane.doe@itu.int tsbsg17@itu.int",
       "jane.doe@itu.int;|tsbsg17@itu.int"},
      {"Tel.:\t+41 22 730 5866 or +41 22 730 5867", "+41227305866 +41227305867",
       "+41 22 730 5866 or|+41 22 730 5867"},
      {"Courriel" NNBSP ":\ta@itu.int, b@itu.int et c@itu.int", "a@itu.int b@itu.int c@itu.int",
       "a@itu.int,|b@itu.int et|c@itu.int"},
      {"电子邮件：a@itu.int；b@itu.int", "a@itu.int b@itu.int", "a@itu.int；|b@itu.int"},
      /* French typography: a narrow no-break space before the semicolon */
      {"Courriel" NNBSP ":\ta@itu.int" NNBSP "; b@itu.int", "a@itu.int b@itu.int",
       "a@itu.int" NNBSP ";|b@itu.int"},
      {"E-mail:\ttsbsg17@itu.int (registration: tsbreg@itu.int)", "tsbsg17@itu.int",
       "tsbsg17@itu.int (registration: tsbreg@itu.int)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char doc[1024];
    snprintf(doc, sizeof doc, "<p>Geneva, 2 February 2026</p><p>%s</p>%s", cases[i].line,
             P("Dear Sir/Madam,"));
    cr_assert_eq(map(doc, NULL), COLETTE_OK);
    for (int k = 0; nth(COLETTE_NODE_CONTACT, k); k++)
      cr_expect_eq(strcmp(attr(nth(COLETTE_NODE_CONTACT, k), COLETTE_ATTR_LABEL), "(none)") == 0,
                   k > 0, "%zu: %s", i, xml);
    cr_expect_str_eq(all_of(COLETTE_NODE_CONTACT, COLETTE_ATTR_VALUE, " "), cases[i].values,
                     "%zu: %s", i, xml);
    cr_expect_str_eq(all_of(COLETTE_NODE_CONTACT, COLETTE_ATTR_COUNT_, "|"), cases[i].texts,
                     "%zu: %s", i, xml);
  }
}

/* A letterhead line naming the organization and its bureau one after the
 * other is two organizations, keyed, as on two lines: the separator kept
 * with the name before it; a line with other words stays one, unkeyed. */
Test(map, a_letterhead_line_of_two_names_is_two_organizations) {
  static const struct {
    const char *line, *texts;
  } cases[] = {
      {"International Telecommunication Union – Telecommunication Standardization Bureau",
       "International Telecommunication Union –|Telecommunication Standardization Bureau"},
      {"Union internationale des télécommunications | Bureau de la normalisation des "
       "télécommunications",
       "Union internationale des télécommunications ||Bureau de la normalisation des "
       "télécommunications"},
      {"国际电信联盟 电信标准化局", "国际电信联盟|电信标准化局"},
      {"International Telecommunication Union and friends",
       "International Telecommunication Union and friends"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char doc[1024];
    snprintf(doc, sizeof doc, "<p>%s</p>%s%s", cases[i].line, P("Geneva, 2 February 2026"),
             P("Dear Sir/Madam,"));
    cr_assert_eq(map(doc, NULL), COLETTE_OK);
    cr_expect_str_eq(all_of(COLETTE_NODE_ORGANIZATION, COLETTE_ATTR_KEY, " "),
                     i < 3 ? "itu tsb" : "(none)", "%zu: %s", i, xml);
    cr_expect_str_eq(all_of(COLETTE_NODE_ORGANIZATION, COLETTE_ATTR_COUNT_, "|"), cases[i].texts,
                     "%zu: %s", i, xml);
  }
}

/* A letter's one annex is headed "ANNEX" alone (ANNEXE, 附件): an annex
 * with no id, its agenda its own; before, the heading was read as the
 * signatory's name and the agenda as the signature's lines.  "Annex:"
 * introduces what is annexed: no heading. */
Test(map, the_one_annex_is_headed_without_an_id) {
  static const char *const letters[] = {
      P("Dear Sir/Madam,") P("Yours faithfully,") P("Seizo Onoe") P("ANNEX") P("1) Opening")
          P("2) Approval of the report"),
      P("Madame, Monsieur,") P("Veuillez agréer, Madame, Monsieur, l'assurance de ma haute "
                               "considération.") P("Seizo Onoe") P("Annexe") P("1) Ouverture")
          P("2) Approbation du rapport"),
      P("尊敬的先生/女士：") P("顺致崇高敬意！") P("尾岛诚司") P("附件") P("1) 会议开幕")
          P("2) 通过报告"),
  };
  for (size_t i = 0; i < sizeof letters / sizeof *letters; i++) {
    cr_assert_eq(map(letters[i], NULL), COLETTE_OK);
    colette_node *a = nth(COLETTE_NODE_ANNEX, 0);
    cr_assert_not_null(a, "%zu: %s", i, xml);
    cr_expect_str_eq(attr(a, COLETTE_ATTR_ID), "(none)", "%zu", i);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_HEADING, 0), COLETTE_ATTR_FORMULA), "annex.sole", "%zu",
                     i);
    cr_expect_eq(count(COLETTE_NODE_ITEM), 2, "%zu: %s", i, xml);
    cr_expect_eq(colette_node_parent(colette_node_parent(nth(COLETTE_NODE_ITEM, 0))), a, "%zu", i);
    cr_expect_eq(count(COLETTE_NODE_NAME), 1, "%zu: %s", i, xml);
  }
  cr_assert_eq(map(P("Dear Sir/Madam,") P("Yours faithfully,") P("Seizo Onoe") P("Annex:")
                       P("Registration form"),
                   NULL),
               COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_ANNEX), 0, "%s", xml);
}

/* A draft agenda numbered by hand with bare numbers ("1<tab>Opening of the
 * meeting") in an annex is a list, as "1." is: the same items, levels and
 * formulae either way, in the three languages.  A numbered sentence or a
 * number that starts a quantity stays a paragraph. */
Test(map, an_annex_agenda_numbered_with_bare_numbers_is_a_list) {
  static const char *const agendas[][2] = {
      {P("1<tab/>Opening of the meeting") P("2 Adoption of the agenda")
           P("2.1<tab/>Document allocation") P("3<tab/>Closing"),
       P("1.<tab/>Opening of the meeting") P("2. Adoption of the agenda")
           P("2.1<tab/>Document allocation") P("3.<tab/>Closing")},
      {P("1<tab/>Ouverture de la réunion") P("2<tab/>Adoption de l'ordre du jour")
           P("3<tab/>Clôture"),
       P("1.<tab/>Ouverture de la réunion") P("2.<tab/>Adoption de l'ordre du jour")
           P("3.<tab/>Clôture")},
      {P("1<tab/>会议开幕") P("2<tab/>通过议程") P("3<tab/>会议闭幕"),
       P("1.<tab/>会议开幕") P("2.<tab/>通过议程") P("3.<tab/>会议闭幕")},
  };
  static const char *const heads[] = {P("Dear Sir/Madam,") P("Yours faithfully,") P("Annex 1"),
                                      P("Madame, Monsieur,") P("Annexe 1"),
                                      P("尊敬的先生/女士：") P("附件1")};
  for (size_t i = 0; i < sizeof agendas / sizeof *agendas; i++) {
    char seen[2][512];
    for (int w = 0; w < 2; w++) {
      char doc[2048];
      snprintf(doc, sizeof doc, "%s%s", heads[i], agendas[i][w]);
      cr_assert_eq(map(doc, NULL), COLETTE_OK);
      seen[w][0] = '\0';
      for (int k = 0; nth(COLETTE_NODE_ITEM, k); k++) {
        colette_node *it = nth(COLETTE_NODE_ITEM, k);
        snprintf(seen[w] + strlen(seen[w]), sizeof seen[w] - strlen(seen[w]), "%s%s/%s",
                 k ? " " : "", attr(it, COLETTE_ATTR_LEVEL), attr(it, COLETTE_ATTR_FORMULA));
      }
      cr_expect_eq(count(COLETTE_NODE_LIST), 1, "%zu/%d: %s", i, w, xml);
    }
    cr_expect_str_eq(seen[0], seen[1], "%zu", i);
    cr_expect(strstr(seen[0], "1/item.opening-meeting") == seen[0], "%zu: %s", i, seen[0]);
  }
  cr_assert_eq(map(P("Dear Sir/Madam,") P("Yours faithfully,") P("Annex A")
                       P("1<tab/>The meeting will be held in Geneva.")
                           P("10 000 participants are expected"),
                   NULL),
               COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_ITEM), 0, "%s", xml);
}

/* A closing on two lines (此致, then 敬礼！, as Chinese letters write it)
 * is one closing; 此致 before the signatory's name stays one line. */
Test(map, a_closing_written_on_two_lines_is_one) {
  cr_assert_eq(map(P("尊敬的先生/女士：") P("正文。") P("此致") P("敬礼！") P("尾岛诚司")
                       P("电信标准化局主任"),
                   NULL),
               COLETTE_OK);
  cr_expect_str_eq(text(nth(COLETTE_NODE_CLOSING, 0)), "此致 敬礼！", "%s", xml);
  cr_expect_str_eq(text(nth(COLETTE_NODE_NAME, 0)), "尾岛诚司", "%s", xml);
  cr_expect_null(nth(COLETTE_NODE_PARAGRAPH, 1), "%s", xml);
  cr_assert_eq(
      map(P("尊敬的先生/女士：") P("正文。") P("此致") P("尾岛诚司") P("电信标准化局主任"), NULL),
      COLETTE_OK);
  cr_expect_str_eq(text(nth(COLETTE_NODE_CLOSING, 0)), "此致", "%s", xml);
  cr_expect_str_eq(text(nth(COLETTE_NODE_NAME, 0)), "尾岛诚司", "%s", xml);
}

/* A letter dated by a label ("Date: 2 February 2026") rather than a
 * dateline has that date, with its label, in the three languages; its
 * year is the one a date without a year takes.  With a dateline too, the
 * dateline's is the letter's date and the labelled line stays text. */
Test(map, a_labelled_date_is_the_letters_date) {
  static const char *const letters[] = {
      P("Ref:<tab/>TSB Circular 12") P("Date:<tab/>2 February 2026") P("Dear Sir/Madam,")
          P("The meeting opens on 3 March."),
      P("Réf." NNBSP ":<tab/>Circulaire TSB 12") P("Date" NNBSP ":<tab/>2 février 2026")
          P("Madame, Monsieur,") P("La réunion s'ouvrira le 3 mars."),
      P("文号：TSB第12号通函") P("日期：2026年2月2日") P("尊敬的先生/女士：")
          P("会议将于3月3日开幕。"),
  };
  static const char *const labels[] = {"Date:", "Date" NNBSP ":", "日期："};
  for (size_t i = 0; i < sizeof letters / sizeof *letters; i++) {
    cr_assert_eq(map(letters[i], NULL), COLETTE_OK);
    colette_node *d = nth(COLETTE_NODE_DATE, 0);
    cr_expect_str_eq(attr(d, COLETTE_ATTR_WHEN), "2026-02-02", "%zu: %s", i, xml);
    cr_expect_str_eq(attr(d, COLETTE_ATTR_LABEL), labels[i], "%zu", i);
    cr_expect_str_eq(attr(d, COLETTE_ATTR_FORMULA), "label.date", "%zu", i);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE_VALUE, 0), COLETTE_ATTR_WHEN), "2026-03-03",
                     "%zu: %s", i, xml);
  }
  cr_assert_eq(
      map(P("Geneva, 2 February 2026") P("Date:<tab/>3 February 2026") P("Dear Sir/Madam,"), NULL),
      COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_DATE), 1, "%s", xml);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE, 0), COLETTE_ATTR_WHEN), "2026-02-02", "%s", xml);
  HAS("3 February 2026");
}

/* A known place written with its country, ICU's name for it in the
 * letter's language, after a comma or in brackets, is that place: the
 * three versions of one meeting have one place, as colette-compare needs
 * (it reported "Bangkok, Thailand" against "Bangkok, Thaïlande"). */
Test(map, a_place_with_its_country_is_the_place) {
  static const char *const subjects[] = {
      P("Subject:<tab/>Meeting of Study Group 17, Bangkok, Thailand, 3-12 March 2026"),
      P("Objet" NNBSP
        ":<tab/>Réunion de la Commission d'études 17, Bangkok (Thaïlande), 3-12 mars 2026"),
      P("事由：ITU-T第17研究组会议，曼谷，泰国，2026年3月3-12日"),
      P("Subject:<tab/>Meeting of Study Group 17, Hammamet, Tunisia, 3-12 March 2026"),
  };
  static const char *const places[] = {"bangkok", "bangkok", "bangkok", "hammamet"};
  for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++) {
    char doc[1024];
    snprintf(doc, sizeof doc, "%s%s%s", P("Geneva, 2 February 2026"), subjects[i],
             P("Dear Sir/Madam,"));
    cr_assert_eq(map(doc, NULL), COLETTE_OK);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_MEETING, 0), COLETTE_ATTR_PLACE), places[i], "%zu: %s",
                     i, xml);
  }
  /* the dateline's place too */
  cr_assert_eq(map(P("Geneva, Switzerland, 2 February 2026") P("Dear Sir/Madam,"), NULL),
               COLETTE_OK);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_PLACE, 0), COLETTE_ATTR_KEY), "geneva", "%s", xml);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE, 0), COLETTE_ATTR_WHEN), "2026-02-02", "%s", xml);
  /* a place the catalogue does not know stays as written, with no key */
  cr_assert_eq(map(P("Geneva, 2 February 2026")
                       P("Subject:<tab/>Meeting of Study Group 17, Abuja, Nigeria, 3-12 March 2026")
                           P("Dear Sir/Madam,"),
                   NULL),
               COLETTE_OK);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_MEETING, 0), COLETTE_ATTR_PLACE), "Abuja, Nigeria", "%s",
                   xml);
}

/* Addressees on one line, semicolons between, are the addressees on a
 * line each: the same roles, each its text with its semicolon, in the
 * three languages.  A part naming no role keeps the line one addressee.
 * So are commas and a last "and" between parts each naming a role of its
 * own; "Chairmen and Vice-Chairmen of …" names one role and stays one. */
Test(map, addressees_on_one_line_are_the_addressees_on_lines) {
  static const char *const layouts[][2] = {
      {P("To:<tab/>Administrations of Member States of the Union; ITU-T Sector Members; ITU "
         "Academia"),
       P("To:<tab/>Administrations of Member States of the Union;") P("ITU-T Sector Members;")
           P("ITU Academia")},
      {P("Aux" NNBSP ":<tab/>Administrations des États Membres de l'Union" NNBSP "; Membres du "
         "Secteur de l'UIT-T" NNBSP "; établissements universitaires participant aux travaux "
         "de l'UIT"),
       P("Aux" NNBSP ":<tab/>Administrations des États Membres de l'Union" NNBSP ";")
           P("Membres du Secteur de l'UIT-T" NNBSP ";")
               P("établissements universitaires participant aux travaux de l'UIT")},
      {P("致：国际电联各成员国主管部门；ITU-T部门成员；ITU学术成员"),
       P("致：国际电联各成员国主管部门；") P("ITU-T部门成员；") P("ITU学术成员")},
  };
  for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++) {
    char roles[2][256], texts[2][512];
    for (int w = 0; w < 2; w++) {
      char doc[2048];
      snprintf(doc, sizeof doc, "%s%s%s", P("Geneva, 2 February 2026"), layouts[i][w],
               P("Dear Sir/Madam,"));
      cr_assert_eq(map(doc, NULL), COLETTE_OK);
      snprintf(roles[w], sizeof roles[w], "%s",
               all_of(COLETTE_NODE_ADDRESSEE, COLETTE_ATTR_ROLE, " "));
      snprintf(texts[w], sizeof texts[w], "%s",
               all_of(COLETTE_NODE_ADDRESSEE, COLETTE_ATTR_COUNT_, "|"));
    }
    cr_expect_str_eq(roles[0], "member-states sector-members academia", "%zu", i);
    cr_expect_str_eq(roles[0], roles[1], "%zu", i);
    cr_expect_str_eq(texts[0], texts[1], "%zu", i);
  }
  cr_assert_eq(map(P("To:<tab/>Member States; see the list below") P("Dear Sir/Madam,"), NULL),
               COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_ADDRESSEE), 1, "%s", xml);
  static const char *const commas[] = {
      P("To:<tab/>Administrations of Member States of the Union, ITU-T Sector Members and ITU "
        "Academia"),
      P("Aux" NNBSP ":<tab/>Administrations des États Membres de l'Union, Membres du Secteur de "
        "l'UIT-T et établissements universitaires participant aux travaux de l'UIT"),
      P("致：国际电联各成员国主管部门、ITU-T部门成员和ITU学术成员"),
  };
  for (size_t i = 0; i < sizeof commas / sizeof *commas; i++) {
    char doc[1024];
    snprintf(doc, sizeof doc, "%s%s%s", P("Geneva, 2 February 2026"), commas[i],
             P("Dear Sir/Madam,"));
    cr_assert_eq(map(doc, NULL), COLETTE_OK);
    cr_expect_str_eq(all_of(COLETTE_NODE_ADDRESSEE, COLETTE_ATTR_ROLE, " "),
                     "member-states sector-members academia", "%zu: %s", i, xml);
  }
  cr_assert_eq(
      map(P("Copy:<tab/>The Chairmen and Vice-Chairmen of ITU-T Study Groups, the Director "
            "of the Telecommunication Development Bureau") P("Dear Sir/Madam,"),
          NULL),
      COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_ADDRESSEE), 1, "%s", xml);
}

/* ---- --explain --------------------------------------------------------------------------------
 */

Test(map, explain_names_the_entry_and_the_line) {
  sinkbuf o = {NULL, 0};
  colette_sink ex = {sinkbuf_write, &o};
  colette_map_report rep;
  cr_assert_eq(map_opts(P("Geneva, 14 March 2025") P("Dear Sir/Madam,"), NULL, 0, ex, &rep),
               COLETTE_OK);
  cr_expect(o.data && strstr(o.data, "date: 2025-03-14 [dateline]"), "%s", o.data);
  cr_expect(o.data && strstr(o.data, "salutation: salutation [salutation]"), "%s", o.data);
  free(o.data);
}

/* --explain tells the lines in their order: a group's last addressee,
 * written when the next label is read, before that label. */
Test(map, explain_tells_a_group_before_the_label_after_it) {
  sinkbuf o = {NULL, 0};
  colette_sink ex = {sinkbuf_write, &o};
  colette_map_report rep;
  cr_assert_eq(map_opts(P("Geneva, 2 February 2026") P("To:\tMember States")
                            P("Copy:\tSector Members") P("Dear Sir/Madam,"),
                        NULL, 0, ex, &rep),
               COLETTE_OK);
  const char *a = o.data ? strstr(o.data, "addressee: member-states") : NULL;
  const char *c = o.data ? strstr(o.data, "label: copy") : NULL;
  cr_expect(a && c && a < c, "%s", o.data);
  free(o.data);
}

/* Regression: --explain named a contact's value after writing the line,
 * whose note had reused (and moved) the recognisers' buffer: it printed
 * freed memory. */
Test(map, explain_names_a_contact_with_a_note) {
  sinkbuf o = {NULL, 0};
  colette_sink ex = {sinkbuf_write, &o};
  colette_map_report rep;
  cr_assert_eq(
      map_opts(P("E-mail: a@itu.int<noteref type=\"footnote\" id=\"1\" mark=\"1\"/>")
                   P("Dear Sir/Madam,"),
               "<footnotes><note type=\"footnote\" id=\"1\"><p>Or b@itu.int, c@itu.int, "
               "d@itu.int, e@itu.int, f@itu.int, g@itu.int, h@itu.int, i@itu.int, j@itu.int, "
               "k@itu.int, l@itu.int, m@itu.int, n@itu.int or o@itu.int, all of whom answer "
               "within a day.</p></note></footnotes>",
               0, ex, &rep),
      COLETTE_OK);
  cr_expect(o.data && strstr(o.data, ": email: a@itu.int\n"), "%s", o.data);
  free(o.data);
}

/* ---- long paragraphs: the mapper is linear in them ----------------------------------------- */

#define MANY 5000

/* Nodes of a type, and the last of them, in one walk (count and nth walk
 * the letter for each node). */
static int count_last(colette_node_type t, colette_node **last) {
  colette_iter *it = colette_iter_new(colette_letter_root(letter));
  colette_event ev;
  int n = 0;
  while ((ev = colette_iter_next(it)) != COLETTE_EVENT_DONE)
    if (ev == COLETTE_EVENT_ENTER && colette_node_get_type(colette_iter_node(it)) == t) {
      n++;
      if (last) *last = colette_iter_node(it);
    }
  colette_iter_free(it);
  return n;
}

/* A letter whose head and body each end with a paragraph of `unit` MANY times. */
static colette_status map_many(const char *unit) {
  size_t u = strlen(unit), n = 2 * u * MANY + 1024;
  char *body = malloc(n), *w = body;
  w += sprintf(w, "<p>Geneva, 24 August 2021</p><p>");
  for (int i = 0; i < MANY; i++, w += u)
    memcpy(w, unit, u);
  w += sprintf(w, "</p><p>Dear Sir/Madam,</p><p>");
  for (int i = 0; i < MANY; i++, w += u)
    memcpy(w, unit, u);
  strcpy(w, "</p>");
  char *doc = malloc(n + 512);
  snprintf(doc, n + 512,
           "<document xmlns=\"urn:colette:flat:1\" version=\"1\" main-part=\"w\" "
           "conformance=\"transitional\" xml:lang=\"en-GB\" "
           "normalized=\"nfc\"><properties/><body>%s</body></document>",
           body);
  colette_error e;
  colette_letter_free(letter);
  letter = NULL;
  colette_status st = colette_map_doc(doc, strlen(doc), NULL, &letter, NULL, &e);
  free(doc);
  free(body);
  return st;
}

Test(map, a_head_paragraph_of_many_lines) {
  /* each line of a paragraph is read alone: its inline content from the
   * paragraph's objects in its own range (all of them were walked) */
  cr_assert_eq(map_many("Some text of the head<br/>"), COLETTE_OK);
  colette_node *head = colette_letter_find(letter, COLETTE_NODE_HEAD);
  int lines = 0;
  for (colette_node *c = colette_node_first_child(head); c; c = colette_node_next(c))
    if (colette_node_get_type(c) == COLETTE_NODE_PARAGRAPH) {
      cr_expect_str_eq(text(c), "Some text of the head");
      lines++;
    }
  cr_expect_eq(lines, MANY);
  /* in the body, one paragraph with its breaks */
  cr_expect_eq(count_last(COLETTE_NODE_BREAK, NULL), MANY - 1);
}

Test(map, many_links_and_addresses) {
  /* a link an address fills is not written (the address carries it); one
   * with other text is; every catalogue reference beside the addresses */
  cr_assert_eq(map_many("<link href=\"mailto:a@itu.int\">a@itu.int</link>, "
                        "<link href=\"http://x/\">the page</link> of TSB Circular 68; "),
               COLETTE_OK);
  colette_node *last = NULL;
  cr_expect_eq(count_last(COLETTE_NODE_EMAIL, NULL), 2 * MANY);
  cr_expect_eq(count_last(COLETTE_NODE_LINK, NULL), 2 * MANY);
  cr_expect_eq(count_last(COLETTE_NODE_DOCREF, &last), 2 * MANY);
  cr_expect_str_eq(attr(last, COLETTE_ATTR_ID), "68");
  cr_expect_str_eq(attr(nth(COLETTE_NODE_LINK, 0), COLETTE_ATTR_HREF), "http://x/");
}

Test(map, a_paragraph_of_many_tabs) {
  cr_assert_eq(map_many("x<tab/>"), COLETTE_OK);
  colette_node *p = NULL;
  count_last(COLETTE_NODE_PARAGRAPH, &p);
  char *t = colette_node_text(p);
  cr_assert_eq(strlen(t), 2 * MANY - 1);
  for (size_t i = 0; t[i]; i++)
    cr_assert_eq(t[i], i % 2 ? ' ' : 'x', "at %zu", i);
  colette_free(t);
}

/* The mapper keeps what it found in the last texts it read (a ring): a
 * paragraph met again, soon or after the ring has turned over, is read
 * as it was the first time. */
Test(map, a_text_met_again_is_read_as_the_first_time) {
  static char body[16000];
  size_t o = (size_t)snprintf(body, sizeof body, "%s", P("Dear Sir/Madam,"));
  for (int i = 0; i < 40; i++) {
    o += (size_t)snprintf(body + o, sizeof body - o, P("Paragraph %d of the letter."), i);
    if (i % 3 == 0 || i == 37)
      o += (size_t)snprintf(body + o, sizeof body - o, "%s",
                            P("See TSB Circular 68 of 24 August 2021 from a@itu.int."));
  }
  cr_assert_lt(o, sizeof body - 1);
  cr_assert_eq(map(body, NULL), COLETTE_OK);
  cr_expect_eq(count(COLETTE_NODE_DATE_VALUE), 15);
  cr_expect_eq(count(COLETTE_NODE_EMAIL), 15);
  cr_expect_eq(count(COLETTE_NODE_DOCREF), 15);
  for (int n = 0; n < 15; n++)
    cr_expect_str_eq(text(nth(COLETTE_NODE_DOCREF, n)), "TSB Circular 68", "reference %d", n);
}

/* Date and time forms no fixture has, in a letter written for the test:
 * a range without "from" in the subject gives the meeting; a month-first
 * range, a list of days, noon by name and a Chinese evening hour are
 * dates and times in the body. */
Test(map, ranges_lists_and_day_periods_in_a_letter_of_our_own) {
  cr_assert_eq(
      map(P("Geneva, 2 February 2026")
              P("Subject: Meeting of Study Group 3, Geneva, 3 to 5 March 2026") P("Dear Sir/Madam,")
                  P("The workshop will be held March 23-27, 2026; the tutorials on 3, 4 and 5 "
                    "March.") P("Registration opens at 12 noon and closes at 2 p.m.")
                      P("欢迎晚宴将于晚上7时开始。") P("Yours faithfully,"),
          NULL),
      COLETTE_OK);
  colette_node *m = nth(COLETTE_NODE_MEETING, 0);
  cr_assert_not_null(m, "%s", xml);
  cr_expect_str_eq(attr(m, COLETTE_ATTR_START), "2026-03-03");
  cr_expect_str_eq(attr(m, COLETTE_ATTR_END), "2026-03-05");
  HAS("<daterange start=\"2026-03-23\" end=\"2026-03-27\">March 23-27, 2026</daterange>");
  HAS("<date when=\"2026-03-03\">3</date>, <date when=\"2026-03-04\">4</date> and <date "
      "when=\"2026-03-05\">5 March</date>");
  HAS("<time start=\"12:00\">12 noon</time>");
  HAS("<time start=\"19:00\">晚上7时</time>");
}

/* A URL longer than the recogniser's short value holds, in a contact, in
 * a formula's argument and in the text, is whole in every one of them
 * (the value used to be cut at 95 bytes, and renderers wrote the cut
 * link). */
Test(map, a_long_url_is_whole_in_contacts_formulae_and_text) {
#define LONG_PATH                                                                                  \
  "/en/ITU-T/studygroups/2025-2028/17/Pages/meetings/2026-03-geneva/registration.aspx"
  cr_assert_eq(
      map(P("Geneva, 2 February 2026") P("Web: https://www.itu.int" LONG_PATH) P("Dear Sir/Madam,")
              P("Documentation, remote participation details and other related information "
                "can be found on the SG17 homepage (www.itu.int" LONG_PATH "?lang=en).")
                  P("See also itu.int" LONG_PATH "#top.") P("Yours faithfully,"),
          NULL),
      COLETTE_OK);
  colette_node *c = nth(COLETTE_NODE_CONTACT, 0);
  cr_assert_not_null(c, "%s", xml);
  cr_expect_str_eq(attr(c, COLETTE_ATTR_VALUE), "https://www.itu.int" LONG_PATH);
  const char *url = NULL;
  for (size_t i = 0; i < 32 && !url; i++) {
    colette_node *p = nth(COLETTE_NODE_PARAGRAPH, i);
    if (!p) break;
    url = colette_node_get_arg(p, "url");
  }
  cr_assert_not_null(url, "no formula with a url: %s", xml);
  cr_expect_str_eq(url, "http://www.itu.int" LONG_PATH "?lang=en");
  HAS("<url value=\"http://www.itu.int" LONG_PATH "?lang=en\">www.itu.int" LONG_PATH
      "?lang=en</url>");
  HAS("<url value=\"http://itu.int" LONG_PATH "#top\">itu.int" LONG_PATH "#top</url>");
#undef LONG_PATH
}

/* The dates of a node type in document order, as "a b c" (a static buffer). */
static const char *dates_of(colette_node_type t) {
  static char out[1024];
  out[0] = '\0';
  for (int i = 0; nth(t, i); i++) {
    const char *w =
        attr(nth(t, i), t == COLETTE_NODE_DATE_VALUE ? COLETTE_ATTR_WHEN : COLETTE_ATTR_START);
    size_t n = strlen(out);
    snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", w);
  }
  return out;
}

/* Metamorphic: the same days written as English, French and Chinese write
 * a list of them (the month once, last or first; weekdays or not) and a
 * range of them (a weekday at either end) give the same dates, which is
 * what compare aligns the versions on. */
Test(map, a_list_of_days_gives_the_same_dates_in_three_languages) {
  static const char *const letters[] = {
      P("The meeting will be held on Monday 2, Tuesday 3 and Wednesday 4 March 2026, and the "
        "tutorials on 9, 10 and 11 March 2026.")
          P("The workshop will be held from Monday 16 to Wednesday 18 March 2026."),
      P("La réunion aura lieu les lundi 2, mardi 3 et mercredi 4 mars 2026, et les tutoriels les "
        "9, 10 et 11 mars 2026.") P("L’atelier aura lieu du lundi 16 au mercredi 18 mars 2026."),
      P("会议将于2026年3月2日（星期一）、3日（星期二）和4日（星期三）举行，"
        "辅导课将于2026年3月9日、10日及11日举行。")
          P("讲习班将于2026年3月16日（星期一）至18日（星期三）举行。"),
  };
  for (size_t i = 0; i < sizeof letters / sizeof *letters; i++) {
    cr_assert_eq(map(letters[i], NULL), COLETTE_OK);
    cr_expect_str_eq(dates_of(COLETTE_NODE_DATE_VALUE),
                     "2026-03-02 2026-03-03 2026-03-04 2026-03-09 2026-03-10 2026-03-11",
                     "letter %zu: %s", i, xml);
    cr_expect_str_eq(dates_of(COLETTE_NODE_DATERANGE), "2026-03-16", "letter %zu: %s", i, xml);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_DATERANGE, 0), COLETTE_ATTR_END), "2026-03-18",
                     "letter %zu", i);
  }
}

/* A weekday written with a date and not its date's: the date is the
 * numbers', marked conflict="weekday" and warned of at its paragraph's
 * line, in each language; a right one is neither.  The same letter in
 * three languages gives the same dates and the same marks (2 March 2026
 * is a Monday, 10 March a Tuesday, 20 March a Friday); so do the three
 * with the weekdays' abbreviated names. */
Test(map, a_weekday_that_is_not_its_dates_is_marked_and_warned_of) {
  static const char *const letters[] = {
      P("Geneva, 2 February 2026") P("Dear Sir/Madam,")
          P("The meeting will be held on Monday 2 March 2026.")
              P("Registration closes on Wednesday 10 March 2026.")
                  P("The workshop runs from Monday 16 to Thursday 20 March 2026.")
                      P("Yours faithfully,"),
      P("Genève, le 2 février 2026") P("Madame, Monsieur,")
          P("La réunion aura lieu le lundi 2 mars 2026.")
              P("Les inscriptions seront closes le mercredi 10 mars 2026.")
                  P("L’atelier aura lieu du lundi 16 au jeudi 20 mars 2026.") P(
                      "Veuillez agréer, Madame, Monsieur, l’assurance de ma haute considération."),
      P("2026年2月2日，日内瓦") P("尊敬的先生/女士：") P("会议将于2026年3月2日（星期一）举行。")
          P("注册将于2026年3月10日（星期三）截止。")
              P("讲习班将于2026年3月16日（星期一）至20日（星期四）举行。") P("顺致崇高敬意！"),
      /* the same, the weekdays by their abbreviated names */
      P("Geneva, 2 February 2026") P("Dear Sir/Madam,")
          P("The meeting will be held on Mon 2 March 2026.")
              P("Registration closes on Wed. 10 March 2026.")
                  P("The workshop runs from Mon 16 to Thu 20 March 2026.") P("Yours faithfully,"),
      P("Genève, le 2 février 2026") P("Madame, Monsieur,")
          P("La réunion aura lieu le lun. 2 mars 2026.")
              P("Les inscriptions seront closes le mer. 10 mars 2026.")
                  P("L’atelier aura lieu du lun. 16 au jeu. 20 mars 2026.") P(
                      "Veuillez agréer, Madame, Monsieur, l’assurance de ma haute considération."),
      P("2026年2月2日，日内瓦") P("尊敬的先生/女士：") P("会议将于2026年3月2日（周一）举行。")
          P("注册将于2026年3月10日（周三）截止。")
              P("讲习班将于2026年3月16日（周一）至20日（周四）举行。") P("顺致崇高敬意！"),
  };
  for (size_t i = 0; i < sizeof letters / sizeof *letters; i++) {
    sinkbuf w = {NULL, 0};
    warned = (colette_sink){sinkbuf_write, &w};
    cr_assert_eq(map(letters[i], NULL), COLETTE_OK);
    warned = (colette_sink){NULL, NULL};
    cr_expect_str_eq(dates_of(COLETTE_NODE_DATE_VALUE), "2026-03-02 2026-03-10", "letter %zu: %s",
                     i, xml);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE_VALUE, 0), COLETTE_ATTR_CONFLICT), "(none)",
                     "letter %zu", i);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE_VALUE, 1), COLETTE_ATTR_CONFLICT), "weekday",
                     "letter %zu: %s", i, xml);
    cr_expect_str_eq(attr(nth(COLETTE_NODE_DATERANGE, 0), COLETTE_ATTR_CONFLICT), "weekday",
                     "letter %zu: %s", i, xml);
    /* two warnings, each a line naming its paragraph's line and the dates */
    cr_assert_not_null(w.data, "letter %zu: no warning", i);
    int lines = 0;
    for (const char *c = w.data; c < w.data + w.len; c++)
      lines += *c == '\n';
    cr_expect_eq(lines, 2, "letter %zu: %.*s", i, (int)w.len, w.data);
    cr_expect(strstr(w.data, "the weekday written is not that of 2026-03-10\n") != NULL, "%.*s",
              (int)w.len, w.data);
    cr_expect(strstr(w.data, "is not that of 2026-03-16/2026-03-20\n") != NULL, "%.*s", (int)w.len,
              w.data);
    cr_expect(w.data[0] >= '1' && w.data[0] <= '9', "a line number first: %.*s", (int)w.len,
              w.data);
    free(w.data);
  }
}

/* A date without a year in a letter of December: the rule gives the next
 * year, its weekday the year of the letter (a meeting past). */
Test(map, a_weekday_tells_the_year_of_a_date_without_one) {
  cr_assert_eq(map(P("Geneva, 1 December 2026") P("Dear Sir/Madam,")
                       P("At its meeting of Tuesday 3 March, the group agreed to meet on 3 March.")
                           P("Yours faithfully,"),
                   NULL),
               COLETTE_OK);
  cr_expect_str_eq(dates_of(COLETTE_NODE_DATE_VALUE), "2026-03-03 2027-03-03", "%s", xml);
  cr_expect_str_eq(attr(nth(COLETTE_NODE_DATE_VALUE, 0), COLETTE_ATTR_CONFLICT), "(none)");
}

/* A root that is not the flat document: the message says what it is. */
Test(map, a_root_in_another_namespace_is_named_with_it) {
  static const char *const docs[] = {"<document xmlns=\"urn:other\"><body/></document>",
                                     "<document><body/></document>"};
  static const char *const want[] = {
      "root element <document> in namespace \"urn:other\", not urn:colette:flat:1",
      "root element <document> in namespace \"\", not urn:colette:flat:1"};
  for (size_t i = 0; i < 2; i++) {
    colette_map_options opts;
    colette_map_options_default(&opts);
    colette_letter *l = NULL;
    colette_error e;
    cr_expect_eq(colette_map_doc(docs[i], strlen(docs[i]), &opts, &l, NULL, &e),
                 COLETTE_ERR_NO_DOCUMENT);
    cr_expect_null(l);
    cr_expect(strstr(e.message, want[i]) != NULL, "%s", e.message);
  }
}
