/* Unit tests: the recognisers, with the forms the seed letters use and
 * their neighbours, in English, French and Chinese, and malformed ones. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letter/recognise.h"

static recogniser *r;
static void setup(void) { r = recogniser_new(); }
static void teardown(void) { recogniser_free(r); }

static const char *KIND[] = {"date",  "daterange", "time",  "timerange",
                             "email", "url",       "phone", "docref"};

/* All matches of text as "kind:a:b[verbatim]" joined by " | ". */
static char *run(const char *text, int year, int month) {
  static char out[4096];
  match m[32];
  size_t n = recognise(r, text, strlen(text), year, month, m, 32);
  out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    char one[512];
    snprintf(one, sizeof one, "%s%s:%s%s%s[%.*s]", i ? " | " : "", KIND[m[i].kind], m[i].a,
             m[i].b[0] ? ":" : "", m[i].b, (int)(m[i].end - m[i].start), text + m[i].start);
    strncat(out, one, sizeof out - strlen(out) - 1);
  }
  return out;
}

#define EXPECT(text, year, month, want)                                                            \
  cr_expect_str_eq(run(text, year, month), want, "for %s", text)

TestSuite(recognise, .init = setup, .fini = teardown);

Test(recognise, english_dates) {
  EXPECT("Geneva, 21 May 2021", 0, 0, "date:2021-05-21[21 May 2021]");
  EXPECT("on Friday 7 January 2022.", 0, 0, "date:2022-01-07[Friday 7 January 2022]");
  EXPECT("19 November 2020", 0, 0, "date:2020-11-19[19 November 2020]");
  EXPECT("May 21, 2021", 0, 0, "date:2021-05-21[May 21, 2021]");
  /* a year carried from the letter, and across a year boundary */
  EXPECT("on Monday 23 August", 2021, 5, "date:2021-08-23[Monday 23 August]");
  EXPECT("on 7 January", 2021, 12, "date:2022-01-07[7 January]");
}

/* Ranges without "from", and written month first; lists of days; what
 * only looks like them. */
Test(recognise, ranges_without_from_and_month_first) {
  EXPECT("held 3 March to 5 April 2026.", 0, 0,
         "daterange:2026-03-03:2026-04-05[3 March to 5 April 2026]");
  EXPECT("3 to 5 March 2026", 0, 0, "daterange:2026-03-03:2026-03-05[3 to 5 March 2026]");
  EXPECT("3 mars au 5 avril 2026", 0, 0, "daterange:2026-03-03:2026-04-05[3 mars au 5 avril 2026]");
  EXPECT("March 3-5, 2026", 0, 0, "daterange:2026-03-03:2026-03-05[March 3-5, 2026]");
  EXPECT("March 30 – April 2, 2026", 0, 0,
         "daterange:2026-03-30:2026-04-02[March 30 – April 2, 2026]");
  EXPECT("December 28, 2025 to January 3, 2026", 0, 0,
         "daterange:2025-12-28:2026-01-03[December 28, 2025 to January 3, 2026]");
  EXPECT("December 28 – January 3, 2026", 0, 0,
         "daterange:2025-12-28:2026-01-03[December 28 – January 3, 2026]");
  EXPECT("from March 3 through 5, 2026", 0, 0,
         "daterange:2026-03-03:2026-03-05[from March 3 through 5, 2026]");
  /* "and" joins two dates unless "between" opens a range */
  EXPECT("on 3 and 5 March 2026", 0, 0, "date:2026-03-03[3] | date:2026-03-05[5 March 2026]");
  EXPECT("between 3 and 5 March 2026", 0, 0,
         "daterange:2026-03-03:2026-03-05[between 3 and 5 March 2026]");
  /* a month-first range needs its year, as a month-first date does */
  EXPECT("you may 3-5 times", 0, 0, "");
  EXPECT("March 3-5", 0, 0, "");
  EXPECT("5 March to 3 March 2026", 0, 0,
         "date:2026-03-05[5 March] | date:2026-03-03[3 March 2026]");
}

Test(recognise, lists_of_days) {
  EXPECT("les 3, 4 et 5 mars 2026", 0, 0,
         "date:2026-03-03[3] | date:2026-03-04[4] | date:2026-03-05[5 mars 2026]");
  EXPECT("on 3, 4, and 5 March", 2026, 1,
         "date:2026-03-03[3] | date:2026-03-04[4] | date:2026-03-05[5 March]");
  /* a number before a date is no list: no conjunction, or days out of order */
  EXPECT("Study Group 17, 24 August – 3 September 2021", 0, 0,
         "daterange:2021-08-24:2021-09-03[24 August – 3 September 2021]");
  EXPECT("items 7 and 5 March 2026", 0, 0, "date:2026-03-05[5 March 2026]");
  EXPECT("3 and 5, 7 March 2026", 0, 0, "date:2026-03-07[7 March 2026]");
  EXPECT("items 1, 2 and 3 of the agenda", 0, 0, "");
  /* a day after its weekday */
  EXPECT("on Monday 3, Tuesday 4 and Wednesday 5 March 2026", 0, 0,
         "date:2026-03-03[Monday 3] | date:2026-03-04[Tuesday 4] | "
         "date:2026-03-05[Wednesday 5 March 2026]");
  EXPECT("les lundi 3, mardi 4 et mercredi 5 mars 2026", 0, 0,
         "date:2026-03-03[lundi 3] | date:2026-03-04[mardi 4] | "
         "date:2026-03-05[mercredi 5 mars 2026]");
  EXPECT("Monday 3 and Friday 2 March", 2026, 1, "date:2026-03-02[Friday 2 March]");
  /* a range of days as an item, its month the list's */
  EXPECT("on 3-5 and 7 March 2026", 0, 0,
         "daterange:2026-03-03:2026-03-05[3-5] | date:2026-03-07[7 March 2026]");
  EXPECT("du 3 au 5 et 7 mars 2026", 0, 0,
         "daterange:2026-03-03:2026-03-05[du 3 au 5] | date:2026-03-07[7 mars 2026]");
  EXPECT("3-5, 7 and 9 March 2026", 0, 0,
         "daterange:2026-03-03:2026-03-05[3-5] | date:2026-03-07[7] | "
         "date:2026-03-09[9 March 2026]");
  EXPECT("pages 10-12 and 3 March", 2026, 1, "date:2026-03-03[3 March]");
  EXPECT("3, 5-7 and 9 March 2026", 0, 0,
         "date:2026-03-03[3] | daterange:2026-03-05:2026-03-07[5-7] | "
         "date:2026-03-09[9 March 2026]");
  EXPECT("3 and 5-7 March 2026", 0, 0,
         "date:2026-03-03[3] | daterange:2026-03-05:2026-03-07[5-7 March 2026]");
}

