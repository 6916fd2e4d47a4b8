/*
 * Unit tests: the catalogue (the .txt files of catalog/, linked in): loading and its
 * checks, typography-blind matching (case, accents, every kind of space,
 * optional colon and abbreviation dot, dashes and quotes, full-width
 * forms), words as words, typed parameters, precedence, and the canonical
 * forms written through ICU MessageFormat with plural rules.
 */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "letter/catalog.h"
#include "letter/catalog_impl.h" /* cat_open_with: the bundles read */
#include "letter/recognise.h"

static catalog *cat;
static recogniser *rec;
static cat_text t = CAT_TEXT_INIT;
static match spans[64];

static void setup(void) {
  colette_error e;
  cr_assert_eq(cat_open(&cat, &e), COLETTE_OK, "%s", e.message);
  rec = recogniser_new();
}
static void teardown(void) {
  cat_text_free(&t);
  cat_free(cat);
  recogniser_free(rec);
}
TestSuite(catalog, .init = setup, .fini = teardown);

/* The key (and the value, if wanted) of the best match of class k in s. */
static const char *best(cat_class k, cat_mode mode, const char *s, cat_match *out) {
  static cat_match m;
  size_t n = recognise(rec, s, strlen(s), 0, 0, spans, 64);
  cr_assert_eq(cat_text_set(&t, s, strlen(s), spans, n), COLETTE_OK);
  if (!cat_match_best(cat, k, mode, &t, 0, &m)) return "";
  if (out) *out = m;
  return cat_entry_key(m.entry);
}

#define IS(k, mode, s, key) cr_expect_str_eq(best(k, mode, s, NULL), key, "for \"%s\"", s)

Test(catalog, three_languages_and_every_entry_in_each) {
  cr_expect_geq(cat_languages(cat), 3);
  cr_expect_geq(cat_language_index(cat, "fr-CH"), 0);
  cr_expect_geq(cat_language_index(cat, "zh_CN"), 0);
  cr_expect_eq(cat_language_index(cat, "xx"), -1);
  for (size_t i = 0; i < cat_entries(cat); i++)
    for (size_t l = 0; l < cat_languages(cat); l++) {
      const cat_entry *e = cat_entry_at(cat, i);
      /* only a label may be empty (a language writing none there) */
      cr_expect(cat_entry_canonical(e, l)[0] != '\0' || cat_entry_class(e) == CAT_LABEL, "%s",
                cat_entry_key(e));
      /* every formula is recognised in some form; a writer's words never are */
      if (cat_entry_class(e) == CAT_WRITER)
        cr_expect_eq(cat_entry_forms(e, l), 0, "%s", cat_entry_key(e));
      else
        cr_expect_gt(cat_entry_forms(e, l), 0, "%s", cat_entry_key(e));
    }
  cr_expect_not_null(cat_entry_find(cat, "label.ref"));
  cr_expect_null(cat_entry_find(cat, "no.such.key"));
}

/* Class country is ICU's regions by ICU's names, in the table built at
 * build time and in the catalogue read from the bundles alike: one entry
 * a region, its value the code, its words the display name in each
 * language's locale; and the two catalogues agree entry by entry. */
Test(catalog, the_countries_are_icus) {
  const char *const *iso = uloc_getISOCountries();
  size_t n = 0;
  for (; iso[n]; n++) {
    char key[32];
    snprintf(key, sizeof key, "country.%s", iso[n]);
    const cat_entry *e = cat_entry_find(cat, key);
    cr_assert_not_null(e, "%s", key);
    cr_expect_eq(cat_entry_class(e), CAT_COUNTRY);
    cr_expect_str_eq(cat_entry_value(e), iso[n]);
    for (size_t l = 0; l < cat_languages(cat); l++) {
      char region[16], want[256];
      UChar u[128];
      UErrorCode err = U_ZERO_ERROR;
      snprintf(region, sizeof region, "und_%s", iso[n]);
      int32_t k = uloc_getDisplayCountry(region, cat_language_locale(cat, l), u, 128, &err);
      u_strToUTF8(want, sizeof want, NULL, u, k, &err);
      cr_expect_str_eq(cat_entry_canonical(e, l), want, "%s in %s", key, cat_language(cat, l));
    }
  }
  cr_expect_gt(n, 200);
  catalog *read = NULL;
  colette_error e;
  cr_assert_eq(cat_open_with(&read, false, &e), COLETTE_OK, "%s", e.message);
  cr_expect_eq(cat_entries(read), cat_entries(cat));
  for (size_t i = 0; i < cat_entries(cat) && i < cat_entries(read); i++)
    cr_expect_str_eq(cat_entry_key(cat_entry_at(read, i)), cat_entry_key(cat_entry_at(cat, i)));
  cat_free(read);
  cr_expect_str_eq(best(CAT_COUNTRY, CAT_WHOLE, "Thaïlande", NULL), "country.TH");
  cr_expect_str_eq(best(CAT_COUNTRY, CAT_WHOLE, "泰国", NULL), "country.TH");
}

