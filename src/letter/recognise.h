/*
 * recognise.h: finding the facts in a line of letter text (private):
 * dates, date ranges, times and time ranges, e-mail addresses, URLs, phone
 * numbers and document references, in English, French and Chinese.
 *
 * Month and weekday names come from ICU's date format symbols; the Chinese
 * date markers (年 月 日) from ICU's date pattern.  What is the genre's own
 * phrasing ("hours", "from … to", "du … au", 至, 时, "TSB Circular") is
 * the recogniser's grammar.
 */
#ifndef COLETTE_RECOGNISE_H
#define COLETTE_RECOGNISE_H

#include <stdbool.h>
#include <stddef.h>

#include "../buf.h"
#include "../colette.h"

typedef enum mkind {
  M_DATE,      /* a = ISO date */
  M_DATERANGE, /* a = start, b = end */
  M_TIME,      /* a = HH:MM */
  M_TIMERANGE, /* a = start, b = end */
  M_EMAIL,     /* a = lower-cased address */
  M_URL,       /* a = the URL with a scheme */
  M_PHONE,     /* a = + and digits */
  M_DOCREF     /* a = type, b = identifier: recommendation (X.1234, ITU-T
                      Q.SCC) and td (TD3779, SG11-TD53/WP1), whose syntax is
                      the identifiers' own; the references named in words
                      (TSB Circular 68, Lettre collective TSB 9/17,
                      第68号通函) are the catalogue's (class docref) */
} mkind;

typedef struct match {
  mkind kind;
  size_t start, end; /* byte offsets of the verbatim text */
  char a[96], b[96]; /* an e-mail's or URL's a is cut to fit: see match_value */
  /* M_DATE, M_DATERANGE: the weekday written with a (b), 1 Sunday to 7
   * Saturday, or 0; and whether one of them is not its date's ("Monday 3
   * March 2026", a Tuesday: the date is read from its numbers) */
  signed char wday[2];
  bool wday_conflict;
} match;

/* m emptied, field by field: every field a match has set to none, but
 * not the whole room of its value buffers (a match is made at every
 * token a try starts at).  Every match is made from one of these. */
static inline void match_clear(match *m) {
  m->kind = M_DATE;
  m->start = m->end = 0;
  m->a[0] = m->b[0] = '\0';
  m->wday[0] = m->wday[1] = 0;
  m->wday_conflict = false;
}

typedef struct recogniser recogniser;

recogniser *recogniser_new(void); /* NULL if out of memory or ICU fails */
void recogniser_free(recogniser *r);

/*
 * Find the matches in text (UTF-8, n bytes), left to right, none
 * overlapping; at most max.  A date without a year takes the year of a
 * date later in the same text (the end of its range), else `year` (the
 * letter's), moved to the next year when the month lies more than six
 * months before `month` (a January meeting in a December letter), unless
 * a weekday written with it names a day of the year before or after (a
 * December letter's "Tuesday 3 March" of the March past); 0 when
 * unknown.  Impossible dates (31 February) and ranges that end before they
 * start are not recognised.  Returns the count.
 */
size_t recognise(recogniser *r, const char *text, size_t n, int year, int month, match *out,
                 size_t max);

/* The whole value of x, a match in text (the bytes its offsets index:
 * those recognise read, or the same bytes elsewhere), appended to out:
 * x->a, but an e-mail address or a URL is made again from text, as a
 * URL of any length is whole only there.  Returns the value in out
 * (NUL-terminated), NULL without memory. */
const char *match_value(const match *x, const char *text, buf *out);

/* The letter's node for a match of kind k: date, daterange, time,
 * email, url, phone, docref (match_node.c). */
colette_node_type match_node_type(mkind k);
/* x's facts set on n, its node (match_node_type), x a match in text (as
 * match_value): a weekday not its date's marked conflict="weekday", the
 * ISO date, the range's or the time's ends, a reference's type and id,
 * an address's whole value.  COLETTE_ERR_NOMEM without memory; a value
 * the model refuses is left unset. */
colette_status match_node_attrs(colette_node *n, const match *x, const char *text);

/* True when y-m-d is a real date. */
bool date_valid(int y, int m, int d);

/* Do the bytes of s before `at` (spaces aside) end with a separator that
 * a label's value follows: a colon, a dash (-, –, —), a tab, a full-width
 * colon?  A deadline's date after its action is its date only so
 * ("Registration: 7 September 2026", not "Due 31 January"): the mapper
 * reads it by this, and colette-render finds the action again by it. */
bool label_separator_before(const char *s, size_t at);

#endif
