/* Unit tests for src/sentences.c: the same boundaries as ICU's own
 * "en@ss=standard" iterator, on every exception of ICU's list in many
 * surroundings, on hand-written letters' sentences, and on a few thousand
 * texts pieced together from abbreviations, words, spaces and stops. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "sentences.h"

#define MAXCUT 256

static sentence_breaker *ours;
static UBreakIterator *icu;

static void setup(void) {
  ours = sentences_new("en");
  UErrorCode u = U_ZERO_ERROR;
  icu = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &u);
  cr_assert(ours && U_SUCCESS(u), "%s", u_errorName(u));
}

static void teardown(void) {
  sentences_free(ours);
  ubrk_close(icu);
}

static size_t icu_cut(const char *s, size_t *cut) {
  UErrorCode u = U_ZERO_ERROR;
  UText *ut = utext_openUTF8(NULL, s, (int64_t)strlen(s), &u);
  ubrk_setUText(icu, ut, &u);
  cr_assert(U_SUCCESS(u));
  size_t k = 0;
  for (int32_t at = ubrk_first(icu); at != UBRK_DONE && k < MAXCUT; at = ubrk_next(icu))
    cut[k++] = (size_t)at;
  utext_close(ut);
  return k;
}

static long compared;

static void expect_same(const char *s) {
  size_t a[MAXCUT], b[MAXCUT + 1];
  size_t na = icu_cut(s, a), nb = sentences_cut(ours, s, strlen(s), b, MAXCUT);
  compared++;
  cr_assert_eq(nb, na, "%zu boundaries, ICU %zu: \"%s\"", nb, na, s);
  for (size_t i = 0; i < na; i++)
    cr_assert_eq(b[i], a[i], "boundary %zu at %zu, ICU %zu: \"%s\"", i, b[i], a[i], s);
}

/* ICU's own list, read here apart from the code under test. */
static size_t exceptions(char list[][32], size_t max) {
  UErrorCode u = U_ZERO_ERROR;
  UResourceBundle *r = ures_open(U_ICUDATA_NAME "-brkitr", "en", &u);
  UResourceBundle *e = ures_getByKey(r, "exceptions", NULL, &u);
  UResourceBundle *l = ures_getByKey(e, "SentenceBreak", NULL, &u);
  size_t n = 0;
  for (int32_t i = 0; U_SUCCESS(u) && i < ures_getSize(l) && n < max; i++) {
    int32_t len;
    const UChar *w = ures_getStringByIndex(l, i, &len, &u);
    u_strToUTF8(list[n++], 32, NULL, w, len, &u);
  }
  ures_close(l);
  ures_close(e);
  ures_close(r);
  cr_assert(U_SUCCESS(u), "%s", u_errorName(u));
  return n;
}

TestSuite(sentences, .init = setup, .fini = teardown);

Test(sentences, every_exception_in_every_surrounding_breaks_as_icu) {
  static char list[512][32];
  size_t n = exceptions(list, 512);
  cr_assert_gt(n, 100, "ICU lists %zu exceptions for en", n);
  static const char *const before[] = {"", "See ", "x", "The ", "(", "\"", "Dr. ", "1. "};
  static const char *const after[] = {" Next one.",
                                      " next one.",
                                      "  Two spaces.",
                                      "\xC2\xA0Nbsp.",
                                      "\nLine.",
                                      "",
                                      " 12 items.",
                                      ".",
                                      " D. Smith.",
                                      "D. Smith.",
                                      " Ph.D. Then.",
                                      "? Yes.",
                                      " \xE2\x80\x9CQuoted.\xE2\x80\x9D",
                                      "S. A. Then."};
  char text[256];
  for (size_t i = 0; i < n; i++)
    for (size_t b = 0; b < sizeof before / sizeof *before; b++)
      for (size_t a = 0; a < sizeof after / sizeof *after; a++) {
        snprintf(text, sizeof text, "First sentence. %s%s%s Last one? Yes!", before[b], list[i],
                 after[a]);
        expect_same(text);
      }
}

Test(sentences, letters_sentences_break_as_icu) {
  static const char *const texts[] = {
      "Mr. Smith went to Washington. He arrived at 3 p.m. Then he left.",
      "The Ph.D. candidate spoke. The Ph. D. was awarded. Ph.D. Students came.",
      "The U.S.A. and the U.S. economy. Fine. U.S. Then.",
      "Use e.g. this one. I.e. that one. E.g. Another. etc. And so on.",
      "Please reply by 12 February 2026, e.g. by e-mail to tsbsg17@itu.int. Thank you.",
      "Les inscriptions sont ouvertes. Veuillez noter que M. Dupont viendra. Merci.",
      "Réf. : TSB Circular 68. Tél. : +41 22 730 5866. Fin.",
      "第一句。第二句！第三句？完。",
      "Mixed 中文。 And English. 再来。",
      "Fig. 3 shows it. No. 5 is next. Vol. 2. Approx. ten. Sept. 2026 arrives.",
      "A. B. C. D. E.",
      "...",
      ".",
      "",
      " ",
      "Mr.",
      "Mr. ",
      "Ph.D.",
      "Ph.",
      "Hon.B.A. holders. Lt.Cdr. Jones. S.p.A. Firms.",
      "He said \"Stop.\" Then \"Go.\" (See Annex 2.) Done.",
  };
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
    expect_same(texts[i]);
}

Test(sentences, texts_pieced_together_break_as_icu) {
  static const char *const pieces[] = {"Mr.",
                                       "Ph.D.",
                                       "Ph.",
                                       "D.",
                                       "U.S.",
                                       "U.S.A.",
                                       "A.",
                                       "word",
                                       "Word",
                                       " ",
                                       " ",
                                       " ",
                                       "  ",
                                       ".",
                                       "!",
                                       "?",
                                       "\xC2\xA0",
                                       "e.g.",
                                       "etc.",
                                       "No.",
                                       "3",
                                       "Fig.",
                                       "i.e.",
                                       "\n",
                                       "S.A.",
                                       "a.m.",
                                       "Lt.Cdr.",
                                       ",",
                                       "\xE3\x80\x82",
                                       "\xE4\xB8\xAD"};
  const size_t np = sizeof pieces / sizeof *pieces;
  unsigned long x = 12345;
  char text[512];
  for (int t = 0; t < 4000; t++) {
    size_t len = 0;
    text[0] = '\0';
    int count = 3 + (int)(x % 14);
    for (int i = 0; i < count; i++) {
      x = x * 6364136223846793005ul + 1442695040888963407ul;
      const char *p = pieces[(x >> 33) % np];
      size_t pl = strlen(p);
      if (len + pl + 1 >= sizeof text) break;
      memcpy(text + len, p, pl + 1);
      len += pl;
    }
    expect_same(text);
  }
  cr_expect_gt(compared, 3999);
}

Test(sentences, too_many_boundaries_are_said_so) {
  size_t cut[8];
  const char *s = "One. Two. Three. Four. Five.";
  cr_expect_eq(sentences_cut(ours, s, strlen(s), cut, 4), 5);
  cr_expect_eq(sentences_cut(ours, s, strlen(s), cut, 6), 6);
  cr_expect_eq(cut[0], 0);
  cr_expect_eq(cut[5], strlen(s));
}
