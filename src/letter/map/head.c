/*
 * head.c: the letter's head (everything before the salutation); the
 * meeting it announces is meeting.c's.
 *
 * The head's blocks are read as one sequence of lines, whatever carries
 * them: paragraphs, the cells of a layout table row by row (nested tables
 * too), line breaks.  Each line is, in this order of precedence:
 *  - a label (Ref, Contact, Tel, Fax, E-mail, Web, Subject, To, Copy; the
 *    catalogue's forms), with its value after it on the same line or on
 *    the lines that follow;
 *  - the dateline (place and date, in either order);
 *  - a line of the subject, once its label is seen;
 *  - an addressee: after "To:" (or "Copy to:", in a group of copies of its
 *    own), or naming a role (Member States, Sector
 *    Members…), or marked like the addressees before it; a line that
 *    goes on an unfinished addressee in the same paragraph (no ";", no
 *    dash, no new role) belongs to it;
 *  - a contact value (a phone number, an address, a URL; a list of them,
 *    a contact each) after its label; after "Contact:", its first line:
 *    the person's name; after "Date:", the letter's date;
 *  - a reference after "Ref:" (the collective letter, else a file ref);
 *  - before any fact, a letterhead line (an organization, or one each
 *    for names one after another);
 *  - else a paragraph of the head, kept as it is.
 * The copies a letter lists at its foot, after its signature, are read
 * the same way into the head (map_copies, called from the body's walk).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "head_impl.h"

/* ---- gathering the lines ------------------------------------------------------------------ */

static void gather(head *h, const fnode *first, const fnode *stop);

static void gather_p(head *h, const fnode *p) {
  mapper *m = h->m;
  if (h->npts == h->cappts) {
    size_t cap = h->cappts ? h->cappts * 2 : 32;
    ptext *v = realloc(h->pts, cap * sizeof *v);
    if (!v) {
      map_nomem(m);
      return;
    }
    /* lines point at their paragraphs: move them along */
    for (size_t i = 0; i < h->nlines; i++)
      h->lines[i].ln.pt = v + (h->lines[i].ln.pt - h->pts);
    h->pts = v;
    h->cappts = cap;
  }
  ptext *pt = &h->pts[h->npts++];
  ptext_load(m, p, pt);
  line *ls;
  size_t n = ptext_lines(m, pt, &ls);
  for (size_t i = 0; i < n; i++) {
    if (line_blank(&ls[i])) continue;
    if (h->nlines == h->caplines) {
      size_t cap = h->caplines ? h->caplines * 2 : 64;
      hline *v = realloc(h->lines, cap * sizeof *v);
      if (!v) {
        map_nomem(m);
        break;
      }
      h->lines = v;
      h->caplines = cap;
    }
    hline *hl = &h->lines[h->nlines++];
    hl->ln = ls[i];
    line_trim(&ls[i], &hl->a, &hl->b);
  }
  free(ls);
}

static void gather(head *h, const fnode *first, const fnode *stop) {
  for (const fnode *b = first; b && b != stop && h->m->st == COLETTE_OK; b = fnode_next_elem(b)) {
    if (flat_is(b, FLAT_P)) {
      gather_p(h, b);
    } else if (flat_is(b, FLAT_TABLE)) {
      for (const fnode *r = fnode_first_elem(b); r; r = fnode_next_elem(r))
        for (const fnode *c = fnode_first_elem(r); c; c = fnode_next_elem(c))
          gather(h, fnode_first_elem(c), NULL);
    }
  }
}

/* ---- small helpers ------------------------------------------------------------------------------ */

/* Length of a dash, bullet or similar list marker at s, or 0. */
static size_t marker_len(const char *s, size_t n) {
  static const char *const marks[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x92",
                                      "\xE2\x80\x90", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA",
                                      "\xEF\x82\xB7", "*", "\xE2\x97\x8F", "\xE2\x80\xA3", NULL};
  for (int i = 0; marks[i]; i++) {
    size_t k = strlen(marks[i]);
    if (k <= n && memcmp(s, marks[i], k) == 0 && (k == n || is_space_byte(s[k]) || s[k] == '\t'))
      return k;
  }
  return 0;
}

