/*
 * head_values.c: what a head line after its label is (head_impl.h): a
 * contact's value (a list of values, a contact each), the person after
 * "Contact:", the letter's reference or a file's, the subject, a
 * labelled date; and a letterhead line of several organizations' names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "head_impl.h"

/* The bytes of a blank at s (n bytes), or 0: a space or a tab, and the
 * no-break spaces French typography puts before ; : ! ? (U+00A0, U+202F,
 * U+2009). */
static size_t blank_at(const char *s, size_t n) {
  if (n && is_space_byte(*s)) return 1;
  if (n >= 2 && memcmp(s, "\xC2\xA0", 2) == 0) return 2;
  if (n >= 3 && (memcmp(s, "\xE2\x80\xAF", 3) == 0 || memcmp(s, "\xE2\x80\x89", 3) == 0)) return 3;
  return 0;
}

/* s (*n bytes) without the blanks at either end. */
static const char *trim_blanks(const char *s, size_t *n) {
  for (size_t k; *n && (k = blank_at(s, *n)) > 0; s += k, *n -= k) {
  }
  for (bool cut = true; cut && *n;) {
    cut = false;
    for (size_t k = 1; k <= 3 && k <= *n && !cut; k++)
      if (blank_at(s + *n - k, k) == k) *n -= k, cut = true;
  }
  return s;
}

/* Does s (n bytes) only separate two values of a list: blanks around one
 * of ; , / | (full-width ；，、 too) or a conjunction ("or", "ou", "和",
 * "或")? */
static bool list_separator(const char *s, size_t n) {
  s = trim_blanks(s, &n);
  static const char *const SEPS[] = {";",
                                     ",",
                                     "/",
                                     "|",
                                     "or",
                                     "and",
                                     "ou",
                                     "et",
                                     "\xEF\xBC\x9B" /* ； */,
                                     "\xEF\xBC\x8C" /* ， */,
                                     "\xE3\x80\x81" /* 、 */,
                                     "\xE5\x92\x8C" /* 和 */,
                                     "\xE6\x88\x96" /* 或 */};
  for (size_t i = 0; i < sizeof SEPS / sizeof *SEPS; i++)
    if (strlen(SEPS[i]) == n && memcmp(s, SEPS[i], n) == 0) return true;
  return false;
}

#define LINE_VALUES 16

/* A value after a contact label: a contact if it holds a value of its kind
 * (or is the label's first value).  Several values of its kind in a list
 * ("jane.doe@itu.int; tsbsg17@itu.int") are a contact each, as on lines
 * of their own: each holds its value and what separates it from the
 * next; the label is the first's.  Values with other words between stay
 * one contact, the first its value. */
bool head_contact_line(head *h, hline *l, size_t from) {
  mapper *m = h->m;
  mkind want = h->cur == F_EMAIL ? M_EMAIL : h->cur == F_WEB ? M_URL : M_PHONE;
  /* the values' places, in the line (x is in m->m, which a note in the
   * line reuses: each value is set before the line's text is mapped) */
  size_t at[LINE_VALUES], nv = 0;
  const char *s = real(l);
  for (size_t k = 0; k < m->ct.nspans && nv < LINE_VALUES; k++) {
    const match *x = &m->ct.spans[k];
    if (x->kind != want || x->start < from - l->a) continue;
    if (nv && !list_separator(s + l->a + m->ct.spans[at[nv - 1]].end,
                              x->start - m->ct.spans[at[nv - 1]].end))
      break;
    at[nv++] = k;
  }
  if (!nv && !h->label_pending) return false;
  colette_node *n[LINE_VALUES];
  for (size_t j = 0; j < (nv ? nv : 1); j++) {
    n[j] = map_add(m, h->node, COLETTE_NODE_CONTACT);
    map_set(m, n[j], COLETTE_ATTR_TYPE,
            h->cur == F_TEL     ? "tel"
            : h->cur == F_FAX   ? "fax"
            : h->cur == F_EMAIL ? "email"
                                : "web");
    if (nv) map_set_value(m, n[j], &m->ct.spans[at[j]], m->ct.s);
    if (j == 0) head_set_label(h, n[j]);
  }
  size_t cut[LINE_VALUES + 1];
  cut[0] = from;
  for (size_t j = 1; j < nv; j++)
    cut[j] = l->a + m->ct.spans[at[j]].start;
  cut[nv ? nv : 1] = l->b;
  for (size_t j = 0; j < (nv ? nv : 1); j++) {
    size_t e = cut[j + 1];
    while (j + 1 < nv && e > cut[j] && is_space_byte(s[e - 1]))
      e--; /* the blank before the next value: between two contacts */
    map_inline(m, l->ln.pt, cut[j], e, n[j], true);
    const char *value = colette_node_attr(n[j], COLETTE_ATTR_VALUE);
    head_explain(h, l, colette_node_attr(n[j], COLETTE_ATTR_TYPE), value ? value : "(no value)",
                 NULL);
  }
  h->seen_fact = true;
  return true;
}

