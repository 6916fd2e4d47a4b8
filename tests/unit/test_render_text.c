/* Unit tests: colette-render's text writer (render_text), through
 * colette_render and the command run in-process. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "colette.h"

#define LETTER_OPEN                                                                                \
  "<letter xmlns=\"urn:colette:letter:1\" xmlns:arg=\"urn:colette:arg:1\" version=\"1\" "
#define BODY(lang, blocks) LETTER_OPEN "xml:lang=\"" lang "\"><body>" blocks "</body></letter>"

typedef struct out {
  char *data;
  size_t len;
} out;

static int to_out(void *ctx, const char *data, size_t len) {
  out *o = ctx;
  char *d = realloc(o->data, o->len + len + 1);
  if (!d) return -1;
  memcpy(d + o->len, data, len);
  o->data = d;
  o->len += len;
  o->data[o->len] = '\0';
  return 0;
}

/* The letter XML rendered as text at `width` (in `lang` when not NULL);
 * the caller frees the result. */
static char *render(const char *xml, unsigned width, const char *lang) {
  colette_letter *l = NULL;
  colette_error e;
  cr_assert_eq(colette_letter_read(xml, strlen(xml), "t.xml", &l, &e), COLETTE_OK, "%s", e.message);
  colette_render_options o;
  colette_render_options_default(&o);
  o.width = width;
  o.lang = lang;
  out s = {NULL, 0};
  colette_sink sink = {to_out, &s};
  cr_assert_eq(colette_render(l, &o, sink, NULL, &e), COLETTE_OK, "%s", e.message);
  colette_letter_free(l);
  return s.data ? s.data : strdup("");
}

/* Display columns, counted independently of the writer: ICU's East Asian
 * width, combining marks none. */
static unsigned columns(const char *s, size_t n) {
  unsigned w = 0;
  for (int32_t i = 0; (size_t)i < n;) {
    UChar32 c;
    U8_NEXT(s, i, (int32_t)n, c);
    int8_t gc = u_charType(c);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR) continue;
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    w += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
  }
  return w;
}

/* The lines of s, at most `max`; each NUL-terminated in a copy. */
typedef struct lines {
  char *buf;
  char *line[512];
  int n;
} lines;

static void split(const char *s, lines *L) {
  L->buf = strdup(s);
  L->n = 0;
  for (char *p = L->buf; *p && L->n < 512;) {
    char *nl = strchr(p, '\n');
    cr_assert(nl != NULL, "a line without its newline: %s", p);
    *nl = '\0';
    L->line[L->n++] = p;
    p = nl + 1;
  }
}

/* Every line within the width, none ending in a space, the text ending in
 * one newline. */
static void expect_fits(const char *s, unsigned width) {
  size_t n = strlen(s);
  cr_expect(n > 0 && s[n - 1] == '\n', "no final newline");
  cr_expect(n < 2 || s[n - 2] != '\n', "a blank line at the end");
  lines L;
  split(s, &L);
  for (int i = 0; i < L.n; i++) {
    size_t k = strlen(L.line[i]);
    cr_expect(columns(L.line[i], k) <= width, "line %d is %u columns wide: '%s'", i + 1,
              columns(L.line[i], k), L.line[i]);
    cr_expect(k == 0 || L.line[i][k - 1] != ' ', "line %d ends in a space: '%s'", i + 1, L.line[i]);
  }
  free(L.buf);
}

/* s without its newlines and spaces: what the words are, in order. */
static char *squeeze(const char *s) {
  char *r = malloc(strlen(s) + 1), *q = r;
  for (; *s; s++)
    if (*s != '\n' && *s != ' ') *q++ = *s;
  *q = '\0';
  return r;
}

#define LATIN                                                                                      \
  "It is my pleasure to invite you to attend the next meeting of ITU-T Study Group 17 "            \
  "(Security), which will be held virtually from 24 August to 3 September 2021, inclusive. "       \
  "Note that no fellowships will be awarded, and the entire meeting will run in English only."

Test(render_text, latin_wraps_at_the_width_between_words) {
  char *t = render(BODY("en", "<p>" LATIN "</p>"), 30, NULL);
  expect_fits(t, 30);
  lines L;
  split(t, &L);
  cr_expect_gt(L.n, 8);
  cr_expect_str_eq(L.line[0], "It is my pleasure to invite");
  /* no word is cut: each line ends where a word does, and the next would not fit */
  for (int i = 0; i + 1 < L.n; i++) {
    const char *next = L.line[i + 1];
    size_t first = strcspn(next, " ");
    cr_expect_gt(columns(L.line[i], strlen(L.line[i])) + 1 + first, 30, "line %d could take '%.*s'",
                 i + 1, (int)first, next);
  }
  char *a = squeeze(t), *b = squeeze(LATIN);
  cr_expect_str_eq(a, b, "words lost or moved");
  free(a);
  free(b);
  free(L.buf);
  free(t);
}