/* Does the line end an addressee (";", ",", ".", or their full-width forms)? */
static bool terminated(const hline *l) {
  const char *s = real(l);
  size_t b = l->b;
  if (b == l->a) return false;
  char c = s[b - 1];
  if (c == ';' || c == ',' || c == '.') return true;
  return b >= l->a + 3 && (memcmp(s + b - 3, "\xEF\xBC\x9B", 3) == 0 ||  /* ； */
                           memcmp(s + b - 3, "\xEF\xBC\x8C", 3) == 0 ||  /* ， */
                           memcmp(s + b - 3, "\xE3\x80\x82", 3) == 0 ||  /* 。 */
                           memcmp(s + b - 3, "\xE3\x80\x81", 3) == 0);   /* 、 */
}

/* The pending label on n, and its entry as n's formula when n has none of
 * its own (a contact's is its label's; a collective letter's its reference's). */
void head_set_label(head *h, colette_node *n) {
  if (!h->label_pending || !n) return;
  map_set(h->m, n, COLETTE_ATTR_LABEL, h->label);
  if (h->label_entry && !colette_node_attr(n, COLETTE_ATTR_FORMULA))
    map_set(h->m, n, COLETTE_ATTR_FORMULA, cat_entry_key(h->label_entry));
  h->label_pending = false;
}

void head_explain(head *h, const hline *l, const char *what, const char *value,
                  const cat_match *cm) {
  if (!h->quiet) map_explain(h->m, l->ln.pt->p, what, value, cm);
}

/* ---- addressees ---------------------------------------------------------------------------------- */

static void flush_one_addressee(head *h);

#define LINE_ADDRESSEES 8

/* The role [a, b) of l's text names, the catalogue's best, into role
 * (cap bytes); false when it names none. */
static bool names_role(head *h, const hline *l, size_t a, size_t b, char *role, size_t cap) {
  cat_text t = map_text_new(h->m);
  cat_match cm;
  bool r = cat_text_set(&t, l->ln.pt->masked.data + a, b - a, NULL, 0) == COLETTE_OK &&
           cat_match_best(h->m->cat, CAT_ROLE, CAT_ANYWHERE, &t, 0, &cm);
  cat_text_free(&t);
  if (r) snprintf(role, cap, "%s", cm.value);
  return r;
}

/* The separator at s[i] (the line ending at b) that cuts a list of
 * addressees, its length, or 0: semicolons (; ；), or, for a list of
 * commas (`commas`), a comma (, ， 、) or the last item's conjunction
 * (" and ", " et ", 和), *comma saying which it is. */
static size_t list_cut(const char *s, size_t i, size_t b, bool commas, bool *comma) {
  *comma = false;
  if (s[i] == ';') return 1;
  if (i + 3 <= b && memcmp(s + i, "\xEF\xBC\x9B", 3) == 0) return 3; /* ； */
  if (!commas) return 0;
  *comma = true;
  if (s[i] == ',') return 1;
  if (i + 3 <= b && (memcmp(s + i, "\xEF\xBC\x8C", 3) == 0 || /* ， */
                     memcmp(s + i, "\xE3\x80\x81", 3) == 0))  /* 、 */
    return 3;
  *comma = false;
  static const char *const AND[] = {" and ", " et ", "\xE5\x92\x8C" /* 和 */};
  for (size_t k = 0; k < 3; k++) {
    size_t n = strlen(AND[k]);
    if (i + n <= b && memcmp(s + i, AND[k], n) == 0) return n;
  }
  return 0;
}

/* Cut l into parts at its list separators (list_cut), each holding the
 * separator after it; how many (0: none, or too many).  For a list of
 * commas, one at least must be a comma. */
static size_t cut_list(const hline *l, bool commas, hline *part, size_t cap) {
  const char *s = l->ln.pt->text.data;
  size_t n = 0, from = l->a, seen_comma = 0;
  for (size_t i = l->a; i < l->b; i++) {
    bool comma;
    size_t k = list_cut(s, i, l->b, commas, &comma);
    if (!k || i + k >= l->b) continue;
    if (n + 1 >= cap) return 0;
    seen_comma += comma;
    size_t end = i + k;
    while (end > i && is_space_byte(s[end - 1]))
      end--; /* " and ": the blank after it is between the parts */
    part[n] = *l;
    part[n].a = from;
    part[n++].b = end;
    from = i + k;
    while (from < l->b && is_space_byte(s[from]))
      from++;
    i = from - 1;
  }
  if (n == 0 || (commas && !seen_comma)) return 0;
  part[n] = *l;
  part[n++].a = from;
  return n;
}