/* The line after "Contact:": the person's name, if it is the label's first
 * value and no sentence (short, no colon). */
bool head_person_line(head *h, hline *l, size_t from) {
  if (!h->label_pending || l->b - from > 100 || memchr(real(l) + from, ':', l->b - from))
    return false;
  mapper *m = h->m;
  colette_node *n = map_add(m, h->node, COLETTE_NODE_CONTACT);
  map_set(m, n, COLETTE_ATTR_TYPE, "person");
  head_set_label(h, n);
  map_inline(m, l->ln.pt, from, l->b, n, true);
  char v[64];
  snprintf(v, sizeof v, "%.*s", (int)(l->b - from < 60 ? l->b - from : 60), real(l) + from);
  head_explain(h, l, "person", v, NULL);
  h->seen_fact = true;
  return true;
}

/* After "Ref:": the letter's own reference (a collective letter, or a
 * circular: the genre's two series), else a file reference. */
bool head_ref_line(head *h, hline *l, size_t from) {
  mapper *m = h->m;
  cat_match cm;
  bool cl = false;
  if (!h->have_cl) {
    size_t at = 0;
    while (at < m->ct.tok.n && m->ct.tok.v[at].start < from - l->a)
      at++;
    cl = cat_match_best(m->cat, CAT_DOCREF, CAT_ANYWHERE, &m->ct, at, &cm) &&
         (strcmp(cat_entry_type(cm.entry), "collective-letter") == 0 ||
          strcmp(cat_entry_type(cm.entry), "circular") == 0);
  }
  if (!cl) {
    /* a file reference is short and no sentence */
    if (l->b - from > 40 || memchr(real(l) + from, ':', l->b - from)) return false;
  }
  colette_node *n = map_add(m, h->node, COLETTE_NODE_REF);
  map_set(m, n, COLETTE_ATTR_TYPE, cl ? cat_entry_type(cm.entry) : "file");
  if (cl) {
    for (size_t p = 0; p < cat_entry_params(cm.entry); p++) {
      const char *name = cat_entry_param_name(cm.entry, p);
      if (strcmp(name, "number") == 0) map_set(m, n, COLETTE_ATTR_NUMBER, cm.args[p].value);
      if (strcmp(name, "group") == 0) map_set(m, n, COLETTE_ATTR_GROUP, cm.args[p].value);
    }
    map_formula(m, n, &cm);
    h->have_cl = true;
  }
  head_set_label(h, n);
  if (!cl) {
    char v[64];
    snprintf(v, sizeof v, "%.*s", (int)(l->b - from < 60 ? l->b - from : 60), real(l) + from);
    head_explain(h, l, "file-ref", v, NULL);
  } else {
    head_explain(h, l, cat_entry_type(cm.entry), cm.value, &cm);
  }
  map_inline(m, l->ln.pt, from, l->b, n, true);
  h->seen_fact = true;
  return true;
}

