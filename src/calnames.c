/* calnames.c: month and weekday names from ICU's locale data (calnames.h). */
#include "calnames.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

struct cal_locale {
  UResourceBundle *names[CAL_KINDS];   /* by cal_names_kind; NULL: absent */
  char locale[ULOC_FULLNAME_CAPACITY]; /* as opened: the case rules of cal_name_folded */
};

/* by cal_names_kind, then the date and time patterns, then the day
 * periods' names (tables keyed by the rules' periods) */
static const char *const PATHS[CAL_KINDS + 3][5] = {
    {"calendar", "gregorian", "monthNames", "format", "wide"},
    {"calendar", "gregorian", "monthNames", "format", "abbreviated"},
    {"calendar", "gregorian", "dayNames", "format", "wide"},
    {"calendar", "gregorian", "AmPmMarkers", NULL, NULL},
    {"calendar", "gregorian", "dayNames", "format", "abbreviated"},
    {"calendar", "gregorian", "DateTimePatterns", NULL, NULL},
    {"calendar", "gregorian", "dayPeriod", "format", "wide"},
    {"calendar", "gregorian", "dayPeriod", "format", "abbreviated"},
};
#define PATTERNS CAL_KINDS
#define PERIODS_WIDE (CAL_KINDS + 1)
#define PERIODS_ABBREVIATED (CAL_KINDS + 2)

/* PATHS[k] in the bundle of `locale` alone (ures_openDirect: no fallback),
 * or NULL; *parent: the locale its data falls back to ("" at root): the
 * bundle's %%Parent where CLDR names one (en_GB's is en_001, not en),
 * else the locale truncated.  ures_getByKey resolves the data's aliases. */
static UResourceBundle *find(const char *locale, int k, char *parent, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *b = ures_openDirect(NULL, locale, &e);
  parent[0] = '\0';
  if (strcmp(locale, "root") != 0) {
    UErrorCode pe = U_ZERO_ERROR;
    int32_t n = 0;
    const UChar *p = U_SUCCESS(e) ? ures_getStringByKey(b, "%%Parent", &n, &pe) : NULL;
    if (p && U_SUCCESS(pe) && n > 0 && (size_t)n < cap)
      u_UCharsToChars(p, parent, n + 1);
    else if ((pe = U_ZERO_ERROR, uloc_getParent(locale, parent, (int32_t)cap, &pe) <= 0) ||
             U_FAILURE(pe))
      snprintf(parent, cap, "root");
  }
  UResourceBundle *r = NULL;
  for (int i = 0; i < 5 && PATHS[k][i] && U_SUCCESS(e); i++)
    r = ures_getByKey(i ? r : b, PATHS[k][i], r, &e);
  ures_close(b);
  if (U_SUCCESS(e) && ures_getType(r) == (k >= PERIODS_WIDE ? URES_TABLE : URES_ARRAY)) return r;
  ures_close(r);
  return NULL;
}

/* PATHS[k] in the locale, or else in its parents to root, as a bundle's
 * lookup falls back for a key its own file lacks (ures_getByKey does so
 * only at a bundle's top). */
static UResourceBundle *lookup(const char *locale, int k) {
  char loc[ULOC_FULLNAME_CAPACITY], parent[ULOC_FULLNAME_CAPACITY];
  snprintf(loc, sizeof loc, "%s", locale && *locale ? locale : "root");
  UResourceBundle *r = NULL;
  for (int depth = 0; !r && loc[0] && depth < 16; depth++) {
    r = find(loc, k, parent, sizeof parent);
    snprintf(loc, sizeof loc, "%s", parent);
  }
  return r;
}

cal_locale *cal_locale_open(const char *locale) {
  cal_locale *l = calloc(1, sizeof *l);
  if (!l) return NULL;
  snprintf(l->locale, sizeof l->locale, "%s", locale ? locale : "");
  for (int k = 0; k < CAL_KINDS; k++)
    l->names[k] = lookup(locale, k);
  if (!l->names[0] && !l->names[1] && !l->names[2]) {
    free(l);
    return NULL;
  }
  return l;
}

void cal_locale_close(cal_locale *l) {
  if (!l) return;
  for (int k = 0; k < CAL_KINDS; k++)
    ures_close(l->names[k]);
  free(l);
}

int32_t cal_names(const cal_locale *l, cal_names_kind k) {
  return l && (unsigned)k < CAL_KINDS && l->names[k] ? ures_getSize(l->names[k]) : 0;
}

int32_t cal_name(const cal_locale *l, cal_names_kind k, int32_t i, UChar *u, int32_t cap) {
  if (i < 0 || i >= cal_names(l, k)) return -1;
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0;
  const UChar *s = ures_getStringByIndex(l->names[k], i, &n, &e);
  if (U_FAILURE(e) || n >= cap) return -1;
  u_memcpy(u, s, n);
  u[n] = 0;
  return n;
}

int32_t cal_name_folded(const cal_locale *l, cal_names_kind k, int32_t i, char *out, size_t cap) {
  if (cap) out[0] = '\0';
  UChar u[64], low[64];
  int32_t n = cal_name(l, k, i, u, 64);
  if (n < 0 || cap == 0) return -1;
  UErrorCode e = U_ZERO_ERROR;
  int32_t len = u_strToLower(low, 64, u, n, l->locale, &e);
  if (U_FAILURE(e) || len >= 64) return -1;
  while (len > 0 && low[len - 1] == '.')
    len--;
  e = U_ZERO_ERROR;
  u_strToUTF8(out, (int32_t)cap, NULL, low, len, &e);
  /* a form that fills out exactly is not terminated: U_STRING_NOT_TERMINATED_WARNING */
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING) {
    out[0] = '\0';
    return -1;
  }
  return n;
}

