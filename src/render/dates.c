/*
 * dates.c: dates, date ranges and times as a language writes them, through
 * ICU (long date patterns from the pattern generator, date interval
 * formats, ordinal rules), with the locale the catalogue gives each
 * language.  A language's formatters are made the first time it is asked
 * for and kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/udatpg.h>
#include <unicode/uformattedvalue.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "../error.h"
#include "../letter/catalog.h"
#include "render.h"

#define MAX_LANGS 16

typedef struct lang_fmt {
  char lang[16];
  char locale[32];
  bool first_ordinal;
  char time_pattern[CAT_TIME_PATTERN_MAX]; /* the catalogue's settings.timePattern, or "" */
  char hour_pattern[CAT_TIME_PATTERN_MAX]; /* settings.timeOnTheHour, or "" */
  UDateFormat *date, *first;               /* the first of the month with its ordinal day */
  UDateIntervalFormat *range;
  UDateFormat *time, *hour; /* hour: a time on the hour, when the language has its own */
  UDateIntervalFormat *times; /* ICU's range of two times of a day (skeleton Hm) */
} lang_fmt;

struct render_dates {
  const catalog *cat;
  UCalendar *cal; /* Gregorian, UTC: ISO dates to ICU's milliseconds (opened on first use) */
  lang_fmt v[MAX_LANGS];
  size_t n;
};

static const UChar UTC[] = {'U', 'T', 'C', 0};

render_dates *render_dates_new(const catalog *cat) {
  render_dates *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->cat = cat;
  return d;
}

void render_dates_free(render_dates *d) {
  if (!d) return;
  for (size_t i = 0; i < d->n; i++) {
    if (d->v[i].date) udat_close(d->v[i].date);
    if (d->v[i].first) udat_close(d->v[i].first);
    if (d->v[i].range) udtitvfmt_close(d->v[i].range);
    if (d->v[i].time) udat_close(d->v[i].time);
    if (d->v[i].hour) udat_close(d->v[i].hour);
    if (d->v[i].times) udtitvfmt_close(d->v[i].times);
  }
  if (d->cal) ucal_close(d->cal);
  free(d);
}

static lang_fmt *lang_of(render_dates *d, const char *lang) {
  size_t n = strcspn(lang, "-_");
  for (size_t i = 0; i < d->n; i++)
    if (strlen(d->v[i].lang) == n && strncmp(d->v[i].lang, lang, n) == 0) return &d->v[i];
  if (d->n == MAX_LANGS) return NULL;
  lang_fmt *f = &d->v[d->n++];
  memset(f, 0, sizeof *f);
  snprintf(f->lang, sizeof f->lang, "%.*s", (int)(n < 15 ? n : 15), lang);
  int li = d->cat ? cat_language_index(d->cat, lang) : -1;
  if (li >= 0) {
    snprintf(f->locale, sizeof f->locale, "%s", cat_language_locale(d->cat, (size_t)li));
    f->first_ordinal = cat_language_first_ordinal(d->cat, (size_t)li);
    snprintf(f->time_pattern, sizeof f->time_pattern, "%s",
             cat_language_time_pattern(d->cat, (size_t)li));
    snprintf(f->hour_pattern, sizeof f->hour_pattern, "%s",
             cat_language_hour_pattern(d->cat, (size_t)li));
  } else { /* a language the catalogue lacks: ICU's own data for its tag */
    snprintf(f->locale, sizeof f->locale, "%s", lang);
    for (char *p = f->locale; *p; p++)
      if (*p == '-') *p = '_';
  }
  return f;
}

static bool iso_parts(const char *iso, int *y, int *m, int *dd) {
  return iso && strlen(iso) >= 10 && sscanf(iso, "%4d-%2d-%2d", y, m, dd) == 3;
}

/* The calendar is opened here, not with the context: a context that only
 * maps letters never needs it, and opening it loads ICU's time zone data. */
static UDate millis(render_dates *d, int y, int m, int dd, UErrorCode *e) {
  if (!d->cal) {
    d->cal = ucal_open(UTC, -1, "en_US@calendar=gregorian", UCAL_GREGORIAN, e);
    if (U_FAILURE(*e)) {
      if (d->cal) ucal_close(d->cal);
      d->cal = NULL;
      return 0;
    }
  }
  ucal_clear(d->cal);
  ucal_setDateTime(d->cal, y, m - 1, dd, 12, 0, 0, e);
  return ucal_getMillis(d->cal, e);
}

