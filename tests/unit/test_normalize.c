/* Unit tests: colette-normalize's rules, one by one, and its languages. */
#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx_builder.h"
#include "lang.h"

static colette_normalize_stats last_stats;

/* Normalize a flat document whose body is `body` (document language `lang`). */
static char *run_with(const char *body, const char *lang, const colette_normalize_options *opts,
                      colette_status *st, colette_error *err) {
  size_t n = strlen(body) + 512;
  char *doc = malloc(n);
  snprintf(doc, n,
           "<?xml version=\"1.0\"?>\n<document xmlns=\"urn:colette:flat:1\" version=\"1\" "
           "main-part=\"word/document.xml\" conformance=\"transitional\"%s%s%s>\n"
           "<properties>\n</properties>\n<body>\n%s</body>\n</document>\n",
           lang ? " xml:lang=\"" : "", lang ? lang : "", lang ? "\"" : "", body);
  FILE *in = fmemopen(doc, strlen(doc), "rb");
  sinkbuf o = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &o};
  *st = colette_normalize_stream(in, opts, sink, &last_stats, err);
  fclose(in);
  /* the same through colette_normalize_memory, which walks the document
   * once and fills in the languages after: the same bytes, the same stats */
  sinkbuf m = {NULL, 0};
  colette_normalize_stats ms;
  colette_error me;
  colette_status mst = colette_normalize_memory(doc, strlen(doc), opts,
                                                (colette_sink){sinkbuf_write, &m}, &ms, &me);
  cr_expect_eq(mst, *st, "memory: %d, stream: %d", mst, *st);
  if (mst == COLETTE_OK && *st == COLETTE_OK) {
    cr_expect_str_eq(m.data, o.data, "memory and stream differ");
    cr_expect(memcmp(&ms, &last_stats, sizeof ms) == 0, "memory and stream stats differ");
  }
  free(m.data);
  /* and read by libxml2's reader, where xmlscan hands over (a processing
   * instruction after the root is outside its subset): the same again,
   * from the stream and from memory */
  size_t sn = strlen(doc) + 32;
  char *slow = malloc(sn);
  snprintf(slow, sn, "%s<?colette-test the reader?>", doc);
  for (int k = 0; k < 2; k++) {
    sinkbuf r = {NULL, 0};
    colette_normalize_stats rs;
    colette_error re;
    colette_status rst;
    if (k == 0) {
      FILE *rin = fmemopen(slow, strlen(slow), "rb");
      rst = colette_normalize_stream(rin, opts, (colette_sink){sinkbuf_write, &r}, &rs, &re);
      fclose(rin);
    } else {
      rst = colette_normalize_memory(slow, strlen(slow), opts, (colette_sink){sinkbuf_write, &r},
                                     &rs, &re);
    }
    cr_expect_eq(rst, *st, "the reader (%s): %d, xmlscan: %d", k ? "memory" : "stream", rst, *st);
    if (rst == COLETTE_OK && *st == COLETTE_OK) {
      cr_expect_str_eq(r.data, o.data, "the reader (%s) and xmlscan differ",
                       k ? "memory" : "stream");
      cr_expect(memcmp(&rs, &last_stats, sizeof rs) == 0, "the reader's stats differ");
    } else if (rst != COLETTE_OK && *st != COLETTE_OK) {
      cr_expect_str_eq(re.message, err->message, "the same message");
    }
    free(r.data);
  }
  free(slow);
  free(doc);
  if (*st != COLETTE_OK) {
    free(o.data);
    return NULL;
  }
  return o.data;
}

static char *run(const char *body) {
  colette_status st;
  colette_error e;
  char *o = run_with(body, "en-GB", NULL, &st, &e);
  cr_assert_eq(st, COLETTE_OK, "normalize: %s", e.message);
  return o;
}

#define HAS(o, s) cr_expect(strstr(o, s) != NULL, "expected %s in:\n%s", s, o)
#define HASNT(o, s) cr_expect(strstr(o, s) == NULL, "unexpected %s in:\n%s", s, o)
#define P(x) "<p xml:lang=\"en-GB\">" x "</p>\n"

Test(normalize, unicode_forms) {
  char *o = run(P("Gene\xCC\x80ve, \xEF\xAC\x81le")); /* e + combining grave; the fi ligature */
  HAS(o, ">Genève, \xEF\xAC\x81le</p>");
  free(o);
  colette_normalize_options opts;
  colette_normalize_options_default(&opts);
  opts.form = COLETTE_FORM_NFKC;
  colette_status st;
  colette_error e;
  o = run_with(P("Gene\xCC\x80ve, \xEF\xAC\x81le"), "en-GB", &opts, &st, &e);
  HAS(o, ">Genève, file</p>");
  free(o);
}

