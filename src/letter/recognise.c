/*
 * recognise.c: dates, times, addresses and references in letter text.
 *
 * The text is cut into tokens (numbers, words, CJK characters, other
 * characters, spaces) with their byte offsets; small matchers then try,
 * at each token, the forms the letters use, longest first.  E-mail
 * addresses and URLs are found on the bytes first (addresses.c) and their
 * tokens taken out, so that "itu.int/go/tsg17" is never read as a
 * Recommendation.
 */
#include "recognise.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "../calnames.h"
#include "addresses.h"

typedef enum ttype { T_NUM, T_WORD, T_CJK, T_PUNCT, T_SPACE } ttype;

typedef struct token {
  ttype type;
  size_t start, end;
  long value;        /* T_NUM */
  int digits;        /* T_NUM */
  UChar32 cp;        /* T_CJK, T_PUNCT */
  char low[48];      /* T_WORD, lower case (truncated) */
  signed char month; /* T_WORD: the month it names (1-12), or 0 */
  bool weekday;      /* T_WORD: it names a day of the week */
  bool taken;        /* inside an e-mail or URL already */
} token;

typedef struct name {
  char s[48];
  int value; /* month 1-12, or weekday 1-7 */
  int order; /* as ICU gave it: of equal names, the first given wins */
} name;

static int cmp_name(const void *a, const void *b) {
  const name *x = a, *y = b;
  int c = strcmp(x->s, y->s);
  return c ? c : (x->order > y->order) - (x->order < y->order);
}

static void set_bit(unsigned char *v, unsigned char b) {
  v[b / 8] |= (unsigned char)(1u << (b % 8));
}
static bool has_bit(const unsigned char *v, unsigned char b) { return v[b / 8] & (1u << (b % 8)); }

/* The first of v's names (sorted by cmp_name) that is s, or NULL: a word
 * is looked up by bisection, not against every name. */
static const name *find_name(const name *v, int n, const char *s) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (strcmp(v[mid].s, s) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && strcmp(v[lo].s, s) == 0 ? &v[lo] : NULL;
}

struct recogniser {
  name months[128];
  int nmonths;
  name weekdays[64];
  int nweekdays;
  UChar32 year_mark, month_mark, day_mark; /* 年 月 日, from ICU's zh pattern */
  token *t;                                /* the text's tokens, grown to the longest text seen */
  int n, cap;
  /* per token: where a Recommendation's identifier that goes on through
   * it ends (see chain_ends), and the first taken token from it on */
  int *chain, *next_taken;
  int capx;
  int *years; /* carry_years' table, 4 per match */
  size_t capyears;
  /* ICU's White_Space and Alphabetic for ASCII, asked once here rather than
   * for every character of every text */
  bool ascii_space[128], ascii_alpha[128];
  /* the first bytes the month and weekday names have: most words start
   * with none of them, and need no lookup */
  unsigned char month_first[32], weekday_first[32];
};

/* ---- set-up from ICU ------------------------------------------------------------ */

static void add_names(name *v, int *n, int max, const cal_locale *f, cal_names_kind kind,
                      int first) {
  int32_t count = cal_names(f, kind);
  for (int32_t i = 0; i < count && *n < max; i++) {
    if (cal_name_folded(f, kind, i, v[*n].s, sizeof v[*n].s) <= 0 || !v[*n].s[0]) continue;
    v[*n].order = *n;
    v[(*n)++].value = (int)i + first;
  }
}

/* The characters after y, M and d in ICU's long Chinese date pattern. */
static void zh_marks(recogniser *r) {
  r->year_mark = 0x5E74;
  r->month_mark = 0x6708;
  r->day_mark = 0x65E5;
  UChar p[64];
  int32_t n = cal_long_date_pattern("zh", p, 64);
  if (n < 0) return;
  for (int32_t i = 0; i + 1 < n; i++) {
    UChar32 next = p[i + 1];
    if (next == 'y' || next == 'M' || next == 'd' || next < 0x80) continue;
    if (p[i] == 'y')
      r->year_mark = next;
    else if (p[i] == 'M')
      r->month_mark = next;
    else if (p[i] == 'd')
      r->day_mark = next;
  }
}