static colette_status append_u16(buf *out, const UChar *u, int32_t n, colette_error *err) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t len = 0;
  u_strToUTF8(NULL, 0, &len, u, n, &e);
  if (!buf_reserve(out, (size_t)len + 1))
    return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  e = U_ZERO_ERROR;
  u_strToUTF8(out->data + out->len, len + 1, NULL, u, n, &e);
  out->len += (size_t)len;
  return U_SUCCESS(e) ? COLETTE_OK : error_set(err, COLETTE_ERR_INVALID, NULL, "bad text");
}

/* The locale's long date pattern (skeleton dMMMMy); with `ordinal`, its day
 * field replaced by ICU's ordinal of 1 ("1er"), quoted. */
static UDateFormat *date_format(const char *locale, bool ordinal) {
  UErrorCode e = U_ZERO_ERROR;
  UChar pat[128], skel[] = {'d', 'M', 'M', 'M', 'M', 'y', 0};
  UDateTimePatternGenerator *g = udatpg_open(locale, &e);
  int32_t n = U_SUCCESS(e) ? udatpg_getBestPattern(g, skel, -1, pat, 128, &e) : 0;
  udatpg_close(g);
  if (U_FAILURE(e) || n <= 0 || n >= 128) return NULL;
  if (ordinal) {
    UNumberFormat *nf = unum_open(UNUM_ORDINAL, NULL, 0, locale, NULL, &e);
    UChar ord[16], out[160];
    int32_t on = U_SUCCESS(e) ? unum_format(nf, 1, ord, 16, NULL, &e) : 0;
    unum_close(nf);
    if (U_FAILURE(e) || on <= 0) return NULL;
    int32_t o = 0;
    bool quoted = false;
    for (int32_t i = 0; i < n && o < 150 - on; i++) {
      if (pat[i] == '\'') quoted = !quoted;
      if (!quoted && pat[i] == 'd') {
        while (i + 1 < n && pat[i + 1] == 'd')
          i++;
        out[o++] = '\'';
        for (int32_t k = 0; k < on; k++)
          out[o++] = ord[k];
        out[o++] = '\'';
        continue;
      }
      out[o++] = pat[i];
    }
    out[o] = 0;
    u_strncpy(pat, out, 128);
    pat[127] = 0;
  }
  UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, UTC, -1, pat, -1, &e);
  return U_SUCCESS(e) ? f : NULL;
}

colette_status render_date(render_dates *d, const char *iso, const char *lang, buf *out,
                           colette_error *err) {
  int y, m, dd;
  if (!iso_parts(iso, &y, &m, &dd))
    return error_set(err, COLETTE_ERR_INVALID, NULL, "not an ISO date: %.20s", iso ? iso : "");
  lang_fmt *f = lang_of(d, lang);
  if (!f) return error_set(err, COLETTE_ERR_LIMIT, NULL, "too many languages");
  bool first = f->first_ordinal && dd == 1;
  UDateFormat **slot = first ? &f->first : &f->date;
  if (!*slot && !(*slot = date_format(f->locale, first)))
    return error_set(err, COLETTE_ERR_INVALID, NULL, "no date format for %s", f->locale);
  UErrorCode e = U_ZERO_ERROR;
  UChar res[160];
  UDate t = millis(d, y, m, dd, &e);
  int32_t n = U_SUCCESS(e) ? udat_format(*slot, t, res, 160, NULL, &e) : 0;
  if (U_FAILURE(e)) return error_set(err, COLETTE_ERR_INVALID, NULL, "cannot write %s", iso);
  return append_u16(out, res, n, err);
}

/* f's interval formatter (day, month, year), opened on first use. */
static colette_status range_format(lang_fmt *f, colette_error *err) {
  if (f->range) return COLETTE_OK;
  UErrorCode e = U_ZERO_ERROR;
  UChar skel[] = {'d', 'M', 'M', 'M', 'M', 'y', 0};
  f->range = udtitvfmt_open(f->locale, skel, -1, UTC, -1, &e);
  if (U_FAILURE(e)) {
    f->range = NULL;
    return error_set(err, COLETTE_ERR_INVALID, NULL, "no interval format for %s", f->locale);
  }
  return COLETTE_OK;
}

