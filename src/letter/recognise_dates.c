/*
 * recognise_dates.c: dates, date ranges and times over the tokens of a
 * text (recognise.c cuts them): the forms the letters write in English,
 * French and Chinese, with the year carried later (recognise.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include <unicode/utf8.h>

#include "recognise_impl.h"

static int time_range_of(const recogniser *r, int i, match *m);

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
  /* an abbreviation's full stop ("3 janv. 2026", "Mar. 3") when the date
   * goes on after it; else it ends the sentence, not the date */
  return punct_is(r, i + 1, '.') && num_at(r, skip_space(r, i + 2)) ? i + 2 : i + 1;
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

/* The weekday token i names (1 Sunday to 7 Saturday), or 0. */
static signed char wday_at(const recogniser *r, int i) {
  return weekday_at(r, i) ? r->t[i].weekday : 0;
}

bool label_separator_before(const char *s, size_t at) {
  while (at > 0 && s[at - 1] == ' ')
    at--;
  if (at == 0) return false;
  if (s[at - 1] == ':' || s[at - 1] == '\t' || s[at - 1] == '-') return true;
  static const char *const SEP[] = {"\xE2\x80\x93", "\xE2\x80\x94", "\xEF\xBC\x9A"}; /* – — ： */
  for (size_t i = 0; i < 3; i++)
    if (at >= 3 && memcmp(s + at - 3, SEP[i], 3) == 0) return true;
  return false;
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
  /* "the 3rd of March": "of" only after an ordinal's suffix */
  if (k > i + 1 && word_is(r, s, "of")) s = skip_space(r, s + 1);
  int k2 = month_at(r, s, &out->m);
  if (k2 < 0) return month_optional ? k : -1;
  int s2 = skip_space(r, k2);
  int k3 = year_at(r, s2, &out->y);
  if (k3 < 0 && punct_is(r, k2, ',')) k3 = year_at(r, skip_space(r, k2 + 1), &out->y);
  if (k3 < 0 && r->t[s].month_lower) { /* "3 may send": a verb, not May */
    out->m = 0;
    return month_optional ? k : -1;
  }
  return k3 >= 0 ? k3 : k2;
}

/* A separator between the two ends of a range, the token after it or
 * -1: a dash ("–" with spaces too), or a word only a span has: "to",
 * "until", "au", 至, 到, and "through" between dates (`through`); after an
 * opening word (`opened`: "from", "du", "between", "entre"; a time's
 * range always) also "à", "and" and "et", which elsewhere join two dates
 * ("on 3 and 5 March") or a date to a time. */
static int range_sep(const recogniser *r, int i, bool opened, bool through) {
  int s = skip_space(r, i);
  if (dash_at(r, s)) return skip_space(r, s + 1);
  if (word_is(r, s, "to") || word_is(r, s, "until") || word_is(r, s, "au") ||
      punct_is(r, s, 0x81F3) /* 至 */ || punct_is(r, s, 0x5230) /* 到 */ ||
      (through && word_is(r, s, "through")) ||
      (opened && (word_is(r, s, "à") || word_is(r, s, "and") || word_is(r, s, "et"))))
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
  /* without years, a range may cross the new year: "28 December to 3
   * January" (carry_years gives its end the next year) */
  if (!a.y && !b.y && crosses_year(a.m, b.m)) return true;
  long x = (long)a.y * 400 + a.m * 32 + a.d, y = (long)b.y * 400 + b.m * 32 + b.d;
  return x <= y;
}

/* Complete a range's start from its end: "24 August – 3 September 2021". */
static void complete_start(dmy *a, const dmy *b) {
  if (!a->m) a->m = b->m;
  if (!a->y && b->y) a->y = crosses_year(a->m, b->m) ? b->y - 1 : b->y;
}

/* A date range's separator after its first end ("3 to 5 March", "3 mars
 * au 5 avril", "March 3 through 5"; "from 3 and 5 March"). */