/* Chinese writes the month once, first: each day of the list its own
 * date, an aside (the weekday) between them, a range as one of them. */
Test(recognise, chinese_lists_of_days) {
  EXPECT("会议将于2026年3月3日、4日和5日举行。", 0, 0,
         "date:2026-03-03[2026年3月3日] | date:2026-03-04[4日] | date:2026-03-05[5日]");
  EXPECT("2026年3月3日（星期二）、4日（星期三）和5日（星期四）", 0, 0,
         "date:2026-03-03[2026年3月3日] | date:2026-03-04[4日] | date:2026-03-05[5日]");
  EXPECT("3月30日、31日及4月1日", 2026, 1,
         "date:2026-03-30[3月30日] | date:2026-03-31[31日] | date:2026-04-01[4月1日]");
  EXPECT("3月3日、4日以及5日", 2026, 1,
         "date:2026-03-03[3月3日] | date:2026-03-04[4日] | date:2026-03-05[5日]");
  EXPECT("3月3日和4日至6日", 2026, 1,
         "date:2026-03-03[3月3日] | daterange:2026-03-04:2026-03-06[4日至6日]");
  EXPECT("2026年3月2日（星期一）至4日（星期三）", 0, 0,
         "daterange:2026-03-02:2026-03-04[2026年3月2日（星期一）至4日]");
  EXPECT("3月3日至5日和7日", 2026, 1,
         "daterange:2026-03-03:2026-03-05[3月3日至5日] | date:2026-03-07[7日]");
  /* no list: days out of order, a duration, a day that does not exist */
  EXPECT("3月5日、4日", 2026, 1, "date:2026-03-05[3月5日]");
  EXPECT("3月3日，为期4日", 2026, 1, "date:2026-03-03[3月3日]");
  EXPECT("2月28日和30日", 2026, 1, "date:2026-02-28[2月28日]");
}

/* The dates of text as "ISO" or "start/end", "!" after one whose written
 * weekday is not its date's, joined by " ". */
static char *weekdays(const char *text, int year, int month) {
  static char out[1024];
  match m[32];
  size_t n = recognise(r, text, strlen(text), year, month, m, 32);
  out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    if (m[i].kind != M_DATE && m[i].kind != M_DATERANGE) continue;
    char one[256];
    snprintf(one, sizeof one, "%s%s%s%s%s", out[0] ? " " : "", m[i].a, m[i].b[0] ? "/" : "", m[i].b,
             m[i].wday_conflict ? "!" : "");
    strncat(out, one, sizeof out - strlen(out) - 1);
  }
  return out;
}

#define WEEKDAYS(text, year, month, want)                                                          \
  cr_expect_str_eq(weekdays(text, year, month), want, "for %s", text)

/* A weekday written with a date and not its date's is marked (the date is
 * the numbers'), in the three languages, at either end of a range and in
 * each day of a list; 2 March 2026 is a Monday. */
Test(recognise, a_weekday_that_is_not_its_dates) {
  WEEKDAYS("on Monday 2 March 2026", 0, 0, "2026-03-02");
  WEEKDAYS("on Tuesday 2 March 2026", 0, 0, "2026-03-02!");
  WEEKDAYS("on Tuesday, March 2, 2026", 0, 0, "2026-03-02!");
  WEEKDAYS("le lundi 2 mars 2026", 0, 0, "2026-03-02");
  WEEKDAYS("le mardi 2 mars 2026", 0, 0, "2026-03-02!");
  WEEKDAYS("2026年3月2日（星期一）", 0, 0, "2026-03-02");
  WEEKDAYS("2026年3月2日（星期二）举行", 0, 0, "2026-03-02!");
  WEEKDAYS("2026年3月2日(Tuesday)", 0, 0, "2026-03-02!");
  WEEKDAYS("2026年3月2日星期一举行", 0, 0, "2026-03-02");
  WEEKDAYS("2026年3月2日 星期二", 0, 0, "2026-03-02!");
  WEEKDAYS("2026年3月2日星期一至4日星期三", 0, 0, "2026-03-02/2026-03-04");
  WEEKDAYS("2026年3月2日星期一至4日星期四", 0, 0, "2026-03-02/2026-03-04!");
  WEEKDAYS("from Monday 2 to Friday 6 March 2026", 0, 0, "2026-03-02/2026-03-06");
  WEEKDAYS("from Monday 2 to Thursday 6 March 2026", 0, 0, "2026-03-02/2026-03-06!");
  WEEKDAYS("du dimanche 2 au vendredi 6 mars 2026", 0, 0, "2026-03-02/2026-03-06!");
  WEEKDAYS("3月2日（星期一）至6日（星期四）", 2026, 3, "2026-03-02/2026-03-06!");
  WEEKDAYS("Monday 2, Tuesday 3 and Thursday 5 March 2026", 0, 0,
           "2026-03-02 2026-03-03 2026-03-05");
  WEEKDAYS("Monday 2, Wednesday 3 and Thursday 5 March 2026", 0, 0,
           "2026-03-02 2026-03-03! 2026-03-05");
  WEEKDAYS("2026年3月3日（星期二）、4日（星期一）和5日（星期四）", 0, 0,
           "2026-03-03 2026-03-04! 2026-03-05");
  /* a weekday no calendar has, or a bracket that holds something else */
  WEEKDAYS("2026年3月2日（暂定）", 0, 0, "2026-03-02");
  WEEKDAYS("2 March 2026 (Tuesday or Wednesday)", 0, 0, "2026-03-02");
}

/* A weekday by its abbreviated name, ICU's (Mon, lun., 周一), is read as
 * the wide one is: it starts the date and marks it when it is not the
 * date's; its full stop is the abbreviation's.  An English one written
 * lower-case is a word ("sat"), as a French one is not; "Mar" is March
 * and French's Tuesday ("mar."): read as the weekday where a date follows
 * it, else as the month.  7 September 2026 is a Monday, 3 March a Tuesday. */
