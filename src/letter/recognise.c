/*
 * recognise.c: dates, times, addresses and references in letter text.
 *
 * The text is cut into tokens (numbers, words, CJK characters, other
 * characters, spaces) with their byte offsets; small matchers then try,
 * at each token, the forms the letters use, longest first.  E-mail
 * addresses and URLs are found on the bytes first (addresses.c) and their
 * tokens taken out, so that "itu.int/go/tsg17" is never read as a
 * Recommendation.  The dates and times are read in recognise_dates.c.
 */
#include "recognise_impl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "../calnames.h"
#include "../hash.h"
#include "addresses.h"

static int cmp_name(const void *a, const void *b) {
  const name *x = a, *y = b;
  int c = strcmp(x->s, y->s);
  return c ? c : (x->order > y->order) - (x->order < y->order);
}

static uint32_t name_hash(const char *s) { return hash_bytes(HASH_SEED, s, strlen(s)); }

/* Index v's n names (sorted by cmp_name) in slot (NAME_SLOTS, linear
 * probing) with their hashes in hash: of equal names only the first, so
 * that a lookup finds what a bisection's lower bound found. */
static void index_names(const name *v, int n, short *slot, uint32_t *hash) {
  for (int i = 0; i < NAME_SLOTS; i++)
    slot[i] = -1;
  for (int i = 0; i < n; i++) {
    hash[i] = name_hash(v[i].s);
    if (i > 0 && strcmp(v[i - 1].s, v[i].s) == 0) continue;
    uint32_t k = hash[i] & (NAME_SLOTS - 1);
    while (slot[k] >= 0)
      k = (k + 1) & (NAME_SLOTS - 1);
    slot[k] = (short)i;
  }
}

/* The first of v's names that is s, or NULL. */
static const name *find_name(const name *v, const short *slot, const uint32_t *hash,
                             const char *s) {
  uint32_t h = name_hash(s);
  for (uint32_t k = h & (NAME_SLOTS - 1); slot[k] >= 0; k = (k + 1) & (NAME_SLOTS - 1))
    if (hash[slot[k]] == h && strcmp(v[slot[k]].s, s) == 0) return &v[slot[k]];
  return NULL;
}

/* ---- set-up from ICU ------------------------------------------------------------ */

static void add_names(name *v, int *n, int max, const cal_locale *f, cal_names_kind kind,
                      int first) {
  int32_t count = cal_names(f, kind);
  for (int32_t i = 0; i < count && *n < max; i++) {
    if (cal_name_folded(f, kind, i, v[*n].s, sizeof v[*n].s) <= 0 || !v[*n].s[0]) continue;
    UChar u[64];
    UChar32 c0 = 0;
    if (cal_name(f, kind, i, u, 64) > 0) U16_GET(u, 0, 0, u_strlen(u), c0);
    v[*n].capital = u_isupper(c0);
    v[*n].abbr = kind == CAL_SHORT_MONTHS || kind == CAL_SHORT_WEEKDAYS;
    v[*n].order = *n;
    v[(*n)++].value = (int)i + first;
  }
}

/* A name is capitalised only if every locale that has it capitalises it
 * (v sorted: equal names are neighbours). */
static void capital_names(name *v, int n) {
  for (int i = 0; i < n;) {
    int j = i;
    bool all = true;
    for (; j < n && strcmp(v[j].s, v[i].s) == 0; j++)
      all = all && v[j].capital;
    for (; i < j; i++)
      v[i].capital = all;
  }
}

/* A name's code points into cp (cap, 0-terminated); false when too long. */
static bool code_points(const UChar *u, int32_t n, UChar32 *cp, int cap) {
  int32_t j = 0;
  int w = 0;
  while (j < n && w < cap - 1) {
    UChar32 c;
    U16_NEXT(u, j, n, c);
    cp[w++] = c;
  }
  cp[w] = 0;
  return j == n && w > 0;
}

static bool same_name(const UChar32 *a, const UChar32 *b) {
  while (*a && *a == *b)
    a++, b++;
  return *a == *b;
}

/* What Chinese writes before an hour: the clock's markers (上午 AM, 下午
 * PM), then CLDR's day periods with the hours they span (晚上 19:00-24:00,
 * 中午 12:00-13:00, 凌晨 00:00-05:00). */
static void zh_periods(recogniser *r, cal_locale *zh) {
  for (int k = 0; zh && k < 2; k++) {
    UChar u[16];
    int32_t n = cal_name(zh, CAL_AMPM, k, u, 16);
    rec_period *p = &r->zh_periods[r->nzh_periods];
    if (n > 0 && code_points(u, n, p->cp, 8)) {
      p->meridiem = (signed char)(k + 1);
      r->nzh_periods++;
    }
  }
  cal_day_period dp[32];
  int32_t n = cal_day_periods("zh", dp, 32);
  for (int32_t i = 0; i < n && r->nzh_periods < 16; i++) {
    rec_period *p = &r->zh_periods[r->nzh_periods];
    if (dp[i].from == dp[i].before || !code_points(dp[i].name, u_strlen(dp[i].name), p->cp, 8))
      continue; /* 午夜 (midnight, "at 00:00") names no hours to read an hour by */
    bool seen = false;
    for (int j = 0; j < r->nzh_periods && !seen; j++)
      seen = same_name(r->zh_periods[j].cp, p->cp);
    if (seen) continue; /* 上午 is the AM marker first */
    p->meridiem = 0;
    p->from = (signed char)(dp[i].from / 60);
    p->to = (signed char)((dp[i].before + 59) / 60);
    r->nzh_periods++;
  }
}