colette_status render_daterange(render_dates *d, const char *start, const char *end,
                                const char *lang, buf *out, colette_error *err) {
  int y1, m1, d1, y2, m2, d2;
  if (!iso_parts(start, &y1, &m1, &d1) || !iso_parts(end, &y2, &m2, &d2))
    return error_set(err, COLETTE_ERR_INVALID, NULL, "not an ISO date range");
  if (strncmp(start, end, 10) == 0) return render_date(d, start, lang, out, err);
  lang_fmt *f = lang_of(d, lang);
  if (!f) return error_set(err, COLETTE_ERR_LIMIT, NULL, "too many languages");
  colette_status st = range_format(f, err);
  if (st != COLETTE_OK) return st;
  UErrorCode e = U_ZERO_ERROR;
  UDate a = millis(d, y1, m1, d1, &e), b = millis(d, y2, m2, d2, &e);
  UChar res[200];
  int32_t n = U_SUCCESS(e) ? udtitvfmt_format(f->range, a, b, res, 200, NULL, &e) : 0;
  if (U_FAILURE(e)) return error_set(err, COLETTE_ERR_INVALID, NULL, "cannot write a range");
  return append_u16(out, res, n, err);
}

/* The ordinal a language writes after the first day of a month ("er" in
 * French), into out: what its first-of-the-month format adds to its date
 * format after the day's digits. */
static colette_status first_suffix(render_dates *d, lang_fmt *f, int y, int m, buf *out,
                                   colette_error *err) {
  if (!f->date && !(f->date = date_format(f->locale, false))) return COLETTE_OK;
  if (!f->first && !(f->first = date_format(f->locale, true))) return COLETTE_OK;
  UErrorCode e = U_ZERO_ERROR;
  UChar a[160], b[160];
  UDate t = millis(d, y, m, 1, &e);
  int32_t na = U_SUCCESS(e) ? udat_format(f->date, t, a, 160, NULL, &e) : 0;
  int32_t nb = U_SUCCESS(e) ? udat_format(f->first, t, b, 160, NULL, &e) : 0;
  if (U_FAILURE(e) || nb <= na) return COLETTE_OK;
  int32_t k = 0;
  while (k < na && a[k] == b[k])
    k++;
  if (k == 0 || u_strncmp(a + k, b + k + (nb - na), na - k) != 0) return COLETTE_OK;
  return append_u16(out, b + k, nb - na, err);
}

/* ICU's interval from a to b into res, its string (len UTF-16 units, owned
 * by res) and the spans of what comes from each end, [span[k][0],
 * span[k][1]), in order; NULL where ICU gives no such spans. */
static const UChar *interval_spans(UDateIntervalFormat *f, UDate a, UDate b,
                                   UFormattedDateInterval *res, int32_t *len, int32_t span[2][2],
                                   UErrorCode *e) {
  span[0][0] = span[0][1] = span[1][0] = span[1][1] = -1;
  udtitvfmt_formatToResult(f, a, b, res, e);
  const UFormattedValue *v = udtitvfmt_resultAsValue(res, e);
  const UChar *s = U_SUCCESS(*e) ? ufmtval_getString(v, len, e) : NULL;
  UConstrainedFieldPosition *cf = ucfpos_open(e);
  if (U_SUCCESS(*e)) ucfpos_constrainCategory(cf, UFIELD_CATEGORY_DATE_INTERVAL_SPAN, e);
  while (U_SUCCESS(*e) && ufmtval_nextPosition(v, cf, e)) {
    int32_t field = ucfpos_getField(cf, e), x, y;
    ucfpos_getIndexes(cf, &x, &y, e);
    if (U_SUCCESS(*e) && field >= 0 && field < 2) span[field][0] = x, span[field][1] = y;
  }
  ucfpos_close(cf);
  return U_FAILURE(*e) || !s || span[0][0] < 0 || span[1][0] < span[0][1] ? NULL : s;
}