Test(recognise, a_weekday_by_its_abbreviated_name) {
  EXPECT("Mon 7 September 2026", 0, 0, "date:2026-09-07[Mon 7 September 2026]");
  EXPECT("Mon., 7 Sep. 2026", 0, 0, "date:2026-09-07[Mon., 7 Sep. 2026]");
  EXPECT("le lun. 7 sept. 2026", 0, 0, "date:2026-09-07[lun. 7 sept. 2026]");
  EXPECT("mar. 3 mars 2026", 0, 0, "date:2026-03-03[mar. 3 mars 2026]");
  WEEKDAYS("Mon 7 September 2026", 0, 0, "2026-09-07");
  WEEKDAYS("Tue 7 September 2026", 0, 0, "2026-09-07!");
  WEEKDAYS("mar. 7 septembre 2026", 0, 0, "2026-09-07!");
  WEEKDAYS("mar. 3 mars 2026", 0, 0, "2026-03-03");
  WEEKDAYS("2026年9月7日（周一）", 0, 0, "2026-09-07");
  WEEKDAYS("2026年9月7日（周二）", 0, 0, "2026-09-07!");
  WEEKDAYS("2026年9月7日周一至9日周三", 0, 0, "2026-09-07/2026-09-09");
  WEEKDAYS("2026年9月7日(Mon.)", 0, 0, "2026-09-07");
  WEEKDAYS("7 September 2026 (Tue)", 0, 0, "2026-09-07");
  WEEKDAYS("from Mon 7 to Wed 9 September 2026", 0, 0, "2026-09-07/2026-09-09");
  WEEKDAYS("from Mon 7 to Thu 9 September 2026", 0, 0, "2026-09-07/2026-09-09!");
  WEEKDAYS("Mon 7, Tue 8 and Wed 9 September 2026", 0, 0, "2026-09-07 2026-09-08 2026-09-09");
  WEEKDAYS("lun. 7, mer. 8 et mer. 9 septembre 2026", 0, 0, "2026-09-07 2026-09-08! 2026-09-09");
  /* a word, not a weekday: the date starts at its day */
  EXPECT("the panel sat 7 September 2026", 0, 0, "date:2026-09-07[7 September 2026]");
  /* "Mar", the month: no weekday read into it */
  EXPECT("Mar 5, 2026", 0, 0, "date:2026-03-05[Mar 5, 2026]");
  WEEKDAYS("Mar 5, 2026", 0, 0, "2026-03-05");
  EXPECT("Mar. 5, 2026", 0, 0, "date:2026-03-05[Mar. 5, 2026]");
  EXPECT("Mar 3-5, 2026", 0, 0, "daterange:2026-03-03:2026-03-05[Mar 3-5, 2026]");
  EXPECT("from Mar 3 to Mar 5, 2026", 0, 0,
         "daterange:2026-03-03:2026-03-05[from Mar 3 to Mar 5, 2026]");
}

/* A date without a year takes the letter's, or the next when its month
 * is more than six months before; a weekday written with it says which
 * year of the three around the letter's it is.  3 March is a Monday in
 * 2025, a Tuesday in 2026, a Wednesday in 2027. */
Test(recognise, a_weekday_tells_the_year_of_a_date_without_one) {
  WEEKDAYS("on Tuesday 3 March", 2026, 12, "2026-03-03");   /* not the rule's 2027 */
  WEEKDAYS("on Wednesday 3 March", 2026, 12, "2027-03-03"); /* the rule's */
  WEEKDAYS("le lundi 3 mars", 2026, 3, "2025-03-03");       /* the year before */
  WEEKDAYS("on Friday 3 March", 2026, 12, "2027-03-03!");   /* none: the rule's, marked */
  WEEKDAYS("on 3 March", 2026, 12, "2027-03-03");           /* no weekday: the rule's */
  WEEKDAYS("Monday 28 December", 2027, 1, "2026-12-28");    /* a past December */
  WEEKDAYS("3月3日（星期二）", 2026, 12, "2026-03-03");
  /* a written year is the year: the weekday only marks */
  WEEKDAYS("on Tuesday 3 March 2027", 2026, 12, "2027-03-03!");
  /* a range without years across the new year: its end the next year's */
  WEEKDAYS("from 28 December to 3 January", 2026, 12, "2026-12-28/2027-01-03");
  WEEKDAYS("from Monday 28 December to Sunday 3 January", 2027, 1, "2026-12-28/2027-01-03");
  WEEKDAYS("du 28 décembre au 3 janvier", 2026, 11, "2026-12-28/2027-01-03");
  /* Chinese too (its end was year 1, 0001-01-03, before) */
  WEEKDAYS("12月28日至1月3日", 2026, 12, "2026-12-28/2027-01-03");
  WEEKDAYS("12月28日（星期一）至1月3日（星期日）", 2027, 1, "2026-12-28/2027-01-03");
  WEEKDAYS("from 28 May to 3 January", 2026, 5, "2026-05-28 2026-01-03"); /* too long: two dates */
  /* a range's end keeps after its start */
  WEEKDAYS("from Tuesday 3 to Thursday 5 March", 2026, 12, "2026-03-03/2026-03-05");
  WEEKDAYS("from Tuesday 3 to Friday 5 March", 2026, 12, "2026-03-03/2026-03-05!");
}

/* English capitalises its months and French does not (ICU's names say
 * so): a lower-case "may" or "march" after a number is the verb, unless a
 * year makes it a date. */
Test(recognise, a_month_its_language_capitalises_written_lower_case) {
  EXPECT("Member States 3 may send", 2026, 1, "");
  EXPECT("items 1, 2 and 3 may be", 2026, 1, "");
  EXPECT("the 3 march on", 2026, 1, "");
  EXPECT("from 3 to 5 may", 2026, 1, "");
  EXPECT("may 21 be", 2026, 1, "");
  EXPECT("on 3 may 2026", 0, 0, "date:2026-05-03[3 may 2026]");
  EXPECT("may 21, 2021", 0, 0, "date:2021-05-21[may 21, 2021]");
  EXPECT("ON 3 MAY", 2026, 1, "date:2026-05-03[3 MAY]");
  EXPECT("from 3 to 5 May", 2026, 1, "daterange:2026-05-03:2026-05-05[from 3 to 5 May]");
  EXPECT("le 3 mai", 2026, 1, "date:2026-05-03[3 mai]");
  EXPECT("du 3 au 5 mars", 2026, 1, "daterange:2026-03-03:2026-03-05[du 3 au 5 mars]");
}

Test(recognise, english_ranges) {
  EXPECT("24 August – 3 September 2021", 0, 0,
         "daterange:2021-08-24:2021-09-03[24 August – 3 September 2021]");
  EXPECT("held virtually from 24 August to 3 September 2021, inclusive", 0, 0,
         "daterange:2021-08-24:2021-09-03[from 24 August to 3 September 2021]");
  EXPECT("Report of the 20-30 April 2021 SG17 meeting", 0, 0,
         "daterange:2021-04-20:2021-04-30[20-30 April 2021]");
  EXPECT("Geneva, 24 Aug-3 Sep 2020", 0, 0, "daterange:2020-08-24:2020-09-03[24 Aug-3 Sep 2020]");
  EXPECT("1-10 December 2021", 0, 0, "daterange:2021-12-01:2021-12-10[1-10 December 2021]");
  EXPECT("28 December 2021 – 3 January 2022", 0, 0,
         "daterange:2021-12-28:2022-01-03[28 December 2021 – 3 January 2022]");
  EXPECT("28 December – 3 January 2022", 0, 0,
         "daterange:2021-12-28:2022-01-03[28 December – 3 January 2022]");
}