int32_t cal_long_date_pattern(const char *locale, UChar *u, int32_t cap) {
  UResourceBundle *r = lookup(locale, PATTERNS);
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0;
  /* DateTimePatterns: full, long, medium, short time; then full, long,
   * medium, short date (UDAT_LONG + UDAT_DATE_OFFSET); an entry may be a
   * [pattern, skeleton] pair */
  const UChar *s = NULL;
  if (r && ures_getSize(r) > 5) {
    UResourceBundle *p = ures_getByIndex(r, 5, NULL, &e);
    if (U_SUCCESS(e) && ures_getType(p) == URES_ARRAY)
      s = ures_getStringByIndex(p, 0, &n, &e);
    else if (U_SUCCESS(e))
      s = ures_getString(p, &n, &e);
    if (s && U_SUCCESS(e) && n < cap) {
      u_memcpy(u, s, n);
      u[n] = 0;
    } else
      n = -1;
    ures_close(p);
  } else
    n = -1;
  ures_close(r);
  return n;
}

/* "05:00" as minutes, or -1. */
static int32_t hhmm_minutes(const UChar *s, int32_t n) {
  if (n != 5 || s[2] != ':') return -1;
  for (int i = 0; i < 5; i++)
    if (i != 2 && (s[i] < '0' || s[i] > '9')) return -1;
  int32_t h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  return h <= 24 && m < 60 && h * 60 + m <= 24 * 60 ? h * 60 + m : -1;
}

static int32_t rule_time(const UResourceBundle *period, const char *key) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0;
  const UChar *s = ures_getStringByKey(period, key, &n, &e);
  return U_SUCCESS(e) ? hhmm_minutes(s, n) : -1;
}

/* The rule set dayPeriods names for the locale or the nearest of its
 * parents (zh_Hans_CN: zh), into set; false when none has one. */
static bool rule_set(const UResourceBundle *locales, const char *locale, char *set, size_t cap) {
  char loc[ULOC_FULLNAME_CAPACITY];
  snprintf(loc, sizeof loc, "%s", locale);
  for (int depth = 0; loc[0] && depth < 16; depth++) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = 0;
    const UChar *s = ures_getStringByKey(locales, loc, &n, &e);
    if (U_SUCCESS(e) && n > 0 && (size_t)n < cap) {
      u_UCharsToChars(s, set, n);
      set[n] = '\0';
      return true;
    }
    e = U_ZERO_ERROR;
    char parent[ULOC_FULLNAME_CAPACITY];
    if (uloc_getParent(loc, parent, (int32_t)sizeof parent, &e) < 0 || U_FAILURE(e)) break;
    snprintf(loc, sizeof loc, "%s", parent);
  }
  return false;
}

int32_t cal_day_periods(const char *locale, cal_day_period *out, int32_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *all = ures_openDirect(NULL, "dayPeriods", &e);
  UResourceBundle *locales = ures_getByKey(all, "locales", NULL, &e);
  UResourceBundle *rules = ures_getByKey(all, "rules", NULL, &e);
  char set[32];
  UResourceBundle *periods = NULL;
  if (U_SUCCESS(e) && rule_set(locales, locale && *locale ? locale : "root", set, sizeof set))
    periods = ures_getByKey(rules, set, NULL, &e);
  int32_t count = 0;
  for (int k = PERIODS_WIDE; U_SUCCESS(e) && periods && k <= PERIODS_ABBREVIATED; k++) {
    UResourceBundle *names = lookup(locale, k);
    for (int32_t i = 0; names && i < ures_getSize(names) && count < cap; i++) {
      UErrorCode ne = U_ZERO_ERROR;
      int32_t n = 0;
      UResourceBundle *item = ures_getByIndex(names, i, NULL, &ne);
      const char *key = U_SUCCESS(ne) ? ures_getKey(item) : NULL;
      const UChar *name = key ? ures_getString(item, &n, &ne) : NULL;
      /* "am" and "pm" have no rule: they are the twelve-hour clock's (CAL_AMPM) */
      UResourceBundle *rule = NULL;
      if (name && U_SUCCESS(ne) && n > 0 && n < (int32_t)(sizeof out->name / sizeof *out->name))
        rule = ures_getByKey(periods, key, NULL, &ne);
      int32_t at = -1, from = -1, before = -1;
      if (rule && U_SUCCESS(ne)) {
        at = rule_time(rule, "at");
        from = at >= 0 ? at : rule_time(rule, "from");
        before = at >= 0 ? at : rule_time(rule, "before");
      }
      bool seen = false;
      for (int32_t j = 0; j < count && !seen && from >= 0 && before >= 0; j++)
        seen = u_strCompare(out[j].name, -1, name, n, false) == 0;
      if (from >= 0 && before >= 0 && !seen) {
        u_memcpy(out[count].name, name, n);
        out[count].name[n] = 0;
        out[count].from = from;
        out[count].before = before;
        count++;
      }
      ures_close(rule);
      ures_close(item);
    }
    ures_close(names);
  }
  ures_close(periods);
  ures_close(rules);
  ures_close(locales);
  ures_close(all);
  return count;
}