#define CJK                                                                                                        \
  "我高兴地邀请您出席第11研究组（信令要求、协议、测试规范及打击假冒伪劣产品）" \
  "的下次会议。鉴于目前的新冠病毒大流行，此会议将以完全虚拟的形式举办。"

Test(render_text, chinese_wraps_between_characters_by_display_width) {
  char *t = render(BODY("zh", "<p>" CJK "</p>"), 20, NULL);
  expect_fits(t, 20);
  lines L;
  split(t, &L);
  cr_expect_gt(L.n, 5);
  /* 20 columns are ten characters: a line is full but where a rule keeps
   * punctuation with its neighbour */
  for (int i = 0; i + 1 < L.n; i++)
    cr_expect_geq(columns(L.line[i], strlen(L.line[i])), 16, "line %d is short: '%s'", i + 1,
                  L.line[i]);
  cr_expect_str_eq(L.line[0], "我高兴地邀请您出席第");
  /* no line starts with closing punctuation (ICU's line breaking) */
  for (int i = 0; i < L.n; i++)
    cr_expect(strncmp(L.line[i], "，", 3) && strncmp(L.line[i], "。", 3) &&
                  strncmp(L.line[i], "）", 3),
              "line %d starts with punctuation: '%s'", i + 1, L.line[i]);
  char *a = squeeze(t), *b = squeeze(CJK);
  cr_expect_str_eq(a, b);
  free(a);
  free(b);
  free(L.buf);
  free(t);
}

Test(render_text, mixed_latin_and_chinese_count_their_own_widths) {
  char *t = render(
      BODY("zh", "<p>开幕全体会议将于2021年12月1日（日内瓦时间）12时利用MyMeetings远程参会工具"
                 "开始。文件见第11研究组主页（www.itu.int/go/tsg11）。</p>"),
      24, NULL);
  expect_fits(t, 24);
  cr_expect(strstr(t, "MyMeetings") != NULL, "a Latin word is never cut: %s", t);
  free(t);
}

/* UAX #14 lets a line break between a digit and an ideograph; a Chinese
 * reader keeps a number with its unit or counter ("15时", "2021年", "第17
 * 研究组"), so no width may leave a digit at a line's end and an ideograph
 * at the next one's start (unless the number alone is wider than a line). */
Test(render_text, a_number_keeps_the_ideograph_after_it) {
  static const char P[] = "请注意，但2021年9月3日的第17研究组闭幕全体会议将提供字幕。与会者注册将于"
                          "8时30分开始，会议将于日内瓦时间12时 – 15时举行，共145名代表出席。";
  char xml[1024];
  snprintf(xml, sizeof xml, BODY("zh", "<p>%s</p>"), P);
  int broke = 0;
  for (unsigned width = 20; width <= 60; width++) { /* 20: the narrowest layout */
    char *t = render(xml, width, NULL);
    expect_fits(t, width);
    lines L;
    split(t, &L);
    for (int i = 0; i + 1 < L.n; i++) {
      size_t n = strlen(L.line[i]);
      int32_t k = (int32_t)n, j = 0;
      UChar32 a = 0, b = 0;
      if (n) U8_PREV(L.line[i], 0, k, a);
      U8_NEXT(L.line[i + 1], j, (int32_t)strlen(L.line[i + 1]), b);
      bool split_number = n && u_isdigit(a) && u_hasBinaryProperty(b, UCHAR_IDEOGRAPHIC);
      cr_expect(!split_number, "width %u: '%s' / '%s'", width, L.line[i], L.line[i + 1]);
      broke += L.n > 1;
    }
    char *x = squeeze(t), *y = squeeze(P);
    cr_expect_str_eq(x, y, "width %u", width);
    free(x);
    free(y);
    free(L.buf);
    free(t);
  }
  cr_expect_gt(broke, 0);
}

Test(render_text, a_word_longer_than_the_width_is_cut_into_lines) {
  const char *url = "https://www.itu.int/net4/CRM/xreg/web/Registration.aspx?Event=C-00009903";
  char p[512];
  snprintf(p, sizeof p, BODY("en", "<p>Register at %s now.</p>"),
           "Xa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8");
  char *t = render(p, 20, NULL);
  expect_fits(t, 20);
  cr_expect_str_eq(t, "Register at\nXa1b2c3d4e5f6g7h8i9j\n0k1l2m3n4o5p6q7r8\nnow.\n");
  free(t);
  snprintf(p, sizeof p, BODY("en", "<p>%s</p>"), url);
  t = render(p, 20, NULL);
  expect_fits(t, 20);
  char *a = squeeze(t);
  cr_expect_str_eq(a, url);
  free(a);
  free(t);
}

