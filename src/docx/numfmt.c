/*
 * numfmt.c: Word's list number formats (ST_NumberFormat).  Whatever is a
 * locale fact (roman numerals, Chinese and Japanese counting, ordinals,
 * spelled-out numbers, full-width digits, Hebrew numerals) comes from ICU's
 * numbering systems and rule-based formats; only Word's own conventions
 * (letters repeated after z, enclosed-number code point ranges, the
 * heavenly stems and zodiac cycles) are written here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ulocdata.h>
#include <unicode/unum.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>

#include "docx.h"

#define CACHE_SIZE 16

struct numfmt_cache {
  struct {
    char key[64];
    UNumberFormat *fmt; /* NULL if ICU could not open it */
  } slot[CACHE_SIZE];
  int used;
};

numfmt_cache *numfmt_cache_new(void) { return calloc(1, sizeof(numfmt_cache)); }

void numfmt_cache_free(numfmt_cache *c) {
  if (!c) return;
  for (int i = 0; i < c->used; i++)
    unum_close(c->slot[i].fmt);
  free(c);
}

/* A formatter for (style, locale, ruleset), opened once per story. */
static UNumberFormat *get(numfmt_cache *c, UNumberFormatStyle nstyle, const char *locale,
                          const char *ruleset) {
  char key[64];
  snprintf(key, sizeof key, "%d|%s|%s", (int)nstyle, locale, ruleset ? ruleset : "");
  for (int i = 0; i < c->used; i++)
    if (strcmp(c->slot[i].key, key) == 0) return c->slot[i].fmt;
  UErrorCode e = U_ZERO_ERROR;
  UNumberFormat *f = unum_open(nstyle, NULL, 0, locale, NULL, &e);
  if (U_FAILURE(e)) {
    unum_close(f);
    f = NULL;
  }
  if (f) {
    unum_setAttribute(f, UNUM_GROUPING_USED, 0);
    if (ruleset) {
      UChar rs[48];
      u_uastrncpy(rs, ruleset, 47);
      rs[47] = 0;
      e = U_ZERO_ERROR;
      unum_setTextAttribute(f, UNUM_DEFAULT_RULESET, rs, -1, &e);
      if (U_FAILURE(e)) {
        unum_close(f);
        f = NULL;
      }
    }
  }
  if (c->used < CACHE_SIZE) {
    snprintf(c->slot[c->used].key, sizeof c->slot[c->used].key, "%s", key);
    c->slot[c->used++].fmt = f;
  } else if (f) {
    /* Cache full (more than 16 distinct formats in one document): keep
     * the last slot rotating rather than leaking. */
    unum_close(c->slot[CACHE_SIZE - 1].fmt);
    snprintf(c->slot[CACHE_SIZE - 1].key, sizeof c->slot[0].key, "%s", key);
    c->slot[CACHE_SIZE - 1].fmt = f;
  }
  return f;
}

static bool icu_format(numfmt_cache *c, UNumberFormatStyle nstyle, const char *locale,
                       const char *ruleset, long value, bool capitalize, buf *out) {
  UNumberFormat *f = get(c, nstyle, locale, ruleset);
  if (!f) return false;
  UChar u[128];
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = unum_format(f, (int32_t)value, u, 128, NULL, &e);
  if (U_FAILURE(e) || n <= 0 || n >= 128) return false;
  if (capitalize) {
    UChar32 first;
    int32_t i = 0;
    U16_NEXT(u, i, n, first);
    if (i == U16_LENGTH(u_toupper(first))) {
      int32_t j = 0;
      U16_APPEND_UNSAFE(u, j, u_toupper(first));
    }
  }
  char s[512];
  e = U_ZERO_ERROR;
  int32_t len = 0;
  u_strToUTF8(s, sizeof s, &len, u, n, &e);
  if (U_FAILURE(e)) return false;
  buf_append(out, s, (size_t)len);
  return true;
}

static void put_cp(buf *out, UChar32 cp) {
  char s[4];
  int32_t i = 0;
  UBool bad = false;
  U8_APPEND(s, i, 4, cp, bad);
  if (!bad) buf_append(out, s, (size_t)i);
}

/* Word's alphabetic lists: a … z, then aa … zz, then aaa …: the letter
 * repeats, it does not carry like a spreadsheet column. */
static void letters(buf *out, long v, const UChar32 *alphabet, int n) {
  long reps = (v - 1) / n + 1;
  UChar32 cp = alphabet[(v - 1) % n];
  for (long i = 0; i < reps && i < 64; i++)
    put_cp(out, cp);
}