Test(catalog, labels_whatever_the_typography) {
  IS(CAT_LABEL, CAT_WHOLE, "Ref:", "label.ref");
  IS(CAT_LABEL, CAT_WHOLE, "Ref.", "label.ref");
  IS(CAT_LABEL, CAT_WHOLE, "REF", "label.ref");
  IS(CAT_LABEL, CAT_WHOLE, "Réf.\xC2\xA0:", "label.ref");     /* NBSP before the colon */
  IS(CAT_LABEL, CAT_WHOLE, "Réf.\xE2\x80\xAF:", "label.ref"); /* narrow NBSP */
  IS(CAT_LABEL, CAT_WHOLE, "Tél. :", "label.tel");
  IS(CAT_LABEL, CAT_WHOLE, "T\xC3\xA9l\xC3\xA9\x63opie :", "label.fax"); /* Télécopie */
  IS(CAT_LABEL, CAT_WHOLE, "Courriel:", "label.email");
  IS(CAT_LABEL, CAT_WHOLE, "E\xE2\x80\x91mail:", "label.email"); /* a no-break hyphen */
  IS(CAT_LABEL, CAT_WHOLE, "Email", "label.email");
  IS(CAT_LABEL, CAT_WHOLE, "电子邮件：", "label.email");
  IS(CAT_LABEL, CAT_WHOLE, "ＲＥＦ：", "label.ref"); /* full-width letters and colon */
  IS(CAT_LABEL, CAT_WHOLE, "Subject", "label.subject");
  IS(CAT_LABEL, CAT_WHOLE, "Tele", ""); /* not a word of the catalogue */
}

Test(catalog, words_match_as_words) {
  IS(CAT_KIND, CAT_ANYWHERE, "It is advisable to arrive early", "");
  IS(CAT_KIND, CAT_ANYWHERE, "Requests for visa support letters", "kind.visa");
  IS(CAT_LABEL, CAT_PREFIX, "Telecommunication Standardization Bureau", "");
  IS(CAT_ROLE, CAT_ANYWHERE, "To ITU-T Sector Members;", "role.sector-members");
  /* Chinese has no spaces: characters match in sequence */
  IS(CAT_KIND, CAT_ANYWHERE, "申请签证协助函", "kind.visa");
}

Test(catalog, the_lowest_rank_wins_where_several_match) {
  /* "translation" and "contributions" both: the specific kind first */
  cat_match v[8];
  const char *s = "Submit ITU-T Member contributions for which translation is requested";
  cat_text_set(&t, s, strlen(s), NULL, 0);
  size_t n = cat_match_all(cat, CAT_KIND, &t, v, 8);
  cr_assert_eq(n, 2);
  const cat_entry *e =
      cat_entry_rank(v[0].entry) < cat_entry_rank(v[1].entry) ? v[0].entry : v[1].entry;
  cr_expect_str_eq(cat_entry_key(e), "kind.translated-contributions");
}

Test(catalog, a_colon_tells_an_enclosure_from_an_annex_heading) {
  IS(CAT_ENCLOSURE, CAT_WHOLE, "Annex: 1", "enclosure");
  IS(CAT_ANNEX, CAT_WHOLE, "Annex: 1", "");
  IS(CAT_ANNEX, CAT_WHOLE, "ANNEX 1", "annex.heading");
  IS(CAT_ENCLOSURE, CAT_WHOLE, "附件：3件", "enclosure");
  IS(CAT_ANNEX, CAT_WHOLE, "附件A", "annex.heading");
  IS(CAT_ANNEX, CAT_WHOLE, "ANNEX 1 TO TSB COLLECTIVE LETTER 12/17", "annex.heading-of");
}

Test(catalog, typed_parameters) {
  cat_match m;
  cr_assert_str_eq(
      best(CAT_SUBJECT, CAT_WHOLE, "Virtual meeting of Working Party 1/11, 19 November 2020", &m),
      "subject.virtual");
  cr_expect_str_eq(m.args[0].value, "WP1/11");
  cr_expect_str_eq(m.args[1].value, "2020-11-19/2020-11-19");
  cr_assert_str_eq(best(CAT_DATELINE, CAT_WHOLE, "Genève, le 8 juin 2020", &m), "dateline");
  cr_expect_str_eq(m.args[0].value, "geneva");
  cr_expect_str_eq(m.args[1].value, "2020-06-08");
  cr_assert_str_eq(best(CAT_DATELINE, CAT_WHOLE, "2021年7月20日，日内瓦", &m), "dateline");
  cr_expect_str_eq(m.args[1].value, "2021-07-20");
  /* a place the catalogue does not know is text, with no key */
  cr_assert_str_eq(best(CAT_DATELINE, CAT_WHOLE, "Montréal, 3 March 2025", &m), "dateline");
  cr_expect_str_eq(m.args[0].value, "");
  cr_expect_eq(m.args[0].end - m.args[0].start, strlen("Montréal"));
  cr_assert_str_eq(best(CAT_DOCREF, CAT_ANYWHERE, "voir la Lettre collective TSB 9/17", &m),
                   "docref.collective-letter");
  cr_expect_str_eq(m.value, "9/17");
  cr_assert_str_eq(best(CAT_GROUP, CAT_ANYWHERE, "参加第11研究组第3工作组", &m), "group.wp");
  cr_expect_str_eq(m.value, "WP3/11");
  /* an impossible date is no date: the dateline is no dateline */
  IS(CAT_DATELINE, CAT_WHOLE, "Geneva, 31 February 2021", "");
}