Test(recognise, french_dates) {
  EXPECT("Genève, le 8 juin 2020", 0, 0, "date:2020-06-08[8 juin 2020]");
  EXPECT("du 24 août au 3 septembre 2020 inclus", 0, 0,
         "daterange:2020-08-24:2020-09-03[du 24 août au 3 septembre 2020]");
  EXPECT("le vendredi 1er juillet", 2022, 5, "date:2022-07-01[vendredi 1er juillet]");
  EXPECT("le dimanche 23 août à 11 h 00", 2020, 6,
         "date:2020-08-23[dimanche 23 août] | time:11:00[11 h 00]");
  EXPECT("24 août – 3 septembre 2020", 0, 0,
         "daterange:2020-08-24:2020-09-03[24 août – 3 septembre 2020]");
}

Test(recognise, chinese_dates) {
  EXPECT("2021年7月20日，日内瓦", 0, 0, "date:2021-07-20[2021年7月20日]");
  EXPECT("此会议将于2021年12月1至10日（含）举办", 0, 0,
         "daterange:2021-12-01:2021-12-10[2021年12月1至10日]");
  EXPECT("第11研究组虚拟会议，2021年12月1-10日", 0, 0,
         "daterange:2021-12-01:2021-12-10[2021年12月1-10日]");
  EXPECT("2021年11月29日至12月10日，ITU-T", 0, 0,
         "daterange:2021-11-29:2021-12-10[2021年11月29日至12月10日]");
  EXPECT("开幕全体会议将于2021年12月1日（日内瓦时间）12时开始", 0, 0,
         "date:2021-12-01[2021年12月1日] | time:12:00[12时]");
  EXPECT("2021年11月30日（日内瓦时间）14时 – 16时", 0, 0,
         "date:2021-11-30[2021年11月30日] | timerange:14:00:16:00[14时 – 16时]");
}

Test(recognise, times) {
  EXPECT("at 11:00-16:00 hours Geneva time", 0, 0, "timerange:11:00:16:00[11:00-16:00 hours]");
  EXPECT("from 1300 to 1500 hours, Geneva time", 0, 0, "timerange:13:00:15:00[1300 to 1500 hours]");
  EXPECT("at 10:00 11:00 hours, Geneva time", 0, 0, "timerange:10:00:11:00[10:00 11:00 hours]");
  EXPECT("Session 0: 0900-1015;", 0, 0, "timerange:09:00:10:15[0900-1015]");
  EXPECT("à 11 h 00, heure de Genève", 0, 0, "time:11:00[11 h 00]");
  EXPECT("(13:00-15:00, Geneva time)", 0, 0, "timerange:13:00:15:00[13:00-15:00]");
  /* not times: a span of years, a range that ends before it starts */
  /* either end may give its weekday */
  EXPECT("from Monday, 2 March to Friday, 6 March 2026", 0, 0,
         "daterange:2026-03-02:2026-03-06[from Monday, 2 March to Friday, 6 March 2026]");
  EXPECT("Monday 2 – Wednesday 4 March 2026", 0, 0,
         "daterange:2026-03-02:2026-03-04[Monday 2 – Wednesday 4 March 2026]");
  EXPECT("du lundi 2 au mercredi 4 mars 2026", 0, 0,
         "daterange:2026-03-02:2026-03-04[du lundi 2 au mercredi 4 mars 2026]");
  EXPECT("Monday 2 to 4 March", 2026, 1, "daterange:2026-03-02:2026-03-04[Monday 2 to 4 March]");
  EXPECT("from Friday to Monday 4 March", 2026, 1, "date:2026-03-04[Monday 4 March]");
  EXPECT("the 2017-2020 Study Period", 0, 0, "");
  EXPECT("16:00-11:00 hours", 0, 0, "time:16:00[16:00] | time:11:00[11:00 hours]");
}

Test(recognise, addresses_and_numbers) {
  EXPECT("E-mail: TSBSG17@itu.int ", 0, 0, "email:tsbsg17@itu.int[TSBSG17@itu.int]");
  EXPECT("Web: http://itu.int/go/tsg17 ", 0, 0,
         "url:http://itu.int/go/tsg17[http://itu.int/go/tsg17]");
  EXPECT("homepage (www.itu.int/go/tsg11).", 0, 0,
         "url:http://www.itu.int/go/tsg11[www.itu.int/go/tsg11]");
  EXPECT("at: https://www.itu.int/net4/CRM/xreg/web/Registration.aspx?Event=C-00009903.", 0, 0,
         "url:https://www.itu.int/net4/CRM/xreg/web/Registration.aspx?Event=C-00009903"
         "[https://www.itu.int/net4/CRM/xreg/web/Registration.aspx?Event=C-00009903]");
  /* a host without scheme or www, when a path follows it */
  EXPECT("Web: itu.int/go/tsg12.", 0, 0, "url:http://itu.int/go/tsg12[itu.int/go/tsg12]");
  EXPECT("(see itu.int/go/x or fr.wikipedia.org/wiki/ITU)", 0, 0,
         "url:http://itu.int/go/x[itu.int/go/x] | "
         "url:http://fr.wikipedia.org/wiki/ITU[fr.wikipedia.org/wiki/ITU]");
  EXPECT("N.B./x, and/or, km/h, Rec.ITU/T, 2021.2/3, ab.cd/e", 0, 0, "");
  EXPECT("Rec. ITU-T X.509/Amd.1", 0, 0, "docref:recommendation:X.509[ITU-T X.509]");
  EXPECT("x@y.int/z", 0, 0, "email:x@y.int[x@y.int]");
  /* an IRI's letters of an alphabet go on; CJK text and punctuation end it */
  EXPECT("See https://fr.wikipedia.org/wiki/Genève for details.", 0, 0,
         "url:https://fr.wikipedia.org/wiki/Genève[https://fr.wikipedia.org/wiki/Genève]");
  EXPECT("voir www.itu.int/fr/événements/réunion-2026.", 0, 0,
         "url:http://www.itu.int/fr/événements/réunion-2026"
         "[www.itu.int/fr/événements/réunion-2026]");
  EXPECT("https://ru.wikipedia.org/wiki/Женева.", 0, 0,
         "url:https://ru.wikipedia.org/wiki/Женева[https://ru.wikipedia.org/wiki/Женева]");
  EXPECT("请访问https://www.itu.int/zh获取详情", 0, 0,
         "url:https://www.itu.int/zh[https://www.itu.int/zh]");
  EXPECT("网址：https://fr.wikipedia.org/wiki/Genève，了解", 0, 0,
         "url:https://fr.wikipedia.org/wiki/Genève[https://fr.wikipedia.org/wiki/Genève]");
  EXPECT("voir «http://itu.int/go/tsg17»", 0, 0,
         "url:http://itu.int/go/tsg17[http://itu.int/go/tsg17]");
  EXPECT("http://itu.int/a１２", 0, 0, "url:http://itu.int/a[http://itu.int/a]");
  EXPECT("Tel: +41 22 730 6206", 0, 0, "phone:+41227306206[+41 22 730 6206]");
  EXPECT("电话：+41 22 730 5780", 0, 0, "phone:+41227305780[+41 22 730 5780]");
}