/* Enclosed numbers: consecutive code point ranges per Unicode block. */
static bool enclosed(buf *out, long v, const long (*ranges)[3], int n) {
  for (int i = 0; i < n; i++)
    if (v >= ranges[i][0] && v <= ranges[i][1]) {
      put_cp(out, (UChar32)(ranges[i][2] + v - ranges[i][0]));
      return true;
    }
  return false;
}

/* The letters of a script's alphabet from ICU's exemplar set for `locale`,
 * lower case, minus `skip` (letters Word leaves out of its lists). */
static int alphabet_from_icu(const char *locale, const char *skip, bool upper, UChar32 *out,
                             int max) {
  UErrorCode e = U_ZERO_ERROR;
  ULocaleData *ld = ulocdata_open(locale, &e);
  if (U_FAILURE(e)) return 0;
  USet *set = ulocdata_getExemplarSet(ld, NULL, USET_IGNORE_SPACE, ULOCDATA_ES_STANDARD, &e);
  ulocdata_close(ld);
  if (U_FAILURE(e) || !set) return 0;
  UChar sk[32];
  int32_t skn = 0;
  e = U_ZERO_ERROR;
  u_strFromUTF8(sk, 32, &skn, skip, -1, &e);
  int n = 0;
  int32_t count = uset_size(set);
  for (int32_t i = 0; i < count && n < max; i++) {
    UChar32 cp = uset_charAt(set, i);
    if (!u_isalpha(cp)) continue;
    bool skipped = false;
    for (int32_t k = 0; k < skn; k++)
      skipped |= sk[k] == cp;
    if (!skipped) out[n++] = upper ? u_toupper(cp) : cp;
  }
  uset_close(set);
  return n;
}

static const char *lang_or(const char *lang, const char *dflt) {
  return lang && *lang ? lang : dflt;
}

