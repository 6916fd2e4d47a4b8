/* Unit tests: numbering definitions from a list's labels (the DOCX writer's docxnum.c). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "render/docxnum.h"

#define MAX_ITEMS 64

/* Items from "LEVEL:LABEL" strings. */
static size_t items_of(const char *const *spec, docxnum_item *out) {
  size_t n = 0;
  for (; spec[n]; n++) {
    char *colon;
    out[n].level = (int)strtol(spec[n], &colon, 10);
    out[n].label = colon + 1;
    out[n].lang = "en";
  }
  return n;
}

static bool infer(const char *const *spec, docxnum *def) {
  docxnum_item items[MAX_ITEMS];
  size_t n = items_of(spec, items);
  numfmt_cache *c = numfmt_cache_new();
  bool ok = docxnum_infer(c, items, n, def);
  numfmt_cache_free(c);
  return ok;
}

#define LEVEL(def, k, fmt_, text_, start_)                                                         \
  do {                                                                                             \
    cr_expect((def).lv[k].used, "level %d defined", k);                                            \
    cr_expect_str_eq((def).lv[k].fmt, fmt_, "level %d: numFmt %s", k, (def).lv[k].fmt);            \
    cr_expect_str_eq((def).lv[k].text, text_, "level %d: lvlText %s", k, (def).lv[k].text);        \
    cr_expect_eq((def).lv[k].start, start_, "level %d: start %ld", k, (def).lv[k].start);          \
  } while (0)

Test(docxnum, agenda) {
  static const char *const L[] = {"1:1.",           "1:2.", "2:a)", "2:b)",
                                  "2:c)",           "1:3.", "2:a)", "3:\xEF\x82\xB7",
                                  "3:\xEF\x82\xB7", "2:b)", "1:4.", NULL};
  docxnum d;
  cr_assert(infer(L, &d));
  LEVEL(d, 0, "decimal", "%1.", 1);
  LEVEL(d, 1, "lowerLetter", "%2)", 1);
  LEVEL(d, 2, "bullet", "\xEF\x82\xB7", 1);
  cr_expect(d.lv[2].symbol, "U+F0B7 is the Symbol font's bullet");
  cr_expect(!d.lv[0].symbol);
}

Test(docxnum, outline_numbers_and_a_start) {
  /* a list that goes on from an earlier one: it starts at 13 */
  static const char *const L[] = {"1:13.", "1:14.", "2:14.1", "2:14.2", "1:15.", "2:15.1", NULL};
  docxnum d;
  cr_assert(infer(L, &d));
  LEVEL(d, 0, "decimal", "%1.", 13);
  LEVEL(d, 1, "decimal", "%1.%2", 1);
}

Test(docxnum, letters_past_z) {
  const char *l[40];
  static char labels[30][8];
  size_t n = 0;
  for (int i = 0; i < 28; i++) {
    if (i < 26)
      snprintf(labels[i], sizeof labels[i], "1:%c)", 'a' + i);
    else
      snprintf(labels[i], sizeof labels[i], "1:%c%c)", 'a' + i - 26, 'a' + i - 26);
    l[n++] = labels[i];
  }
  l[n] = NULL;
  docxnum d;
  cr_assert(infer(l, &d), "a) … z), aa), bb): Word's letters");
  LEVEL(d, 0, "lowerLetter", "%1)", 1);
}

Test(docxnum, roman_or_letters) {
  static const char *const ROMAN[] = {"1:i)", "1:ii)", "1:iii)", "1:iv)", NULL};
  static const char *const LETTERS[] = {"1:h)", "1:i)", "1:j)", NULL};
  static const char *const UPPER[] = {"1:I.", "1:II.", NULL};
  static const char *const C_ALONE[] = {"1:c)", NULL};
  docxnum d;
  cr_assert(infer(ROMAN, &d));
  LEVEL(d, 0, "lowerRoman", "%1)", 1);
  cr_assert(infer(LETTERS, &d));
  LEVEL(d, 0, "lowerLetter", "%1)", 8);
  cr_assert(infer(UPPER, &d));
  LEVEL(d, 0, "upperRoman", "%1.", 1);
  cr_assert(infer(C_ALONE, &d));
  LEVEL(d, 0, "lowerLetter", "%1)", 3);
}

