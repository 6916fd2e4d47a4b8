/* Unit tests: colette-map on small flat documents. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx_builder.h"

static char *map(const char *body, const char *extra, int strict, colette_status *st,
                 colette_map_report *rep) {
  char doc[8192];
  snprintf(doc, sizeof doc,
           "<document xmlns=\"urn:colette:flat:1\" version=\"1\" main-part=\"w\" "
           "conformance=\"transitional\" "
           "xml:lang=\"en-GB\"><properties/><body>%s</body>%s</document>",
           body, extra ? extra : "");
  FILE *in = fmemopen(doc, strlen(doc), "rb");
  sinkbuf o = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &o};
  colette_map_options opts;
  colette_map_options_default(&opts);
  opts.strict = strict;
  colette_error e;
  *st = colette_map_stream(in, &opts, sink, rep, &e);
  fclose(in);
  return o.data;
}

#define HAS(o, s) cr_expect(strstr(o, s) != NULL, "expected %s in:\n%s", s, o)
#define P(x) "<p>" x "</p>"

Test(map, typed_agenda_tabbed_deadlines_and_a_year_boundary) {
  colette_status st;
  colette_map_report rep;
  char *o = map(P("Geneva, 20 December 2021") P("Subject:") P("Dear Sir/Madam,") P("Key deadlines:")
                    P("7 January<tab/>–<tab/>Submit contributions")
                        P("14 January<tab/>–<tab/>Registration") P("Yours faithfully,")
                            P("Annex: 1") P("ANNEX A") P("1. Opening")
                                P("a) Report of the last meeting") P("2. Closing at 16:00 hours"),
                NULL, 0, &st, &rep);
  cr_assert_eq(st, COLETTE_OK);
  cr_expect(rep.is_letter);
  HAS(o, "<date when=\"2021-12-20\">20 December 2021</date>");
  HAS(o, "<deadline when=\"2022-01-07\" kind=\"contributions\"><date when=\"2022-01-07\">7 "
         "January</date> – Submit "
         "contributions</deadline>");
  HAS(o, "<deadline when=\"2022-01-14\" kind=\"registration\">");
  HAS(o, "<enclosure count=\"1\">Annex: 1</enclosure>");
  HAS(o, "<annex id=\"A\">\n<heading>ANNEX A</heading>\n<list>\n<item label=\"1.\" "
         "level=\"1\">Opening</item>\n"
         "<item label=\"a)\" level=\"2\">Report of the last meeting</item>\n<item label=\"2.\" "
         "level=\"1\">Closing at "
         "<time start=\"16:00\">16:00 hours</time></item>\n</list>");
  free(o);
}

Test(map, a_document_that_is_no_letter) {
  colette_status st;
  colette_map_report rep;
  char *o = map(P("Minutes of the meeting held on 3 May 2021") P("1. Opening"), NULL, 0, &st, &rep);
  cr_assert_eq(st, COLETTE_OK);
  cr_expect(!rep.is_letter);
  HAS(o, "<body>\n<p>Minutes of the meeting held on <date when=\"2021-05-03\">3 May "
         "2021</date></p>\n<list>");
  cr_expect(strstr(o, "<head>") == NULL);
  free(o);
  o = map(P("Minutes"), NULL, 1, &st, &rep);
  cr_expect_eq(st, COLETTE_ERR_NO_DOCUMENT);
  free(o);
}

Test(map, notes_at_their_reference_and_head_labels) {
  colette_status st;
  colette_map_report rep;
  char *o = map(
      "<table cols=\"2\"><row><cell col=\"1\">" P("Tel:") "</cell><cell col=\"2\">" P(
          "+41 22 "
          "730 "
          "5111") "</cell></row><row><cell col=\"1\">" P("E-mail:") "</cell><cell "
                                                                    "col=\"2\">" P(
                                                                        "TSB@"
                                                                        "ITU."
                                                                        "INT") "</cell></row></"
                                                                               "table>" P("Mada"
                                                                                          "me, "
                                                                                          "Mons"
                                                                                          "ieur"
                                                                                          ",")
                                                                                   P("La "
                                                                                     "réunion<"
                                                                                     "noteref "
                                                                                     "type="
                                                                                     "\"footnote\" "
                                                                                     "id=\"1\" "
                                                                                     "mark=\"1\"/> "
                                                                                     "aura lieu.")
                                                                                       P("Directeur"
                                                                                         " "
                                                                                         "du "
                                                                                         "Bureau"),
      "<footnotes><note type=\"footnote\" id=\"1\"><p>En ligne.</p></note></footnotes>", 0, &st,
      &rep);
  cr_assert_eq(st, COLETTE_OK);
  HAS(o, "<contact type=\"tel\" label=\"Tel:\" value=\"+41227305111\">+41 22 730 5111</contact>");
  HAS(o, "<contact type=\"email\" label=\"E-mail:\" value=\"tsb@itu.int\">TSB@ITU.INT</contact>");
  HAS(o, "<salutation>Madame, Monsieur,</salutation>");
  HAS(o,
      "<p>La réunion<note type=\"footnote\" mark=\"1\"><p>En ligne.</p>\n</note> aura lieu.</p>");
  HAS(o, "<signature>\n<title>Directeur du Bureau</title>");
  free(o);
}

/* A key-deadlines table with a header row is no list of deadlines: it
 * stays a table, once, with all its text (it used to be written again
 * inside <deadlines> for every row without a date). */
Test(map, deadline_table_with_a_header_row) {
  colette_status st;
  colette_map_report rep;
  char *o =
      map(P("Dear Sir/Madam,") P("Key deadlines:") "<table cols=\"2\"><row><cell col=\"1\">" P("Dat"
                                                                                               "e") "</cell><cell col=\"2\">" P(
              "Action") "</cell></row><row><cell col=\"1\">" P("24 June 2021") "</cell><cell "
                                                                               "col=\"2\">" P(
                                                                                   "Registra"
                                                                                   "tion") "</"
                                                                                           "cell></"
                                                                                           "row></"
                                                                                           "table"
                                                                                           ">" P("Y"
                                                                                                 "o"
                                                                                                 "u"
                                                                                                 "r"
                                                                                                 "s"
                                                                                                 " "
                                                                                                 "f"
                                                                                                 "a"
                                                                                                 "i"
                                                                                                 "t"
                                                                                                 "h"
                                                                                                 "f"
                                                                                                 "u"
                                                                                                 "l"
                                                                                                 "l"
                                                                                                 "y"
                                                                                                 ","),
          NULL, 0, &st, &rep);
  cr_assert_eq(st, COLETTE_OK);
  HAS(o, "<deadlines>\n<title>Key deadlines:</title>\n</deadlines>\n<table>");
  cr_assert(strstr(o, "Action") != NULL);
  cr_expect(strstr(strstr(o, "Action") + 1, "Action") == NULL, "the table once:\n%s", o);
  free(o);
}