/* A URL longer than a match's a holds (and an e-mail address) keeps its
 * whole value: match_value makes it from the text; a stays a prefix. */
Test(recognise, a_long_url_keeps_its_whole_value) {
  static const char *urls[] = {
      "https://www.itu.int/en/ITU-T/studygroups/2025-2028/17/Pages/meetings/2026-03-geneva/"
      "registration-and-documents.aspx",
      "www.itu.int/en/ITU-T/studygroups/2025-2028/17/Pages/meetings/2026-03-geneva/"
      "registration-and-documents-for-the-remote-participants.aspx",
      "itu.int/go/tsg17", /* short: as a holds it */
  };
  for (size_t u = 0; u < sizeof urls / sizeof *urls; u++) {
    char text[512];
    snprintf(text, sizeof text, "See %s now.", urls[u]);
    match m[4];
    size_t n = recognise(r, text, strlen(text), 0, 0, m, 4);
    cr_assert_eq(n, 1, "for %s", text);
    cr_assert_eq(m[0].kind, M_URL);
    cr_expect_eq(m[0].end - m[0].start, strlen(urls[u]));
    char want[512];
    snprintf(want, sizeof want, "%s%s", strncmp(urls[u], "https://", 8) ? "http://" : "", urls[u]);
    buf v = BUF_INIT;
    cr_expect_str_eq(match_value(&m[0], text, &v), want);
    /* a is the value's start, cut to fit */
    cr_expect(strncmp(want, m[0].a, strlen(m[0].a)) == 0 && strlen(m[0].a) < sizeof m[0].a);
    /* the same bytes elsewhere give the same value */
    char *copy = strdup(text);
    v.len = 0;
    cr_expect_str_eq(match_value(&m[0], copy, &v), want);
    free(copy);
    buf_free(&v);
  }
  /* a long IRI's a is cut at a character, never inside one: 16 bytes of
   * host, then two-byte letters: 94 bytes, not 95 (a holds 95) */
  char iri[256] = "see https://xyz.org/";
  for (int i = 0; i < 60; i++)
    strcat(iri, "é");
  match mi[4];
  cr_assert_eq(recognise(r, iri, strlen(iri), 0, 0, mi, 4), 1);
  cr_expect_eq(mi[0].end - mi[0].start, strlen(iri) - 4);
  cr_expect_eq(strlen(mi[0].a), 94, "cut inside a character: %s", mi[0].a);
  buf w = BUF_INIT;
  cr_expect_str_eq(match_value(&mi[0], iri, &w), iri + 4);
  buf_free(&w);
  char mail[256], local[120];
  memset(local, 'A', sizeof local - 1);
  local[sizeof local - 1] = '\0';
  snprintf(mail, sizeof mail, "Write to %s@Itu.Int today", local);
  match m[4];
  cr_assert_eq(recognise(r, mail, strlen(mail), 0, 0, m, 4), 1);
  buf v = BUF_INIT;
  const char *got = match_value(&m[0], mail, &v);
  cr_assert_eq(strlen(got), sizeof local - 1 + strlen("@itu.int"));
  cr_expect(strspn(got, "a") == sizeof local - 1 &&
            strcmp(got + sizeof local - 1, "@itu.int") == 0);
  /* a value the match holds whole is a's */
  cr_assert_eq(recognise(r, "on 3 May 2026", 13, 0, 0, m, 4), 1);
  v.len = 0;
  cr_expect_str_eq(match_value(&m[0], "on 3 May 2026", &v), "2026-05-03");
  buf_free(&v);
}

Test(recognise, document_references) {
  EXPECT("X.1234 (X.gcmms) – R92", 0, 0,
         "docref:recommendation:X.1234[X.1234] | docref:recommendation:X.gcmms[X.gcmms]");
  EXPECT("Draft new Recommendation ITU-T Q.SCC “Signalling”", 0, 0,
         "docref:recommendation:Q.SCC[ITU-T Q.SCC]");
  EXPECT("ITU-T Q.VNFT-req and A.8 and Amendment to X.1246", 0, 0,
         "docref:recommendation:Q.VNFT-req[ITU-T Q.VNFT-req] | docref:recommendation:A.8[A.8] | "
         "docref:recommendation:X.1246[X.1246]");
  EXPECT("As outlined in TSB Circular 68, see TD3779 and TD3658R1", 0, 0,
         "docref:td:TD3779[TD3779] | docref:td:TD3658R1[TD3658R1]");
  EXPECT("can be found in SG11-TD53/WP1.", 0, 0, "docref:td:SG11-TD53/WP1[SG11-TD53/WP1]");
  EXPECT("[Resolution 1 / Recommendation ITU-T A.8]", 0, 0,
         "docref:recommendation:A.8[ITU-T A.8]");
  /* references named in words are the catalogue's (test_catalog) */
  EXPECT("TSB Collective letter 12/17", 0, 0, "");
  /* not references: an abbreviation, a single letter */
  EXPECT("e.g. the U.S. delegation", 0, 0, "");
}

Test(recognise, chinese_times_with_minutes) {
  EXPECT("会议于9时30分开始", 0, 0, "time:09:30[9时30分]");
  EXPECT("14时 – 16时", 0, 0, "timerange:14:00:16:00[14时 – 16时]");
  EXPECT("8时30分至12时", 0, 0, "timerange:08:30:12:00[8时30分至12时]");
}

/* A phone number's "(0)" after the country code is dialled at home only:
 * no digit of the international number (it made +410227305866, and two
 * versions writing the number each way differed). */