recogniser *recogniser_new(void) {
  recogniser *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  static const char *const locales[] = {"en", "fr"};
  for (size_t l = 0; l < 2; l++) {
    cal_locale *f = cal_locale_open(locales[l]);
    if (!f) {
      free(r);
      return NULL;
    }
    /* months from 1; weekdays Sunday 1 to Saturday 7, as UCAL_SUNDAY.. */
    add_names(r->months, &r->nmonths, 128, f, CAL_MONTHS, 1);
    add_names(r->months, &r->nmonths, 128, f, CAL_SHORT_MONTHS, 1);
    add_names(r->weekdays, &r->nweekdays, 64, f, CAL_WEEKDAYS, 1);
    cal_locale_close(f);
  }
  qsort(r->months, (size_t)r->nmonths, sizeof *r->months, cmp_name);
  qsort(r->weekdays, (size_t)r->nweekdays, sizeof *r->weekdays, cmp_name);
  for (int i = 0; i < r->nmonths; i++)
    set_bit(r->month_first, (unsigned char)r->months[i].s[0]);
  for (int i = 0; i < r->nweekdays; i++)
    set_bit(r->weekday_first, (unsigned char)r->weekdays[i].s[0]);
  for (UChar32 c = 0; c < 0x80; c++) {
    r->ascii_space[c] = u_isUWhiteSpace(c);
    r->ascii_alpha[c] = u_isalpha(c);
  }
  zh_marks(r);
  return r;
}

void recogniser_free(recogniser *r) {
  if (r) {
    free(r->t);
    free(r->chain);
    free(r->next_taken);
    free(r->years);
  }
  free(r);
}

/* ---- tokens ---------------------------------------------------------------------------- */