Test(docxnum, literal_text_around_numbers) {
  static const char *const PAREN[] = {"1:(a)", "1:(b)", NULL};
  static const char *const WORD[] = {"1:Item 1:", "1:Item 2:", NULL};
  static const char *const DASH[] = {"1:\xE2\x80\x93", "1:\xE2\x80\x93", NULL};
  static const char *const EMPTY[] = {"1:1.", "2:", "2:", "1:2.", NULL};
  docxnum d;
  cr_assert(infer(PAREN, &d));
  LEVEL(d, 0, "lowerLetter", "(%1)", 1);
  cr_assert(infer(WORD, &d));
  LEVEL(d, 0, "decimal", "Item %1:", 1);
  cr_assert(infer(DASH, &d));
  LEVEL(d, 0, "bullet", "\xE2\x80\x93", 1);
  cr_expect(!d.lv[0].symbol);
  cr_assert(infer(EMPTY, &d));
  LEVEL(d, 1, "none", "", 1);
}

Test(docxnum, legal_numbers_are_typed) {
  /* "1.1" under "a)": only w:isLgl writes the first level in decimal, and
   * LibreOffice 7.4 shows "a.1" for it: no definition */
  static const char *const L[] = {"1:a)", "2:1.1", "2:1.2", "1:b)", "2:2.1", NULL};
  docxnum d;
  cr_expect(!infer(L, &d));
}

Test(docxnum, labels_no_definition_gives) {
  static const char *const GAP[] = {"1:1.", "1:3.", NULL};
  static const char *const SAME[] = {"1:1.", "1:1.", NULL};
  static const char *const BACK[] = {"1:2.", "1:1.", NULL};
  static const char *const NO_RESTART[] = {"1:1.", "2:a)", "1:2.", "2:b)", NULL};
  static const char *const SHAPES[] = {"1:1.", "1:2)", NULL};
  static const char *const PERCENT[] = {"1:1%", NULL};
  static const char *const DEEP[] = {"10:1.", NULL};
  static const char *const TOO_MANY[] = {"1:1.1", NULL};
  static const char *const SUB_FIRST[] = {"2:1.1", "1:2.", NULL};
  docxnum d;
  cr_expect(!infer(GAP, &d), "a gap");
  cr_expect(!infer(SAME, &d), "the same number twice");
  cr_expect(!infer(BACK, &d), "counting down");
  cr_expect(!infer(NO_RESTART, &d), "a sub-list that goes on after its parent's next item");
  cr_expect(!infer(SHAPES, &d), "two shapes at one level");
  cr_expect(!infer(PERCENT, &d), "a %% would be read as a level");
  cr_expect(!infer(DEEP, &d), "a tenth level");
  cr_expect(!infer(TOO_MANY, &d), "two numbers at the first level");
  cr_expect(!infer(SUB_FIRST, &d), "1.1 before its 1.");
}

Test(docxnum, check_counts_as_word_does) {
  /* a level starts again after any item above it, even two levels up */
  static const char *const L[] = {"1:1.", "2:a)", "3:i.", "3:ii.", "1:2.", "3:i.", "2:a)", NULL};
  docxnum d;
  cr_assert(infer(L, &d));
  LEVEL(d, 2, "lowerRoman", "%3.", 1);
  docxnum_item items[MAX_ITEMS];
  size_t n = items_of(L, items);
  numfmt_cache *c = numfmt_cache_new();
  cr_expect(docxnum_check(c, &d, items, n));
  items[3].label = "iii.";
  cr_expect(!docxnum_check(c, &d, items, n), "a label the definition does not give");
  numfmt_cache_free(c);
}