bool numfmt_format(numfmt_cache *c, const char *fmt, long v, const char *lang, const char *custom,
                   buf *out) {
  char tmp[64];
  if (!fmt || !*fmt || strcmp(fmt, "decimal") == 0 || strcmp(fmt, "decimalHalfWidth") == 0)
    goto decimal;
  if (strcmp(fmt, "none") == 0) return true;
  if (strcmp(fmt, "decimalZero") == 0) {
    snprintf(tmp, sizeof tmp, v >= 0 && v < 10 ? "0%ld" : "%ld", v);
    buf_puts(out, tmp);
    return true;
  }
  if (strcmp(fmt, "numberInDash") == 0) {
    snprintf(tmp, sizeof tmp, "- %ld -", v);
    buf_puts(out, tmp);
    return true;
  }
  if (strcmp(fmt, "hex") == 0) {
    snprintf(tmp, sizeof tmp, "%lX", v);
    buf_puts(out, tmp);
    return true;
  }
  if (v <= 0) goto decimal; /* the systems below have no zero or negatives */
  if (strcmp(fmt, "upperLetter") == 0 || strcmp(fmt, "lowerLetter") == 0) {
    UChar32 a[26];
    for (int i = 0; i < 26; i++)
      a[i] = (fmt[0] == 'u' ? 'A' : 'a') + i;
    letters(out, v, a, 26);
    return true;
  }
  if (strcmp(fmt, "russianLower") == 0 || strcmp(fmt, "russianUpper") == 0) {
    UChar32 a[64];
    int n = alphabet_from_icu("ru", "ёйъыь", fmt[7] == 'U', a, 64);
    if (n == 0) goto decimal;
    letters(out, v, a, n);
    return true;
  }
  if (strcmp(fmt, "chicago") == 0) {
    static const UChar32 marks[4] = {'*', 0x2020, 0x2021, 0x00A7};
    letters(out, v, marks, 4);
    return true;
  }
  if (strcmp(fmt, "ideographTraditional") == 0 || strcmp(fmt, "ideographZodiac") == 0) {
    /* The heavenly stems and earthly branches cycles; ICU has no such
     * numbering system. */
    static const UChar32 stems[10] = {0x7532, 0x4E59, 0x4E19, 0x4E01, 0x620A,
                                      0x5DF1, 0x5E9A, 0x8F9B, 0x58EC, 0x7678};
    static const UChar32 branches[12] = {0x5B50, 0x4E11, 0x5BC5, 0x536F, 0x8FB0, 0x5DF3,
                                         0x5348, 0x672A, 0x7533, 0x9149, 0x620C, 0x4EA5};
    if (fmt[9] == 'T')
      put_cp(out, stems[(v - 1) % 10]);
    else
      put_cp(out, branches[(v - 1) % 12]);
    return true;
  }
  if (strcmp(fmt, "decimalEnclosedCircle") == 0 ||
      strcmp(fmt, "decimalEnclosedCircleChinese") == 0) {
    static const long r[3][3] = {{1, 20, 0x2460}, {21, 35, 0x3251}, {36, 50, 0x32B1}};
    if (enclosed(out, v, r, 3)) return true;
    goto decimal;
  }
  if (strcmp(fmt, "decimalEnclosedFullstop") == 0) {
    static const long r[1][3] = {{1, 20, 0x2488}};
    if (enclosed(out, v, r, 1)) return true;
    goto decimal;
  }
  if (strcmp(fmt, "decimalEnclosedParen") == 0) {
    static const long r[1][3] = {{1, 20, 0x2474}};
    if (enclosed(out, v, r, 1)) return true;
    goto decimal;
  }
  if (strcmp(fmt, "ideographEnclosedCircle") == 0) {
    static const long r[1][3] = {{1, 10, 0x3280}};
    if (enclosed(out, v, r, 1)) return true;
    goto decimal;
  }
  /* Numbering systems ICU formats algorithmically. */
  static const struct {
    const char *word, *locale;
  } systems[] = {
      {"upperRoman", "en@numbers=roman"},
      {"lowerRoman", "en@numbers=romanlow"},
      {"chineseCounting", "zh@numbers=hans"},
      {"chineseCountingThousand", "zh@numbers=hans"},
      {"chineseLegalSimplified", "zh@numbers=hansfin"},
      {"ideographDigital", "zh@numbers=hanidec"},
      {"taiwaneseCounting", "zh_Hant@numbers=hant"},
      {"taiwaneseCountingThousand", "zh_Hant@numbers=hant"},
      {"taiwaneseDigital", "zh_Hant@numbers=hanidec"},
      {"ideographLegalTraditional", "zh_Hant@numbers=hantfin"},
      {"japaneseCounting", "ja@numbers=jpan"},
      {"japaneseDigitalTenThousand", "ja@numbers=jpan"},
      {"japaneseLegal", "ja@numbers=jpanfin"},
      {"decimalFullWidth", "en@numbers=fullwide"},
      {"decimalFullWidth2", "en@numbers=fullwide"},
      {"hebrew1", "he@numbers=hebr"},
      {"hindiNumbers", "hi@numbers=deva"},
      {"thaiNumbers", "th@numbers=thai"},
      {"arabicAbjad", "ar@numbers=arab"},
  };
  for (size_t i = 0; i < sizeof systems / sizeof *systems; i++)
    if (strcmp(fmt, systems[i].word) == 0) {
      if (icu_format(c, UNUM_DEFAULT, systems[i].locale, NULL, v, false, out)) return true;
      goto decimal;
    }
  if (strcmp(fmt, "ordinal") == 0) {
    if (icu_format(c, UNUM_ORDINAL, lang_or(lang, "en"), NULL, v, false, out)) return true;
    goto decimal;
  }
  if (strcmp(fmt, "cardinalText") == 0 || strcmp(fmt, "hindiCounting") == 0 ||
      strcmp(fmt, "thaiCounting") == 0 || strcmp(fmt, "vietnameseCounting") == 0 ||
      strcmp(fmt, "koreanCounting") == 0) {
    const char *loc = fmt[0] == 'c'   ? lang_or(lang, "en")
                      : fmt[0] == 'h' ? "hi"
                      : fmt[0] == 't' ? "th"
                      : fmt[0] == 'v' ? "vi"
                                      : "ko";
    if (icu_format(c, UNUM_SPELLOUT, loc, NULL, v, fmt[0] == 'c', out)) return true;
    goto decimal;
  }
  if (strcmp(fmt, "ordinalText") == 0) {
    const char *loc = lang_or(lang, "en");
    if (icu_format(c, UNUM_SPELLOUT, loc, "%spellout-ordinal", v, true, out) ||
        icu_format(c, UNUM_SPELLOUT, loc, "%spellout-ordinal-masculine", v, true, out))
      return true;
    goto decimal;
  }
  if (strcmp(fmt, "custom") == 0 && custom) {
    /* w14 custom formats such as "001, 002, 003, ...": zero padding to the
     * width of the first number. */
    int width = 0;
    while (custom[width] >= '0' && custom[width] <= '9')
      width++;
    if (width > 0 && width < 20) {
      snprintf(tmp, sizeof tmp, "%0*ld", width, v);
      buf_puts(out, tmp);
      return true;
    }
  }
  snprintf(tmp, sizeof tmp, "%ld", v);
  buf_puts(out, tmp);
  return false;
decimal:
  snprintf(tmp, sizeof tmp, "%ld", v);
  buf_puts(out, tmp);
  return true;
}