bool render_splice_cut(const char *pattern, bool range, render_splice *out) {
  const char *ps = pattern ? strstr(pattern, "{start}") : NULL;
  if (!ps) return false;
  out->pre = pattern;
  out->npre = (size_t)(ps - pattern);
  out->mid = ps + strlen("{start}");
  out->nmid = 0;
  out->post = out->mid;
  if (!range) return true;
  const char *pe = strstr(out->mid, "{end}");
  if (!pe) return false;
  out->nmid = (size_t)(pe - out->mid);
  out->post = pe + strlen("{end}");
  return true;
}

colette_status render_daterange_text(render_dates *d, const char *start, const char *end,
                                     const char *lang, const char *pattern, buf *out,
                                     colette_error *err) {
  render_splice sp;
  if (!render_splice_cut(pattern, true, &sp) || !start || !end || strncmp(start, end, 10) == 0)
    return render_daterange(d, start, end, lang, out, err);
  int y1, m1, d1, y2, m2, d2;
  if (!iso_parts(start, &y1, &m1, &d1) || !iso_parts(end, &y2, &m2, &d2))
    return error_set(err, COLETTE_ERR_INVALID, NULL, "not an ISO date range");
  lang_fmt *f = lang_of(d, lang);
  if (!f) return error_set(err, COLETTE_ERR_LIMIT, NULL, "too many languages");
  colette_status st = range_format(f, err);
  if (st != COLETTE_OK) return st;
  UErrorCode e = U_ZERO_ERROR;
  UFormattedDateInterval *res = udtitvfmt_openResult(&e);
  UDate a = millis(d, y1, m1, d1, &e), b = millis(d, y2, m2, d2, &e);
  int32_t len = 0, span[2][2];
  const UChar *s = interval_spans(f->range, a, b, res, &len, span, &e);
  if (!s) {
    /* no spans to cut at: ICU's interval as it is */
    udtitvfmt_closeResult(res);
    return render_daterange(d, start, end, lang, out, err);
  }
  /* before the first span (what the dates share, first: Chinese "2021年"),
   * the pattern's opening words, the first span, the words between, the
   * second span, what follows in ICU's form (the shared " February 2026") */
  st = append_u16(out, s, span[0][0], err);
  if (st == COLETTE_OK) buf_append(out, sp.pre, sp.npre);
  if (st == COLETTE_OK) st = append_u16(out, s + span[0][0], span[0][1] - span[0][0], err);
  /* the first of the month with the language's ordinal, where the first
   * span starts with the day alone ("1" of "1–12 juin" or "1 juin") */
  if (st == COLETTE_OK && f->first_ordinal && d1 == 1 && span[0][1] > span[0][0] &&
      s[span[0][0]] == '1' && (span[0][1] - span[0][0] == 1 || !u_isdigit(s[span[0][0] + 1]))) {
    buf tail = BUF_INIT;
    st = append_u16(&tail, s + span[0][0] + 1, span[0][1] - span[0][0] - 1, err);
    if (st == COLETTE_OK) {
      out->len -= tail.len; /* the day's "1", then its ordinal, then the rest of the span */
      st = first_suffix(d, f, y1, m1, out, err);
      if (st == COLETTE_OK) buf_append(out, tail.data ? tail.data : "", tail.len);
    }
    buf_free(&tail);
  }
  if (st == COLETTE_OK) buf_append(out, sp.mid, sp.nmid);
  if (st == COLETTE_OK) st = append_u16(out, s + span[1][0], span[1][1] - span[1][0], err);
  if (st == COLETTE_OK) buf_puts(out, sp.post);
  if (st == COLETTE_OK) st = append_u16(out, s + span[1][1], len - span[1][1], err);
  udtitvfmt_closeResult(res);
  if (st == COLETTE_OK && !buf_ok(out))
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  return st;
}

/* A formatter for pattern (UTF-8), or for ICU's hour-minute form of the
 * locale when pattern is "". */
static UDateFormat *time_format(const char *locale, const char *pattern, UErrorCode *e) {
  UChar pat[64], skel[] = {'H', 'H', 'm', 'm', 0};
  int32_t n = 0;
  if (*pattern) { /* the genre's way, where it is not the locale's */
    u_strFromUTF8(pat, 64, &n, pattern, -1, e);
  } else {
    UDateTimePatternGenerator *g = udatpg_open(locale, e);
    n = U_SUCCESS(*e) ? udatpg_getBestPattern(g, skel, -1, pat, 64, e) : 0;
    udatpg_close(g);
  }
  if (U_FAILURE(*e) || n <= 0 || n >= 64) return NULL;
  return udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, UTC, -1, pat, -1, e);
}