/* The addressee being read written: one, or, when it is one line that
 * cuts into a list of addressees, one a part, as on lines of their own,
 * each holding its separator: semicolons between parts each naming a role
 * ("Administrations of Member States of the Union; ITU-T Sector Members;
 * …", "；" too), or commas and a last "and" between parts each naming a
 * role of its own ("Member States, Sector Members and Academia"; not
 * "Chairmen and Vice-Chairmen of …", whose parts name one role). */
static void flush_addressee(head *h) {
  if (h->npending != 1) {
    flush_one_addressee(h);
    return;
  }
  hline *l = h->pending[0], part[LINE_ADDRESSEES];
  size_t n = 0;
  for (int commas = 0; commas < 2 && !n; commas++) {
    n = cut_list(l, commas, part, LINE_ADDRESSEES);
    char roles[LINE_ADDRESSEES][100];
    for (size_t i = 0; i < n; i++) {
      bool distinct = names_role(h, &part[i], part[i].a, part[i].b, roles[i], sizeof roles[i]);
      for (size_t j = 0; commas && distinct && j < i; j++)
        distinct = strcmp(roles[i], roles[j]) != 0;
      if (!distinct) n = 0;
    }
  }
  if (!n) {
    flush_one_addressee(h);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    h->pending[0] = &part[i];
    h->npending = 1;
    flush_one_addressee(h);
  }
}

static void flush_one_addressee(head *h) {
  mapper *m = h->m;
  if (!h->npending) return;
  if (!h->addressees) {
    h->addressees = map_add(m, h->node, COLETTE_NODE_ADDRESSEES);
    if (group_field(h->cur)) head_set_label(h, h->addressees);
    if (h->cur == F_COPY) map_set(m, h->addressees, COLETTE_ATTR_TYPE, "copy");
  }
  colette_node *a = map_add(m, h->addressees, COLETTE_NODE_ADDRESSEE);
  /* its role and group, from all its lines together */
  buf all = BUF_INIT;
  for (size_t i = 0; i < h->npending; i++) {
    hline *l = h->pending[i];
    if (i) buf_putc(&all, ' ');
    buf_append(&all, masked(l) + l->a, l->b - l->a);
  }
  cat_text t = map_text_new(m);
  cat_match roles[16], best, grp;
  size_t nr = 0;
  bool has_group = false;
  if (buf_ok(&all) && cat_text_set(&t, all.data ? all.data : "", all.len, NULL, 0) == COLETTE_OK) {
    nr = cat_match_all(m->cat, CAT_ROLE, &t, roles, 16);
    has_group = cat_match_best(m->cat, CAT_GROUP, CAT_ANYWHERE, &t, 0, &grp);
  } else {
    map_nomem(m);
  }
  for (size_t i = 0; i < nr; i++)
    if (i == 0 || cat_entry_rank(roles[i].entry) < cat_entry_rank(best.entry)) best = roles[i];
  const char *group = NULL;
  if (nr) {
    map_set(m, a, COLETTE_ATTR_ROLE, best.value);
    map_formula(m, a, &best);
    for (size_t p = 0; p < cat_entry_params(best.entry); p++)
      if (cat_entry_param_type(best.entry, p) == CAT_P_GROUP && best.args[p].value[0])
        group = best.args[p].value;
  } else {
    map_set(m, a, COLETTE_ATTR_ROLE, "other");
  }
  if (!group && has_group) group = grp.value;
  if (group) map_set(m, a, COLETTE_ATTR_GROUP, group);
  head_explain(h, h->pending[0], "addressee", nr ? best.value : "other", nr ? &best : NULL);
  for (size_t i = 0; i < h->npending; i++) {
    hline *l = h->pending[i];
    size_t from = l->a;
    if (i == 0) { /* the dash and tab that make the list are layout, not the addressee */
      size_t k;
      while (from < l->b && (k = marker_len(real(l) + from, l->b - from)) > 0) {
        from += k;
        while (from < l->b && is_space_byte(real(l)[from]))
          from++;
      }
    }
    if (i) map_add(m, a, COLETTE_NODE_BREAK);
    map_inline(m, l->ln.pt, from, l->b, a, false);
  }
  cat_text_free(&t);
  buf_free(&all);
  h->npending = 0;
}

