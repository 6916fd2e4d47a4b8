/*
 * calnames.h: the Gregorian calendar's month and weekday names of a locale,
 * from ICU's locale data (private).
 *
 * The language classifier (lang.c) and the date recogniser
 * (letter/recognise.c) need the names, not a date formatter: udat_open
 * builds a calendar, a number format and every date symbol of the locale
 * to hand them out, which was a third of making a context.  These read
 * the same resources DateFormatSymbols reads (calendar/gregorian/
 * monthNames|dayNames/format/wide|abbreviated, AmPmMarkers, aliases and the locale's
 * parents followed by ures_getByKeyWithFallback); a unit test checks them
 * against udat_getSymbols.
 */
#ifndef COLETTE_CALNAMES_H
#define COLETTE_CALNAMES_H

#include <stdint.h>
#include <unicode/utypes.h>

#include "colette.h"

typedef enum cal_names_kind {
  CAL_MONTHS,         /* wide month names, January first */
  CAL_SHORT_MONTHS,   /* abbreviated month names */
  CAL_WEEKDAYS,       /* wide weekday names, Sunday first */
  CAL_AMPM,           /* the twelve-hour clock's markers, AM first ("上午", "下午") */
  CAL_SHORT_WEEKDAYS, /* abbreviated weekday names ("Mon", "lun.", "周一"), Sunday first */
  CAL_KINDS
} cal_names_kind;

/* A locale's calendar data, opened once for several cal_names calls. */
typedef struct cal_locale cal_locale;

/* NULL when ICU has no data for the locale (or out of memory). */
cal_locale *cal_locale_open(const char *locale);
void cal_locale_close(cal_locale *l);

/* The number of names of kind k (12, 7 or 2), or 0 when the locale has none.
 * cal_name gives name i (from 0) as it is, NUL-terminated in u (cap units);
 * its length, or -1 when it does not fit or is absent. */
int32_t cal_names(const cal_locale *l, cal_names_kind k);
int32_t cal_name(const cal_locale *l, cal_names_kind k, int32_t i, UChar *u, int32_t cap);

/* Name i of kind k as text is matched against: lower-cased by the rules
 * of the locale it was opened for, a trailing full stop dropped ("janv."
 * is also written "janv"), as NUL-terminated UTF-8 in out (cap bytes).
 * The length of the name as ICU has it (UTF-16 units, before folding), or
 * -1 when it is absent or its folded form does not fit; out is then "". */
int32_t cal_name_folded(const cal_locale *l, cal_names_kind k, int32_t i, char *out, size_t cap);

/* A day period as CLDR gives it (ICU's dayPeriods rules, the locale's
 * calendar/gregorian/dayPeriod names): "in the afternoon" from 12:00
 * before 18:00, "下午" from 13:00 before 19:00, "noon" at 12:00 (from ==
 * before).  Minutes since midnight; before may be 24 * 60. */
typedef struct cal_day_period {
  UChar name[24]; /* NUL-terminated */
  int32_t from, before;
} cal_day_period;

/* The locale's day periods, each name once (the wide names, then the
 * abbreviated ones that differ), into out (cap entries); how many, or 0
 * when ICU has no rules or names for the locale. */
int32_t cal_day_periods(const char *locale, cal_day_period *out, int32_t cap);

/* The locale's long date pattern (what udat_toPattern gives of a
 * UDAT_NONE, UDAT_LONG format: "y年M月d日"), NUL-terminated in u; its
 * length, or -1. */
int32_t cal_long_date_pattern(const char *locale, UChar *u, int32_t cap);

#endif