static int date_range_sep(const recogniser *r, int k, bool from) {
  return range_sep(r, k, from, true);
}

/* The year after a month-first date's day: ", 2026" or " 2026". */
static int mdy_year(const recogniser *r, int k, int *year) {
  int s = punct_is(r, k, ',') ? skip_space(r, k + 1) : skip_space(r, k);
  return year_at(r, s, year);
}

/* "March 3", "March 3, 2026": month first, as American English writes. */
static int mdy_at(const recogniser *r, int i, dmy *out) {
  out->y = 0;
  int k = month_at(r, i, &out->m);
  if (k < 0) return -1;
  k = day_at(r, skip_space(r, k), &out->d);
  if (k < 0) return -1;
  int k2 = mdy_year(r, k, &out->y);
  if (k2 < 0 && r->t[i].month_lower) return -1; /* "may 3 …": a verb */
  return k2 >= 0 ? k2 : k;
}

/* A month-first range: "March 3-5, 2026", "March 30 – April 2, 2026",
 * "December 28, 2025 to January 3, 2026".  A year is needed, as for a
 * single month-first date ("May 3-5" alone is too loose). */
static int mdy_range_at(const recogniser *r, int i, bool from, dmy *a, dmy *b) {
  int k = mdy_at(r, i, a);
  if (k < 0) return -1;
  int s = date_range_sep(r, k, from);
  if (s < 0) return -1;
  int k2 = mdy_at(r, s, b);
  if (k2 < 0) {
    b->m = a->m;
    b->y = 0;
    if (a->y || (k2 = day_at(r, s, &b->d)) < 0) return -1; /* "March 3, 2026 – 5" */
    int k3 = mdy_year(r, k2, &b->y);
    if (k3 >= 0) k2 = k3;
  }
  if (!b->y && a->y) b->y = a->y + (b->m < a->m ? 1 : 0);
  if (!b->y) return -1;
  complete_start(a, b);
  return k2;
}

static bool listed_day_at(const recogniser *r, int i, dmy *a, int *k);

/* The token after the weekday's name at i, and after an abbreviation's
 * full stop ("lun. 2", "Mon. 2"). */
static int past_weekday(const recogniser *r, int i) {
  return r->t[i].weekday_short && punct_is(r, i + 1, '.') ? i + 2 : i + 1;
}

/* A date's weekday before it ("Monday 2", "Monday, 2 March", "lundi 2",
 * "Mon 2", "lun. 2"): the token after it, or i when there is none. */
static int after_weekday(const recogniser *r, int i) {
  if (!weekday_at(r, i)) return i;
  int s = skip_space(r, past_weekday(r, i));
  return punct_is(r, s, ',') ? skip_space(r, s + 1) : s;
}

/* Can a date start at token i: a number (its day), a month's name
 * ("March 3"), a weekday's ("Monday 2")?  Asked first at every token. */
static bool date_starts(const recogniser *r, int i) {
  const token *t = &r->t[i];
  return t->type == T_NUM || (t->type == T_WORD && (t->month || t->weekday));
}

/* A word that names a month and a weekday: "Mar" (March) is French's
 * Tuesday too ("mar."); a date from it is read both ways, the weekday
 * first. */
static bool month_and_weekday(const recogniser *r, int i) {
  return weekday_at(r, i) && r->t[i].month;
}

/* A range from token i (past "from" when `from`; start is where the
 * match starts), the weekday at i read as one when `weekday`. */