/* Noon's names in English and French, folded as words are ("noon",
 * "midi"): CLDR's day period "at 12:00".  Midnight ("at 00:00") is left
 * out: a deadline "at midnight on 15 March" means the day's end, which no
 * HH:MM of that day says. */
static void noon_names(recogniser *r, const char *const *locales, size_t nl) {
  for (size_t l = 0; l < nl; l++) {
    cal_day_period dp[32];
    int32_t n = cal_day_periods(locales[l], dp, 32);
    for (int32_t i = 0; i < n && r->nnoon < 4; i++) {
      if (dp[i].from != 12 * 60 || dp[i].before != 12 * 60) continue;
      UChar low[24];
      UErrorCode e = U_ZERO_ERROR;
      int32_t len = u_strToLower(low, 24, dp[i].name, -1, locales[l], &e);
      char *out = r->noon[r->nnoon];
      if (U_FAILURE(e) || len >= 24) continue;
      u_strToUTF8(out, sizeof r->noon[0], NULL, low, len, &e);
      if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || strchr(out, ' ')) continue;
      bool seen = false;
      for (int j = 0; j < r->nnoon && !seen; j++)
        seen = strcmp(r->noon[j], out) == 0;
      if (!seen) r->nnoon++;
    }
  }
}

/* What Chinese writes before an hour (zh_periods), its weekday names, and
 * the characters after y, M and d in ICU's long Chinese date pattern. */
static void zh_marks(recogniser *r) {
  cal_locale *zh = cal_locale_open("zh");
  zh_periods(r, zh);
  if (zh) {
    add_names(r->zh_weekdays, &r->nzh_weekdays, 16, zh, CAL_WEEKDAYS, 1);
    add_names(r->zh_weekdays, &r->nzh_weekdays, 16, zh, CAL_SHORT_WEEKDAYS, 1);
  }
  cal_locale_close(zh);
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
    add_names(r->weekdays, &r->nweekdays, 64, f, CAL_SHORT_WEEKDAYS, 1);
    cal_locale_close(f);
  }
  qsort(r->months, (size_t)r->nmonths, sizeof *r->months, cmp_name);
  capital_names(r->months, r->nmonths);
  qsort(r->weekdays, (size_t)r->nweekdays, sizeof *r->weekdays, cmp_name);
  capital_names(r->weekdays, r->nweekdays);
  index_names(r->months, r->nmonths, r->month_slot, r->month_hash);
  index_names(r->weekdays, r->nweekdays, r->weekday_slot, r->weekday_hash);
  for (UChar32 c = 0; c < 0x80; c++) {
    r->ascii_space[c] = u_isUWhiteSpace(c);
    r->ascii_alpha[c] = u_isalpha(c);
  }
  zh_marks(r);
  noon_names(r, locales, 2);
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
    /* field by field: a memset of the whole token (its word buffer most
     * of it) at every token was a tenth of the recogniser's time */
    t->type = (ttype)0;
    t->start = (size_t)i;
    t->end = 0;
    t->value = 0;
    t->digits = 0;
    t->cp = 0;
    t->low[0] = '\0';
    t->month = 0;
    t->month_lower = false;
    t->weekday = 0;
    t->weekday_short = false;
    t->noon = false;
    t->taken = false;
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
      const name *m = find_name(r->months, r->month_slot, r->month_hash, t->low);
      if (m) {
        t->month = (signed char)m->value;
        UChar32 c0;
        U16_GET(u, 0, 0, ul, c0);
        t->month_lower = m->capital && u_islower(c0);
      }
      /* an abbreviated weekday its languages capitalise is no weekday
       * written lower-case: "sat 2 March" is the verb ("Sat 2 March" is
       * a Saturday); a wide name is one however it is written */
      const name *w = find_name(r->weekdays, r->weekday_slot, r->weekday_hash, t->low);
      UChar32 w0;
      U16_GET(u, 0, 0, ul, w0);
      if (w && w->abbr && w->capital && u_islower(w0)) w = NULL;
      t->weekday = w ? (signed char)w->value : 0;
      t->weekday_short = w && w->abbr;
      t->noon = false;
      for (int k = 0; k < r->nnoon && !t->noon; k++)
        t->noon = r->noon[k][0] == t->low[0] && strcmp(r->noon[k], t->low) == 0;
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