Test(normalize, invisible_debris) {
  char *o = run(P("zero\xE2\x80\x8Bwidth \xEF\xBB\xBF"
                  "bom soft\xC2\xAD"
                  "hyphen c1\xC2\x85x "
                  "l\xE2\x80\x8Etr ji\xE2\x80\x8Doin"));
  HAS(o, ">zerowidth bom softhyphen c1x ltr jioin</p>");
  cr_expect_eq(last_stats.debris_removed, 6);
  free(o);
  /* bidi marks carry meaning in right-to-left text; joiners where a
   * script or an emoji sequence needs them */
  o = run(
      P("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xE2\x80\x8F(1)\xE2\x80\x8F " /* Hebrew, RLM */
        "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 "                 /* man ZWJ woman */
        "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85")); /* Persian ZWNJ */
  HAS(o, "\xE2\x80\x8F(1)\xE2\x80\x8F");
  HAS(o, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9");
  HAS(o, "\xDB\x8C\xE2\x80\x8C\xD8\xAE");
  free(o);
}

Test(normalize, spaces_collapse_trim_and_cross_spans) {
  char *o =
      run(P("  Dear   Sir/Madam,  ") P("24 <span bold=\"true\"> August</span>  2021 <tab/> x"));
  HAS(o, ">Dear Sir/Madam,</p>");
  HAS(o, ">24 <span bold=\"true\">August</span> 2021<tab/>x</p>");
  free(o);
}

Test(normalize, no_break_spaces_where_typography_needs_them) {
  char *o = run("<p xml:lang=\"fr-CH\">Objet\xC2\xA0: la r\xC3\xA9union "
                "\xC2\xAB\xC2\xA0virtuelle\xC2\xA0\xC2\xBB "
                "\xC3\xA0 11\xC2\xA0h\xC2\xA0"
                "00, 1\xC2\xA0"
                "000 d\xC3\xA9l\xC3\xA9gu\xC3\xA9s, "
                "Madame,\xC2\xA0Monsieur, 20\xE2\x80\xAF%, 12\xC2\xA0"
                "3456</p>\n");
  HAS(o, "Objet\xC2\xA0: la réunion «\xC2\xA0virtuelle\xC2\xA0» à 11\xC2\xA0h\xC2\xA0"
         "00, "
         "1\xC2\xA0"
         "000 délégués, Madame, Monsieur, 20\xE2\x80\xAF%, 12 3456</p>");
  cr_expect_eq(last_stats.nbsp_kept, 7);
  cr_expect_eq(last_stats.nbsp_plain, 2);
  free(o);
  colette_normalize_options opts;
  colette_normalize_options_default(&opts);
  opts.plain_spaces = 1;
  colette_status st;
  colette_error e;
  o = run_with("<p xml:lang=\"fr-CH\">Objet\xC2\xA0: \xC2\xAB\xC2\xA0oui\xC2\xA0\xC2\xBB</p>\n",
               "fr-CH", &opts, &st, &e);
  HAS(o, ">Objet : « oui »</p>");
  free(o);
}

Test(normalize, identifiers_become_plain_ascii) {
  char *o =
      run(P("ITU\xE2\x80\x91T, e\xE2\x80\x90mail, SG11\xE2\x80\x92TD53/WP1, X.509\xE2\x80\x93R2, "
            "ITU\xE2\x80\x93T, 2020\xE2\x80\x93"
            "2021, 24 August \xE2\x80\x93 3 September, "
            "Tel: +41\xC2\xA0"
            "22\xE2\x80\xAF"
            "730\xC2\xA0"
            "6206"));
  HAS(o, ">ITU-T, e-mail, SG11-TD53/WP1, X.509-R2, ITU-T, 2020–2021, 24 August – 3 September, "
         "Tel: +41 22 730 6206</p>");
  free(o);
}

Test(normalize, widths) {
  char *o = run(
      P("\xEF\xBC\xA9\xEF\xBC\xB4\xEF\xBC\xB5 \xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x91 "
        "tsbsg11\xEF\xBC\xA0itu.int \xEF\xBC\x88note\xEF\xBC\x89")); /* ＩＴＵ ２０２１ ＠ （） */
  HAS(o, ">ITU 2021 tsbsg11@itu.int (note)</p>");
  free(o);
  /* Chinese punctuation stays in Chinese text; full-width digits do not */
  o = run("<p "
          "xml:lang=\"zh-CN\">"
          "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x91年12月1日（日内瓦时间）12时，"
          "第２～４项。</p>\n");
  HAS(o, ">2021年12月1日（日内瓦时间）12时，第2～4项。</p>");
  free(o);
}

Test(normalize, dashes_and_quotes_kept_as_written) {
  char *o = run(P("A tutorial on \xE2\x80\x98SG17 Overview\xE2\x80\x99 \xE2\x80\x94 \xE2\x80\x9C"
                  "free\xE2\x80\x9D "
                  "NOTE \xE2\x80\x92 Updates"));
  HAS(o, ">A tutorial on ‘SG17 Overview’ — “free” NOTE ‒ Updates</p>");
  free(o);
}

Test(normalize, spans_merged_and_empty_ones_dropped) {
  char *o = run(P("<span bold=\"true\">24 </span><span bold=\"true\">August</span>"
                  "<span bold=\"true\"> 2021</span><span italic=\"true\"></span>"
                  "<span italic=\"true\">\xE2\x80\x8B</span>!"));
  HAS(o, "><span bold=\"true\">24 August 2021</span>!</p>");
  cr_expect_eq(last_stats.spans_merged, 2);
  cr_expect_eq(last_stats.spans_dropped, 2);
  free(o);
}

Test(normalize, structure_and_attributes_kept) {
  char *o = run(
      "<p style=\"Heading1\" heading=\"1\" xml:lang=\"en-GB\" list=\"a1\" num-id=\"1\" level=\"1\" "
      "list-format=\"decimal\" label=\"1.\">Opening <link href=\"http://x/\">of  the</link>"
      "<noteref type=\"footnote\" id=\"1\" mark=\"1\"/> meeting<image target=\"a.png\"/></p>\n");
  HAS(o,
      "<p style=\"Heading1\" heading=\"1\" xml:lang=\"en-GB\" list=\"a1\" num-id=\"1\" level=\"1\" "
      "list-format=\"decimal\" label=\"1.\">Opening <link href=\"http://x/\">of the</link>"
      "<noteref type=\"footnote\" id=\"1\" mark=\"1\"/> meeting<image target=\"a.png\"/></p>");
  free(o);
}

/* Only a declaration is left out ("xmlns", "xmlns:o"), not an attribute
 * whose name starts so; run checks xmlscan's walk and the reader's. */
Test(normalize, an_attribute_named_like_a_declaration_is_kept) {
  char *o = run("<p xml:lang=\"en-GB\">x<image xmlnst=\"a.emf\" xmlns-b=\"1\"/></p>\n");
  HAS(o, "<image xmlnst=\"a.emf\" xmlns-b=\"1\"/>");
  free(o);
}

/* Is o well-formed XML, its namespaces too (every prefix declared)? */
static bool ns_well_formed(const char *o) {
  xmlParserCtxtPtr c = xmlNewParserCtxt();
  xmlDocPtr d = xmlCtxtReadMemory(c, o, (int)strlen(o), "out.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  bool ok = d && c->wellFormed && c->nsWellFormed;
  xmlFreeDoc(d);
  xmlFreeParserCtxt(c);
  return ok;
}

/* Markup of another namespace is copied as it is, with the declarations
 * its prefixes need (they were dropped: "o:a" came out undeclared), and is
 * not taken for the flat element of its local name. */
Test(normalize, foreign_markup_kept_with_its_namespaces) {
  char *o = run(P("a <o:x xmlns:o=\"urn:o\" o:a=\"1\">b</o:x> c")
                "<q xmlns=\"urn:q\"><p>not a flat paragraph</p></q>\n"
                "<p xmlns:w=\"urn:w\" w:k=\"v\" xml:lang=\"en-GB\">d</p>\n");
  HAS(o, "a <o:x xmlns:o=\"urn:o\" o:a=\"1\">b</o:x> c"); /* its text the paragraph's, spaced */
  HAS(o, "<q xmlns=\"urn:q\"><p>not a flat paragraph</p></q>");
  HAS(o, "<p xmlns:w=\"urn:w\" w:k=\"v\" xml:lang=\"en-GB\">d</p>");
  cr_expect(ns_well_formed(o), "namespace-well-formed:\n%s", o);
  free(o);
  /* so is a name the flat schema lacks, where tab and br still break */
  o = run(P("one <future x=\"1\">two  three</future> four<tab/> five <br/>six"));
  HAS(o, ">one <future x=\"1\">two three</future> four<tab/>five<br/>six</p>");
  free(o);
}

/* The flat namespace under a prefix, as an XSLT may write it: the same
 * document as with the default namespace, element for element (the root's
 * end tag came out "</f:document>" after "<document": malformed, exit 0; and
 * "f:anchor" was not known for an anchor, so the spaces around it went) */
static char *norm_doc(const char *doc);

Test(normalize, the_flat_namespace_under_a_prefix) {
  static const char PLAIN[] =
      "<?xml version=\"1.0\"?>\n<document xmlns=\"urn:colette:flat:1\" version=\"1\" "
      "main-part=\"word/document.xml\" conformance=\"transitional\" xml:lang=\"en-GB\">\n"
      "<properties>\n<property name=\"title\">T</property>\n</properties>\n<body>\n"
      "<p>Dear  <span bold=\"true\">Sir</span> <anchor name=\"a\"/> Madam,</p>\n"
      "<table cols=\"1\"><row><cell col=\"1\"><p>x</p></cell></row></table>\n"
      "</body>\n</document>\n";
  static const char PREFIXED[] =
      "<?xml version=\"1.0\"?>\n<f:document xmlns:f=\"urn:colette:flat:1\" version=\"1\" "
      "main-part=\"word/document.xml\" conformance=\"transitional\" xml:lang=\"en-GB\">\n"
      "<f:properties>\n<f:property name=\"title\">T</f:property>\n</f:properties>\n<f:body>\n"
      "<f:p>Dear  <f:span bold=\"true\">Sir</f:span> <f:anchor name=\"a\"/> Madam,</f:p>\n"
      "<f:table cols=\"1\"><f:row><f:cell col=\"1\"><f:p>x</f:p></f:cell></f:row></f:table>\n"
      "</f:body>\n</f:document>\n";
  char *a = norm_doc(PLAIN), *b = norm_doc(PREFIXED);
  cr_expect(ns_well_formed(b), "namespace-well-formed:\n%s", b);
  static const char DECL[] = " xmlns:f=\"urn:colette:flat:1\"";
  char *d = strstr(b, DECL);
  cr_assert_not_null(d, "%s", b);
  memmove(d, d + strlen(DECL), strlen(d + strlen(DECL)) + 1);
  cr_expect_str_eq(b, a);
  free(a);
  free(b);
  /* through every reader; a flat element where another namespace is the
   * default keeps its prefix */
  char *o = run("<f:p xmlns:f=\"urn:colette:flat:1\" xml:lang=\"en-GB\">a <f:span "
                "bold=\"true\">b</f:span></f:p>\n"
                "<p xml:lang=\"en-GB\">c <x xmlns=\"urn:x\" xmlns:f=\"urn:colette:flat:1\">"
                "<f:span bold=\"true\">d</f:span></x> e</p>\n");
  HAS(o, "<p xmlns:f=\"urn:colette:flat:1\" xml:lang=\"en-GB\">a <span bold=\"true\">b</span></p>");
  HAS(o, "<x xmlns=\"urn:x\" xmlns:f=\"urn:colette:flat:1\"><f:span bold=\"true\">d</f:span></x>");
  cr_expect(ns_well_formed(o), "namespace-well-formed:\n%s", o);
  free(o);
}

/* An element's end tag is its whole name, however long (it was cut at
 * 60 bytes, which closed nothing: malformed output). */
Test(normalize, a_long_element_name_is_closed_whole) {
  char name[201];
  memset(name, 'n', 200);
  name[200] = '\0';
  char body[1024];
  snprintf(body, sizeof body, P("x<%s>y</%s>") "<%s>z</%s>\n", name, name, name, name);
  char *o = run(body);
  char end[210];
  snprintf(end, sizeof end, "</%s>", name);
  HAS(o, end);
  cr_expect(ns_well_formed(o), "well-formed:\n%s", o);
  free(o);
}

Test(normalize, languages) {
  char *o = run_with(
      "<p xml:lang=\"fr-CH\">J'ai l'honneur de vous inviter à participer à la prochaine "
      "réunion.</p>\n"
      "<p xml:lang=\"fr-CH\">The entire meeting will run in English only, with no "
      "interpretation.</p>\n"
      "<p xml:lang=\"fr-CH\">24 June 2021</p>\n"
      "<p xml:lang=\"fr-CH\">+41 22 730 6206</p>\n"
      "<p xml:lang=\"fr-CH\">Tengo el placer de invitarle a la reunión del grupo de estudio.</p>\n"
      "<p xml:lang=\"en-US\">2021年7月20日，日内瓦</p>\n"
      "<p xml:lang=\"fr-CH\">Le Président de la Commission d'études sera présent pendant la "
      "réunion.</p>\n"
      "<table cols=\"1\">\n<row>\n<cell col=\"1\">\n<p "
      "xml:lang=\"en-GB\">1.</p>\n</cell>\n</row>\n</table>\n",
      "en-GB", NULL, &(colette_status){0}, &(colette_error){0});
  HAS(o, "<document xmlns=\"urn:colette:flat:1\" version=\"1\" main-part=\"word/document.xml\" "
         "conformance=\"transitional\" xml:lang=\"fr-CH\" normalized=\"nfc\">");
  HAS(o, "<p xml:lang=\"fr-CH\">J'ai");
  HAS(o,
      "<p xml:lang=\"en-GB\">The entire meeting");  /* the text says English; the document, en-GB */
  HAS(o, "<p xml:lang=\"en-GB\">24 June 2021</p>"); /* short: a month name ICU knows */
  HAS(o, "<p xml:lang=\"es\">Tengo");
  HAS(o, "<p xml:lang=\"en-GB\">+41 22 730 6206</p>"); /* neutral: the paragraph before */
  HAS(o, "<p xml:lang=\"zh\">2021年7月20日，日内瓦</p>");
  HAS(o, "<cell col=\"1\" xml:lang=\"fr-CH\">\n<p xml:lang=\"fr-CH\">1.</p>");
  cr_expect_eq(last_stats.lang_script, 1);
  free(o);
}

Test(normalize, hostile_unicode) {
  /* a base letter with 40 combining marks, emoji, RTL, an unassigned code
   * point (kept), a CJK compatibility ideograph (NFC maps it: U+2FA00 is
   * U+9829), a private-use character (kept) */
  char body[4096] = "<p xml:lang=\"en-GB\">a";
  for (int i = 0; i < 40; i++)
    strcat(body, i % 2 ? "\xCC\x81" : "\xCC\xA3");
  strcat(body, " \xF0\x9F\x98\x80 \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A \xCD\xB8 \xF0\xAF\xA8\x80 "
               "\xEE\x80\x80 end</p>\n");
  char *o = run(body);
  HAS(o, "\xF0\x9F\x98\x80 \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A \xCD\xB8 \xE9\xA0\xA9 \xEE\x80\x80 "
         "end</p>");
  /* canonical order of the marks, every one kept, in pieces of 30 (the
   * Stream-Safe Text Format): the first dot below composes with the a
   * (U+1EA1), 14 more dots below (ccc 220) before 15 acutes (ccc 230), a
   * CGJ, then the last 5 of each */
  cr_expect(strstr(o, "\xE1\xBA\xA1"
                      "\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3"
                      "\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3"
                      "\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81"
                      "\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81"
                      "\xCD\x8F"
                      "\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81 ") !=
            NULL);
  free(o);
  /* a 1 MB paragraph */
  size_t big = 1u << 20;
  char *p = malloc(big + 64);
  strcpy(p, "<p xml:lang=\"en-GB\">");
  size_t k = strlen(p);
  for (size_t i = 0; i < big / 8; i++, k += 8)
    memcpy(p + k, "word    ", 8);
  strcpy(p + k, "</p>\n");
  o = run(p);
  cr_expect(strstr(o, "word word word") != NULL);
  cr_expect(strstr(o, "word  word") == NULL);
  cr_expect(strstr(o, "word</p>") != NULL);
  free(o);
  free(p);
}

/* pre, then unit n times, then post: a new string. */
static char *rep(const char *pre, const char *unit, size_t n, const char *post) {
  size_t a = strlen(pre), u = strlen(unit), b = strlen(post);
  char *s = malloc(a + u * n + b + 1), *w = s;
  memcpy(w, pre, a);
  w += a;
  for (size_t i = 0; i < n; i++, w += u)
    memcpy(w, unit, u);
  memcpy(w, post, b + 1);
  return s;
}

/* The body of the first paragraph of a normalized document (a new string). */
static char *first_p(const char *o) {
  const char *a = strstr(o, "<p ");
  a = a ? strchr(a, '>') : NULL;
  const char *b = a ? strstr(a, "</p>") : NULL;
  cr_assert(b, "no paragraph in:\n%.300s", o);
  return strndup(a + 1, (size_t)(b - a - 1));
}

/* Normalize one paragraph of text (en-GB); its normalized body (a new string). */
static char *norm_text(const char *text) {
  char *body = rep("<p xml:lang=\"en-GB\">", text, 1, "</p>\n");
  char *o = run(body);
  char *t = first_p(o);
  free(o);
  free(body);
  return t;
}

#define LONG 50000 /* a run: quadratic rules took minutes on it */

/* Every no-break space of a long run is judged by its run's solid
 * neighbours, found once per paragraph (they were walked to from each). */
Test(normalize, long_runs_of_no_break_spaces) {
  static const struct {
    const char *pre, *unit, *post, *want;
  } cases[] = {
      {"a", "\xC2\xA0", "b", "a b"},                                   /* plain, one */
      {"a", "\xE2\x80\xAF", "b", "a b"},                               /* narrow: the same */
      {"\xC2\xAB", "\xC2\xA0", "oui", "\xC2\xAB\xC2\xA0oui"},          /* after « : kept, one */
      {"Objet", "\xC2\xA0", ": x", "Objet\xC2\xA0: x"},                /* before : */
      {"1", "\xC2\xA0", "000 x", "1\xC2\xA0" "000 x"},                 /* thousands */
      {"1", "\xC2\xA0", "0000 x", "1 0000 x"},                         /* four digits: no */
      {"1", "\xC2\xA0\xE2\x80\x8B", "000 x", "1\xC2\xA0" "000 x"},     /* past removed debris */
      {"x 11", "\xC2\xA0", "h 00", "x 11\xC2\xA0h 00"},                /* "11 h" */
      {"x 11 h", "\xE2\x80\x8B\xC2\xA0", "00", "x 11 h\xC2\xA0" "00"}, /* "h 00" */
      {"a", " \xC2\xA0\xE2\x80\x89\xE3\x80\x80", "b", "a b"},           /* mixed: one */
      {"\xC2\xAB", " \xE2\x80\xAF\xC2\xA0", "a", "\xC2\xAB\xE2\x80\xAF" "a"}, /* the first kept */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *text = rep(cases[i].pre, cases[i].unit, LONG, cases[i].post);
    char *t = norm_text(text);
    cr_expect_str_eq(t, cases[i].want, "case %zu", i);
    free(t);
    free(text);
  }
}

/* Every joiner of a long run is judged by the letters on either side of
 * the run, found once per paragraph (they were walked to from each). */
Test(normalize, long_runs_of_joiners) {
  static const char zwj[] = "\xE2\x80\x8D", zwnj[] = "\xE2\x80\x8C";
  static const char beh[] = "\xD8\xA8", man[] = "\xF0\x9F\x91\xA8", acute[] = "\xCC\x81";
  /* between Latin letters: debris, every one */
  char *text = rep("a", zwj, LONG, "b"), *t = norm_text(text);
  cr_expect_str_eq(t, "ab");
  free(t);
  free(text);
  text = rep("a", zwnj, LONG, " b");
  t = norm_text(text);
  cr_expect_str_eq(t, "a b");
  free(t);
  free(text);
  /* beside an Arabic letter (on either side) or an emoji: kept, every one */
  const char *keep[][2] = {{beh, beh}, {"a", beh}, {beh, "a"}, {man, man}};
  for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
    text = rep(keep[i][0], i % 2 ? zwnj : zwj, LONG, keep[i][1]);
    t = norm_text(text);
    cr_expect_str_eq(t, text, "case %zu", i);
    free(t);
    free(text);
  }
  /* joiners between combining marks look past them all to the letters */
  char unit[8];
  snprintf(unit, sizeof unit, "%s%s", zwnj, acute);
  text = rep(beh, unit, LONG, "");
  t = norm_text(text);
  size_t joiners = 0, marks = 0;
  for (const char *c = t; (c = strstr(c, zwnj)); c += 3)
    joiners++;
  for (const char *c = t; (c = strstr(c, acute)); c += 2)
    marks++;
  cr_expect_eq(joiners, LONG);
  cr_expect_eq(marks, LONG);
  free(t);
  free(text);
  text = rep("a", unit, LONG, "");
  t = norm_text(text);
  cr_expect(strstr(t, zwnj) == NULL, "a joiner kept between Latin marks");
  free(t);
  free(text);
}

/* A whole document normalized (a new string). */
static char *norm_doc(const char *doc) {
  FILE *in = fmemopen((void *)doc, strlen(doc), "rb");
  sinkbuf o = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &o};
  colette_error e;
  cr_assert_eq(colette_normalize_stream(in, NULL, sink, NULL, &e), COLETTE_OK, "%s", e.message);
  fclose(in);
  return o.data;
}