static void close_addressees(head *h) {
  flush_addressee(h);
  h->addressees = NULL;
}

static bool has_role(head *h) {
  cat_match cm;
  return cat_match_best(h->m->cat, CAT_ROLE, CAT_ANYWHERE, &h->m->ct, 0, &cm);
}

/* An addressee line: a new addressee, or the next line of the one being read. */
static void addressee_line(head *h, hline *l, bool role) {
  const char *s = real(l) + l->a;
  bool marker = marker_len(s, l->b - l->a) > 0 || flat_attr(l->ln.pt->p, FLAT_A_LABEL);
  if (h->npending) {
    hline *prev = h->pending[h->npending - 1];
    bool prev_role = false;
    cat_text t = map_text_new(h->m);
    cat_match cm;
    if (cat_text_set(&t, masked(prev) + prev->a, prev->b - prev->a, NULL, 0) == COLETTE_OK)
      prev_role = cat_match_best(h->m->cat, CAT_ROLE, CAT_ANYWHERE, &t, 0, &cm);
    cat_text_free(&t);
    bool goes_on = prev->ln.pt == l->ln.pt && !terminated(prev) && !marker && !(prev_role && role) &&
                   h->npending < 32;
    if (!goes_on) flush_addressee(h);
  }
  h->pending[h->npending++] = l;
  h->seen_fact = true;
}

/* ---- facts ---------------------------------------------------------------------------------------- */

static void flush_label(head *h) {
  if (!h->label_pending) return;
  /* a label whose value never came: kept, with no value */
  mapper *m = h->m;
  colette_node *n = NULL;
  switch (h->cur) {
  case F_REF:
    n = map_add(m, h->node, COLETTE_NODE_REF);
    map_set(m, n, COLETTE_ATTR_TYPE, "file");
    break;
  case F_TEL:
  case F_FAX:
  case F_EMAIL:
  case F_WEB:
    n = map_add(m, h->node, COLETTE_NODE_CONTACT);
    map_set(m, n, COLETTE_ATTR_TYPE,
            h->cur == F_TEL ? "tel" : h->cur == F_FAX ? "fax" : h->cur == F_EMAIL ? "email" : "web");
    break;
  case F_SUBJECT:
    if (!h->subject) n = h->subject = map_add(m, h->node, COLETTE_NODE_SUBJECT);
    break;
  case F_TO:
  case F_COPY:
    if (!h->addressees) {
      n = h->addressees = map_add(m, h->node, COLETTE_NODE_ADDRESSEES);
      if (h->cur == F_COPY) map_set(m, n, COLETTE_ATTR_TYPE, "copy");
    }
    break;
  case F_CONTACT:
    n = map_add(m, h->node, COLETTE_NODE_CONTACT);
    map_set(m, n, COLETTE_ATTR_TYPE, "person");
    break;
  default: break;
  }
  if (n)
    head_set_label(h, n);
  else if (h->label_pending) { /* nowhere to put it: a paragraph of its own */
    colette_node *p = map_add(m, h->node, COLETTE_NODE_PARAGRAPH);
    if (p && node_append_text(p, h->label, strlen(h->label)) != COLETTE_OK) map_nomem(m);
    h->label_pending = false;
  }
}

static field field_of(const char *value) {
  static const char *const names[] = {"",        "ref", "tel",  "fax",     "email", "web",
                                      "subject", "to",  "copy", "contact", "date"};
  for (int f = 1; f <= F_DATE; f++)
    if (strcmp(value, names[f]) == 0) return (field)f;
  return F_NONE;
}

/* Is the line a label?  Its field, the label as written in `label`
 * (sizeof h->label bytes), its match in *cm, and where its value starts
 * in *value (relative to the line's trimmed start).  Not in h: the
 * label before it, or its group, may still be waiting for its node. */