Test(recognise, a_trunk_prefix_in_brackets_is_no_digit) {
  EXPECT("+41 (0)22 730 5866", 0, 0, "phone:+41227305866[+41 (0)22 730 5866]");
  EXPECT("+44 (0) 20 7946 0018", 0, 0, "phone:+442079460018[+44 (0) 20 7946 0018]");
  EXPECT("+41 22 730 5866", 0, 0, "phone:+41227305866[+41 22 730 5866]");
  EXPECT("+1 (202) 555 0100", 0, 0, "phone:+12025550100[+1 (202) 555 0100]");
}

/* Chinese puts the twelve-hour clock's marker (ICU's zh AmPmMarkers,
 * 上午 and 下午) before the hour: 下午2时 is 14:00, not 02:00. */
Test(recognise, chinese_day_periods) {
  EXPECT("下午2时", 0, 0, "time:14:00[下午2时]");
  EXPECT("会议将于下午3时30分开始。", 0, 0, "time:15:30[下午3时30分]");
  EXPECT("下午2时至4时", 0, 0, "timerange:14:00:16:00[下午2时至4时]");
  EXPECT("上午9时", 0, 0, "time:09:00[上午9时]");
  EXPECT("14时", 0, 0, "time:14:00[14时]");
  EXPECT("2026年5月5日下午2时", 0, 0, "date:2026-05-05[2026年5月5日] | time:14:00[下午2时]");
  /* hours already on the 24-hour clock (a Chinese tender in the corpus) */
  EXPECT("每天上午00：00至12:00，下午12:00至23:59", 0, 0,
         "timerange:00:00:12:00[上午00：00至12:00] | timerange:12:00:23:59[下午12:00至23:59]");
  EXPECT("下午17时前", 0, 0, "time:17:00[下午17时]");
  /* CLDR's other zh day periods: the hour of the twelve-hour clock in their span */
  EXPECT("晚上7时", 0, 0, "time:19:00[晚上7时]");
  EXPECT("晚上7时至9时", 0, 0, "timerange:19:00:21:00[晚上7时至9时]");
  EXPECT("中午12时", 0, 0, "time:12:00[中午12时]");
  EXPECT("中午1时", 0, 0, "time:13:00[中午1时]");
  EXPECT("凌晨2时", 0, 0, "time:02:00[凌晨2时]");
  EXPECT("凌晨12时", 0, 0, "time:00:00[凌晨12时]"); /* twelve at night is the day's first hour */
  EXPECT("早上7时30分", 0, 0, "time:07:30[早上7时30分]");
  EXPECT("晚上20:00", 0, 0, "time:20:00[晚上20:00]");
}

/* French writes an hour alone ("à 9 h", "dès 10 heures"): a time after a
 * word that introduces one, or in a range; "de 3 h" alone is a duration. */
Test(recognise, french_hours_alone) {
  EXPECT("la séance commencera à 9 h le 3 mars", 2026, 1,
         "time:09:00[9 h] | date:2026-03-03[3 mars]");
  EXPECT("à 14 heures 30", 0, 0, "time:14:30[14 heures 30]");
  EXPECT("dès 8 heures", 0, 0, "time:08:00[8 heures]");
  EXPECT("vers 18 h.", 0, 0, "time:18:00[18 h]");
  EXPECT("de 9 h à 12 h 30", 0, 0, "timerange:09:00:12:30[9 h à 12 h 30]");
  EXPECT("entre 9 h et 11 h", 0, 0, "timerange:09:00:11:00[9 h et 11 h]");
  EXPECT("une durée de 3 h environ", 0, 0, "");
  EXPECT("pendant 3 h", 0, 0, "");
  EXPECT("à 25 h", 0, 0, "");
  EXPECT("for 3 hours", 0, 0, "");
}

/* Noon is a time by its name (CLDR's day period "at 12:00"), alone or
 * after 12; midnight is not read (a deadline's midnight is its day's end). */
Test(recognise, noon_by_its_name) {
  EXPECT("from 9 a.m. to noon", 0, 0, "timerange:09:00:12:00[9 a.m. to noon]");
  EXPECT("12 noon to 2 p.m.", 0, 0, "timerange:12:00:14:00[12 noon to 2 p.m.]");
  EXPECT("at 12.00 noon", 0, 0, "time:12:00[12.00 noon]");
  EXPECT("le lundi 2 mars 2026 à midi", 0, 0,
         "date:2026-03-02[lundi 2 mars 2026] | time:12:00[midi]");
  EXPECT("à 12:00 midi", 0, 0, "time:12:00[12:00 midi]");
  EXPECT("l'après-midi du 3 mars", 2026, 1, "date:2026-03-03[3 mars]");
  EXPECT("Midi-Pyrénées", 0, 0, "");
  EXPECT("at midnight on 15 March 2026", 0, 0, "date:2026-03-15[15 March 2026]");
}

/* The twelve-hour clock, alone and in ranges (the meridiem at the end
 * only, too); "of" between an ordinal day and its month. */
Test(recognise, twelve_hour_times_and_ordinal_days) {
  EXPECT("at 9 a.m. sharp", 0, 0, "time:09:00[9 a.m.]");
  EXPECT("2.30 p.m.", 0, 0, "time:14:30[2.30 p.m.]");
  EXPECT("10:15 am", 0, 0, "time:10:15[10:15 am]");
  EXPECT("12 p.m. and 12 a.m.", 0, 0, "time:12:00[12 p.m.] | time:00:00[12 a.m.]");
  EXPECT("9-11 a.m.", 0, 0, "timerange:09:00:11:00[9-11 a.m.]");
  EXPECT("9 a.m. – 12.30 p.m.", 0, 0, "timerange:09:00:12:30[9 a.m. – 12.30 p.m.]");
  EXPECT("from 9 am to 5 pm", 0, 0, "timerange:09:00:17:00[9 am to 5 pm]");
  EXPECT("13 p.m.", 0, 0, "");
  EXPECT("1.5 million", 0, 0, "");
  EXPECT("a.m. radio", 0, 0, "");
  EXPECT("the 3rd of March 2026", 0, 0, "date:2026-03-03[3rd of March 2026]");
  EXPECT("Annex 3 of March", 0, 0, "");
}

/* Dates in digits: ISO 8601 and dotted day.month.year; neither a piece of
 * a longer number nor a slashed date, whose order is the writer's habit. */