/* Non-starters (combining class > 0) in each run between starters of t,
 * the longest; *cgj counts the joiners U+034F. */
static size_t longest_run(const char *t, size_t *cgj, size_t *marks) {
  size_t run = 0, most = 0;
  *cgj = *marks = 0;
  for (const unsigned char *c = (const unsigned char *)t; *c; c++) {
    if (c[0] == 0xCD && c[1] == 0x8F) { /* CGJ: a starter */
      ++*cgj;
      run = 0;
      c++;
    } else if (c[0] == 0xCC && (c[1] == 0x81 || c[1] == 0xA3 || c[1] == 0x96)) {
      ++*marks;
      if (++run > most) most = run;
      c++;
    } else if ((*c & 0xC0) != 0x80) {
      run = 0;
    }
  }
  return most;
}

/* A long run of combining marks out of canonical order is cut by a CGJ
 * (U+034F) after every 30 non-starters, as Unicode's Stream-Safe Text
 * Format has it, before it is normalized: ICU reorders a run by insertion.
 * Every mark is kept, each piece is in canonical order, and a normalized
 * text is stream-safe already: normalizing again changes nothing. */
Test(normalize, stream_safe_long_mark_runs) {
  char *text = rep("x", "\xCC\x81\xCC\xA3", LONG / 2, " b"); /* acute 230, dot below 220 */
  char *body = rep("<p xml:lang=\"en-GB\">", text, 1, "</p>\n");
  char *o = run(body), *t = first_p(o);
  size_t cgj, marks;
  cr_expect_eq(longest_run(t, &cgj, &marks), 30);
  cr_expect_eq(marks, LONG);
  cr_expect_eq(cgj, (LONG - 1) / 30);
  /* 15 dots below before 15 acutes in every piece */
  const char *piece = "\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3"
                      "\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\xA3\xCC\x81\xCC\x81\xCC\x81"
                      "\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81"
                      "\xCC\x81\xCC\x81\xCC\x81\xCD\x8F";
  cr_expect(strncmp(t, "x", 1) == 0 && strncmp(t + 1, piece, strlen(piece)) == 0, "%.200s", t);
  char *again = norm_doc(o);
  cr_expect_str_eq(again, o, "normalizing twice changed the text");
  free(again);
  free(t);
  free(o);
  free(body);
  free(text);
  /* in order already: cut too, nothing reordered */
  text = rep("x", "\xCC\x81", 100, "");
  t = norm_text(text);
  cr_expect_eq(longest_run(t, &cgj, &marks), 30);
  cr_expect_eq(cgj, 3);
  cr_expect_eq(marks, 100);
  free(t);
  free(text);
  /* 30 marks: stream-safe as they are */
  text = rep("x", "\xCC\x81", 30, "");
  t = norm_text(text);
  cr_expect_str_eq(t, text);
  free(t);
  free(text);
}