Test(render_text, a_url_keeps_its_scheme_with_its_host_and_its_bracket) {
  char *t = render(BODY("en", "<p>Information is on the page (http://www.itu.int/go/tsg11) of "
                              "the <link href=\"https://www.itu.int/net/ITU-T/ddp/\">Direct "
                              "Document Posting</link> system.</p>"),
                   36, NULL);
  expect_fits(t, 36);
  cr_expect(strstr(t, "//\n") == NULL, "a line ends after a scheme: %s", t);
  cr_expect(strstr(t, "\n>") == NULL, "a line starts with a bracket: %s", t);
  cr_expect(strstr(t, "<https://www.itu.int/net/ITU-T/ddp/>") != NULL, "%s", t);
  free(t);
}

Test(render_text, a_table_with_a_chinese_cell_keeps_its_borders_straight) {
  char *t = render(BODY("zh", "<table><row header=\"true\"><cell><p>会议</p></cell>"
                              "<cell><p>Date</p></cell></row>"
                              "<row><cell><p>第11研究组全体会议</p></cell>"
                              "<cell><p>1 December 2021</p></cell></row></table>"),
                   72, NULL);
  expect_fits(t, 72);
  lines L;
  split(t, &L);
  cr_assert_eq(L.n, 5, "%s", t);
  unsigned w0 = columns(L.line[0], strlen(L.line[0]));
  for (int i = 0; i < L.n; i++)
    cr_expect_eq(columns(L.line[i], strlen(L.line[i])), w0, "line %d: '%s'", i + 1, L.line[i]);
  cr_expect_str_eq(L.line[0], "+--------------------+-----------------+");
  cr_expect_str_eq(L.line[1], "| 会议               | Date            |");
  cr_expect_str_eq(L.line[2], "+====================+=================+");
  cr_expect_str_eq(L.line[3], "| 第11研究组全体会议 | 1 December 2021 |");
  free(L.buf);
  free(t);
}

Test(render_text, table_cells_wrap_inside_their_columns_and_spans_are_kept) {
  char *t =
      render(BODY("en", "<table><row><cell colspan=\"2\"><p>Thursday, 19 November 2020</p></cell>"
                        "<cell rowspan=\"2\"><p>Plenary</p></cell></row>"
                        "<row><cell><p>A</p></cell><cell><p>B</p></cell></row>"
                        "<row><cell colspan=\"3\"><p>" LATIN "</p></cell></row></table>"),
             40, NULL);
  expect_fits(t, 40);
  cr_expect(strstr(t, "| Thursday, 19 November 2020 | Plenary |\n") != NULL, "%s", t);
  /* the cell over two rows has no border under its first row */
  cr_expect(strstr(t, "+------------------+---------+         |\n") != NULL, "%s", t);
  cr_expect(strstr(t, "| It is my pleasure to invite you to   |\n") != NULL, "%s", t);
  free(t);
}

Test(render_text, a_table_too_wide_for_the_width_is_written_cell_after_cell) {
  char cells[512] = "";
  for (int i = 0; i < 15; i++)
    strcat(cells, "<cell><p>x</p></cell>");
  char p[2048];
  snprintf(p, sizeof p, BODY("en", "<table><row>%s</row><row>%s</row></table>"), cells, cells);
  char *t = render(p, 20, NULL);
  expect_fits(t, 20);
  cr_expect(strstr(t, "+") == NULL, "drawn: %s", t);
  char *a = squeeze(t);
  cr_expect_eq(strlen(a), 30, "every cell's text: %s", t);
  free(a);
  free(t);
}

/* A picture's stand-in is the writer's own words, so they are the
 * rendering's language's (the catalogue's writer.image), English's for a
 * language the catalogue has not; its description is the letter's, on one
 * line. */