Test(catalog, canonical_forms_in_each_language) {
  const cat_entry *e = cat_entry_find(cat, "enclosure");
  buf out = BUF_INIT;
  colette_error err;
  const char *one[] = {"1"}, *two[] = {"2"};
  int en = cat_language_index(cat, "en"), fr = cat_language_index(cat, "fr"),
      zh = cat_language_index(cat, "zh");
  cr_assert_eq(cat_format(cat, e, (size_t)en, one, &out, &err), COLETTE_OK);
  cr_expect_str_eq(out.data, "Annex: 1");
  buf_clear(&out);
  cat_format(cat, e, (size_t)en, two, &out, &err);
  cr_expect_str_eq(out.data, "Annexes: 2");
  buf_clear(&out);
  cat_format(cat, e, (size_t)fr, one, &out, &err);
  cr_expect_str_eq(out.data, "Annexe\xC2\xA0: 1");
  buf_clear(&out);
  cat_format(cat, e, (size_t)zh, two, &out, &err);
  cr_expect_str_eq(out.data, "附件：2件");
  buf_clear(&out);
  const char *g[] = {"17"};
  cat_format(cat, cat_entry_find(cat, "group.sg"), (size_t)fr, g, &out, &err);
  cr_expect_str_eq(out.data, "Commission d’études 17");
  buf_free(&out);
}

Test(catalog, a_hostile_line_is_no_slow_line) {
  /* a long line of words that start a sentence formula again and again:
   * the step budget keeps it linear; it only fails to match */
  static char s[200000];
  size_t n = 0;
  while (n + 40 < sizeof s)
    n += (size_t)snprintf(s + n, sizeof s - n, "It is my pleasure to invite you ");
  cat_match m;
  cr_assert_eq(cat_text_set(&t, s, n, NULL, 0), COLETTE_OK);
  cr_expect(!cat_match_best(cat, CAT_SENTENCE, CAT_WHOLE, &t, 0, &m));
  cat_match v[4];
  cat_match_all(cat, CAT_ROLE, &t, v, 4);
}

/* ---- choices in recognised forms ------------------------------------------------------------ */

#include "letter/catalog_impl.h"

static size_t expand(const char *f, char ***v, colette_status *st) {
  size_t n = 0, cap = 0;
  colette_error e;
  *v = NULL;
  *st = cat_expand_form(f, v, &n, &cap, "catalog/xx.txt", "k", &e);
  return n;
}