/* Debris between two runs of marks goes after they were made stream-safe:
 * the run they make is cut when the text is normalized again, and the
 * result is a fixed point. */
Test(normalize, stream_safe_after_debris) {
  char *a = rep("x", "\xCC\x96", 20, "\xE2\x80\x8B"); /* 20 grave below, a zero-width space */
  char *text = rep(a, "\xCC\x81", 20, " b");           /* 20 acutes */
  char *body = rep("<p xml:lang=\"en-GB\">", text, 1, "</p>\n");
  char *o = run(body), *t = first_p(o);
  size_t cgj, marks;
  cr_expect_eq(longest_run(t, &cgj, &marks), 30);
  cr_expect_eq(cgj, 1);
  cr_expect_eq(marks, 40);
  cr_expect(strstr(t, "\xE2\x80\x8B") == NULL);
  char *again = norm_doc(o);
  cr_expect_str_eq(again, o, "normalizing twice changed the text");
  free(again);
  free(t);
  free(o);
  free(body);
  free(text);
  free(a);
}

/* Every paragraph with marks of its own: the document's strings are a
 * hash table (each paragraph's looked through all the others'). */
Test(normalize, a_language_mark_per_paragraph) {
  enum { N = 20000 };
  char *body = malloc((size_t)N * 64), *w = body;
  for (int i = 0; i < N; i++)
    w += sprintf(w, "<p xml:lang=\"en-x-p%d\">Paragraph %d.</p>\n", i, i);
  colette_status st;
  colette_error e;
  char *o = run_with(body, NULL, NULL, &st, &e);
  cr_assert_eq(st, COLETTE_OK, "%s", e.message);
  const char *at = o;
  for (int i = 0; i < N; i++) {
    char want[64];
    snprintf(want, sizeof want, "<p xml:lang=\"en-x-p%d\">Paragraph %d.</p>", i, i);
    at = strstr(at, want);
    cr_assert(at, "paragraph %d lost its mark", i);
  }
  free(o);
  free(body);
}