Test(render_text, a_picture_is_named_in_the_renderings_language) {
#define PIC(lang)                                                                                  \
  BODY(lang, "<p>Voir <image target=\"word/media/image1.png\" descr=\"Signature of\nS. Onoe\"/> "  \
             "ici.</p>")
  static const struct {
    const char *xml, *want;
  } cases[] = {
      {PIC("en"), "[image: Signature of S. Onoe]"},
      {PIC("en-GB"), "[image: Signature of S. Onoe]"},
      {PIC("fr"), "[image\u00A0: Signature of S. Onoe]"},
      {PIC("zh"), "[图片：Signature of S. Onoe]"},
      {PIC("de"), "[image: Signature of S. Onoe]"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *t = render(cases[i].xml, 80, NULL);
    cr_expect(strstr(t, cases[i].want) != NULL, "want %s in: %s", cases[i].want, t);
    free(t);
  }
  /* without a description, nothing stands for it */
  char *t =
      render(BODY("fr", "<p>Voir <image target=\"word/media/image1.png\"/> ici.</p>"), 80, NULL);
  cr_expect(strstr(t, "image") == NULL && strstr(t, "Voir") != NULL, "%s", t);
  free(t);
#undef PIC
}

/* Word keeps a bullet drawn from a symbol font as that font's private-use
 * code; the reading copy shows the character the font draws. */
Test(render_text, a_symbol_font_bullet_is_shown_as_unicodes) {
  char *t = render(BODY("en", "<list><item label=\"\xEF\x82\xB7\" level=\"1\">Symbol</item>"
                              "<item label=\"\xEF\x82\xA7\" level=\"2\">Wingdings</item>"
                              "<item label=\"\xEF\x80\xA0\" level=\"1\">unknown</item>"
                              "<item label=\"(a)\" level=\"1\">typed</item></list>"),
                   60, NULL);
  lines L;
  split(t, &L);
  static const char *const want[][2] = {{"\xE2\x80\xA2", "Symbol"},
                                        {"\xE2\x96\xAA", "Wingdings"},
                                        {"\xE2\x80\xA2", "unknown"}, /* any other: a bullet */
                                        {"(a)", "typed"}};
  for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
    bool found = false;
    for (int i = 0; i < L.n && !found; i++) {
      const char *l = L.line[i] + strspn(L.line[i], " ");
      found = strncmp(l, want[k][0], strlen(want[k][0])) == 0 && strstr(l, want[k][1]);
    }
    cr_expect(found, "a line '%s … %s' in: %s", want[k][0], want[k][1], t);
  }
  free(L.buf);
  cr_expect(strstr(t, "\xEF\x82") == NULL && strstr(t, "\xEF\x80") == NULL, "%s", t);
  free(t);
}

Test(render_text, list_items_hang_from_their_labels_by_level) {
  char *t = render(BODY("en", "<list><item label=\"1.\" level=\"1\">Opening of the meeting</item>"
                              "<item label=\"a)\" level=\"2\">Report of the last meeting of the "
                              "study group and of its working parties</item>"
                              "<item label=\"\" level=\"3\">JCA-IdM</item>"
                              "<item label=\"10.\" level=\"1\">Closing</item></list>"),
                   40, NULL);
  expect_fits(t, 40);
  cr_expect_str_eq(t, "1.  Opening of the meeting\n"
                      "    a) Report of the last meeting of the\n"
                      "       study group and of its working\n"
                      "       parties\n"
                      "       JCA-IdM\n"
                      "10. Closing\n");
  free(t);
}

Test(render_text, deadlines_are_dates_in_a_column_and_their_actions) {
  char *t = render(BODY("en", "<deadlines><title>Key deadlines:</title>"
                              "<deadline when=\"2021-06-24\" kind=\"contributions\"><date "
                              "when=\"2021-06-24\">24 June 2021</date> - Submit ITU-T Member "
                              "contributions for which translation is requested</deadline>"
                              "<deadline when=\"2021-08-11\" kind=\"registration\"><date "
                              "when=\"2021-08-11\">11 August 2021</date> - Registration</deadline>"
                              "</deadlines>"),
                   50, NULL);
  expect_fits(t, 50);
  cr_expect_str_eq(t, "Key deadlines:\n"
                      "24 June 2021   – Submit ITU-T Member contributions\n"
                      "                 for which translation is\n"
                      "                 requested\n"
                      "11 August 2021 – Registration\n");
  free(t);
}

Test(render_text, notes_are_marks_in_the_text_and_written_after_the_body) {
  char *t =
      render(BODY("en", "<p>Using the MyMeetings<note type=\"footnote\" mark=\"1\"><p>The ITU "
                        "remote participation tool.</p></note> tool.</p>"
                        "<p>See the <link href=\"https://www.itu.int/\">ITU</link> and the "
                        "<link href=\"https://www.itu.int/\">ITU</link> again.</p>"),
             72, NULL);
  cr_expect_str_eq(t, "Using the MyMeetings[1] tool.\n"
                      "\n"
                      "See the ITU <https://www.itu.int/> and the ITU again.\n"
                      "\n"
                      "--------------------\n"
                      "[1] The ITU remote participation tool.\n");
  free(t);
}