Test(recognise, dates_in_digits) {
  EXPECT("Geneva, 2026-03-03", 0, 0, "date:2026-03-03[2026-03-03]");
  EXPECT("Genève, le 03.03.2026.", 0, 0, "date:2026-03-03[03.03.2026]");
  EXPECT("by 1.7.2026", 0, 0, "date:2026-07-01[1.7.2026]");
  EXPECT("version 1.2.3.2020", 0, 0, "");
  EXPECT("4.03.03.2026", 0, 0, "");
  EXPECT("2026-03-03-01", 0, 0, "");
  EXPECT("2026-3-3", 0, 0, "");
  EXPECT("2026-02-30 and 31.04.2026", 0, 0, "");
  EXPECT("03/04/2026", 0, 0, "");
  EXPECT("12.2026", 0, 0, "");
  EXPECT("2026 - 03 - 03", 0, 0, "");
}

Test(recognise, malformed_dates) {
  EXPECT("31 February 2021", 0, 0, "");
  EXPECT("29 February 2021", 0, 0, "");
  EXPECT("29 February 2020", 0, 0, "date:2020-02-29[29 February 2020]");
  EXPECT("3 September – 24 August 2021", 0, 0,
         "date:2021-09-03[3 September] | date:2021-08-24[24 August 2021]");
  EXPECT("2021年2月30日", 0, 0, "");
  EXPECT("32 May 2021", 0, 0, "");
  cr_expect(date_valid(2024, 2, 29));
  cr_expect(!date_valid(2100, 2, 29));
}

/* ---- long texts: every step is linear in them --------------------------------------------- */

#define MANY 20000

/* unit n times, then post: a new string. */
static char *times(const char *unit, size_t n, const char *post) {
  size_t u = strlen(unit), p = strlen(post);
  char *s = malloc(u * n + p + 1), *w = s;
  for (size_t i = 0; i < n; i++, w += u)
    memcpy(w, unit, u);
  memcpy(w, post, p + 1);
  return s;
}

/* The matches of a long text, into a new array (*n of them). */
static match *all(const char *text, int year, int month, size_t *n) {
  size_t max = strlen(text) / 2 + 16;
  match *m = malloc(max * sizeof *m);
  *n = recognise(r, text, strlen(text), year, month, m, max);
  return m;
}

Test(recognise, many_addresses) {
  /* e-mails and URLs: each e-mail held in a URL dropped (the two lists
   * walked together, not each against each) */
  char *s = times("tsbsg17@itu.int, http://x.org/a@b.cc ", MANY, "end");
  size_t n;
  match *m = all(s, 0, 0, &n);
  cr_assert_eq(n, 2 * MANY);
  for (size_t i = 0; i < n; i++) {
    cr_expect_eq(m[i].kind, i % 2 ? M_URL : M_EMAIL, "match %zu", i);
    cr_expect_str_eq(m[i].a, i % 2 ? "http://x.org/a@b.cc" : "tsbsg17@itu.int");
  }
  free(m);
  free(s);
  s = times("+41 22 730 5866; ", MANY, "");
  m = all(s, 0, 0, &n);
  cr_expect_eq(n, MANY);
  cr_expect_str_eq(m[MANY - 1].a, "+41227305866");
  free(m);
  free(s);
}

Test(recognise, many_dates_without_a_year) {
  /* each takes its year from the first full date after it (found in one
   * pass from the end, not by looking ahead from each) */
  char *s = times("3 May, ", MANY, "28 December, 2 January 2022, 5 June");
  size_t n;
  match *m = all(s, 2020, 6, &n);
  cr_assert_eq(n, MANY + 3);
  cr_expect_str_eq(m[0].a, "2022-05-03");
  cr_expect_str_eq(m[MANY - 1].a, "2022-05-03");
  cr_expect_str_eq(m[MANY].a, "2021-12-28"); /* across the new year */
  cr_expect_str_eq(m[MANY + 1].a, "2022-01-02");
  cr_expect_str_eq(m[MANY + 2].a, "2020-06-05"); /* none after it: the letter's year */
  free(m);
  free(s);
  /* a year-1 date across a new year would make it year 0: the next one */
  m = all("12月1日，0001年1月5日，2021年1月5日", 2020, 12, &n);
  cr_assert_eq(n, 3);
  cr_expect_str_eq(m[0].a, "2020-12-01");
  free(m);
}

Test(recognise, a_long_reference_that_runs_into_a_url) {
  /* "X.1X.1…" goes on as one identifier to the URL it touches, which
   * takes it: from every X again (each walk was the rest of the chain) */
  char *s = times("X.1", MANY, "http://ab.cd x X.1 Y.22-b");
  size_t n;
  match *m = all(s, 0, 0, &n);
  cr_assert_eq(n, 3);
  cr_expect_eq(m[0].kind, M_URL);
  cr_expect_str_eq(m[1].b, "X.1");
  cr_expect_str_eq(m[2].b, "Y.22-b");
  free(m);
  free(s);
  s = times("X.1", MANY, " end");
  m = all(s, 0, 0, &n);
  cr_assert_eq(n, 1);
  cr_expect_eq(m[0].end, 3 * MANY);
  free(m);
  free(s);
}

/* ---- month and weekday names from ICU's data (calnames.h) ------------------------- */

#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "calnames.h"

/* What cal_names reads is what a date format's symbols are, for the
 * locales colette reads and for others whose data inherit or alias theirs
 * (en_GB, fr_CA and pt_BR fall back; sr_Latn and zh_Hant are other scripts). */
Test(recognise, calendar_names_are_the_date_format_symbols) {
  static const char *const locales[] = {"en", "fr", "es", "zh", "de", "ja", "ar", "ru",
                                        "en_GB", "fr_CA", "pt_BR", "sr_Latn", "zh_Hant", "root"};
  static const struct {
    cal_names_kind k;
    UDateFormatSymbolType t;
    int32_t n, skip; /* udat's weekdays have an empty first */
  } kinds[] = {{CAL_MONTHS, UDAT_MONTHS, 12, 0},
               {CAL_SHORT_MONTHS, UDAT_SHORT_MONTHS, 12, 0},
               {CAL_WEEKDAYS, UDAT_WEEKDAYS, 7, 1},
               {CAL_SHORT_WEEKDAYS, UDAT_SHORT_WEEKDAYS, 7, 1},
               {CAL_AMPM, UDAT_AM_PMS, 2, 0}};
  for (size_t l = 0; l < sizeof locales / sizeof *locales; l++) {
    cal_locale *c = cal_locale_open(locales[l]);
    cr_assert_not_null(c, "%s", locales[l]);
    UErrorCode e = U_ZERO_ERROR;
    char loc[64];
    snprintf(loc, sizeof loc, "%s@calendar=gregorian", locales[l]);
    UDateFormat *f = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, loc, NULL, 0, NULL, 0, &e);
    cr_assert(U_SUCCESS(e), "%s", locales[l]);
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
      cr_assert_eq(cal_names(c, kinds[k].k), kinds[k].n, "%s %zu", locales[l], k);
      for (int32_t i = 0; i < kinds[k].n; i++) {
        UChar a[64], b[64];
        int32_t na = cal_name(c, kinds[k].k, i, a, 64);
        e = U_ZERO_ERROR;
        int32_t nb = udat_getSymbols(f, kinds[k].t, i + kinds[k].skip, b, 64, &e);
        cr_assert(U_SUCCESS(e) && na > 0);
        char sa[192], sb[192];
        u_strToUTF8(sa, sizeof sa, NULL, a, na, &e);
        u_strToUTF8(sb, sizeof sb, NULL, b, nb, &e);
        cr_expect_str_eq(sa, sb, "%s: kind %zu, name %d", locales[l], k, (int)i);
      }
    }
    UChar small[2];
    cr_expect_eq(cal_name(c, CAL_MONTHS, 0, small, 2), -1, "a name longer than the room");
    cr_expect_eq(cal_name(c, CAL_MONTHS, 12, small, 2), -1, "past the last month");
    cr_expect_eq(cal_name(c, CAL_WEEKDAYS, -1, small, 2), -1);
    udat_close(f);
    cal_locale_close(c);
  }
  cr_expect_eq(cal_names(NULL, CAL_MONTHS), 0);
  cal_locale_close(NULL);
}