/* The day of the week of a Gregorian date, 1 Sunday to 7 Saturday (as
 * ICU's UCAL_SUNDAY..UCAL_SATURDAY): Sakamoto's method. */
static int weekday_of(int y, int m, int d) {
  static const int shift[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y--;
  return (y + y / 4 - y / 100 + y / 400 + shift[m - 1] + d) % 7 + 1;
}

static bool full_date(const match *m) {
  return (m->kind == M_DATE || m->kind == M_DATERANGE) && m->a[0] != '-';
}

/* The year of end `which` of match i, a date without one (carry_years);
 * *told whether its weekday chose it. */
static int year_of(const match *m, size_t n, size_t i, int which, int year, int month,
                   const int *next, bool *told) {
  const char *v = which ? m[i].b : m[i].a;
  int mm = atoi(v + 2), dd = atoi(v + 5), y = 0;
  *told = false;
  if (next) {
    size_t j = (size_t)next[4 * i + (mm >= 10 && mm <= 12 ? mm - 9 : 0)];
    if (j < n) y = atoi(m[j].a) - (crosses_year(mm, atoi(m[j].a + 5)) ? 1 : 0);
  } else {
    for (size_t j = i + 1; j < n && !y; j++)
      if (full_date(&m[j])) y = atoi(m[j].a) - (crosses_year(mm, atoi(m[j].a + 5)) ? 1 : 0);
  }
  if (y || year <= 0) return y;
  y = year + (month > 0 && mm < month - 6 ? 1 : 0);
  /* a weekday written with it says which: the letter's year, or the one
   * before or after (of three years running, one at most has the date on
   * that weekday) */
  int wd = m[i].wday[which];
  if (!wd) return y;
  for (int c = year - 1; c <= year + 1; c++)
    if (date_valid(c, mm, dd) && weekday_of(c, mm, dd) == wd) {
      *told = true;
      return c;
    }
  return y;
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
    if (m[i].kind != M_DATE && m[i].kind != M_DATERANGE) continue;
    int y[2] = {0, 0}, mm[2] = {0, 0}, dd[2] = {0, 0};
    bool told[2] = {false, false}; /* the year its weekday told */
    int ends = m[i].kind == M_DATERANGE ? 2 : 1;
    for (int which = 0; which < ends; which++) {
      const char *v = which ? m[i].b : m[i].a;
      if (strncmp(v, "--", 2) != 0) continue;
      mm[which] = atoi(v + 2), dd[which] = atoi(v + 5);
      y[which] = year_of(m, n, i, which, year, month, next, &told[which]);
    }
    /* a range's ends are one year's, or its end the next year's: the end
     * follows the start, unless only the end's weekday told its year */
    if (ends == 2 && mm[0] && mm[1]) {
      bool end_told = told[1] && !told[0];
      int cross = mm[1] < mm[0] ? 1 : 0; /* a range without years is in order */
      if (end_told && y[1])
        y[0] = y[1] - cross;
      else if (y[0])
        y[1] = y[0] + cross;
    }
    for (int which = 0; which < ends; which++)
      if (mm[which] && y[which] > 0 && date_valid(y[which], mm[which], dd[which]))
        snprintf(which ? m[i].b : m[i].a, 96, "%04d-%02d-%02d", y[which], mm[which], dd[which]);
  }
}

/* Mark the dates whose written weekday is not their date's. */
static void check_weekdays(match *m, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (m[i].kind != M_DATE && m[i].kind != M_DATERANGE) continue;
    for (int which = 0; which < (m[i].kind == M_DATERANGE ? 2 : 1); which++) {
      const char *v = which ? m[i].b : m[i].a;
      int wd = m[i].wday[which];
      if (!wd || v[0] == '-') continue; /* no weekday, or no year to tell */
      if (weekday_of(atoi(v), atoi(v + 5), atoi(v + 8)) != wd) m[i].wday_conflict = true;
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
    /* what a try reads or leaves unset cleared, not all of m: the two
     * value buffers are most of its size, and this runs at every token */
    match m;
    match_clear(&m);
    int next;
    if ((next = rec_date_range_at(r, i, &m)) >= 0 || (next = rec_zh_date_at(r, i, &m)) >= 0 ||
        (next = rec_date_at(r, i, &m)) >= 0 || (next = rec_numeric_date_at(r, i, &m)) >= 0 ||
        (next = rec_time_range_at(r, i, &m)) >= 0 || (next = docref_at(r, s, i, &m)) >= 0) {
      if (r->next_taken[i] >= next) { /* no token of [i, next) is taken */
        out[count++] = m;
        i = next;
        /* the days of a Chinese list after its first date (3月3日、4日和5日) */
        match more;
        int after;
        while (count < max &&
               (match_clear(&more), after = rec_zh_listed_day_at(r, i, &out[count - 1], &more)) >=
                   0 &&
               r->next_taken[i] >= after) {
          out[count++] = more;
          i = after;
        }
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
  check_weekdays(out, count);
  return count;
}
