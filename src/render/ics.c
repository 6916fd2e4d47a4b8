/*
 * ics.c: the letter's dates as an iCalendar file (RFC 5545): the meeting
 * as an all-day event, and each deadline as one, in the letter's language
 * (the target's when it was translated); a letter with neither is a
 * journal entry on its date, since a calendar holds one component at least.
 *
 * The output depends on the letter alone, so that rendering twice gives
 * the same bytes and a calendar that imports a letter again updates its
 * events instead of doubling them: DTSTAMP is the letter's date, not the
 * time of rendering, and each UID is made of the letter's reference and
 * date and the event's kind and date (the same in every language).
 */
#include "data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "../letter/catalog.h"
#include "render.h"

void ics_text(buf *out, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *rep;
    if (c == '\\')
      rep = "\\\\";
    else if (c == ';')
      rep = "\\;";
    else if (c == ',')
      rep = "\\,";
    else if (c == '\n')
      rep = "\\n";
    else if ((c < 0x20 && c != '\t') || c == 0x7F)
      rep = "";
    else
      continue;
    buf_append(out, s + start, i - start);
    buf_puts(out, rep);
    start = i + 1;
  }
  buf_append(out, s + start, n - start);
}

void ics_fold(buf *out, const char *line, size_t n) {
  size_t pos = 0, limit = 75; /* the first line's octets; then 74 after the space */
  while (n - pos > limit) {
    size_t cut = pos + limit;
    while (cut > pos && ((unsigned char)line[cut] & 0xC0) == 0x80)
      cut--;                           /* back to the first byte of the character it would cut */
    if (cut == pos) cut = pos + limit; /* no character start: not UTF-8, cut anyway */
    buf_append(out, line + pos, cut - pos);
    buf_puts(out, "\r\n ");
    pos = cut;
    limit = 74;
  }
  buf_append(out, line + pos, n - pos);
  buf_puts(out, "\r\n");
}

typedef struct ics {
  render *r;
  buf *out;
  buf line;
  char uid[96];   /* the letter's part of every UID */
  char stamp[17]; /* DTSTAMP: YYYYMMDDTHHMMSSZ */
  size_t events;  /* VEVENTs written */
} ics;

/* A property whose value is written as is (dates, keywords). */
static void raw(ics *c, const char *name, const char *value) {
  buf_clear(&c->line);
  buf_puts(&c->line, name);
  buf_putc(&c->line, ':');
  buf_puts(&c->line, value);
  ics_fold(c->out, c->line.data, c->line.len);
}