colette_status render_time(render_dates *d, const char *hhmm, const char *lang, buf *out,
                           colette_error *err) {
  int h, mi;
  if (!hhmm || sscanf(hhmm, "%2d:%2d", &h, &mi) != 2 || h > 24 || mi > 59)
    return error_set(err, COLETTE_ERR_INVALID, NULL, "not a time: %.10s", hhmm ? hhmm : "");
  lang_fmt *f = lang_of(d, lang);
  if (!f) return error_set(err, COLETTE_ERR_LIMIT, NULL, "too many languages");
  UErrorCode e = U_ZERO_ERROR;
  bool on_hour = mi == 0 && f->hour_pattern[0];
  UDateFormat **fmt = on_hour ? &f->hour : &f->time;
  if (!*fmt) {
    *fmt = time_format(f->locale, on_hour ? f->hour_pattern : f->time_pattern, &e);
    if (U_FAILURE(e) || !*fmt) {
      if (*fmt) udat_close(*fmt);
      *fmt = NULL;
      return error_set(err, COLETTE_ERR_INVALID, NULL, "no time format for %s", f->locale);
    }
  }
  UDate t = millis(d, 2000, 1, 1, &e) + ((double)(h - 12) * 60 + mi) * 60000.0;
  UChar res[64];
  int32_t n = U_SUCCESS(e) ? udat_format(*fmt, t, res, 64, NULL, &e) : 0;
  if (U_FAILURE(e)) return error_set(err, COLETTE_ERR_INVALID, NULL, "cannot write a time");
  return append_u16(out, res, n, err);
}

colette_status render_timerange(render_dates *d, const char *start, const char *end,
                                const char *lang, buf *out, colette_error *err) {
  int h1, m1, h2, m2;
  if (!start || !end || sscanf(start, "%2d:%2d", &h1, &m1) != 2 ||
      sscanf(end, "%2d:%2d", &h2, &m2) != 2 || h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59)
    return error_set(err, COLETTE_ERR_INVALID, NULL, "not a range of times");
  if (h1 == h2 && m1 == m2) return render_time(d, start, lang, out, err);
  lang_fmt *f = lang_of(d, lang);
  if (!f) return error_set(err, COLETTE_ERR_LIMIT, NULL, "too many languages");
  UErrorCode e = U_ZERO_ERROR;
  if (!f->times) {
    UChar skel[] = {'H', 'm', 0};
    f->times = udtitvfmt_open(f->locale, skel, -1, UTC, -1, &e);
    if (U_FAILURE(e)) {
      f->times = NULL;
      return error_set(err, COLETTE_ERR_INVALID, NULL, "no interval format for %s", f->locale);
    }
  }
  /* the two times on one day, the second the next day's when it is earlier
   * (a session from 22:00 to 02:00) */
  double day = 86400000.0, a = ((double)h1 * 60 + m1) * 60000.0,
         b = ((double)h2 * 60 + m2) * 60000.0 + (h2 * 60 + m2 < h1 * 60 + m1 ? day : 0);
  UFormattedDateInterval *res = udtitvfmt_openResult(&e);
  int32_t len = 0, span[2][2];
  const UChar *s = interval_spans(f->times, a, b, res, &len, span, &e);
  colette_status st = COLETTE_OK;
  if (!s) {
    st = error_set(err, COLETTE_ERR_INVALID, NULL, "no range of times for %s", f->locale);
  } else {
    /* ICU's words around and between the times (" – " with thin spaces in
     * English and French, "–" in Chinese), each time in the language's own
     * form (render_time: "10 h 00") */
    size_t at = out->len;
    st = append_u16(out, s, span[0][0], err);
    if (st == COLETTE_OK) st = render_time(d, start, lang, out, err);
    if (st == COLETTE_OK) st = append_u16(out, s + span[0][1], span[1][0] - span[0][1], err);
    if (st == COLETTE_OK) st = render_time(d, end, lang, out, err);
    if (st == COLETTE_OK) st = append_u16(out, s + span[1][1], len - span[1][1], err);
    if (st != COLETTE_OK) out->len = at;
  }
  udtitvfmt_closeResult(res);
  return st;
}