Test(normalize, bad_input) {
  colette_status st;
  colette_error e;
  char *o = run_with(P("lone surrogate &#xD800;"), "en-GB", NULL, &st, &e);
  cr_expect_null(o);
  cr_expect_eq(st, COLETTE_ERR_XML, "%s", e.message);
  FILE *in = fmemopen("<letter/>", 9, "rb");
  sinkbuf x = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &x};
  cr_expect_eq(colette_normalize_stream(in, NULL, sink, NULL, &e), COLETTE_ERR_NO_DOCUMENT);
  cr_expect(strstr(e.message, "not a colette flat document") != NULL, "%s", e.message);
  fclose(in);
  /* the flat root's name in another namespace: the message says which is wanted */
  static const char other[] = "<document xmlns=\"urn:other\"><p>x</p></document>";
  in = fmemopen((void *)other, sizeof other - 1, "rb");
  cr_expect_eq(colette_normalize_stream(in, NULL, sink, NULL, &e), COLETTE_ERR_NO_DOCUMENT);
  cr_expect(strstr(e.message, "<document> not in namespace urn:colette:flat:1") != NULL, "%s",
            e.message);
  fclose(in);
  free(x.data);
  static const char dtd[] =
      "<!DOCTYPE d [<!ENTITY a \"x\">]><document xmlns=\"urn:colette:flat:1\"/>";
  in = fmemopen((void *)dtd, sizeof dtd - 1, "rb");
  cr_expect_eq(colette_normalize_stream(in, NULL, sink, NULL, &e), COLETTE_ERR_XML);
  fclose(in);
}