static void free_forms(char **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

Test(catalog, a_form_with_choices_stands_for_each) {
  char **v;
  colette_status st;
  size_t n = expand("[It is my pleasure|I have the honour] to invite you[ now]", &v, &st);
  cr_assert_eq(st, COLETTE_OK);
  cr_assert_eq(n, 4);
  cr_expect_str_eq(v[0], "It is my pleasure to invite you now");
  cr_expect_str_eq(v[1], "It is my pleasure to invite you");
  cr_expect_str_eq(v[2], "I have the honour to invite you now");
  cr_expect_str_eq(v[3], "I have the honour to invite you");
  free_forms(v, n);
  n = expand("no choice", &v, &st);
  cr_expect_eq(n, 1);
  cr_expect_str_eq(v[0], "no choice");
  free_forms(v, n);
  n = expand("[a||b]", &v, &st); /* an empty alternative is nothing */
  cr_expect_eq(n, 3);
  cr_expect_str_eq(v[1], "");
  free_forms(v, n);
}

Test(catalog, a_bad_choice_is_an_error) {
  static const char *const bad[] = {"[open", "close]", "[a [b] c]", "a]b[c"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char **v;
    colette_status st;
    size_t n = expand(bad[i], &v, &st);
    cr_expect_eq(st, COLETTE_ERR_INVALID, "%s", bad[i]);
    free_forms(v, n);
  }
  /* 2^9 = 512 forms: more than a form may stand for */
  char **v;
  colette_status st;
  size_t n = expand("[a][b][c][d][e][f][g][h][i]", &v, &st);
  cr_expect_eq(st, COLETTE_ERR_INVALID);
  free_forms(v, n);
}

Test(catalog, the_honour_or_the_pleasure_to_invite) {
  IS(CAT_SENTENCE, CAT_WHOLE,
     "I have the honour to invite you to attend the next meeting of ITU-T Study Group 20 "
     "(Internet of things), which will be held in a hybrid format at ITU headquarters, Geneva, "
     "from 2 to 12 February 2026, inclusive.",
     "sentence.invitation.hybrid");
  IS(CAT_SENTENCE, CAT_WHOLE,
     "It is my pleasure to invite you to attend the next meeting of ITU-T Study Group 20 "
     "(Internet of things), which will be held at ITU headquarters in Geneva from 2 to 12 "
     "February 2026",
     "sentence.invitation.physical");
}

Test(catalog, a_long_run_of_marks_folds_like_one) {
  /* "Réf:" with 20000 acutes and dots below on its e, out of canonical
   * order: folded in stream-safe pieces (normalizing the run whole took
   * time in its square), every mark dropped like one */
  static char s[100000];
  size_t n = (size_t)snprintf(s, sizeof s, "Re");
  for (int i = 0; i < 20000; i++)
    n += (size_t)snprintf(s + n, sizeof s - n, "%s", i % 2 ? "\xCC\xA3" : "\xCC\x81");
  n += (size_t)snprintf(s + n, sizeof s - n, "f:");
  IS(CAT_LABEL, CAT_WHOLE, s, "label.ref");
  cr_assert_eq(cat_text_set(&t, s, n, NULL, 0), COLETTE_OK);
  cr_expect_eq(t.tok.n, 2); /* "ref" and ":" */
  cr_expect_eq(t.tok.v[0].flen, 3);
}

Test(catalog, a_typed_slot_among_many_spans) {
  /* a date slot finds its span by bisection among the line's spans (in
   * order of start, as the recognisers give them), and by looking at each
   * when they are not */
  static char s[200000];
  static match v[20000];
  size_t n = 0;
  for (int i = 0; i < 5000; i++)
    n += (size_t)snprintf(s + n, sizeof s - n, "a%d@itu.int ", i);
  size_t at = n;
  n += (size_t)snprintf(s + n, sizeof s - n, "Geneva, 24 August 2021");
  size_t k = recognise(rec, s, n, 0, 0, v, 20000);
  cr_assert_eq(k, 5001);
  cr_assert_eq(cat_text_set(&t, s, n, v, k), COLETTE_OK);
  cr_expect(t.sorted);
  size_t from = 0;
  while (from < t.tok.n && t.tok.v[from].start < at)
    from++;
  cat_match m;
  cr_assert(cat_match_best(cat, CAT_DATELINE, CAT_WHOLE, &t, from, &m));
  cr_expect_str_eq(m.args[1].value, "2021-08-24");
  for (size_t i = 0; i < k / 2; i++) { /* reversed: no order to rely on */
    match x = v[i];
    v[i] = v[k - 1 - i];
    v[k - 1 - i] = x;
  }
  cr_assert_eq(cat_text_set(&t, s, n, v, k), COLETTE_OK);
  cr_expect(!t.sorted);
  cr_assert(cat_match_best(cat, CAT_DATELINE, CAT_WHOLE, &t, from, &m));
  cr_expect_str_eq(m.args[1].value, "2021-08-24");
}

/* ---- the matcher's data: the cut's ASCII table, the first-token index ---------------- */

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "letter/catalog_impl.h"

Test(catalog, the_cut_classes_ascii_as_icu_does) {
  for (int32_t c = 0; c < 0x80; c++)
    cr_expect_eq(tokens_char_class(c, false), tokens_char_class(c, true), "for U+%04X", c);
  /* beyond ASCII the cut asks ICU */
  cr_expect_eq(tokens_char_class(0x00E9, false), TC_LETTER); /* é */
  cr_expect_eq(tokens_char_class(0x4E2D, false), TC_CJK);    /* 中 */
  cr_expect_eq(tokens_char_class(0x2013, false), TC_DASH);   /* – */
  cr_expect_eq(tokens_char_class(0xFF1A, false), TC_COLON);  /* ： */
  cr_expect_eq(tokens_char_class(0x00A0, false), TC_SKIP);   /* no-break space */
}

Test(catalog, tokens_that_fold_alike_hash_alike) {
  tokens a = TOKENS_INIT, b = TOKENS_INIT;
  cr_assert_eq(tokens_scan(&a, "Réf. E-mail 17", strlen("Réf. E-mail 17")), COLETTE_OK);
  cr_assert_eq(tokens_scan(&b, "REF email １７", strlen("REF email １７")), COLETTE_OK);
  cr_assert_eq(a.n, 3);
  cr_assert_eq(b.n, 3);
  for (size_t i = 0; i < 3; i++) {
    cr_expect(tokens_equal(&a, i, &b, i), "token %zu", i);
    cr_expect_eq(a.v[i].hash, b.v[i].hash, "token %zu", i);
  }
  cr_expect(!tokens_equal(&a, 0, &b, 1));
  tokens_free(&a);
  tokens_free(&b);
}

/* A table of folded words gives the tokens ICU's folding gives, word for
 * word, the first time and every time after (a table of 1,024 entries: the
 * thousands of Chinese characters below replace each other in it). */
Test(catalog, a_table_of_folded_words_folds_as_icu_does) {
  buf text = BUF_INIT;
  buf_puts(&text, "Réunion RÉUNION réunion ﬁnancière Straße İstanbul "
                  "ǅemal Å e\xCC\x81"
                  "t\xCC\x81"
                  "e\xCC\x81 大會 ㈱ 豈 Ⅻ "
                  "anticonstitutionnellement-ÉLECTRIQUEMENT-réfléchi "
                  "unmotnonasciiquidépasselesquarantesoctetsdelaclé ");
  for (uint32_t c = 0x4E00; c < 0x4E00 + 3000; c++) {
    char u[4] = {(char)(0xE0 | c >> 12), (char)(0x80 | (c >> 6 & 0x3F)), (char)(0x80 | (c & 0x3F))};
    buf_append(&text, u, 3);
  }
  cr_assert(buf_ok(&text));
  tokens_folds *f = tokens_folds_new();
  cr_assert_not_null(f);
  tokens plain = TOKENS_INIT, cached = TOKENS_INIT;
  cached.folds = f;
  cr_assert_eq(tokens_scan(&plain, text.data, text.len), COLETTE_OK);
  for (int round = 0; round < 3; round++) {
    cr_assert_eq(tokens_scan(&cached, text.data, text.len), COLETTE_OK);
    cr_assert_eq(cached.n, plain.n, "round %d", round);
    for (size_t i = 0; i < plain.n; i++) {
      cr_expect(tokens_equal(&plain, i, &cached, i), "round %d, token %zu", round, i);
      cr_expect_eq(plain.v[i].start, cached.v[i].start);
      cr_expect_eq(plain.v[i].end, cached.v[i].end);
    }
  }
  cr_expect_eq(cached.folds, f, "the table stays the caller's");
  tokens_free(&plain);
  tokens_free(&cached);
  tokens_folds_free(f);
  buf_free(&text);
}

/* The index gives, for a token, exactly the patterns whose first literal
 * is that token, in catalogue order: what trying every pattern would try. */
static void expect_index_is_brute_force(cat_class k, const tokens *tt, size_t ti) {
  size_t n;
  const uint32_t *v = cat_starts_at(cat, k, tt, ti, &n);
  size_t j = 0;
  for (size_t i = 0; i < cat->nbyclass[k]; i++) {
    const cat_pattern *p = &cat->p[cat->byclass[k][i]];
    if (p->tok.v[0].kind == TK_SLOT || !tokens_equal(&p->tok, 0, tt, ti)) continue;
    cr_assert_lt(j, n, "class %s: pattern %zu missing", cat_class_name(k), i);
    cr_expect_eq(v[j], i, "class %s: out of order", cat_class_name(k));
    j++;
  }
  cr_expect_eq(j, n, "class %s: %zu extra", cat_class_name(k), n - j);
}

Test(catalog, the_first_token_index_is_every_pattern_that_can_start) {
  for (int k = 0; k < CAT_CLASSES; k++) {
    size_t slots = 0;
    for (size_t i = 0; i < cat->nbyclass[k]; i++) {
      const cat_pattern *p = &cat->p[cat->byclass[k][i]];
      if (p->tok.v[0].kind == TK_SLOT) {
        cr_expect_lt(slots, cat->starts[k].nslots);
        if (slots < cat->starts[k].nslots) cr_expect_eq(cat->starts[k].slots[slots], i);
        slots++;
        continue;
      }
      expect_index_is_brute_force((cat_class)k, &p->tok, 0);
    }
    cr_expect_eq(slots, cat->starts[k].nslots);
  }
  const char *s = "Dear Sir, the TSB Circular 68 of ITU-T Study Group 17 zzzq 致 : – /";
  cr_assert_eq(cat_text_set(&t, s, strlen(s), NULL, 0), COLETTE_OK);
  for (int k = 0; k < CAT_CLASSES; k++)
    for (size_t ti = 0; ti < t.tok.n; ti++)
      expect_index_is_brute_force((cat_class)k, &t.tok, ti);
  size_t n;
  cr_expect_null(cat_starts_at(cat, CAT_SALUTATION, &t.tok, t.tok.n, &n));
  cr_expect_eq(n, 0);
}

Test(catalog, a_copy_of_tokens_is_equal_token_by_token) {
  tokens a = TOKENS_INIT, b = TOKENS_INIT;
  cr_assert_eq(tokens_scan(&b, "a much longer text than the other, to be overwritten",
                           strlen("a much longer text than the other, to be overwritten")),
               COLETTE_OK);
  cr_assert_eq(tokens_scan(&a, "Réf.: SG17/TD 12", strlen("Réf.: SG17/TD 12")), COLETTE_OK);
  cr_assert_eq(tokens_copy(&b, &a), COLETTE_OK);
  cr_assert_eq(b.n, a.n);
  for (size_t i = 0; i < a.n; i++) {
    cr_expect(tokens_equal(&a, i, &b, i), "token %zu", i);
    cr_expect_eq(a.v[i].start, b.v[i].start);
    cr_expect_eq(a.v[i].end, b.v[i].end);
  }
  tokens empty = TOKENS_INIT;
  cr_assert_eq(tokens_copy(&b, &empty), COLETTE_OK);
  cr_expect_eq(b.n, 0);
  tokens_free(&a);
  tokens_free(&b);
}

/* The catalogue compiled at build time (catalog_table.h) is the catalogue
 * read from its bundles: every language's settings, every entry's fields,
 * canonical form, MessageFormat pattern and forms, every pattern's tokens. */
static void expect_same_string(const char *a, const char *b, const char *what, const char *key) {
  cr_expect((a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0), "%s: %s: %s / %s", key, what,
            a ? a : "(none)", b ? b : "(none)");
}

/* The salutation's "who" ("Dear Members,") is a parameter its canonical
 * forms leave out: optional, the one such in the catalogue; the fixed
 * forms win where both cover the line, the colon no part of the words. */
Test(catalog, a_salutation_names_whom_it_greets) {
  const cat_entry *e = cat_entry_find(cat, "salutation");
  cr_assert_not_null(e);
  cr_assert_eq(cat_entry_params(e), 1);
  cr_expect_str_eq(cat_entry_param_name(e, 0), "who");
  cr_expect(cat_entry_param_optional(e, 0));
  size_t optional = 0;
  for (size_t k = 0; k < cat->n; k++)
    for (size_t p = 0; p < cat->e[k].nparams; p++)
      optional += cat->e[k].popt[p];
  cr_expect_eq(optional, 1);
  cat_match m;
  cr_expect_str_eq(best(CAT_SALUTATION, CAT_PREFIX, "Dear Members of the Group,", &m),
                   "salutation");
  cr_expect_eq(cat_arg_len(&m.args[0]), strlen("Members of the Group"));
  cr_expect_str_eq(best(CAT_SALUTATION, CAT_PREFIX, "尊敬的先生/女士：", &m), "salutation");
  cr_expect_eq(cat_arg_len(&m.args[0]), 0, "the fixed form, not who = 先生/女士");
  cr_expect_str_eq(best(CAT_SALUTATION, CAT_PREFIX, "尊敬的各位同事：", &m), "salutation");
  cr_expect_eq(cat_arg_len(&m.args[0]), strlen("各位同事"), "the colon no part of who");
  cr_expect_str_eq(best(CAT_SALUTATION, CAT_PREFIX, "Chères et chers collègues,", &m),
                   "salutation");
  cr_expect(cat_match_best_fixed(cat, CAT_SALUTATION, CAT_PREFIX, &t, &m) == false,
            "no fixed form says so");
  IS(CAT_SALUTATION, CAT_PREFIX, "Dearest friends,", "");
}

/* Closings and enclosure lines as writers write them, abbreviations too;
 * and what only begins like one is none. */
Test(catalog, closings_and_enclosures_as_writers_write_them) {
  static const char *const closings[] = {
      "Yours faithfully,",
      "With kind regards,",
      "Kind regards,",
      "Regards,",
      "Respectfully yours,",
      "Respectfully,",
      "Yours respectfully,",
      "Bien cordialement,",
      "Cordialement,",
      "Veuillez agréer, Madame, Monsieur, l'assurance de ma considération distinguée.",
      "顺致崇高的敬意！",
      "此致敬礼"};
  for (size_t i = 0; i < sizeof closings / sizeof *closings; i++)
    IS(CAT_CLOSING, CAT_PREFIX, closings[i], "closing");
  IS(CAT_CLOSING, CAT_PREFIX, "Regarding the meeting,", "");
  IS(CAT_CLOSING, CAT_PREFIX, "Respect for the deadlines is", "");
  cat_match m;
  static const char *const encl[] = {"Encl.: 2", "Encl: 2", "Attachment: 2",
                                     "P.j. : 2", "PJ : 2",  "附件：2件"};
  for (size_t i = 0; i < sizeof encl / sizeof *encl; i++) {
    cr_expect_str_eq(best(CAT_ENCLOSURE, CAT_WHOLE, encl[i], &m), "enclosure", "for %s", encl[i]);
    cr_expect_str_eq(m.args[0].value, "2", "for %s", encl[i]);
  }
}

Test(catalog, the_compiled_catalogue_is_the_catalogue_read_from_its_bundles) {
  catalog *text;
  colette_error e;
  cr_assert_eq(cat_open_with(&text, false, &e), COLETTE_OK, "%s", e.message);
  cr_expect(cat->image, "the context's catalogue is the compiled one");
  cr_expect(!text->image);
  cr_assert_eq(cat->nlang, text->nlang);
  for (size_t li = 0; li < cat->nlang; li++) {
    cr_expect_str_eq(cat->langs[li], text->langs[li]);
    cr_expect_str_eq(cat->locales[li], text->locales[li]);
    cr_expect_str_eq(cat->unnamed_group[li], text->unnamed_group[li]);
    cr_expect_str_eq(cat->range_text[li], text->range_text[li]);
    cr_expect_str_eq(cat->time_pattern[li], text->time_pattern[li]);
    cr_expect_str_eq(cat->hour_pattern[li], text->hour_pattern[li]);
    cr_expect_str_eq(cat->time_text[li], text->time_text[li]);
    cr_expect_str_eq(cat->time_range_text[li], text->time_range_text[li]);
    cr_expect_eq(cat->first_ordinal[li], text->first_ordinal[li]);
  }
  cr_assert_eq(cat->n, text->n);
  for (size_t k = 0; k < cat->n; k++) {
    const cat_entry *x = &cat->e[k], *y = &text->e[k];
    expect_same_string(x->key, y->key, "key", y->key);
    expect_same_string(x->type, y->type, "type", y->key);
    expect_same_string(x->value, y->value, "value", y->key);
    cr_expect(x->cls == y->cls && x->rank == y->rank && x->index == y->index, "%s", y->key);
    cr_assert_eq(x->nparams, y->nparams, "%s", y->key);
    for (size_t i = 0; i < x->nparams; i++) {
      expect_same_string(x->pname[i], y->pname[i], "parameter", y->key);
      cr_expect_eq(x->ptype[i], y->ptype[i], "%s", y->key);
      cr_expect_eq(x->popt[i], y->popt[i], "%s: optional", y->key);
    }
    for (size_t li = 0; li < cat->nlang; li++) {
      const cat_lang *a = &x->lang[li], *b = &y->lang[li];
      expect_same_string(a->canonical, b->canonical, "canonical", y->key);
      cr_expect(u_strcmp(a->pattern, b->pattern) == 0, "%s: pattern", y->key);
      cr_assert_eq(a->nforms, b->nforms, "%s", y->key);
      for (size_t f = 0; f < a->nforms; f++)
        expect_same_string(a->forms[f], b->forms[f], "form", y->key);
    }
  }
  cr_assert_eq(text->np, cat->np);
  for (size_t i = 0; i < cat->np; i++) {
    const cat_pattern *a = &cat->p[i], *b = &text->p[i];
    cr_assert_eq(a->entry->index, b->entry->index);
    cr_assert_eq(a->lang, b->lang);
    cr_assert_eq(a->form, b->form);
    cr_expect_eq(a->literals, b->literals);
    cr_assert_eq(a->tok.n, b->tok.n, "%s", cat_entry_form(a->entry, a->lang, a->form));
    for (size_t k = 0; k < a->tok.n; k++) {
      const token *x = &a->tok.v[k], *y = &b->tok.v[k];
      cr_expect(x->kind == y->kind && x->cjk == y->cjk && x->start == y->start &&
                    x->end == y->end && x->slot == y->slot && x->hash == y->hash &&
                    (x->kind == TK_SLOT || tokens_equal(&a->tok, k, &b->tok, k)),
                "%s: token %zu", cat_entry_form(a->entry, a->lang, a->form), k);
    }
  }
  /* and the table's index is the one the bundles' catalogue builds */
  for (int k = 0; k < CAT_CLASSES; k++) {
    cr_assert_eq(cat->nbyclass[k], text->nbyclass[k]);
    for (size_t i = 0; i < cat->nbyclass[k]; i++)
      cr_expect_eq(cat->byclass[k][i], text->byclass[k][i]);
    const cat_starts *a = &cat->starts[k], *b = &text->starts[k];
    cr_assert_eq(a->tab == NULL, b->tab == NULL, "class %s", cat_class_name((cat_class)k));
    if (!a->tab) continue;
    cr_assert_eq(a->mask, b->mask);
    cr_assert_eq(a->nslots, b->nslots);
    for (size_t i = 0; i <= a->mask; i++)
      cr_expect(a->tab[i].hash == b->tab[i].hash && a->tab[i].rep == b->tab[i].rep &&
                    a->tab[i].at == b->tab[i].at && a->tab[i].n == b->tab[i].n,
                "class %s, place %zu", cat_class_name((cat_class)k), i);
    for (size_t i = 0; i < a->nslots; i++)
      cr_expect_eq(a->slots[i], b->slots[i]);
    for (size_t i = 0; i + a->nslots < cat->nbyclass[k]; i++)
      cr_expect_eq(a->pos[i], b->pos[i]);
  }
  cat_free(text);
}

/* Canonical forms compile when first formatted; the build's check compiles
 * them all, and a pattern that does not compile is an error naming its
 * entry and language, from a format as from the check. */
Test(catalog, a_canonical_form_compiles_on_first_use_or_in_the_check) {
  colette_error err;
  cr_assert_eq(cat_check_formats(cat, &err), COLETTE_OK, "%s", err.message);
  catalog *c = NULL;
  /* the catalogue read from its bundles: the compiled one is read-only
   * memory, where no broken pattern can be planted */
  cr_assert_eq(cat_open_with(&c, false, &err), COLETTE_OK, "%s", err.message);
  cat_entry *e = (cat_entry *)cat_entry_find(c, "enclosure");
  int fr = cat_language_index(c, "fr");
  cr_assert(e && fr >= 0);
  cr_expect_null(c->fmt[e->index * c->nlang + (size_t)fr], "compiled before any use");
  /* a broken pattern planted where the entry's French one was */
  static const UChar broken[] = {'{', '0', ',', 'n', 'o', 'p', 'e', 0};
  UChar *kept = e->lang[fr].pattern;
  e->lang[fr].pattern = (UChar *)broken;
  buf out = BUF_INIT;
  const char *one[] = {"1"};
  cr_expect_eq(cat_format(c, e, (size_t)fr, one, &out, &err), COLETTE_ERR_INVALID);
  cr_expect(strstr(err.message, "enclosure") && strstr(err.message, "fr"), "%s", err.message);
  cr_expect_eq(cat_check_formats(c, &err), COLETTE_ERR_INVALID);
  cr_expect(strstr(err.message, "enclosure"), "%s", err.message);
  e->lang[fr].pattern = kept;
  cr_expect_eq(cat_format(c, e, (size_t)fr, one, &out, &err), COLETTE_OK, "%s", err.message);
  cr_expect_str_eq(out.data, "Annexe\xC2\xA0: 1");
  buf_free(&out);
  cat_free(c);
}

/* A language's time patterns are ICU date patterns, which ICU takes
 * whatever they hold (it writes an unknown letter as nothing); the check
 * refuses one that is not a time's, naming the language and the setting,
 * at build time rather than when a letter is rendered. */
Test(catalog, a_time_pattern_that_is_not_a_time_fails_the_check) {
  colette_error err;
  catalog *c = NULL;
  cr_assert_eq(cat_open_with(&c, false, &err), COLETTE_OK, "%s", err.message);
  int zh = cat_language_index(c, "zh"), fr = cat_language_index(c, "fr");
  cr_assert(zh >= 0 && fr >= 0);
  cr_expect_str_eq(cat_language_hour_pattern(c, (size_t)zh), "H时");
  cr_assert_eq(cat_check_formats(c, &err), COLETTE_OK, "%s", err.message);
  static const struct {
    bool hour;
    const char *pattern, *why;
  } bad[] = {
      {true, "H o'clock", "a field"},  /* "o" and "c" unquoted */
      {true, "H 'h", "quote"},         /* a quote left open */
      {true, "mm 'min'", "no hour"},   /* no hour */
      {false, "HH 'h'", "no minutes"}, /* the form for any time without its minutes */
      {false, "dd HH:mm", "a field"},  /* a day */
  };
  char kept_time[CAT_TIME_PATTERN_MAX], kept_hour[CAT_TIME_PATTERN_MAX];
  memcpy(kept_time, c->time_pattern[fr], CAT_TIME_PATTERN_MAX);
  memcpy(kept_hour, c->hour_pattern[zh], CAT_TIME_PATTERN_MAX);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char *slot = bad[i].hour ? c->hour_pattern[zh] : c->time_pattern[fr];
    snprintf(slot, CAT_TIME_PATTERN_MAX, "%s", bad[i].pattern);
    cr_expect_eq(cat_check_formats(c, &err), COLETTE_ERR_INVALID, "%s", bad[i].pattern);
    cr_expect(strstr(err.message, bad[i].hour ? "zh" : "fr") &&
                  strstr(err.message, bad[i].hour ? "timeOnTheHour" : "timePattern") &&
                  strstr(err.message, bad[i].why),
              "%s: %s", bad[i].pattern, err.message);
    memcpy(c->time_pattern[fr], kept_time, CAT_TIME_PATTERN_MAX);
    memcpy(c->hour_pattern[zh], kept_hour, CAT_TIME_PATTERN_MAX);
  }
  /* quotes and a doubled quote are literal text */
  snprintf(c->time_pattern[fr], CAT_TIME_PATTERN_MAX, "%s", "HH 'h''s' mm a");
  cr_expect_eq(cat_check_formats(c, &err), COLETTE_OK, "%s", err.message);
  cat_free(c);
}