Test(render_text, the_head_has_its_labels_in_a_column) {
  char *t = render(LETTER_OPEN
                   "xml:lang=\"fr\"><head>"
                   "<organization key=\"itu\">UNION INTERNATIONALE DES TÉLÉCOMMUNICATIONS"
                   "</organization>"
                   "<ref type=\"collective-letter\" number=\"9\" group=\"17\" label=\"Réf.:\">"
                   "Lettre collective TSB 9/17</ref><ref type=\"file\">CE 17/XY</ref>"
                   "<addressees><addressee role=\"member-states\">Aux Administrations des "
                   "États Membres de l'Union;</addressee></addressees>"
                   "<contact type=\"tel\" label=\"Tél.:\" value=\"+41227306206\">+41 22 730 "
                   "6206</contact>"
                   "<contact type=\"fax\" label=\"Télécopie:\" value=\"+41227305853\">+41 22 "
                   "730 5853</contact>"
                   "</head><body><salutation>Madame, Monsieur,</salutation></body></letter>",
                   60, NULL);
  cr_expect_str_eq(t, "        UNION INTERNATIONALE DES TÉLÉCOMMUNICATIONS\n"
                      "\n"
                      "Réf.:       Lettre collective TSB 9/17\n"
                      "            CE 17/XY\n"
                      "\n"
                      "            – Aux Administrations des États Membres de\n"
                      "              l'Union;\n"
                      "\n"
                      "Tél.:       +41 22 730 6206\n"
                      "Télécopie:  +41 22 730 5853\n"
                      "\n"
                      "Madame, Monsieur,\n");
  free(t);
}

Test(render_text, a_width_of_20_holds_every_kind_of_block) {
  char *t =
      render(LETTER_OPEN "xml:lang=\"zh\"><head>"
                         "<place key=\"geneva\">日内瓦</place>"
                         "<date when=\"2021-07-20\">2021年7月20日</date>"
                         "<contact type=\"email\" label=\"电子邮件：\" value=\"tsbsg11@itu.int\">"
                         "tsbsg11@itu.int</contact></head><body>"
                         "<p>" CJK "</p><list><item label=\"14.1\" level=\"2\">Recommendations "
                         "and Supplements</item></list>"
                         "<table><row><cell><p>会议</p></cell><cell><p>" LATIN "</p></cell></row>"
                         "</table></body></letter>",
             20, NULL);
  expect_fits(t, 20);
  cr_expect(strstr(t, "2021年7月20日，日内\n") != NULL || strstr(t, "日内瓦") != NULL, "%s", t);
  free(t);
}

/* ---- the command ---------------------------------------------------------------------------- */

typedef struct run_result {
  int code;
  char out[1 << 16];
  char err[4096];
} run_result;

static void run(run_result *r, const char *input, int argc, char **argv) {
  FILE *in = fmemopen((void *)input, strlen(input), "rb");
  FILE *o = tmpfile(), *err = tmpfile();
  r->code = colette_render_main(argc, argv, in, o, err);
  rewind(o);
  rewind(err);
  size_t k = fread(r->out, 1, sizeof r->out - 1, o);
  r->out[k] = '\0';
  k = fread(r->err, 1, sizeof r->err - 1, err);
  r->err[k] = '\0';
  fclose(in);
  fclose(o);
  fclose(err);
}

Test(render_text, the_width_goes_through_the_command) {
  static run_result r;
  static char letter[4096];
  snprintf(letter, sizeof letter, BODY("en", "<p>%s</p>"), LATIN);
  char *a1[] = {"colette-render", "--to", "text", "--width", "20", NULL};
  run(&r, letter, 5, a1);
  cr_expect_eq(r.code, 0, "%s", r.err);
  cr_expect_str_eq(r.err, "");
  expect_fits(r.out, 20);
  cr_expect(strncmp(r.out, "It is my pleasure to\ninvite you to attend\n", 41) == 0, "%s", r.out);
  char *a2[] = {"colette-render", "-w", "100", NULL};
  run(&r, letter, 3, a2);
  cr_expect_eq(r.code, 0);
  lines L;
  split(r.out, &L);
  cr_expect_eq(L.n, 3, "%s", r.out);
  free(L.buf);
  char *a3[] = {"colette-render", "--width=19", NULL};
  run(&r, letter, 2, a3);
  cr_expect_eq(r.code, 2);
  cr_expect(strstr(r.err, "invalid width '19'") != NULL, "%s", r.err);
  cr_expect_str_eq(r.out, "");
}