static field label_at(head *h, hline *l, size_t *value, cat_match *found, char *label) {
  mapper *m = h->m;
  cat_match cm;
  if (!cat_match_best(m->cat, CAT_LABEL, CAT_PREFIX, &m->ct, 0, &cm)) return F_NONE;
  const char *s = real(l) + l->a;
  size_t n = l->b - l->a, i = cm.end;
  bool sep = false;
  while (i < n && (s[i] == ' ' || s[i] == '.' || (unsigned char)s[i] == 0xC2 ||
                   (unsigned char)s[i] == 0xE2)) {
    /* spaces (no-break and narrow no-break too) and the abbreviation dot */
    if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
      i += 2;
    else if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89))
      i += 3;
    else if (s[i] == ' ' || s[i] == '.')
      i++;
    else
      break;
  }
  if (i < n && s[i] == ':') {
    i++;
    sep = true;
  } else if (i + 3 <= n && memcmp(s + i, "\xEF\xBC\x9A", 3) == 0) { /* ： */
    i += 3;
    sep = true;
  }
  size_t label_end = i;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) {
    sep |= s[i] == '\t';
    i++;
  }
  field f = field_of(cm.value);
  if (!sep && i < n) {
    /* no colon, no tab: a label only if what follows is its kind of value */
    bool ok = false;
    for (size_t k = 0; k < m->ct.nspans && !ok; k++) {
      const match *x = &m->ct.spans[k];
      if (x->start < i) continue;
      ok = x->start == i &&
           ((x->kind == M_PHONE && (f == F_TEL || f == F_FAX)) ||
            (x->kind == M_EMAIL && f == F_EMAIL) || (x->kind == M_URL && f == F_WEB));
    }
    if (!ok) return F_NONE;
  }
  size_t len = label_end < sizeof h->label ? label_end : sizeof h->label - 1;
  memcpy(label, s, len);
  while (len && is_space_byte(label[len - 1]))
    len--;
  label[len] = '\0';
  *value = i;
  *found = cm;
  return f;
}

static bool dateline(head *h, hline *l) {
  mapper *m = h->m;
  cat_match cm;
  if (h->have_date || !cat_match_best(m->cat, CAT_DATELINE, CAT_WHOLE, &m->ct, 0, &cm)) return false;
  int place = -1, date = -1;
  for (size_t p = 0; p < cat_entry_params(cm.entry); p++) {
    if (cat_entry_param_type(cm.entry, p) == CAT_P_PLACE && cm.args[p].end > cm.args[p].start)
      place = (int)p;
    if (cat_entry_param_type(cm.entry, p) == CAT_P_DATE && cm.args[p].value[0]) date = (int)p;
  }
  if (date < 0) return false;
  /* an addressee before it goes before it (cm is this line's already) */
  close_addressees(h);
  const cat_arg *d = &cm.args[date];
  size_t ds = l->a, de = l->b;
  if (place >= 0) {
    const cat_arg *pa = &cm.args[place];
    colette_node *pn = map_add(m, h->node, COLETTE_NODE_PLACE);
    if (pa->value[0]) map_set(m, pn, COLETTE_ATTR_KEY, pa->value);
    map_inline(m, l->ln.pt, l->a + pa->start, l->a + pa->end, pn, true);
    /* the date: the rest of the line, without the comma between */
    if (pa->start <= d->start)
      ds = l->a + pa->end;
    else
      de = l->a + pa->start;
    const char *s = real(l);
    while (ds < de && (s[ds] == ',' || is_space_byte(s[ds]) || (unsigned char)s[ds] >= 0x80) &&
           ds < l->a + d->start) {
      if ((unsigned char)s[ds] >= 0x80 && memcmp(s + ds, "\xEF\xBC\x8C", 3) != 0) break; /* ， */
      ds += (unsigned char)s[ds] >= 0x80 ? 3 : 1;
    }
    while (de > ds && (s[de - 1] == ',' || is_space_byte(s[de - 1])))
      de--;
    if (de >= ds + 3 && memcmp(s + de - 3, "\xEF\xBC\x8C", 3) == 0) de -= 3;
    head_explain(h, l, "place", pa->value[0] ? pa->value : "(no key)", &cm);
  }
  colette_node *dn = map_add(m, h->node, COLETTE_NODE_DATE);
  map_set(m, dn, COLETTE_ATTR_WHEN, d->value);
  map_formula(m, dn, &cm);
  map_inline(m, l->ln.pt, ds, de, dn, true);
  sscanf(d->value, "%d-%d", &m->year, &m->month);
  head_explain(h, l, "date", d->value, &cm);
  h->have_date = true;
  h->seen_fact = true;
  return true;
}