/* The running-text settings are spliced at {start} and {end}: a setting
 * that lost one, doubled one or holds another brace would write the
 * braces, or drop a time, into every letter rendered in that language. */
Test(catalog, a_running_text_setting_without_its_values_fails_the_check) {
  colette_error err;
  catalog *c = NULL;
  cr_assert_eq(cat_open_with(&c, false, &err), COLETTE_OK, "%s", err.message);
  int fr = cat_language_index(c, "fr");
  cr_assert(fr >= 0);
  cr_assert_eq(cat_check_formats(c, &err), COLETTE_OK, "%s", err.message);
  static const struct {
    int which; /* 0 rangeInText, 1 timeInText, 2 timeRangeInText */
    const char *pattern, *why;
  } bad[] = {
      {1, "à {strat}", "no {start}"},      {1, "à {start} à {end}", "an {end}"},
      {1, "à {start} {start}", "twice"},   {2, "de {start} à", "no {end}"},
      {2, "de {end} à {start}", "before"}, {2, "de {start} à {end} ({tz})", "a brace"},
      {0, "du {start}", "no {end}"},
  };
  static const char *const names[] = {"rangeInText", "timeInText", "timeRangeInText"};
  char *slots[] = {c->range_text[fr], c->time_text[fr], c->time_range_text[fr]};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char kept[sizeof c->time_text[fr]];
    char *slot = slots[bad[i].which];
    memcpy(kept, slot, sizeof kept);
    snprintf(slot, sizeof kept, "%s", bad[i].pattern);
    cr_expect_eq(cat_check_formats(c, &err), COLETTE_ERR_INVALID, "%s", bad[i].pattern);
    cr_expect(strstr(err.message, "fr") && strstr(err.message, names[bad[i].which]) &&
                  strstr(err.message, bad[i].why),
              "%s: %s", bad[i].pattern, err.message);
    memcpy(slot, kept, sizeof kept);
  }
  /* a language may leave any of them out */
  c->time_text[fr][0] = c->time_range_text[fr][0] = '\0';
  cr_expect_eq(cat_check_formats(c, &err), COLETTE_OK, "%s", err.message);
  cat_free(c);
}

/* French canonical forms write the typographic apostrophe (’), as most of
 * the catalogue and French typography do: a straight one between letters
 * ("Commission d'études") would mix the two in one rendered sentence.  A
 * straight apostrophe is also MessageFormat's quote, so this keeps it for
 * quoting alone. */
Test(catalog, french_canonical_forms_write_one_apostrophe) {
  int fr = cat_language_index(cat, "fr");
  cr_assert(fr >= 0);
  size_t bad = 0;
  for (size_t k = 0; k < cat_entries(cat); k++) {
    const cat_entry *e = cat_entry_at(cat, k);
    const char *s = cat_entry_canonical(e, (size_t)fr);
    for (const char *p = s ? strchr(s, '\'') : NULL; p; p = strchr(p + 1, '\''))
      if (p > s && ((unsigned char)p[-1] >= 0x80 || isalpha((unsigned char)p[-1])) &&
          ((unsigned char)p[1] >= 0x80 || isalpha((unsigned char)p[1]))) {
        cr_expect(false, "%s: a straight apostrophe in \"%s\"", cat_entry_key(e), s);
        bad++;
      }
  }
  cr_expect_eq(bad, 0);
  cr_expect_null(strchr(cat_language_unnamed_group(cat, (size_t)fr), '\''));
}