static int date_range_from(const recogniser *r, int start, int i, bool from, bool weekday,
                           match *m) {
  dmy a, b;
  /* either end may give its weekday: "from Monday 2 to Wednesday 4 March" */
  int first = i, k2, k = dmy_at(r, weekday ? after_weekday(r, i) : i, &a, true);
  signed char w0 = 0, w1 = 0;
  if (k >= 0) {
    int s = date_range_sep(r, k, from);
    if (s < 0) return -1;
    w0 = weekday ? wday_at(r, first) : 0;
    w1 = wday_at(r, s);
    s = after_weekday(r, s);
    k2 = dmy_at(r, s, &b, false);
    /* a range as a list's item: "3-5 and 7 March", its month the list's */
    if ((k2 < 0 || !b.m) && !listed_day_at(r, s, &b, &k2)) return -1;
    complete_start(&a, &b);
  } else if ((k2 = mdy_range_at(r, i, from, &a, &b)) < 0) {
    return -1;
  }
  if (!range_valid(a, b)) return -1;
  m->kind = M_DATERANGE;
  m->start = r->t[from ? start : first].start;
  m->end = r->t[k2 - 1].end;
  iso(m->a, sizeof m->a, a.y, a.m, a.d);
  iso(m->b, sizeof m->b, b.y, b.m, b.d);
  m->wday[0] = w0;
  m->wday[1] = w1;
  return k2;
}

int rec_date_range_at(const recogniser *r, int i, match *m) {
  int start = i;
  bool from = word_is(r, i, "from") || word_is(r, i, "du") || word_is(r, i, "between") ||
              word_is(r, i, "entre");
  if (from) i = skip_space(r, i + 1);
  if (i >= r->n || !date_starts(r, i)) return -1;
  int k = date_range_from(r, start, i, from, true, m);
  if (k < 0 && month_and_weekday(r, i)) k = date_range_from(r, start, i, from, false, m);
  return k;
}

/* A list's separator after a day: ",", "and", "et", "or", "ou"; the token
 * after it, or -1; *conj whether it holds the conjunction. */
static int list_sep(const recogniser *r, int k, bool *conj) {
  int s = skip_space(r, k);
  *conj = false;
  if (punct_is(r, s, ',')) {
    int t = skip_space(r, s + 1);
    /* "3, 4, and 5 March" */
    if (!word_is(r, t, "and") && !word_is(r, t, "or")) return t;
    s = t;
  } else if (!word_is(r, s, "and") && !word_is(r, s, "et") && !word_is(r, s, "or") &&
             !word_is(r, s, "ou")) {
    return -1;
  }
  *conj = true;
  return skip_space(r, s + 1);
}

/* The longest list of days before the month that ends it. */
#define DAY_LIST_MAX 12

/* A day of a list that ends with its month: "3" of "3, 4 and 5 March
 * 2026" and "les 3, 4 et 5 mars" is the 3rd of March (2026), as 4 is,
 * each its own date.  A list is days in order, its last joined by a
 * conjunction: "Study Group 17, 24 August" is a number and a date.  A
 * day may follow its weekday ("Monday 3, Tuesday 4 and Wednesday 5
 * March").  *k the token after the day. */
static bool listed_day_at(const recogniser *r, int i, dmy *a, int *k) {
  if ((*k = day_at(r, i, &a->d)) < 0) return false;
  bool conj;
  int s = list_sep(r, *k, &conj), prev = a->d;
  for (int n = 0; s >= 0 && n < DAY_LIST_MAX; n++) {
    dmy next;
    if (weekday_at(r, s)) s = skip_space(r, past_weekday(r, s)); /* "Monday 3, Tuesday 4 and …" */
    int e = dmy_at(r, s, &next, true);
    if (e < 0 || next.d <= prev) return false;
    /* an item that is a range of days: "3, 5-7 and 9 March" (the walk
     * reads it as a range after the list's first days) */
    int t = next.m ? -1 : date_range_sep(r, e, false), e2;
    dmy end;
    if (t >= 0 && (e2 = dmy_at(r, after_weekday(r, t), &end, true)) >= 0 && end.d > next.d) {
      next = end;
      e = e2;
    }
    if (next.m) {
      a->m = next.m;
      a->y = next.y;
      return conj;
    }
    if (conj) return false; /* "3 and 5, 7 March" */
    prev = next.d;
    s = list_sep(r, e, &conj);
  }
  return false;
}