/* A language tag fit for a LANGUAGE parameter (letters, digits, '-'). */
static bool plain_tag(const char *t) {
  if (!t || !*t) return false;
  for (; *t; t++)
    if (!((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9') ||
          *t == '-'))
      return false;
  return true;
}

/* A TEXT property in language lang (NULL: no LANGUAGE parameter). */
static void text(ics *c, const char *name, const char *lang, const char *s, size_t n) {
  buf_clear(&c->line);
  buf_puts(&c->line, name);
  if (plain_tag(lang)) {
    buf_puts(&c->line, ";LANGUAGE=");
    buf_puts(&c->line, lang);
  }
  buf_putc(&c->line, ':');
  ics_text(&c->line, s, n);
  ics_fold(c->out, c->line.data ? c->line.data : "", c->line.len);
}

/* ISO YYYY-MM-DD into YYYYMMDD; false when it is none. */
static bool basic_date(const char *iso, char out[9]) {
  unsigned y, m, d;
  if (!iso || strlen(iso) != 10 || sscanf(iso, "%4u-%2u-%2u", &y, &m, &d) != 3 || y > 9999 ||
      m < 1 || m > 12 || d < 1 || d > 31)
    return false;
  snprintf(out, 9, "%04u%02u%02u", y, m, d);
  return true;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* The day after an ISO date, as YYYYMMDD: an all-day event's DTEND, which
 * RFC 5545 makes exclusive. */
static bool day_after(const char *iso, char out[9]) {
  static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  unsigned y, m, d;
  if (!iso || strlen(iso) != 10 || sscanf(iso, "%4u-%2u-%2u", &y, &m, &d) != 3 || y > 9998 ||
      m < 1 || m > 12 || d < 1 || d > 31)
    return false;
  unsigned last = (unsigned)DAYS[m - 1] + (m == 2 && leap((int)y));
  if (++d > last) {
    d = 1;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  snprintf(out, 9, "%04u%02u%02u", y % 10000, m % 100, d % 100);
  return true;
}

/* DTSTAMP from the letter: its date, else the document's last modification
 * or creation (docProps), else the epoch; never the clock. */
static void stamp(ics *c) {
  const colette_node *date = colette_letter_find(c->r->l, COLETTE_NODE_DATE);
  char d[9];
  if (date && basic_date(colette_node_attr(date, COLETTE_ATTR_WHEN), d)) {
    snprintf(c->stamp, sizeof c->stamp, "%sT000000Z", d);
    return;
  }
  snprintf(c->stamp, sizeof c->stamp, "19700101T000000Z");
  const colette_node *md = colette_letter_find(c->r->l, COLETTE_NODE_METADATA);
  const char *best = NULL;
  for (const colette_node *p = md ? colette_node_first_child(md) : NULL; p;
       p = colette_node_next(p)) {
    const char *name = colette_node_attr(p, COLETTE_ATTR_NAME);
    if (!name || (strcmp(name, "modified") != 0 && strcmp(name, "created") != 0)) continue;
    if (best && strcmp(name, "created") == 0) continue; /* modified first */
    best = name;
    char *v = colette_node_text(p);
    int y, mo, da, h = 0, mi = 0, s = 0;
    if (v && sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &da, &h, &mi, &s) >= 3 && y > 0 &&
        y < 10000 && mo >= 1 && mo <= 12 && da >= 1 && da <= 31 && h >= 0 && h < 24 && mi >= 0 &&
        mi < 60 && s >= 0 && s < 61)
      snprintf(c->stamp, sizeof c->stamp, "%04d%02d%02dT%02d%02d%02dZ", y, mo, da, h, mi, s);
    colette_free(v);
  }
}

/* The letter's part of the UIDs: "cl9-17-20200608" from its collective
 * letter reference and its date ("circular245-20260303" from a circular's);
 * the date alone; else the meeting's group ("wp1-11"); else "letter". */
static void uid_base(ics *c) {
  const colette_node *head = colette_letter_find(c->r->l, COLETTE_NODE_HEAD);
  const char *num = NULL, *grp = NULL, *circ = NULL;
  for (const colette_node *n = head ? colette_node_first_child(head) : NULL; n;
       n = colette_node_next(n)) {
    const char *type = colette_node_attr(n, COLETTE_ATTR_TYPE);
    if (colette_node_get_type(n) != COLETTE_NODE_REF || !type) continue;
    if (strcmp(type, "collective-letter") == 0) {
      num = colette_node_attr(n, COLETTE_ATTR_NUMBER);
      grp = colette_node_attr(n, COLETTE_ATTR_GROUP);
    } else if (strcmp(type, "circular") == 0) {
      circ = colette_node_attr(n, COLETTE_ATTR_NUMBER);
    }
  }
  const colette_node *date = colette_letter_find(c->r->l, COLETTE_NODE_DATE);
  char d[9] = "";
  if (date) basic_date(colette_node_attr(date, COLETTE_ATTR_WHEN), d);
  const colette_node *m = colette_letter_find(c->r->l, COLETTE_NODE_MEETING);
  const char *g = m ? colette_node_attr(m, COLETTE_ATTR_GROUP) : NULL;
  if (num && grp) {
    snprintf(c->uid, sizeof c->uid, "cl%.20s-%.20s%s%s", num, grp, *d ? "-" : "", d);
  } else if (circ) {
    snprintf(c->uid, sizeof c->uid, "circular%.20s%s%s", circ, *d ? "-" : "", d);
  } else if (*d) {
    snprintf(c->uid, sizeof c->uid, "%s", d);
  } else if (g && *g) { /* "wp1-11": the group the meeting is of */
    size_t k = 0;
    for (; *g && k + 1 < 40; g++)
      c->uid[k++] = (*g >= 'A' && *g <= 'Z') ? (char)(*g - 'A' + 'a')
                    : ((*g >= 'a' && *g <= 'z') || (*g >= '0' && *g <= '9')) ? *g
                                                                             : '-';
    c->uid[k] = '\0';
  } else {
    snprintf(c->uid, sizeof c->uid, "letter");
  }
}

/* A UID: the letter's part, the event's kind and date, and n > 1 for the
 * n-th event of the same kind and date. */
static void uid(ics *c, const char *kind, const char *day, int n) {
  char v[256], k[48];
  size_t j = 0;
  for (const char *s = kind; *s && j + 1 < sizeof k; s++) /* keys are a-z and '-' already */
    k[j++] = ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) ? *s : '-';
  k[j] = '\0';
  if (n > 1)
    snprintf(v, sizeof v, "%s-%s-%s-%d@colette", c->uid, k, day, n);
  else
    snprintf(v, sizeof v, "%s-%s-%s@colette", c->uid, k, day);
  raw(c, "UID", v);
}

/* The canonical form of a catalogue entry without parameters in the
 * document's language, into out; false when there is none. */
static bool word(ics *c, const char *key, buf *out) {
  return render_words(c->r, key, c->r->lang, NULL, out);
}

/* Where the meeting is held: the catalogue's name of its place in the
 * document's language (else the head's place of that key, else the key);
 * for a virtual meeting, the language's word for virtual. */
static void location(ics *c, const colette_node *m) {
  const char *mode = colette_node_attr(m, COLETTE_ATTR_MODE);
  const char *place = colette_node_attr(m, COLETTE_ATTR_PLACE);
  buf v = BUF_INIT;
  char key[128];
  if (place && *place) {
    snprintf(key, sizeof key, "place.%s", place);
    if (!word(c, key, &v)) {
      const colette_node *hp = colette_letter_find(c->r->l, COLETTE_NODE_PLACE);
      const char *hk = hp ? colette_node_attr(hp, COLETTE_ATTR_KEY) : NULL;
      if (hk && strcmp(hk, place) == 0) data_line(hp, &v);
      if (!v.len) buf_puts(&v, place);
    }
  } else if (mode && strcmp(mode, "physical") != 0) {
    snprintf(key, sizeof key, "mode.%s", mode);
    if (!word(c, key, &v)) buf_puts(&v, mode);
  }
  if (v.len) text(c, "LOCATION", c->r->lang, v.data, v.len);
  buf_free(&v);
}

/* The meeting: from its first day to the day after its last. */
static void meeting(ics *c, const colette_node *m, const colette_node *subject,
                    const colette_node *ref) {
  const char *start = colette_node_attr(m, COLETTE_ATTR_START);
  const char *end = colette_node_attr(m, COLETTE_ATTR_END);
  char ds[9], de[9];
  if (!basic_date(start, ds) || !day_after(end ? end : start, de)) return;
  raw(c, "BEGIN", "VEVENT");
  c->events++;
  uid(c, "meeting", ds, 1);
  raw(c, "DTSTAMP", c->stamp);
  raw(c, "DTSTART;VALUE=DATE", ds);
  raw(c, "DTEND;VALUE=DATE", de);
  buf s = BUF_INIT;
  if (subject) data_line(subject, &s);
  if (s.len) {
    text(c, "SUMMARY", render_lang(c->r, subject), s.data, s.len);
  } else { /* no subject: the group's name */
    const char *g = colette_node_attr(m, COLETTE_ATTR_GROUP);
    text(c, "SUMMARY", NULL, g ? g : "meeting", strlen(g ? g : "meeting"));
  }
  location(c, m);
  buf_clear(&s);
  if (ref) data_line(ref, &s);
  if (s.len) text(c, "DESCRIPTION", render_lang(c->r, ref), s.data, s.len);
  raw(c, "END", "VEVENT");
  buf_free(&s);
}

/* A deadline: its day, its action as summary, the subject as description. */
static void deadline(ics *c, const colette_node *d, int nth, const colette_node *subject) {
  const char *when = colette_node_attr(d, COLETTE_ATTR_WHEN);
  const char *kind = colette_node_attr(d, COLETTE_ATTR_KIND);
  char ds[9], de[9];
  if (!basic_date(when, ds) || !day_after(when, de)) return;
  raw(c, "BEGIN", "VEVENT");
  c->events++;
  uid(c, kind ? kind : "deadline", ds, nth);
  raw(c, "DTSTAMP", c->stamp);
  raw(c, "DTSTART;VALUE=DATE", ds);
  raw(c, "DTEND;VALUE=DATE", de);
  buf s = BUF_INIT;
  data_action(d, &s);
  if (!s.len) buf_puts(&s, kind ? kind : "deadline");
  text(c, "SUMMARY", render_lang(c->r, d), s.data, s.len);
  buf_clear(&s);
  if (subject) data_line(subject, &s);
  if (s.len) text(c, "DESCRIPTION", render_lang(c->r, subject), s.data, s.len);
  raw(c, "TRANSP", "TRANSPARENT"); /* a deadline takes no time */
  raw(c, "END", "VEVENT");
  buf_free(&s);
}

/* A letter with no event to give: the letter itself as a journal entry
 * on its date (RFC 5545's VJOURNAL, "descriptive text associated with a
 * particular calendar date"), for a calendar holds one component at
 * least; its subject as summary, its reference as description. */
static void journal(ics *c, const colette_node *subject, const colette_node *ref) {
  const colette_node *date = colette_letter_find(c->r->l, COLETTE_NODE_DATE);
  char d[9];
  char v[128];
  snprintf(v, sizeof v, "%s-letter@colette", c->uid);
  raw(c, "BEGIN", "VJOURNAL");
  raw(c, "UID", v);
  raw(c, "DTSTAMP", c->stamp);
  if (date && basic_date(colette_node_attr(date, COLETTE_ATTR_WHEN), d))
    raw(c, "DTSTART;VALUE=DATE", d);
  buf s = BUF_INIT;
  if (subject) data_line(subject, &s);
  if (s.len) text(c, "SUMMARY", render_lang(c->r, subject), s.data, s.len);
  buf_clear(&s);
  if (ref) data_line(ref, &s);
  if (s.len) text(c, "DESCRIPTION", render_lang(c->r, ref), s.data, s.len);
  raw(c, "END", "VJOURNAL");
  buf_free(&s);
}

/* Deadlines in document order, each with its rank among those of its kind
 * and day (1 for the first): sorted by day, kind and order, ranked, and put
 * back in order. */
typedef struct dl_rank {
  const colette_node *d;
  const char *when, *kind;
  size_t order;
  int nth;
} dl_rank;

static int by_day_kind_order(const void *a, const void *b) {
  const dl_rank *x = a, *y = b;
  int c = strcmp(x->when ? x->when : "", y->when ? y->when : "");
  if (!c) c = (x->kind != NULL) - (y->kind != NULL);
  if (!c && x->kind) c = strcmp(x->kind, y->kind);
  return c ? c : (x->order > y->order) - (x->order < y->order);
}

static bool same_day_kind(const dl_rank *x, const dl_rank *y) {
  return x->when && y->when && strcmp(x->when, y->when) == 0 &&
         (x->kind && y->kind ? strcmp(x->kind, y->kind) == 0 : x->kind == y->kind);
}

colette_status render_ics(render *r, buf *out) {
  ics c;
  memset(&c, 0, sizeof c);
  c.r = r;
  c.out = out;
  c.line = (buf)BUF_INIT;
  stamp(&c);
  uid_base(&c);
  const colette_node *subject = colette_letter_find(r->l, COLETTE_NODE_SUBJECT);
  const colette_node *ref = NULL, *head = colette_letter_find(r->l, COLETTE_NODE_HEAD);
  for (const colette_node *n = head ? colette_node_first_child(head) : NULL; n && !ref;
       n = colette_node_next(n))
    if (colette_node_get_type(n) == COLETTE_NODE_REF && colette_node_attr(n, COLETTE_ATTR_NUMBER))
      ref = n;
  raw(&c, "BEGIN", "VCALENDAR");
  raw(&c, "VERSION", "2.0");
  raw(&c, "PRODID", "-//colette//colette-render " COLETTE_VERSION "//EN");
  raw(&c, "CALSCALE", "GREGORIAN");
  raw(&c, "METHOD", "PUBLISH");
  const colette_node *m = colette_letter_find(r->l, COLETTE_NODE_MEETING);
  if (m) meeting(&c, m, subject, ref);
  /* the deadlines of the body, in order; the n-th of a kind and day told apart */
  const colette_node *body = colette_letter_find(r->l, COLETTE_NODE_BODY);
  colette_iter *it = body ? colette_iter_new((colette_node *)body) : NULL;
  colette_status st = COLETTE_OK;
  if (body && !it) st = error_set(r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  dl_rank *dl = NULL;
  size_t ndl = 0, cap = 0;
  colette_event ev;
  while (it && st == COLETTE_OK && (ev = colette_iter_next(it)) != COLETTE_EVENT_DONE) {
    const colette_node *d = colette_iter_node(it);
    if (ev != COLETTE_EVENT_ENTER || colette_node_get_type(d) != COLETTE_NODE_DEADLINE) continue;
    if (ndl == cap) {
      size_t nc = cap ? 2 * cap : 16;
      dl_rank *more = realloc(dl, nc * sizeof *dl);
      if (!more) {
        st = error_set(r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
        break;
      }
      dl = more;
      cap = nc;
    }
    dl[ndl] = (dl_rank){d, colette_node_attr(d, COLETTE_ATTR_WHEN),
                        colette_node_attr(d, COLETTE_ATTR_KIND), ndl, 1};
    ndl++;
  }
  colette_iter_free(it);
  if (st == COLETTE_OK && ndl) {
    qsort(dl, ndl, sizeof *dl, by_day_kind_order);
    for (size_t i = 1; i < ndl; i++)
      if (same_day_kind(&dl[i - 1], &dl[i])) dl[i].nth = dl[i - 1].nth + 1;
    /* back to document order: `order` is a permutation of 0..ndl-1, so
     * each entry is swapped into its place, in linear time */
    for (size_t i = 0; i < ndl; i++)
      while (dl[i].order != i) {
        dl_rank t = dl[dl[i].order];
        dl[dl[i].order] = dl[i];
        dl[i] = t;
      }
    for (size_t i = 0; i < ndl; i++)
      deadline(&c, dl[i].d, dl[i].nth, subject);
  }
  free(dl);
  if (st == COLETTE_OK && c.events == 0) journal(&c, subject, ref);
  raw(&c, "END", "VCALENDAR");
  if (!buf_ok(&c.line) && st == COLETTE_OK)
    st = error_set(r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  buf_free(&c.line);
  return st;
}