/* colette_normalize_memory walks once and leaves holes for the languages;
 * run_with checks it against the stream's two walks.  Here the shapes
 * where the two walks see a paragraph differently: paragraphs nested in
 * one (pass 1 never writes them there), a property inside one (pass 2
 * writes its text straight out), containers with and without marks. */
Test(normalize, one_walk_as_two) {
  colette_status st;
  colette_error e;
  char *o = run_with(
      "<p xml:lang=\"en\">The outer <span b=\"1\">para</span><p>nested text in English, and the "
      "words of it</p>word<note id=\"1\" xml:lang=\"de\"><p>Une note en français avec des mots "
      "pour les gens</p></note> after  the note<property name=\"x\">in a paragraph</property> "
      "tail</p>\n"
      "<cell xml:lang=\"\"><p>x</p></cell><cell><p>Ceci est une cellule en français pour les "
      "gens</p></cell><cell xml:lang=\"zh\"><p>中文的段落</p></cell>\n"
      "<cell xml:lang=\"de\" a=\"1\"/><cell a=\"2\" xml:lang=\"\"></cell><note "
      "xml:lang=\"&amp;x\"></note>\n"
      "<p>word<p>x</p>word</p>\n<p/><p xml:lang=\"ja\"/>\n",
      NULL, NULL, &st, &e);
  cr_assert_eq(st, COLETTE_OK, "%s", e.message);
  HAS(o, "<cell xml:lang=\"de\" a=\"1\"/>");
  HAS(o, "<note xml:lang=\"&amp;x\"></note>");
  HAS(o, "<cell xml:lang=\"zh\"><p xml:lang=\"zh\">");
  HASNT(o, "\x01");
  free(o);
}