/* The long date pattern read from the data is a long date format's pattern. */
Test(recognise, the_long_date_pattern_is_the_date_formats) {
  static const char *const locales[] = {"zh", "en", "fr", "ja", "de", "zh_Hant", "en_GB", "root"};
  for (size_t l = 0; l < sizeof locales / sizeof *locales; l++) {
    UChar a[128], b[128];
    int32_t na = cal_long_date_pattern(locales[l], a, 128);
    UErrorCode e = U_ZERO_ERROR;
    char loc[64];
    snprintf(loc, sizeof loc, "%s@calendar=gregorian", locales[l]);
    UDateFormat *f = udat_open(UDAT_NONE, UDAT_LONG, loc, NULL, 0, NULL, 0, &e);
    int32_t nb = udat_toPattern(f, false, b, 128, &e);
    udat_close(f);
    cr_assert(U_SUCCESS(e) && na > 0, "%s", locales[l]);
    char sa[384], sb[384];
    u_strToUTF8(sa, sizeof sa, NULL, a, na, &e);
    u_strToUTF8(sb, sizeof sb, NULL, b, nb, &e);
    cr_expect_str_eq(sa, sb, "%s", locales[l]);
  }
  UChar small[3];
  cr_expect_eq(cal_long_date_pattern("zh", small, 3), -1, "a pattern longer than the room");
}

/* The day periods read from the data are the ones a date format names:
 * at each hour, the period "at" it (noon) or else the first holding it is
 * what pattern BBBB (the flexible day period, wide) formats.  (ICU uses no
 * "midnight" there; the pattern has no minutes, so hours are sampled.) */
Test(recognise, day_periods_are_the_date_formats) {
  static const char *const locales[] = {"en", "zh", "de"};
  for (size_t l = 0; l < sizeof locales / sizeof *locales; l++) {
    cal_day_period p[32];
    int32_t n = cal_day_periods(locales[l], p, 32);
    cr_assert_gt(n, 3, "%s", locales[l]);
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, locales[l], u"UTC", -1, u"BBBB", -1, &e);
    cr_assert(U_SUCCESS(e), "%s: %s", locales[l], u_errorName(e));
    for (int m = 0; m < 24 * 60; m += 60) {
      UChar want[64];
      e = U_ZERO_ERROR;
      udat_format(f, (UDate)m * 60000.0, want, 64, NULL, &e);
      const UChar *got = NULL;
      for (int32_t i = 0; i < n && !got; i++)
        if (p[i].from == p[i].before && p[i].from == m && m) got = p[i].name;
      for (int32_t i = 0; i < n && !got; i++) {
        bool in = p[i].from < p[i].before ? m >= p[i].from && m < p[i].before
                                          : m >= p[i].from || m < p[i].before;
        if (p[i].from != p[i].before && in) got = p[i].name;
      }
      char a[128] = "", b[128] = "";
      u_strToUTF8(a, sizeof a, NULL, want, -1, &e);
      if (got) u_strToUTF8(b, sizeof b, NULL, got, -1, &e);
      cr_expect_str_eq(b, a, "%s at %02d:%02d", locales[l], m / 60, m % 60);
    }
    udat_close(f);
  }
  cal_day_period p[32];
  int32_t n = cal_day_periods("en", p, 32);
  bool noon = false;
  for (int32_t i = 0; i < n; i++) {
    char s[64];
    UErrorCode e = U_ZERO_ERROR;
    u_strToUTF8(s, sizeof s, NULL, p[i].name, -1, &e);
    noon = noon || (strcmp(s, "noon") == 0 && p[i].from == 720 && p[i].before == 720);
  }
  cr_expect(noon, "en: noon at 12:00");
  cr_expect_leq(cal_day_periods("zh", p, 2), 2, "no more than the room");
  cr_expect_eq(cal_day_periods("zh", p, 0), 0);
}

/* A name folded for matching: lower case, no trailing full stop, UTF-8;
 * one that does not fit (its NUL included) is refused, not cut. */
Test(recognise, a_calendar_name_folded_for_matching) {
  cal_locale *fr = cal_locale_open("fr");
  cr_assert_not_null(fr);
  char s[32];
  cr_expect_eq(cal_name_folded(fr, CAL_SHORT_MONTHS, 0, s, sizeof s), 5, "janv. as ICU has it");
  cr_expect_str_eq(s, "janv");
  cr_expect_gt(cal_name_folded(fr, CAL_MONTHS, 1, s, sizeof s), 0);
  cr_expect_str_eq(s, "février");
  cr_expect_eq(cal_name_folded(fr, CAL_MONTHS, 1, s, 8), -1, "février is 8 bytes and its NUL");
  cr_expect_str_eq(s, "");
  cr_expect_gt(cal_name_folded(fr, CAL_MONTHS, 1, s, 9), 0);
  cr_expect_eq(cal_name_folded(fr, CAL_MONTHS, 12, s, sizeof s), -1);
  cal_locale_close(fr);
  cal_locale *en = cal_locale_open("en");
  cr_assert_not_null(en);
  cr_expect_gt(cal_name_folded(en, CAL_WEEKDAYS, 0, s, sizeof s), 0);
  cr_expect_str_eq(s, "sunday");
  cal_locale_close(en);
}