static void head_line(head *h, hline *l) {
  mapper *m = h->m;
  if (!map_cat_text(m, l->ln.pt, l->a, l->b)) return;
  size_t value = 0;
  cat_match lm;
  char label[sizeof h->label];
  field f = label_at(h, l, &value, &lm, label);
  if (f != F_NONE) {
    /* what the label before it left waiting, with that label */
    close_addressees(h);
    flush_label(h);
    memcpy(h->label, label, sizeof h->label);
    h->label_entry = lm.entry;
    head_explain(h, l, "label", lm.value, &lm);
    h->cur = f;
    h->label_pending = true;
    h->label_p = l->ln.pt->p;
    h->seen_fact = true;
    if (l->a + value >= l->b) return; /* the value on the lines after */
    hline rest = *l;
    rest.a = l->a + value;
    if (!map_cat_text(m, l->ln.pt, rest.a, rest.b)) return;
    *l = rest;
  } else if (dateline(h, l)) {
    return;
  }
  size_t from = l->a;
  if (h->cur == F_SUBJECT) {
    head_subject_line(h, l, from);
    return;
  }
  bool role = has_role(h);
  const char *s = real(l) + l->a;
  bool marker = marker_len(s, l->b - l->a) > 0;
  if (group_field(h->cur) || role || ((h->addressees || h->npending) && marker)) {
    if (!group_field(h->cur)) {
      flush_label(h);
      h->cur = F_NONE;
    }
    addressee_line(h, l, role);
    return;
  }
  if (h->npending && h->pending[h->npending - 1]->ln.pt == l->ln.pt) { /* goes on its addressee */
    addressee_line(h, l, role);
    return;
  }
  bool flushed = h->npending > 0;
  close_addressees(h);
  /* writing the addressee ran the recognisers over its lines: this line's anew */
  if (flushed && !map_cat_text(m, l->ln.pt, l->a, l->b)) return;
  if ((h->cur == F_TEL || h->cur == F_FAX || h->cur == F_EMAIL || h->cur == F_WEB) &&
      head_contact_line(h, l, from))
    return;
  if (h->cur == F_REF && head_ref_line(h, l, from)) return;
  if (h->cur == F_CONTACT && head_person_line(h, l, from)) return;
  if (h->cur == F_DATE && head_date_line(h, l, from)) return;
  flush_label(h);
  h->cur = F_NONE;
  if (!h->seen_fact) {
    cat_match cm;
    bool known = cat_match_best(m->cat, CAT_ORGANIZATION, CAT_WHOLE, &m->ct, 0, &cm);
    if (!known && head_organizations_line(h, l)) return;
    colette_node *o = map_add(m, h->node, COLETTE_NODE_ORGANIZATION);
    if (known) {
      map_set(m, o, COLETTE_ATTR_KEY, cm.value);
      map_formula(m, o, &cm);
    }
    head_explain(h, l, "organization", known ? cm.value : "(a letterhead line)",
                 known ? &cm : NULL);
    map_inline(m, l->ln.pt, l->a, l->b, o, false);
    return;
  }
  colette_node *p = map_add(m, h->node, COLETTE_NODE_PARAGRAPH);
  map_lang(m, l->ln.pt->p, p);
  map_inline(m, l->ln.pt, l->a, l->b, p, false);
  head_explain(h, l, "unrecognised", "kept as a paragraph", NULL);
}

static void head_free(head *h) {
  for (size_t i = 0; i < h->npts; i++)
    ptext_free(&h->pts[i]);
  free(h->pts);
  free(h->lines);
  buf_free(&h->subject_text);
}

/* ---- copies at the foot ---------------------------------------------------------------------- */

/* Paragraph p's lines in h, a head that only asks (no --explain lines),
 * and its first line, recognised (m->ct on it); NULL when it has none.
 * The caller frees h (head_free). */