/* The classifier's word table, looked up through its first-byte index:
 * words at either end of the byte range, non-ASCII first bytes, words it
 * does not hold. */
Test(normalize, classifier_word_table) {
  lang_classifier *c = lang_classifier_new();
  cr_assert_not_null(c);
  cr_expect_eq(lang_word_kind(c, "the"), 1u);
  cr_expect_eq(lang_word_kind(c, "your"), 1u);
  cr_expect_eq(lang_word_kind(c, "des"), 2u);
  cr_expect_eq(lang_word_kind(c, "à"), 2u);
  cr_expect_eq(lang_word_kind(c, "été"), 2u);
  cr_expect_eq(lang_word_kind(c, "usted"), 4u);
  cr_expect(lang_word_kind(c, "janvier") & 16u, "janvier: a French month");
  cr_expect(lang_word_kind(c, "monday") & 8u, "monday: an English weekday");
  cr_expect_eq(lang_word_kind(c, "la"), 0u); /* shared by the languages: left out */
  cr_expect_eq(lang_word_kind(c, ""), 0u);
  cr_expect_eq(lang_word_kind(c, "zzzz"), 0u);
  cr_expect_eq(lang_word_kind(c, "\xff\xfe"), 0u);
  cr_expect_eq(lang_word_kind(c, "thequickbrownfoxjumpsoverthelazydog"), 0u);
  lang_classifier_free(c);
}