/* A date from token i, the weekday there read as one when `weekday`. */
static int date_from(const recogniser *r, int i, bool weekday, match *m) {
  int start = i;
  if (weekday) i = after_weekday(r, i);
  dmy a;
  int k = dmy_at(r, i, &a, false), listed;
  if (k < 0 && listed_day_at(r, i, &a, &listed)) {
    k = listed; /* a day of a list: the month and year are the list's */
  } else if (k < 0) {
    /* "May 21, 2021"; "May 21" alone is too loose */
    if ((k = mdy_at(r, i, &a)) < 0 || !a.y) return -1;
  }
  if (!date_valid(a.y ? a.y : 2000, a.m, a.d)) return -1;
  m->kind = M_DATE;
  m->start = r->t[start].start;
  m->end = r->t[k - 1].end;
  iso(m->a, sizeof m->a, a.y, a.m, a.d);
  m->wday[0] = weekday ? wday_at(r, start) : 0;
  return k;
}

int rec_date_at(const recogniser *r, int i, match *m) {
  if (i >= r->n || !date_starts(r, i)) return -1;
  int k = date_from(r, i, true, m);
  if (k < 0 && month_and_weekday(r, i)) k = date_from(r, i, false, m);
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
int rec_numeric_date_at(const recogniser *r, int i, match *m) {
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

static int zh_aside(const recogniser *r, int k);
static signed char zh_aside_wday(const recogniser *r, int k);
static signed char zh_wday_at(const recogniser *r, int s, int *after);

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

int rec_zh_date_at(const recogniser *r, int i, match *m) {
  dmy a, b;
  int k = zh_dmy(r, i, &a, false);
  if (k < 0 || !a.m) return -1;
  bool day_mark = punct_is(r, k, r->day_mark);
  int after_a = day_mark ? k + 1 : k;
  /* its weekday may stand between: 3月2日（星期一）至4日（星期三） */
  int s = skip_space(r, day_mark ? zh_aside(r, after_a) : after_a), past;
  if (day_mark && s == skip_space(r, after_a) && zh_wday_at(r, s, &past)) /* 2日星期一至4日 */
    s = skip_space(r, past);
  bool sep = punct_is(r, s, 0x81F3) /* 至 */ || punct_is(r, s, 0x5230) /* 到 */ || dash_at(r, s);
  if (sep) {
    int k2 = zh_dmy(r, skip_space(r, s + 1), &b, false);
    if (k2 >= 0 && punct_is(r, k2, r->day_mark)) {
      if (!b.m) b.m = a.m;
      if (!b.y && a.y) b.y = a.y + (b.m < a.m ? 1 : 0); /* else carry_years gives both */
      if (range_valid(a, b)) {
        m->kind = M_DATERANGE;
        m->start = r->t[i].start;
        m->end = r->t[k2].end;
        iso(m->a, sizeof m->a, a.y, a.m, a.d);
        iso(m->b, sizeof m->b, b.y, b.m, b.d);
        m->wday[0] = zh_aside_wday(r, after_a);
        m->wday[1] = zh_aside_wday(r, k2 + 1);
        return k2 + 1;
      }
    }
  }
  if (!day_mark || !date_valid(a.y ? a.y : 2000, a.m, a.d)) return -1;
  m->kind = M_DATE;
  m->start = r->t[i].start;
  m->end = r->t[k].end;
  iso(m->a, sizeof m->a, a.y, a.m, a.d);
  m->wday[0] = zh_aside_wday(r, k + 1);
  return k + 1;
}

/* A Chinese list's separator: 、 ， , 和 及 与 或 (以及: 以 then 及). */
static int zh_list_sep(const recogniser *r, int k) {
  k = skip_space(r, k);
  if (punct_is(r, k, 0x4EE5) && punct_is(r, k + 1, 0x53CA)) return skip_space(r, k + 2);
  static const UChar32 SEP[] = {0x3001, 0xFF0C, ',', 0x548C, 0x53CA, 0x4E0E, 0x6216};
  for (size_t j = 0; j < sizeof SEP / sizeof *SEP; j++)
    if (punct_is(r, k, SEP[j])) return skip_space(r, k + 1);
  return -1;
}

/* A bracketed aside after a day, words only: （星期二）, (tbc).  The token
 * after it, or k when there is none. */
static int zh_aside(const recogniser *r, int k) {
  int s = skip_space(r, k);
  if (!punct_is(r, s, 0xFF08) && !punct_is(r, s, '(')) return k;
  UChar32 close = r->t[s].cp == '(' ? ')' : 0xFF09;
  for (int j = s + 1; j < r->n && j <= s + 9; j++) {
    if (punct_is(r, j, close)) return j + 1;
    if (r->t[j].taken ||
        (r->t[j].type != T_CJK && r->t[j].type != T_WORD && r->t[j].type != T_SPACE))
      break;
  }
  return k;
}

/* The Chinese weekday name whose characters are the tokens from s on, as
 * written straight after a day (2026年3月2日星期一), or 0. */
static signed char zh_wday_at(const recogniser *r, int s, int *after) {
  for (int i = 0; i < r->nzh_weekdays; i++) {
    const char *w = r->zh_weekdays[i].s;
    int32_t at = 0, len = (int32_t)strlen(w), j = s;
    bool same = len > 0;
    while (same && at < len) {
      UChar32 c;
      U8_NEXT(w, at, len, c);
      same = j < r->n && r->t[j].type == T_CJK && r->t[j].cp == c;
      j++;
    }
    if (same) {
      if (after) *after = j;
      return (signed char)r->zh_weekdays[i].value;
    }
  }
  return 0;
}

/* The weekday a bracketed aside at k names: （星期一） as ICU's Chinese
 * names write it, or a name of another language, "(Monday)"; or, with no
 * brackets, the Chinese name written right there; else 0. */
static signed char zh_aside_wday(const recogniser *r, int k) {
  int s = skip_space(r, k), end = zh_aside(r, k);
  if (end == k) return zh_wday_at(r, s, NULL);
  /* the name, and nothing else, between the brackets (end is past the close) */
  int j = skip_space(r, s + 1), after = j < r->n ? past_weekday(r, j) : j + 1;
  signed char w = wday_at(r, j); /* "(Monday)", "(Mon.)" */
  if (!w) w = zh_wday_at(r, j, &after);
  return w && skip_space(r, after) == end - 1 ? w : 0;
}

int rec_zh_listed_day_at(const recogniser *r, int k, const match *prev, match *m) {
  /* the day the list has reached (a range's end), and its month and year
   * ("--" without) */
  if ((prev->kind != M_DATE && prev->kind != M_DATERANGE) || k < 1 ||
      !punct_is(r, k - 1, r->day_mark))
    return -1;
  const char *v = prev->kind == M_DATE ? prev->a : prev->b;
  bool year = v[0] != '-';
  int y = year ? atoi(v) : 0, mo = atoi(v + (year ? 5 : 2)), d = atoi(v + (year ? 8 : 5));
  int s = zh_list_sep(r, zh_aside(r, k));
  if (s < 0 || !num_at(r, s) || r->t[s].digits > 2 || !punct_is(r, s + 1, r->day_mark) ||
      punct_is(r, s + 2, r->month_mark))
    return -1;
  int day = (int)r->t[s].value;
  if (day <= d || !date_valid(y ? y : 2000, mo, day)) return -1;
  memset(m, 0, sizeof *m);
  m->kind = M_DATE;
  m->start = r->t[s].start;
  m->end = r->t[s + 1].end;
  iso(m->a, sizeof m->a, y, mo, day);
  /* a range as the list's day: 3月3日和4日至6日 */
  int t = skip_space(r, s + 2), e;
  if ((punct_is(r, t, 0x81F3) || punct_is(r, t, 0x5230) || dash_at(r, t)) &&
      num_at(r, e = skip_space(r, t + 1)) && r->t[e].digits <= 2 &&
      punct_is(r, e + 1, r->day_mark) && !punct_is(r, e + 2, r->month_mark) &&
      r->t[e].value > day && date_valid(y ? y : 2000, mo, (int)r->t[e].value)) {
    m->kind = M_DATERANGE;
    m->end = r->t[e + 1].end;
    iso(m->b, sizeof m->b, y, mo, (int)r->t[e].value);
    m->wday[1] = zh_aside_wday(r, e + 2);
    return e + 2;
  }
  m->wday[0] = zh_aside_wday(r, s + 2);
  return s + 2;
}

/* ---- times -------------------------------------------------------------------------------- */

static bool hours_word(const recogniser *r, int i) {
  return word_is(r, i, "hours") || word_is(r, i, "hrs") || word_is(r, i, "heures") ||
         word_is(r, i, "h");
}

/* A twelve-hour clock's "a.m." (1), "p.m." (2), "am", "pm" at token k, or 0;
 * *next the token after it. */
static int meridiem_at(const recogniser *r, int k, int *next) {
  int s = skip_space(r, k);
  if (word_is(r, s, "am") || word_is(r, s, "pm")) {
    *next = s + 1 + (punct_is(r, s + 1, '.') ? 1 : 0);
    return r->t[s].low[0] == 'a' ? 1 : 2;
  }
  if ((word_is(r, s, "a") || word_is(r, s, "p")) && punct_is(r, s + 1, '.') &&
      word_is(r, s + 2, "m") && touching(r, s + 1) && touching(r, s + 2)) {
    *next = s + 3 + (punct_is(r, s + 3, '.') && touching(r, s + 3) ? 1 : 0);
    return r->t[s].low[0] == 'a' ? 1 : 2;
  }
  return 0;
}

/* The hour h (1-12) and minutes of a twelve-hour time on the 24-hour clock:
 * 12 a.m. is midnight, 12 p.m. noon. */
static int twelve(long h, long min, int mer) {
  return (int)((h % 12 + (mer == 2 ? 12 : 0)) * 60 + min);
}

/* Noon's name at token i ("noon", "midi"), a word of its own: not the
 * "midi" of "après-midi" or "Midi-Pyrénées". */
static bool noon_at(const recogniser *r, int i) {
  if (i >= r->n || r->t[i].type != T_WORD || !r->t[i].noon || r->t[i].taken) return false;
  return !(i > 0 && dash_at(r, i - 1) && touching(r, i)) &&
         !(dash_at(r, i + 1) && touching(r, i + 1));
}

/* "h", "heure", "heures" at token k: the French hour's word. */
static bool french_hour_at(const recogniser *r, int k) {
  return word_is(r, k, "h") || word_is(r, k, "heures") || word_is(r, k, "heure");
}

/* The word before token i introduces a time of day in French: "à",
 * "dès", "vers" (1), or "de", "entre", "et", which open or join a range
 * (2: a time only in a range, "de 9 h à 12 h", "entre 9 h et 11 h"; "une
 * durée de 3 h" is none); else 0. */
static int hour_word_before(const recogniser *r, int i) {
  int k = i - 1;
  while (k >= 0 && r->t[k].type == T_SPACE)
    k--;
  if (k < 0 || k == i - 1) return 0;
  if (word_is(r, k, "à") || word_is(r, k, "dès") || word_is(r, k, "vers")) return 1;
  if (word_is(r, k, "de") || word_is(r, k, "entre") || word_is(r, k, "et")) return 2;
  return 0;
}

/* "11:00", "1300" (with want4), "11 h 00", "11h00", "12时", "à 9 h",
 * noon, and on a twelve-hour clock "9 a.m.", "2.30 pm", "10:15 a.m.":
 * minutes since midnight, or -1. */
static int time_at(const recogniser *r, int i, int *minutes, bool want4) {
  if (noon_at(r, i)) {
    *minutes = 12 * 60;
    return i + 1;
  }
  if (!num_at(r, i)) return -1;
  long h = r->t[i].value;
  int next, mer;
  /* "12 noon", "12.00 noon", "12:00 midi" */
  if (r->t[i].digits <= 2 && h == 12) {
    int s = i + 1;
    if ((punct_is(r, s, '.') || punct_is(r, s, ':')) && num_at(r, s + 1) &&
        r->t[s + 1].value == 0 && r->t[s + 1].digits == 2 && touching(r, s) && touching(r, s + 1))
      s += 2;
    if (noon_at(r, skip_space(r, s))) {
      *minutes = 12 * 60;
      return skip_space(r, s) + 1;
    }
  }
  if (r->t[i].digits <= 2 && h >= 1 && h <= 12) {
    /* "2.30 p.m.", "10:15 am", "9 a.m.": only with the meridiem */
    bool mins = (punct_is(r, i + 1, '.') || punct_is(r, i + 1, ':')) && touching(r, i + 1) &&
                touching(r, i + 2) && num_at(r, i + 2) && r->t[i + 2].digits == 2 &&
                r->t[i + 2].value < 60;
    if ((mer = meridiem_at(r, mins ? i + 3 : i + 1, &next)) != 0) {
      *minutes = twelve(h, mins ? r->t[i + 2].value : 0, mer);
      return next;
    }
  }
  if (r->t[i].digits <= 2 && (punct_is(r, i + 1, ':') || punct_is(r, i + 1, 0xFF1A)) &&
      num_at(r, i + 2) && r->t[i + 2].digits == 2 && h < 24 && r->t[i + 2].value < 60) {
    *minutes = (int)(h * 60 + r->t[i + 2].value);
    return i + 3;
  }
  if (r->t[i].digits <= 2 && h < 24) {
    int s = skip_space(r, i + 1);
    if (french_hour_at(r, s)) {
      int s2 = skip_space(r, s + 1);
      if (num_at(r, s2) && r->t[s2].digits == 2 && r->t[s2].value < 60) {
        *minutes = (int)(h * 60 + r->t[s2].value);
        return s2 + 1;
      }
      /* "à 9 h", "dès 10 heures": the hour alone, after a word that
       * introduces a time ("3 h de débat" is a duration) */
      if (hour_word_before(r, i)) {
        *minutes = (int)(h * 60);
        return s + 1;
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

/* Chinese writes the twelve-hour clock's marker, or the day period, before
 * the hour (下午2时, 晚上7时): the period whose characters are the tokens
 * right before i, touching it, or NULL; *from its first token. */
static const rec_period *zh_period_before(const recogniser *r, int i, int *from) {
  for (int k = 0; k < r->nzh_periods; k++) {
    const rec_period *p = &r->zh_periods[k];
    int len = 0;
    while (len < 7 && p->cp[len])
      len++;
    if (!len || i < len) continue;
    bool ok = true;
    for (int j = 0; j < len && ok; j++)
      ok = punct_is(r, i - len + j, p->cp[j]) && touching(r, i - len + j + 1);
    if (ok) {
      *from = i - len;
      return p;
    }
  }
  return NULL;
}

/* A time of a Chinese day period on the 24-hour clock.  After the PM
 * marker an hour 1-11 is past noon (下午2时 is 14:00); an hour the writer
 * gave on the 24-hour clock stays (下午17时, 下午12:00), and so does a
 * morning's (上午00:00至12:00 is written so: 12 is noon).  After a day
 * period, the hour of the twelve-hour clock that falls in its span (晚上7时
 * is 19:00, 中午1时 13:00, 凌晨2时 02:00), else the hour as written. */
static int zh_period_time(int minutes, const rec_period *p) {
  int h = minutes / 60;
  if (p->meridiem == 2) return h >= 1 && h < 12 ? minutes + 12 * 60 : minutes;
  if (p->meridiem || h < 1 || h > 12) return minutes;
  if (h >= p->from && h <= p->to) return minutes;
  int pm = h + 12; /* 12 is noon's hour; at night it is 0 */
  if (pm >= p->from && pm <= p->to && pm < 24) return minutes + 12 * 60;
  if (h == 12 && p->from == 0) return minutes - 12 * 60;
  return minutes;
}

int rec_time_range_at(const recogniser *r, int i, match *m) {
  int from = i;
  const rec_period *period = num_at(r, i) ? zh_period_before(r, i, &from) : NULL;
  int got = time_range_of(r, i, m);
  if (got < 0 || !period || (m->kind != M_TIME && m->kind != M_TIMERANGE)) return got;
  /* the hours, the marker before them counted in */
  int a = zh_period_time(atoi(m->a) * 60 + atoi(m->a + 3), period);
  hhmm(m->a, sizeof m->a, a);
  if (m->kind == M_TIMERANGE) {
    int b = zh_period_time(atoi(m->b) * 60 + atoi(m->b + 3), period);
    hhmm(m->b, sizeof m->b, b);
  }
  m->start = r->t[from].start;
  return got;
}

/* A time (b < 0) or a range of times over tokens [i, end) into *m; end. */
static int time_match(const recogniser *r, match *m, int i, int end, int a, int b) {
  m->kind = b < 0 ? M_TIME : M_TIMERANGE;
  m->start = r->t[i].start;
  m->end = r->t[end - 1].end;
  hhmm(m->a, sizeof m->a, a);
  if (b >= 0) hhmm(m->b, sizeof m->b, b);
  return end;
}

static int time_range_of(const recogniser *r, int i, match *m) {
  int a, b;
  bool four = num_at(r, i) && r->t[i].digits == 4;
  int k = time_at(r, i, &a, four);
  if (k < 0 && num_at(r, i) && r->t[i].digits <= 2 && r->t[i].value >= 1 && r->t[i].value <= 12) {
    /* "9-11 a.m.", "10.30 – 11.45 am": the meridiem once, at the end */
    int j = i + 1;
    long min = 0;
    if (punct_is(r, j, '.') && touching(r, j) && touching(r, j + 1) && num_at(r, j + 1) &&
        r->t[j + 1].digits == 2 && r->t[j + 1].value < 60)
      min = r->t[j + 1].value, j += 2;
    int sep = range_sep(r, j, true, false), k2;
    if (sep >= 0 && (k2 = time_at(r, sep, &b, false)) >= 0) {
      int next, mer = 0;
      for (int t = sep + 1; t < k2 && !mer; t++) /* the second time's meridiem */
        mer = meridiem_at(r, t, &next);
      a = mer ? twelve(r->t[i].value, min, mer) : -1;
      if (a >= 0 && b > a) return time_match(r, m, i, k2, a, b);
    }
    return -1;
  }
  if (k < 0) return -1;
  int s = skip_space(r, k);
  int k2 = -1, end = -1;
  int sep = range_sep(r, k, true, false);
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
    if (b > a) return time_match(r, m, i, end, a, b);
    /* a range that ends before it starts: only its first time is sure */
  }
  /* "de 9 h" without an end is a duration's "de" ("une durée de 3 h") */
  if (hour_word_before(r, i) == 2 && french_hour_at(r, k - 1)) return -1;
  end = k;
  int h = skip_space(r, k);
  /* a lone four-digit time only with its word: "0930 hours", not "2021" */
  if (four && !(hours_word(r, h) && !word_is(r, h, "h"))) return -1;
  if (hours_word(r, h) && !(word_is(r, h, "h") && k > i + 1)) end = h + 1;
  return time_match(r, m, i, end, a, -1);
}