static hline *ask_first_line(head *h, mapper *m, const fnode *p) {
  memset(h, 0, sizeof *h);
  h->m = m;
  h->quiet = true;
  gather_p(h, p);
  hline *l = h->nlines ? &h->lines[0] : NULL;
  return l && map_cat_text(m, l->ln.pt, l->a, l->b) ? l : NULL;
}

bool map_copies_at(mapper *m, const fnode *p) {
  if (!flat_is(p, FLAT_P)) return false;
  head h;
  hline *l = ask_first_line(&h, m, p);
  size_t value;
  cat_match cm;
  char label[sizeof h.label];
  bool r = l && label_at(&h, l, &value, &cm, label) == F_COPY;
  head_free(&h);
  return r;
}

/* A paragraph that goes on a list of copies: short (200 bytes of text, its
 * lines apart), with text, no label of its own, no annex heading or
 * enclosure. */
static bool copies_go_on(mapper *m, const fnode *p) {
  if (!flat_is(p, FLAT_P) || map_blank(m, p) || map_annex_heading(m, p, &(cat_match){0}))
    return false;
  head h;
  hline *l = ask_first_line(&h, m, p);
  size_t n = 0, texts = 0;
  for (size_t i = 0; i < h.nlines; i++)
    if (h.lines[i].b > h.lines[i].a) n += h.lines[i].b - h.lines[i].a, texts++;
  n += texts ? texts - 1 : 0; /* a newline between lines, as map_para_text joins them */
  cat_match cm;
  bool go_on = l && n <= 200 && !cat_match_best(m->cat, CAT_LABEL, CAT_PREFIX, &m->ct, 0, &cm) &&
               !cat_match_best(m->cat, CAT_ENCLOSURE, CAT_WHOLE, &m->ct, 0, &cm);
  head_free(&h);
  return go_on;
}

const fnode *map_copies(mapper *m, const fnode *p, colette_node *node) {
  const fnode *last = p;
  for (int k = 0; k < 16; k++) {
    const fnode *next = fnode_next_elem(last);
    if (!next || !copies_go_on(m, next)) break;
    last = next;
  }
  /* the head's page furniture is written after its facts: the copies go
   * before it, where the facts end */
  colette_node *furniture = NULL, *was_last = NULL;
  for (colette_node *k = node->first; k; k = k->next) {
    if (!furniture && k->type == COLETTE_NODE_FURNITURE) furniture = k;
    was_last = k;
  }
  head h;
  memset(&h, 0, sizeof h);
  h.m = m;
  h.node = node;
  h.seen_fact = true; /* no letterhead here */
  gather(&h, p, fnode_next_elem(last));
  for (size_t i = 0; i < h.nlines && m->st == COLETTE_OK; i++)
    head_line(&h, &h.lines[i]);
  close_addressees(&h);
  flush_label(&h);
  head_free(&h);
  for (colette_node *k = furniture && was_last ? was_last->next : NULL, *next; k; k = next) {
    next = k->next;
    colette_node_unlink(k);
    if (colette_node_insert_before(furniture, k) != COLETTE_OK) colette_node_append(node, k);
  }
  return last;
}

colette_node *map_head(mapper *m, const fnode *first, const fnode *stop, colette_node *node) {
  head h;
  memset(&h, 0, sizeof h);
  h.m = m;
  h.node = node;
  gather(&h, first, stop);
  for (size_t i = 0; i < h.nlines && m->st == COLETTE_OK; i++)
    head_line(&h, &h.lines[i]);
  close_addressees(&h);
  flush_label(&h);
  /* the subject's formula, over all its lines */
  if (h.subject && h.subject_text.len) {
    size_t n = map_recognise_text(m, h.subject_text.data, h.subject_text.len);
    cat_match cm;
    if (m->st == COLETTE_OK &&
        cat_text_set(&m->ct, h.subject_text.data, h.subject_text.len, m->m, n) == COLETTE_OK &&
        cat_match_best(m->cat, CAT_SUBJECT, CAT_WHOLE, &m->ct, 0, &cm)) {
      map_formula(m, h.subject, &cm);
      map_explain(m, h.label_p, "subject", cm.value, &cm);
    }
  }
  colette_node *subject = h.subject;
  head_free(&h);
  return subject;
}