static bool is_cjk(UChar32 c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

static bool is_space(const recogniser *r, UChar32 c) {
  return c < 0x80 ? r->ascii_space[c] : u_isUWhiteSpace(c);
}
static bool is_alpha(const recogniser *r, UChar32 c) {
  return c < 0x80 ? r->ascii_alpha[c] : u_isalpha(c);
}

/* Cut s into tokens; false when out of memory (no token is dropped
 * silently: a text gets all of its tokens or none). */
static bool tokenize(recogniser *r, const char *s, size_t n) {
  r->n = 0;
  int32_t i = 0, len = (int32_t)n;
  while (i < len) {
    if (r->n == r->cap) {
      int cap = r->cap ? r->cap * 2 : 256;
      token *v = realloc(r->t, (size_t)cap * sizeof *v);
      if (!v) return false;
      r->t = v;
      r->cap = cap;
    }
    token *t = &r->t[r->n];
    memset(t, 0, sizeof *t);
    t->start = (size_t)i;
    UChar32 c;
    int32_t j = i;
    U8_NEXT(s, j, len, c);
    if (c < 0) {
      i = j;
      continue;
    }
    if (c >= '0' && c <= '9') {
      t->type = T_NUM;
      while (i < len && s[i] >= '0' && s[i] <= '9') {
        if (t->digits < 12) t->value = t->value * 10 + (s[i] - '0');
        t->digits++;
        i++;
      }
    } else if (is_space(r, c)) {
      t->type = T_SPACE;
      i = j;
      while (i < len) {
        int32_t k = i;
        U8_NEXT(s, k, len, c);
        if (c < 0 || !is_space(r, c)) break;
        i = k;
      }
    } else if (is_cjk(c)) {
      t->type = T_CJK;
      t->cp = c;
      i = j;
    } else if (is_alpha(r, c)) {
      t->type = T_WORD;
      UChar u[48];
      int32_t ul = 0;
      i = j;
      U16_APPEND_UNSAFE(u, ul, c);
      while (i < len) {
        int32_t k = i;
        U8_NEXT(s, k, len, c);
        if (c < 0 || !is_alpha(r, c) || is_cjk(c)) break;
        if (ul < 44) U16_APPEND_UNSAFE(u, ul, c);
        i = k;
      }
      bool ascii = true;
      for (int32_t k = 0; k < ul && ascii; k++)
        ascii = u[k] < 0x80;
      if (ascii) { /* most words: no need of ICU's case mapping */
        for (int32_t k = 0; k < ul; k++)
          t->low[k] = (char)(u[k] >= 'A' && u[k] <= 'Z' ? u[k] + 32 : u[k]);
        t->low[ul] = '\0';
      } else {
        UChar low[48];
        UErrorCode e = U_ZERO_ERROR;
        int32_t ll = u_strToLower(low, 48, u, ul, "", &e);
        e = U_ZERO_ERROR;
        if (ll < 48) u_strToUTF8(t->low, sizeof t->low, NULL, low, ll, &e);
      }
      /* its name as a month or a weekday, looked up once here rather
       * than at every place a matcher asks */
      unsigned char first = (unsigned char)t->low[0];
      const name *m =
          has_bit(r->month_first, first) ? find_name(r->months, r->nmonths, t->low) : NULL;
      if (m) t->month = (signed char)m->value;
      t->weekday =
          has_bit(r->weekday_first, first) && find_name(r->weekdays, r->nweekdays, t->low) != NULL;
    } else {
      t->type = T_PUNCT;
      t->cp = c;
      i = j;
    }
    t->end = (size_t)i;
    r->n++;
  }
  return true;
}

/* ---- small matchers over tokens ---------------------------------------------------------- */

static int skip_space(const recogniser *r, int i) {
  while (i < r->n && r->t[i].type == T_SPACE)
    i++;
  return i;
}

static bool word_is(const recogniser *r, int i, const char *w) {
  return i < r->n && r->t[i].type == T_WORD && !r->t[i].taken && r->t[i].low[0] == w[0] &&
         strcmp(r->t[i].low, w) == 0;
}

static bool punct_is(const recogniser *r, int i, UChar32 c) {
  return i < r->n && (r->t[i].type == T_PUNCT || r->t[i].type == T_CJK) && r->t[i].cp == c;
}

static bool is_dash(UChar32 c) {
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 ||
         c == 0x2212 || c == 0xFF0D || c == 0x2015;
}

static bool dash_at(const recogniser *r, int i) {
  return i < r->n && r->t[i].type == T_PUNCT && is_dash(r->t[i].cp);
}

static bool num_at(const recogniser *r, int i) {
  return i < r->n && r->t[i].type == T_NUM && !r->t[i].taken;
}

/* A day: 1-31, one or two digits, maybe "1er", "1st". Returns the next token or -1. */
static int day_at(const recogniser *r, int i, int *day) {
  if (!num_at(r, i) || r->t[i].digits > 2 || r->t[i].value < 1 || r->t[i].value > 31) return -1;
  *day = (int)r->t[i].value;
  int k = i + 1;
  if (k < r->n && r->t[k].type == T_WORD && r->t[k].start == r->t[i].end &&
      (strcmp(r->t[k].low, "er") == 0 || strcmp(r->t[k].low, "st") == 0 ||
       strcmp(r->t[k].low, "nd") == 0 || strcmp(r->t[k].low, "rd") == 0 ||
       strcmp(r->t[k].low, "th") == 0))
    k++;
  return k;
}

static int month_at(const recogniser *r, int i, int *month) {
  if (i >= r->n || r->t[i].type != T_WORD || r->t[i].taken || !r->t[i].month) return -1;
  *month = r->t[i].month;
  return punct_is(r, i + 1, '.') ? i + 2 : i + 1;
}

static int year_at(const recogniser *r, int i, int *year) {
  if (!num_at(r, i) || r->t[i].digits != 4 || r->t[i].value < 1900 || r->t[i].value > 2199)
    return -1;
  *year = (int)r->t[i].value;
  return i + 1;
}

static bool weekday_at(const recogniser *r, int i) {
  return i < r->n && r->t[i].type == T_WORD && r->t[i].weekday;
}

bool date_valid(int y, int m, int d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  int max = days[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
  return d <= max;
}

/* A day-month-year triple that may lack a month or a year (0). */
typedef struct dmy {
  int d, m, y;
} dmy;

/* "24 August 2021", "1er juillet", "7 January" (month needed). */
static int dmy_at(const recogniser *r, int i, dmy *out, bool month_optional) {
  int k = day_at(r, i, &out->d);
  if (k < 0) return -1;
  out->m = out->y = 0;
  int s = skip_space(r, k);
  int k2 = month_at(r, s, &out->m);
  if (k2 < 0) return month_optional ? k : -1;
  int s2 = skip_space(r, k2);
  int k3 = year_at(r, s2, &out->y);
  if (k3 < 0 && punct_is(r, k2, ',')) k3 = year_at(r, skip_space(r, k2 + 1), &out->y);
  return k3 >= 0 ? k3 : k2;
}

/* A separator between the two ends of a range: a dash, "to", "au", "à",
 * "–" with spaces, "until".  Returns the token after it or -1. */
static int range_sep(const recogniser *r, int i, bool words) {
  int s = skip_space(r, i);
  if (dash_at(r, s)) return skip_space(r, s + 1);
  if (words && (word_is(r, s, "to") || word_is(r, s, "au") || word_is(r, s, "until") ||
                word_is(r, s, "à") || word_is(r, s, "and") || word_is(r, s, "et") ||
                punct_is(r, s, 0x81F3) /* 至 */ || punct_is(r, s, 0x5230) /* 到 */))
    return skip_space(r, s + 1);
  return -1;
}

static void iso(char *dst, size_t n, int y, int m, int d) {
  if (y > 0)
    snprintf(dst, n, "%04d-%02d-%02d", y, m, d);
  else
    snprintf(dst, n, "--%02d-%02d", m, d); /* year still unknown: filled later */
}

/* ---- dates and ranges -------------------------------------------------------------------- */

static bool range_valid(dmy a, dmy b) {
  if (!date_valid(a.y ? a.y : 2000, a.m, a.d) || !date_valid(b.y ? b.y : 2000, b.m, b.d))
    return false;
  long x = (long)a.y * 400 + a.m * 32 + a.d, y = (long)b.y * 400 + b.m * 32 + b.d;
  return x <= y;
}

/* Does a year-less month `m` before month `later` cross a new year?  Only
 * for a short span (28 December - 3 January), never for a typo that ends
 * before it starts (3 September - 24 August). */
static bool crosses_year(int m, int later) { return m > later && later + 12 - m <= 3; }

/* Complete a range's start from its end: "24 August – 3 September 2021". */
static void complete_start(dmy *a, const dmy *b) {
  if (!a->m) a->m = b->m;
  if (!a->y && b->y) a->y = crosses_year(a->m, b->m) ? b->y - 1 : b->y;
}

static int date_range_at(const recogniser *r, int i, match *m) {
  int start = i;
  bool from = word_is(r, i, "from") || word_is(r, i, "du") || word_is(r, i, "between") ||
              word_is(r, i, "entre");
  if (from) i = skip_space(r, i + 1);
  dmy a, b;
  int k = dmy_at(r, i, &a, true);
  if (k < 0) return -1;
  int s = range_sep(r, k, from);
  if (s < 0) return -1;
  int k2 = dmy_at(r, s, &b, false);
  if (k2 < 0 || !b.m) return -1;
  complete_start(&a, &b);
  if (!range_valid(a, b)) return -1;
  m->kind = M_DATERANGE;
  m->start = r->t[from ? start : i].start;
  m->end = r->t[k2 - 1].end;
  iso(m->a, sizeof m->a, a.y, a.m, a.d);
  iso(m->b, sizeof m->b, b.y, b.m, b.d);
  return k2;
}

static int date_at(const recogniser *r, int i, match *m) {
  int start = i;
  if (weekday_at(r, i)) {
    int s = skip_space(r, i + 1);
    if (punct_is(r, s, ',')) s = skip_space(r, s + 1);
    i = s;
  }
  dmy a;
  int k = dmy_at(r, i, &a, false);
  if (k < 0) {
    /* "May 21, 2021" */
    int k2 = month_at(r, i, &a.m);
    if (k2 < 0) return -1;
    k = day_at(r, skip_space(r, k2), &a.d);
    if (k < 0) return -1;
    a.y = 0;
    int s = punct_is(r, k, ',') ? skip_space(r, k + 1) : skip_space(r, k);
    int k3 = year_at(r, s, &a.y);
    if (k3 < 0) return -1; /* "May 21" alone is too loose */
    k = k3;
  }
  if (!date_valid(a.y ? a.y : 2000, a.m, a.d)) return -1;
  m->kind = M_DATE;
  m->start = r->t[start].start;
  m->end = r->t[k - 1].end;
  iso(m->a, sizeof m->a, a.y, a.m, a.d);
  return k;
}

/* Token k follows token k-1 with nothing between. */
static bool touching(const recogniser *r, int k) {
  return k > 0 && k < r->n && r->t[k].start == r->t[k - 1].end;
}

/* An ASCII '.' or '-' at k touching the numbers on both sides. */
static bool joiner_at(const recogniser *r, int k, UChar32 c) {
  return punct_is(r, k, c) && touching(r, k) && touching(r, k + 1) && r->t[k + 1].type == T_NUM;
}

/* Dates in digits: ISO 8601's "2026-03-03" (four, two and two digits,
 * hyphens) and the dotted "03.03.2026" (day, month, year: the order of
 * every language that writes dates with dots).  Not a piece of a longer
 * number ("1.2.3.2020", "2026-03-03-01", "4.03.03.2026"); a slashed date
 * (03/04/2026) is left alone, its order being the writer's habit. */
static int numeric_date_at(const recogniser *r, int i, match *m) {
  if (!num_at(r, i) || (i >= 2 && r->t[i - 2].type == T_NUM && touching(r, i) &&
                        (punct_is(r, i - 1, '.') || punct_is(r, i - 1, '-'))))
    return -1;
  int y, mo, d;
  UChar32 sep;
  if (r->t[i].digits == 4 && joiner_at(r, i + 1, '-') && r->t[i + 2].digits == 2 &&
      joiner_at(r, i + 3, '-') && r->t[i + 4].digits == 2) {
    sep = '-';
    y = (int)r->t[i].value, mo = (int)r->t[i + 2].value, d = (int)r->t[i + 4].value;
  } else if (r->t[i].digits <= 2 && joiner_at(r, i + 1, '.') && r->t[i + 2].digits <= 2 &&
             joiner_at(r, i + 3, '.') && r->t[i + 4].digits == 4) {
    sep = '.';
    d = (int)r->t[i].value, mo = (int)r->t[i + 2].value, y = (int)r->t[i + 4].value;
  } else {
    return -1;
  }
  int k = i + 5;
  if (joiner_at(r, k, sep) || (k < r->n && touching(r, k) && r->t[k].type == T_NUM)) return -1;
  if (y < 1900 || y > 2199 || !date_valid(y, mo, d)) return -1;
  for (int j = i; j < k; j++)
    if (r->t[j].taken) return -1;
  m->kind = M_DATE;
  m->start = r->t[i].start;
  m->end = r->t[k - 1].end;
  iso(m->a, sizeof m->a, y, mo, d);
  return k;
}

/* Chinese: 2021年12月1日, 12月1日, 2021年12月1至10日, 2021年12月1-10日,
 * 2021年11月29日至12月10日. */
static int zh_dmy(const recogniser *r, int i, dmy *out, bool need_year) {
  out->y = out->m = out->d = 0;
  int k = i;
  if (num_at(r, k) && r->t[k].digits == 4 && punct_is(r, k + 1, r->year_mark)) {
    out->y = (int)r->t[k].value;
    k += 2;
  } else if (need_year) {
    return -1;
  }
  if (num_at(r, k) && r->t[k].digits <= 2 && punct_is(r, k + 1, r->month_mark)) {
    out->m = (int)r->t[k].value;
    k += 2;
  } else if (out->y) {
    return -1;
  }
  if (!num_at(r, k) || r->t[k].digits > 2) return -1;
  out->d = (int)r->t[k].value;
  return k + 1;
}

static int zh_date_at(const recogniser *r, int i, match *m) {
  dmy a, b;
  int k = zh_dmy(r, i, &a, false);
  if (k < 0 || !a.m) return -1;
  bool day_mark = punct_is(r, k, r->day_mark);
  int after_a = day_mark ? k + 1 : k;
  int s = skip_space(r, after_a);
  bool sep = punct_is(r, s, 0x81F3) /* 至 */ || punct_is(r, s, 0x5230) /* 到 */ || dash_at(r, s);
  if (sep) {
    int k2 = zh_dmy(r, skip_space(r, s + 1), &b, false);
    if (k2 >= 0 && punct_is(r, k2, r->day_mark)) {
      if (!b.m) b.m = a.m;
      if (!b.y) b.y = a.y + (b.m < a.m ? 1 : 0);
      if (range_valid(a, b)) {
        m->kind = M_DATERANGE;
        m->start = r->t[i].start;
        m->end = r->t[k2].end;
        iso(m->a, sizeof m->a, a.y, a.m, a.d);
        iso(m->b, sizeof m->b, b.y, b.m, b.d);
        return k2 + 1;
      }
    }
  }
  if (!day_mark || !date_valid(a.y ? a.y : 2000, a.m, a.d)) return -1;
  m->kind = M_DATE;
  m->start = r->t[i].start;
  m->end = r->t[k].end;
  iso(m->a, sizeof m->a, a.y, a.m, a.d);
  return k + 1;
}

/* ---- times -------------------------------------------------------------------------------- */

static bool hours_word(const recogniser *r, int i) {
  return word_is(r, i, "hours") || word_is(r, i, "hrs") || word_is(r, i, "heures") ||
         word_is(r, i, "h");
}

/* "11:00", "11.00", "1300" (with want4), "11 h 00", "11h00", "12时": minutes
 * since midnight, or -1. */
static int time_at(const recogniser *r, int i, int *minutes, bool want4) {
  if (!num_at(r, i)) return -1;
  long h = r->t[i].value;
  if (r->t[i].digits <= 2 && (punct_is(r, i + 1, ':') || punct_is(r, i + 1, 0xFF1A)) &&
      num_at(r, i + 2) && r->t[i + 2].digits == 2 && h < 24 && r->t[i + 2].value < 60) {
    *minutes = (int)(h * 60 + r->t[i + 2].value);
    return i + 3;
  }
  if (r->t[i].digits <= 2 && h < 24) {
    int s = skip_space(r, i + 1);
    if (word_is(r, s, "h")) {
      int s2 = skip_space(r, s + 1);
      if (num_at(r, s2) && r->t[s2].digits == 2 && r->t[s2].value < 60) {
        *minutes = (int)(h * 60 + r->t[s2].value);
        return s2 + 1;
      }
    }
    if (punct_is(r, i + 1, 0x65F6) || punct_is(r, i + 1, 0x70B9) /* 时 点 */) {
      /* 9时30分, 9时30 ("9时30分" is half past nine, not nine) */
      if (num_at(r, i + 2) && r->t[i + 2].digits <= 2 && r->t[i + 2].value < 60) {
        *minutes = (int)(h * 60 + r->t[i + 2].value);
        return i + 3 + (punct_is(r, i + 3, 0x5206) /* 分 */ ? 1 : 0);
      }
      *minutes = (int)(h * 60);
      return i + 2;
    }
  }
  if (want4 && r->t[i].digits == 4 && h / 100 < 24 && h % 100 < 60) {
    *minutes = (int)((h / 100) * 60 + h % 100);
    return i + 1;
  }
  return -1;
}

static void hhmm(char *dst, size_t n, int minutes) {
  snprintf(dst, n, "%02d:%02d", minutes / 60, minutes % 60);
}

static int time_range_at(const recogniser *r, int i, match *m) {
  int a, b;
  bool four = num_at(r, i) && r->t[i].digits == 4;
  int k = time_at(r, i, &a, four);
  if (k < 0) return -1;
  int s = skip_space(r, k);
  int k2 = -1, end = -1;
  int sep = range_sep(r, k, true);
  if (sep >= 0) k2 = time_at(r, sep, &b, four);
  if (k2 < 0 && !four && s > k) { /* "10:00 11:00 hours": the dash was lost */
    k2 = time_at(r, s, &b, false);
    if (k2 >= 0 && !hours_word(r, skip_space(r, k2))) k2 = -1;
  }
  if (k2 >= 0) {
    end = k2;
    int h = skip_space(r, k2);
    bool hours = hours_word(r, h);
    if (hours) end = h + 1;
    if (four && !hours) {
      /* "0900-1015" in a time plan; "2017-2020" is a span of years */
      long x = r->t[i].value, y = r->t[k2 - 1].value;
      if ((x >= 1900 && x <= 2199 && y >= 1900 && y <= 2199) || y - x >= 1000 ||
          dash_at(r, k) == false)
        return -1;
    }
    if (b > a) {
      m->kind = M_TIMERANGE;
      m->start = r->t[i].start;
      m->end = r->t[end - 1].end;
      hhmm(m->a, sizeof m->a, a);
      hhmm(m->b, sizeof m->b, b);
      return end;
    }
    /* a range that ends before it starts: only its first time is sure */
  }
  end = k;
  int h = skip_space(r, k);
  /* a lone four-digit time only with its word: "0930 hours", not "2021" */
  if (four && !(hours_word(r, h) && !word_is(r, h, "h"))) return -1;
  if (hours_word(r, h) && !(word_is(r, h, "h") && k > i + 1)) end = h + 1;
  m->kind = M_TIME;
  m->start = r->t[i].start;
  m->end = r->t[end - 1].end;
  hhmm(m->a, sizeof m->a, a);
  return end;
}

/* ---- document references -----------------------------------------------------------------------
 */

static bool upper_ascii(const token *t) {
  return t->type == T_WORD && t->end - t->start == 1 && t->low[0] >= 'a' && t->low[0] <= 'z';
}

static void doc(match *m, const char *type, const char *id) {
  m->kind = M_DOCREF;
  snprintf(m->a, sizeof m->a, "%s", type);
  snprintf(m->b, sizeof m->b, "%s", id);
}

static int docref_at(const recogniser *r, const char *s, int i, match *m) {
  const token *t = &r->t[i];
  if (t->taken) return -1;
  int start = i;
  /* "ITU-T X.1234", "UIT-T X.1234": the prefix is part of the reference */
  if ((word_is(r, i, "itu") || word_is(r, i, "uit")) && dash_at(r, i + 1) &&
      word_is(r, i + 2, "t")) {
    int k = skip_space(r, i + 3);
    if (k < r->n && upper_ascii(&r->t[k]) && punct_is(r, k + 1, '.')) i = k;
  }
  t = &r->t[i];
  /* Recommendations: X.1234, A.8, Q.SCC, X.pki-em, Q.VNFT-req */
  if (upper_ascii(t) && s[t->start] >= 'A' && s[t->start] <= 'Z' && punct_is(r, i + 1, '.') &&
      i + 2 < r->n && r->t[i + 2].start == r->t[i + 1].end &&
      (r->t[i + 2].type == T_NUM || r->t[i + 2].type == T_WORD)) {
    int k = i + 2;
    bool num = r->t[k].type == T_NUM;
    if (!num && r->t[k].end - r->t[k].start < 2) return -1;
    /* X.1234.1, X.pki-em, Q.VNFT-req, X.5Gsec-t: where it stops, from the table */
    k = k + 1 < r->n ? r->chain[k + 1] : k + 1;
    size_t end = r->t[k - 1].end;
    char id[96]; /* (the identifier as far as it fits: printing all of it again from each X
                  * of "X.1X.1…" was quadratic) */
    size_t len = end - t->start < sizeof id ? end - t->start : sizeof id - 1;
    snprintf(id, sizeof id, "%.*s", (int)len, s + t->start);
    doc(m, "recommendation", id);
    m->start = r->t[start].start;
    m->end = end;
    return k;
  }
  /* TD3779, TD3658R1; SG11-TD53/WP1 */
  if (t->type == T_WORD && (strcmp(t->low, "sg") == 0) && num_at(r, i + 1) && dash_at(r, i + 2) &&
      word_is(r, i + 3, "td") && num_at(r, i + 4)) {
    int k = i + 5;
    if (punct_is(r, k, '/') && word_is(r, k + 1, "wp") && num_at(r, k + 2)) k += 3;
    char id[96];
    snprintf(id, sizeof id, "%.*s", (int)(r->t[k - 1].end - t->start), s + t->start);
    doc(m, "td", id);
    m->start = t->start;
    m->end = r->t[k - 1].end;
    return k;
  }
  if (t->type == T_WORD && strcmp(t->low, "td") == 0 && num_at(r, i + 1) &&
      r->t[i + 1].start == t->end) {
    int k = i + 2;
    if (k + 1 < r->n && word_is(r, k, "r") && num_at(r, k + 1) && r->t[k].start == r->t[k - 1].end)
      k += 2;
    char id[96];
    snprintf(id, sizeof id, "%.*s", (int)(r->t[k - 1].end - t->start), s + t->start);
    doc(m, "td", id);
    m->start = t->start;
    m->end = r->t[k - 1].end;
    return k;
  }
  return -1;
}

/* ---- driver
 * --------------------------------------------------------------------------------------- */

/*
 * The tables of the tokens, made once per text (from each token a matcher
 * tried would walk again the same tokens): chain[k] is the token where a
 * Recommendation's identifier, gone on to k, stops ("X.1234.1",
 * "X.pki-em": a word or number adjacent to the one before, or a dot and a
 * number, or a dash and a word); next_taken[k] the first token from k on
 * inside an e-mail or URL (or n).
 */
static bool token_tables(recogniser *r) {
  if (r->n + 1 > r->capx) {
    int cap = r->n + 1 > 2 * r->capx ? r->n + 1 : 2 * r->capx;
    int *a = realloc(r->chain, (size_t)cap * sizeof *a);
    if (a) r->chain = a;
    int *b = realloc(r->next_taken, (size_t)cap * sizeof *b);
    if (b) r->next_taken = b;
    if (!a || !b) return false;
    r->capx = cap;
  }
  const token *t = r->t;
  int n = r->n;
  r->next_taken[n] = n;
  for (int k = n; k-- > 0;) {
    r->next_taken[k] = t[k].taken ? k : r->next_taken[k + 1];
    r->chain[k] = k; /* stops here, unless it goes on */
    if (k == 0 || k + 1 >= n || t[k].start != t[k - 1].end) continue;
    if (t[k].type == T_WORD || t[k].type == T_NUM)
      r->chain[k] = r->chain[k + 1];
    else if (((punct_is(r, k, '.') && t[k + 1].type == T_NUM) ||
              (dash_at(r, k) && t[k + 1].type == T_WORD)) &&
             t[k + 1].start == t[k].end)
      r->chain[k] = k + 2 < n ? r->chain[k + 2] : k + 2;
  }
  return true;
}

static int cmp_match(const void *a, const void *b) {
  const match *x = a, *y = b;
  return (x->start > y->start) - (x->start < y->start);
}

static bool full_date(const match *m) {
  return (m->kind == M_DATE || m->kind == M_DATERANGE) && m->a[0] != '-';
}

/* Fill in years of dates that lack one: from the first full date after
 * it (a year earlier across a new year), else from the letter's.  A year-1
 * date across a new year would give year 0, and the next is looked at: for
 * each month a date lacking its year can have, the candidate after each
 * match is found in one pass from the end (looking from each date was
 * quadratic in their number); an empty table (no memory) looks from each. */
static void carry_years(match *m, size_t n, int year, int month, int *next) {
  /* next[4i + c]: the first full date after i, for c = 0 (any month), else
   * one that a date of month 9 + c does not make year 0 */
  if (next) {
    int after[4] = {(int)n, (int)n, (int)n, (int)n};
    for (size_t i = n; i-- > 0;) {
      memcpy(&next[4 * i], after, sizeof after);
      if (!full_date(&m[i])) continue;
      int y = atoi(m[i].a), ym = atoi(m[i].a + 5);
      for (int c = 0; c < 4; c++)
        if (c == 0 || !(y == 1 && crosses_year(9 + c, ym))) after[c] = (int)i;
    }
  }
  for (size_t i = 0; i < n; i++) {
    for (int which = 0; which < 2; which++) {
      char *v = which ? m[i].b : m[i].a;
      if ((m[i].kind != M_DATE && m[i].kind != M_DATERANGE) || (which && m[i].kind != M_DATERANGE))
        continue;
      if (strncmp(v, "--", 2) != 0) continue;
      int mm = atoi(v + 2), dd = atoi(v + 5), y = 0;
      if (next) {
        size_t j = (size_t)next[4 * i + (mm >= 10 && mm <= 12 ? mm - 9 : 0)];
        if (j < n) y = atoi(m[j].a) - (crosses_year(mm, atoi(m[j].a + 5)) ? 1 : 0);
      } else {
        for (size_t j = i + 1; j < n && !y; j++)
          if (full_date(&m[j])) {
            int ym = atoi(m[j].a + 5);
            y = atoi(m[j].a) - (crosses_year(mm, ym) ? 1 : 0);
          }
      }
      if (!y && year > 0) y = year + (month > 0 && mm < month - 6 ? 1 : 0);
      if (y > 0 && date_valid(y, mm, dd)) snprintf(v, 96, "%04d-%02d-%02d", y, mm, dd);
    }
  }
}

/* The first token that ends after byte b (tokens are in order), or n. */
static int token_after(const recogniser *r, size_t b) {
  int lo = 0, hi = r->n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (r->t[mid].end <= b)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

size_t recognise(recogniser *r, const char *s, size_t n, int year, int month, match *out,
                 size_t max) {
  size_t count = 0;
  size_t ne = rec_find_emails(s, n, out, max);
  size_t nu = rec_find_urls(s, n, out + ne, max - ne);
  count = ne + nu;
  /* a URL that contains an e-mail's @ is a URL: drop overlapping e-mails
   * (both lists are in order and hold no overlaps: one walk) */
  size_t w = 0, u = ne;
  for (size_t i = 0; i < ne; i++) {
    while (u < count && out[u].end <= out[i].start)
      u++;
    if (!(u < count && out[u].start < out[i].end)) out[w++] = out[i];
  }
  memmove(out + w, out + ne, nu * sizeof *out);
  count = w + nu;
  count += rec_find_phones(s, n, out + count, max - count);
  if (!tokenize(r, s, n)) return count; /* out of memory: the addresses found so far */
  for (size_t k = 0; k < count; k++)
    for (int i = token_after(r, out[k].start); i < r->n && r->t[i].start < out[k].end; i++)
      r->t[i].taken = true;
  if (!token_tables(r)) return count;
  for (int i = 0; i < r->n && count < max;) {
    if (r->t[i].taken || r->t[i].type == T_SPACE) {
      i++;
      continue;
    }
    match m;
    memset(&m, 0, sizeof m);
    int next;
    if ((next = date_range_at(r, i, &m)) >= 0 || (next = zh_date_at(r, i, &m)) >= 0 ||
        (next = date_at(r, i, &m)) >= 0 || (next = numeric_date_at(r, i, &m)) >= 0 ||
        (next = time_range_at(r, i, &m)) >= 0 || (next = docref_at(r, s, i, &m)) >= 0) {
      if (r->next_taken[i] >= next) { /* no token of [i, next) is taken */
        out[count++] = m;
        i = next;
        continue;
      }
    }
    i++;
  }
  qsort(out, count, sizeof *out, cmp_match);
  int *years = NULL;
  if (count * 4 > r->capyears) {
    int *v = realloc(r->years, count * 4 * sizeof *v);
    if (v) {
      r->years = v;
      r->capyears = count * 4;
    }
  }
  if (count * 4 <= r->capyears) years = r->years;
  carry_years(out, count, year, month, years);
  return count;
}