void head_subject_line(head *h, hline *l, size_t from) {
  mapper *m = h->m;
  if (!h->subject) {
    h->subject = map_add(m, h->node, COLETTE_NODE_SUBJECT);
  } else {
    map_add(m, h->subject, COLETTE_NODE_BREAK);
    buf_putc(&h->subject_text, ' ');
  }
  head_set_label(h, h->subject);
  map_inline(m, l->ln.pt, from, l->b, h->subject, false);
  buf_append(&h->subject_text, masked(l) + from, l->b - from);
  h->seen_fact = true;
}

/* The value after "Date:": the letter's date, as a dateline is, when the
 * line holds a whole date and the head has none yet (a second is text). */
bool head_date_line(head *h, hline *l, size_t from) {
  mapper *m = h->m;
  const match *x = NULL;
  for (size_t k = 0; k < m->ct.nspans && !x; k++)
    if (m->ct.spans[k].kind == M_DATE && m->ct.spans[k].a[0] != '-' &&
        m->ct.spans[k].start >= from - l->a)
      x = &m->ct.spans[k];
  if (!x || h->have_date) return false;
  char when[16];
  snprintf(when, sizeof when, "%.10s", x->a); /* x is in m->m, which the line's notes reuse */
  colette_node *n = map_add(m, h->node, COLETTE_NODE_DATE);
  map_set(m, n, COLETTE_ATTR_WHEN, when);
  head_set_label(h, n);
  map_inline(m, l->ln.pt, from, l->b, n, true);
  sscanf(when, "%d-%d", &m->year, &m->month);
  head_explain(h, l, "date", when, NULL);
  h->have_date = true;
  h->seen_fact = true;
  return true;
}

/* Does s (n bytes) only separate two names of a letterhead line: a
 * list's separator, blanks around a dash or a bullet (- – — • ·), or
 * blanks alone (none between two Chinese names)? */
static bool name_separator(const char *s, size_t n) {
  if (list_separator(s, n)) return true;
  s = trim_blanks(s, &n);
  if (n == 0) return true;
  static const char *const SEPS[] = {"-", "\xE2\x80\x93" /* – */, "\xE2\x80\x94" /* — */,
                                     "\xE2\x80\xA2" /* • */, "\xC2\xB7" /* · */};
  for (size_t i = 0; i < sizeof SEPS / sizeof *SEPS; i++)
    if (strlen(SEPS[i]) == n && memcmp(s, SEPS[i], n) == 0) return true;
  return false;
}

#define LINE_ORGS 4

/* A letterhead line naming organizations one after another, nothing but
 * a separator between ("International Telecommunication Union –
 * Telecommunication Standardization Bureau"): an organization each, as on
 * lines of their own, each holding its name and the separator after it.
 * False, writing nothing, when the line holds anything else. */
bool head_organizations_line(head *h, hline *l) {
  mapper *m = h->m;
  cat_match v[LINE_ORGS];
  size_t n = cat_match_all(m->cat, CAT_ORGANIZATION, &m->ct, v, LINE_ORGS);
  const char *s = real(l) + l->a;
  size_t len = l->b - l->a;
  if (n < 2 || v[0].start != 0 || v[n - 1].end != len) return false;
  for (size_t i = 0; i + 1 < n; i++)
    if (!name_separator(s + v[i].end, v[i + 1].start - v[i].end)) return false;
  colette_node *o[LINE_ORGS];
  for (size_t i = 0; i < n; i++) { /* the facts first: the text's mapping reuses m->ct */
    o[i] = map_add(m, h->node, COLETTE_NODE_ORGANIZATION);
    map_set(m, o[i], COLETTE_ATTR_KEY, v[i].value);
    map_formula(m, o[i], &v[i]);
    head_explain(h, l, "organization", v[i].value, &v[i]);
  }
  for (size_t i = 0; i < n; i++) {
    size_t e = i + 1 < n ? v[i + 1].start : len;
    while (i + 1 < n && e > v[i].end && is_space_byte(s[e - 1]))
      e--; /* the blank before the next name: between two organizations */
    map_inline(m, l->ln.pt, l->a + (i ? v[i].start : 0), l->a + e, o[i], false);
  }
  return true;
}
