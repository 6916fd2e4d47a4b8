/*
 * recognise_impl.h: what recognise.c (the tokens, the set-up from ICU, the
 * addresses and references, the walk) and recognise_dates.c (dates, date
 * ranges and times over the tokens) share.  Not installed.
 */
#ifndef COLETTE_RECOGNISE_IMPL_H
#define COLETTE_RECOGNISE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <unicode/umachine.h>

#include "recognise.h"

typedef enum ttype { T_NUM, T_WORD, T_CJK, T_PUNCT, T_SPACE } ttype;

typedef struct token {
  ttype type;
  size_t start, end;
  long value;        /* T_NUM */
  int digits;        /* T_NUM */
  UChar32 cp;        /* T_CJK, T_PUNCT */
  char low[48];      /* T_WORD, lower case (truncated) */
  signed char month; /* T_WORD: the month it names (1-12), or 0 */
  bool month_lower;  /* T_WORD: a month whose languages capitalise it, written
                        lower-case ("3 may": the verb, unless a year follows) */
  signed char weekday; /* T_WORD: the day of the week it names, 1 Sunday to 7 Saturday, or 0 */
  bool weekday_short;  /* T_WORD: that weekday by its abbreviated name ("Mon", "lun.") */
  bool noon;         /* T_WORD: it is noon's name ("noon", "midi") */
  bool taken;        /* inside an e-mail or URL already */
} token;

typedef struct name {
  char s[48];
  int value;    /* month 1-12, or weekday 1-7 */
  int order;    /* as ICU gave it: of equal names, the first given wins */
  bool capital; /* every locale that has it writes it capitalised ("May"; not "mai") */
  bool abbr;    /* an abbreviated name ("Mon", "lun."), not a wide one */
} name;

/* A day period written before an hour (下午2时, 晚上7时): its name as
 * code points (0 ends it) and the hours a twelve-hour clock's hour of it
 * falls in, both ends counted; or a twelve-hour clock's marker. */
typedef struct rec_period {
  UChar32 cp[8];
  signed char from, to; /* hours, 0-24 */
  signed char meridiem; /* 1 AM, 2 PM: the clock's marker, not a period */
} rec_period;

#define NAME_SLOTS 512 /* a power of two, over twice the most names of a kind */

struct recogniser {
  name months[128];
  int nmonths;
  name weekdays[64];
  int nweekdays;
  /* Chinese weekday names, wide (星期一) and abbreviated (周一), written
   * as code points one token each: read in a date's bracketed aside
   * (2026年3月2日（星期一）) or straight after its day */
  name zh_weekdays[16];
  int nzh_weekdays;
  UChar32 year_mark, month_mark, day_mark; /* 年 月 日, from ICU's zh pattern */
  /* what Chinese writes before an hour: the twelve-hour clock's markers
   * (上午, 下午: ICU's zh AmPmMarkers) and the day periods (晚上, 中午,
   * 凌晨: CLDR's zh dayPeriods) */
  rec_period zh_periods[16];
  int nzh_periods;
  /* noon's names, folded ("noon", "midi"): the day periods whose rule is
   * "at 12:00", a time by themselves */
  char noon[4][24];
  int nnoon;
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
  /* the month and weekday names hashed (index_names): a word is looked up
   * in one probe or two, where a bisection compared it with seven names */
  short month_slot[NAME_SLOTS], weekday_slot[NAME_SLOTS];
  uint32_t month_hash[128], weekday_hash[64];
};

/* ---- small matchers over tokens ---------------------------------------------------------- */

static inline int skip_space(const recogniser *r, int i) {
  while (i < r->n && r->t[i].type == T_SPACE)
    i++;
  return i;
}

static inline bool word_is(const recogniser *r, int i, const char *w) {
  return i < r->n && r->t[i].type == T_WORD && !r->t[i].taken && r->t[i].low[0] == w[0] &&
         strcmp(r->t[i].low, w) == 0;
}

static inline bool punct_is(const recogniser *r, int i, UChar32 c) {
  return i < r->n && (r->t[i].type == T_PUNCT || r->t[i].type == T_CJK) && r->t[i].cp == c;
}

static inline bool is_dash(UChar32 c) {
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 ||
         c == 0x2212 || c == 0xFF0D || c == 0x2015;
}

static inline bool dash_at(const recogniser *r, int i) {
  return i < r->n && r->t[i].type == T_PUNCT && is_dash(r->t[i].cp);
}

static inline bool num_at(const recogniser *r, int i) {
  return i < r->n && r->t[i].type == T_NUM && !r->t[i].taken;
}

/* Does a year-less month `m` before month `later` cross a new year?  Only
 * for a short span (28 December - 3 January), never for a typo that ends
 * before it starts (3 September - 24 August). */
static inline bool crosses_year(int m, int later) { return m > later && later + 12 - m <= 3; }

/* ---- dates and times (recognise_dates.c): at token i, the token after the
 * match (its kind, span and values in *m), or -1 ------------------------------------------- */

/* "24 August – 3 September 2021", "du 24 au 26 août", "2021年12月1至10日" */
int rec_date_range_at(const recogniser *r, int i, match *m);
/* Chinese dates: 2021年12月1日, 12月1日 */
int rec_zh_date_at(const recogniser *r, int i, match *m);
/* A day of a Chinese list after the date prev, which ends at token k:
 * "4日" and "5日" of "3月3日、4日和5日" (each its own date, in the month
 * and year of the first), days in order. */
int rec_zh_listed_day_at(const recogniser *r, int k, const match *prev, match *m);
/* "Friday 7 January 2022", "1er juillet 2021", "May 21, 2021" */
int rec_date_at(const recogniser *r, int i, match *m);
/* "2026-03-03", "03.03.2026" */
int rec_numeric_date_at(const recogniser *r, int i, match *m);
/* "11:00", "0930 hours", "10 h 00 – 16 h 30", "14时" and their ranges */
int rec_time_range_at(const recogniser *r, int i, match *m);

#endif
