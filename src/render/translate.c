/*
 * translate.c: a letter as its version in another language would read,
 * wherever the catalogue knows the words (colette_letter_translate).
 *
 * The letter is copied node for node.  A node that matched a catalogue
 * formula (its FORMULA and arguments, recorded by colette-map) is written
 * with that entry's canonical form in the target language, its arguments
 * rendered there first: dates, ranges and times through ICU, groups and
 * places through their own entries, counts and ids as they are, free text
 * verbatim.  Labels follow their entries; a place and a date are written
 * anew from their keys and values.  Every other node is copied as it is and
 * marked with its own language (xml:lang), so that a writer marks it too
 * and a translator sees what is left to do.  The recognisers run over the
 * new text, so that dates and addresses stay typed values.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "../context.h"
#include "../error.h"
#include "../letter/catalog.h"
#include "../letter/model.h"
#include "../letter/recognise.h"
#include "render.h"

typedef struct tr {
  const catalog *cat;
  render_dates *dates;
  recogniser *rec;
  colette_letter *out;
  const char *target; /* as asked ("fr", "fr-CH") */
  size_t li;          /* its index in the catalogue */
  colette_render_report rep;
  colette_status st;
  colette_error *err;
  match *m;
  size_t capm;
} tr;

static bool same_language(const char *a, const char *b) {
  size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
  return na == nb && strncmp(a, b, na) == 0;
}

static void nomem(tr *t) {
  if (t->st == COLETTE_OK) t->st = error_set(t->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
}

/* The language in force at n in the source letter. */
static const char *lang_at(const colette_node *n, const char *dflt) {
  for (; n; n = colette_node_parent(n)) {
    const char *l = colette_node_attr(n, COLETTE_ATTR_LANG);
    if (l && *l) return l;
  }
  return dflt;
}

/* ---- arguments in the target language ----------------------------------------------------- */

/* The canonical form of entry `key` in the target language with values. */
static colette_status canonical(tr *t, const char *key, const char *const *values, buf *out) {
  const cat_entry *e = cat_entry_find(t->cat, key);
  if (!e) return COLETTE_ERR_INVALID;
  return cat_format(t->cat, e, t->li, values, out, t->err);
}

/* A group ("SG17", "WP1/11") as the target language names it. */
static bool group_text(tr *t, const char *g, buf *out) {
  int a, b;
  char n1[16], n2[16];
  if (sscanf(g, "WP%d/%d", &a, &b) == 2) {
    snprintf(n1, sizeof n1, "%d", a);
    snprintf(n2, sizeof n2, "%d", b);
    const char *v[CAT_MAX_PARAMS] = {n1, n2};
    return canonical(t, "group.wp", v, out) == COLETTE_OK;
  }
  if (sscanf(g, "SG%d", &a) == 1) {
    snprintf(n1, sizeof n1, "%d", a);
    const char *v[CAT_MAX_PARAMS] = {n1};
    return canonical(t, "group.sg", v, out) == COLETTE_OK;
  }
  return false;
}

/* A place key ("geneva") through its entry; text the catalogue does not
 * know stays as written. */
static void place_text(tr *t, const char *v, buf *out) {
  char key[128];
  snprintf(key, sizeof key, "place.%s", v);
  if (*v && cat_entry_find(t->cat, key) && canonical(t, key, NULL, out) == COLETTE_OK) return;
  buf_puts(out, v);
}

/* One argument, written as the target language writes it, into out. */
static void arg_text(tr *t, cat_ptype type, const char *v, buf *out) {
  const char *slash = strchr(v, '/');
  switch (type) {
  case CAT_P_DATE:
    if (render_date(t->dates, v, t->target, out, t->err) != COLETTE_OK) buf_puts(out, v);
    return;
  case CAT_P_DATERANGE:
    if (slash && strlen(v) == 21) {
      char a[11], b[11];
      snprintf(a, sizeof a, "%.10s", v);
      snprintf(b, sizeof b, "%.10s", v + 11);
      if (render_daterange(t->dates, a, b, t->target, out, t->err) == COLETTE_OK) return;
    } else if (render_date(t->dates, v, t->target, out, t->err) == COLETTE_OK) {
      return;
    }
    buf_puts(out, v);
    return;
  case CAT_P_TIME: {
    char a[8];
    snprintf(a, sizeof a, "%.5s", v);
    colette_status st = slash ? render_timerange(t->dates, a, slash + 1, t->target, out, t->err)
                              : render_time(t->dates, a, t->target, out, t->err);
    if (st != COLETTE_OK) buf_puts(out, v); /* as the letter holds it */
    return;
  }
  case CAT_P_GROUP:
    if (!group_text(t, v, out)) buf_puts(out, v);
    return;
  case CAT_P_PLACE: place_text(t, v, out); return;
  default: buf_puts(out, v); return; /* numbers, ids, addresses, free text */
  }
}

/* The canonical form of n's formula in the target language, into out; false
 * when the catalogue has no such entry.  A recognised form may leave out a
 * parameter the canonical forms write ("la page d'accueil de la commission
 * d'études" for {group}): a group is then the node's own (an addressee's
 * GROUP), else written as the target names one (settings.unnamedGroup); any other missing value
 * leaves the formula unwritten (false) rather than written with a hole. */
/* Free text written into a formula in another language (a topic, a
 * chairman's name and country) is bracketed by two private-use characters
 * while the formula is formatted, so that the writing that follows can
 * mark it with its own language. */
#define RUN_OPEN "\xEE\x80\x80"  /* U+E000 */
#define RUN_CLOSE "\xEE\x80\x81" /* U+E001 */

/* A time or range of times ("10:00", "10:00/16:00") as the target's running
 * text says it, through its timeInText or timeRangeInText ("à {start}", "de
 * {start} à {end}"): false where the target has no such pattern, or a time
 * does not render (the plain time then stands). */
static bool time_in_text(tr *t, const char *v, buf *out) {
  const char *slash = strchr(v, '/');
  const char *pattern =
      slash ? cat_language_time_range_text(t->cat, t->li) : cat_language_time_text(t->cat, t->li);
  render_splice sp;
  if (!render_splice_cut(pattern, slash != NULL, &sp)) return false;
  char a[8];
  snprintf(a, sizeof a, "%.5s", v);
  size_t at = out->len;
  buf_append(out, sp.pre, sp.npre);
  bool ok = render_time(t->dates, a, t->target, out, t->err) == COLETTE_OK;
  if (ok && slash) {
    buf_append(out, sp.mid, sp.nmid);
    ok = render_time(t->dates, slash + 1, t->target, out, t->err) == COLETTE_OK;
  }
  buf_puts(out, sp.post);
  if (!ok) out->len = at;
  return ok;
}

static bool formula_text(tr *t, const colette_node *n, buf *out, const char *own) {
  const char *key = colette_node_attr(n, COLETTE_ATTR_FORMULA);
  const cat_entry *e = key ? cat_entry_find(t->cat, key) : NULL;
  if (!e) return false;
  buf vals[CAT_MAX_PARAMS], texts[CAT_MAX_PARAMS];
  const char *v[CAT_MAX_PARAMS] = {NULL}, *kinds[CAT_MAX_PARAMS] = {NULL};
  size_t np = cat_entry_params(e);
  bool missing = false;
  for (size_t i = 0; i < np; i++) {
    vals[i] = texts[i] = (buf)BUF_INIT;
    const char *a = colette_node_get_arg(n, cat_entry_param_name(e, i));
    cat_ptype ty = cat_entry_param_type(e, i);
    if ((!a || !*a) && ty == CAT_P_GROUP) /* the node's own fact: an addressee's group */
      a = colette_node_attr(n, COLETTE_ATTR_GROUP);
    if (a && *a && ty == CAT_P_TEXT && own && !same_language(own, t->target) &&
        !strstr(a, RUN_OPEN) && !strstr(a, RUN_CLOSE)) {
      buf_puts(&vals[i], RUN_OPEN);
      buf_puts(&vals[i], a);
      buf_puts(&vals[i], RUN_CLOSE);
    } else if (a && *a) {
      arg_text(t, ty, a, &vals[i]);
    } else if (ty == CAT_P_GROUP && *cat_language_unnamed_group(t->cat, t->li)) {
      buf_puts(&vals[i], cat_language_unnamed_group(t->cat, t->li));
      a = "SG"; /* a study group's words */
    } else if (!cat_entry_param_optional(e, i)) { /* one the canonical forms may do without */
      missing = true;
    }
    if (a && ty == CAT_P_GROUP)
      kinds[i] = strncmp(a, "WP", 2) == 0 ? "wp" : strncmp(a, "SG", 2) == 0 ? "sg" : "other";
    if (a && *a && ty == CAT_P_DATERANGE && strlen(a) == 21 && a[10] == '/') {
      /* NAME_text: the range as the target's running text says it */
      char s[11], x[11];
      snprintf(s, sizeof s, "%.10s", a);
      snprintf(x, sizeof x, "%.10s", a + 11);
      if (render_daterange_text(t->dates, s, x, t->target, cat_language_range_text(t->cat, t->li),
                                &texts[i], t->err) == COLETTE_OK &&
          buf_reserve(&texts[i], 1)) {
        texts[i].data[texts[i].len] = '\0';
        kinds[i] = texts[i].data;
      }
    }
    if (a && *a && ty == CAT_P_TIME && time_in_text(t, a, &texts[i]) &&
        buf_reserve(&texts[i], 1)) { /* NAME_text: the time as running text says it */
      texts[i].data[texts[i].len] = '\0';
      kinds[i] = texts[i].data;
    }
    if (!buf_reserve(&vals[i], 1))
      nomem(t);
    else
      vals[i].data[vals[i].len] = '\0';
    v[i] = vals[i].data;
  }
  bool ok = t->st == COLETTE_OK && !missing &&
            cat_format_derived(t->cat, e, t->li, v, kinds, out, t->err) == COLETTE_OK;
  for (size_t i = 0; i < np; i++) {
    buf_free(&vals[i]);
    buf_free(&texts[i]);
  }
  return ok;
}

/* ---- writing nodes -------------------------------------------------------------------------- */

static colette_node *add(tr *t, colette_node *parent, colette_node_type type) {
  if (t->st != COLETTE_OK || !parent) return NULL;
  colette_node *n = colette_node_new(t->out, type);
  if (!n || colette_node_append(parent, n) != COLETTE_OK) {
    nomem(t);
    return NULL;
  }
  return n;
}

static void set(tr *t, colette_node *n, colette_attr a, const char *v) {
  if (n && v && colette_node_set_attr(n, a, v) == COLETTE_ERR_NOMEM) nomem(t);
}

static void copy_attrs(tr *t, const colette_node *from, colette_node *to) {
  for (int a = 0; a < COLETTE_ATTR_COUNT_; a++) {
    const char *v = colette_node_attr(from, (colette_attr)a);
    if (v && a != COLETTE_ATTR_LANG) set(t, to, (colette_attr)a, v);
  }
  const char *name, *value;
  for (size_t i = 0; colette_node_arg(from, i, &name, &value); i++)
    if (colette_node_set_arg(to, name, value) == COLETTE_ERR_NOMEM) nomem(t);
}

/* Text into n, with what the recognisers find in it as typed values. */
static void typed_text(tr *t, colette_node *n, const char *s, size_t len) {
  if (!n || !len) return;
  size_t need = len / 2 + 16;
  if (need > t->capm) {
    match *v = realloc(t->m, need * sizeof *v);
    if (!v) {
      nomem(t);
      return;
    }
    t->m = v;
    t->capm = need;
  }
  size_t k = recognise(t->rec, s, len, 0, 0, t->m, t->capm), at = 0;
  for (size_t i = 0; i < k && t->st == COLETTE_OK; i++) {
    const match *x = &t->m[i];
    if (x->a[0] == '-' || (x->kind == M_DATERANGE && x->b[0] == '-')) continue; /* no year */
    if (x->start > at && node_append_text(n, s + at, x->start - at) != COLETTE_OK) nomem(t);
    colette_node *v = add(t, n, match_node_type(x->kind));
    if (v && match_node_attrs(v, x, s) != COLETTE_OK) nomem(t);
    if (v && node_append_text(v, s + x->start, x->end - x->start) != COLETTE_OK) nomem(t);
    at = x->end;
  }
  if (len > at && node_append_text(n, s + at, len - at) != COLETTE_OK) nomem(t);
}

static void copy(tr *t, const colette_node *from, colette_node *to, const char *scope);

static void copy_children(tr *t, const colette_node *from, colette_node *to, const char *scope) {
  for (const colette_node *c = colette_node_first_child(from); c && t->st == COLETTE_OK;
       c = colette_node_next(c)) {
    if (colette_node_get_type(c) == COLETTE_NODE_TEXT) {
      size_t len;
      const char *s = colette_node_literal(c, &len);
      if (node_append_text(to, s, len) != COLETTE_OK) nomem(t);
      continue;
    }
    colette_node *n = add(t, to, colette_node_get_type(c));
    copy(t, c, n, scope);
  }
}

/* Nodes that are one block of text, counted in the report. */
static bool is_block(colette_node_type ty) {
  switch (ty) {
  case COLETTE_NODE_ORGANIZATION:
  case COLETTE_NODE_PLACE:
  case COLETTE_NODE_DATE:
  case COLETTE_NODE_REF:
  case COLETTE_NODE_CONTACT:
  case COLETTE_NODE_ADDRESSEE:
  case COLETTE_NODE_SUBJECT:
  case COLETTE_NODE_SALUTATION:
  case COLETTE_NODE_DEADLINE:
  case COLETTE_NODE_CLOSING:
  case COLETTE_NODE_NAME:
  case COLETTE_NODE_TITLE:
  case COLETTE_NODE_ENCLOSURE:
  case COLETTE_NODE_PARAGRAPH:
  case COLETTE_NODE_HEADING:
  case COLETTE_NODE_ITEM: return true;
  default: return false;
  }
}

/* Labels by the type of their fact, for facts whose formula is not the label's. */
static const char *label_key(const colette_node *n) {
  const char *type = colette_node_attr(n, COLETTE_ATTR_TYPE);
  switch (colette_node_get_type(n)) {
  case COLETTE_NODE_REF: return "label.ref";
  case COLETTE_NODE_SUBJECT: return "label.subject";
  case COLETTE_NODE_ADDRESSEES:
    return type && strcmp(type, "copy") == 0 ? "label.copy" : "label.to";
  case COLETTE_NODE_CONTACT:
    return !type                         ? NULL
           : strcmp(type, "tel") == 0    ? "label.tel"
           : strcmp(type, "fax") == 0    ? "label.fax"
           : strcmp(type, "email") == 0  ? "label.email"
           : strcmp(type, "person") == 0 ? "label.contact"
                                         : "label.web";
  default: return NULL;
  }
}

/* A block written in language `lang` marked so when what holds it is in
 * another (a French agenda item of an annex kept in English). */
static void mark(tr *t, colette_node *to, const char *lang) {
  if (!same_language(lang_at(colette_node_parent(to), t->target), lang))
    set(t, to, COLETTE_ATTR_LANG, lang);
}

/* A formula's text into n: typed values marked, and each free-text run
 * (RUN_OPEN … RUN_CLOSE) an <s> in language `own`, where n may hold one;
 * where it may not (a head fact's text), the marks are dropped. */
static void runs_text(tr *t, colette_node *n, const char *s, size_t len, const char *own) {
  bool runs = colette_node_can_contain(colette_node_get_type(n), COLETTE_NODE_SENTENCE);
  if (!own) runs = false;
  colette_node_type ty = colette_node_get_type(n);
  bool plain = ty == COLETTE_NODE_DATE || ty == COLETTE_NODE_PLACE || ty == COLETTE_NODE_REF ||
               ty == COLETTE_NODE_CONTACT || /* head facts: their value is an attribute */
               !colette_node_can_contain(ty, COLETTE_NODE_DATE_VALUE);
  const char *end = s + len;
  while (s < end && t->st == COLETTE_OK) {
    const char *o = memmem(s, (size_t)(end - s), RUN_OPEN, 3);
    const char *stop = o ? o : end;
    if (plain) {
      if (stop > s && node_append_text(n, s, (size_t)(stop - s)) != COLETTE_OK) nomem(t);
    } else {
      typed_text(t, n, s, (size_t)(stop - s));
    }
    if (!o) break;
    const char *c = memmem(o + 3, (size_t)(end - o - 3), RUN_CLOSE, 3);
    if (!c) c = end;
    colette_node *in = n;
    if (runs && !plain) {
      in = add(t, n, COLETTE_NODE_SENTENCE);
      set(t, in, COLETTE_ATTR_LANG, own);
    }
    if (plain) {
      if (c > o + 3 && node_append_text(n, o + 3, (size_t)(c - o - 3)) != COLETTE_OK) nomem(t);
    } else {
      typed_text(t, in, o + 3, (size_t)(c - o - 3));
    }
    s = c < end ? c + 3 : end;
  }
}

/* A node written anew in the target language: its text from `text`, with
 * typed values marked, but for head facts, whose value is an attribute. */
static void written(tr *t, colette_node *to, const char *text, size_t len, const char *own) {
  mark(t, to, t->target);
  runs_text(t, to, text, len, own);
  t->rep.translated++;
}

/* Does the script of language `lang` set words apart with spaces?  Not
 * Chinese or Japanese, whose lines break between letters (ICU's
 * uscript_breaksBetweenLetters). */
static bool spaced(const char *lang) {
  UScriptCode sc[4];
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = uscript_getCode(lang, sc, 4, &e);
  return U_FAILURE(e) || n < 1 || !uscript_breaksBetweenLetters(sc[0]);
}

static bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* Does `to` end in a space (or hold nothing yet)? */
static bool ends_spaced(const colette_node *to) {
  const colette_node *last = colette_node_last_child(to);
  if (!last) return true;
  if (colette_node_get_type(last) != COLETTE_NODE_TEXT) return false;
  size_t len;
  const char *s = colette_node_literal(last, &len);
  return !len || is_space_byte(s[len - 1]) ||
         (len >= 3 && (unsigned char)s[len - 3] == 0xE3 &&
          (unsigned char)s[len - 2] == 0x80); /* 、。 */
}

/* Letters of any script in s (a kept text that is more than numbers,
 * spaces and punctuation). */
static bool has_letters(const char *s, size_t len) {
  for (int32_t i = 0; i < (int32_t)len;) {
    UChar32 c;
    U8_NEXT(s, i, (int32_t)len, c);
    if (c > 0 && u_isalpha(c)) return true;
  }
  return false;
}

static bool is_formula_sentence(const colette_node *c) {
  return c && colette_node_get_type(c) == COLETTE_NODE_SENTENCE &&
         colette_node_attr(c, COLETTE_ATTR_FORMULA);
}

/* Sentences of a paragraph: each S with a formula anew, the rest kept.
 * Between sentences, the target's spacing: a space before and after a
 * sentence written in French out of a Chinese paragraph (whose sentences
 * touch), none between two sentences written in Chinese. */
static void sentences(tr *t, const colette_node *from, colette_node *to, const char *own) {
  bool sp = spaced(t->target), after = false; /* a sentence written anew just before */
  bool words = false; /* kept text of a language: more than numbers and marks */
  for (const colette_node *c = colette_node_first_child(from); c && t->st == COLETTE_OK;
       c = colette_node_next(c)) {
    colette_node_type ty = colette_node_get_type(c);
    if (ty == COLETTE_NODE_TEXT) {
      size_t len;
      const char *s = colette_node_literal(c, &len);
      if (!sp && after && is_formula_sentence(colette_node_next(c)) && strspn(s, " \t\n") == len)
        continue; /* two Chinese sentences touch */
      if (sp && after && len && !is_space_byte(s[0]) && node_append_text(to, " ", 1) != COLETTE_OK)
        nomem(t);
      if (node_append_text(to, s, len) != COLETTE_OK) nomem(t);
      words |= has_letters(s, len);
      after = false;
      continue;
    }
    buf text = BUF_INIT;
    if (ty == COLETTE_NODE_SENTENCE && formula_text(t, c, &text, own)) {
      if (sp && !ends_spaced(to) && node_append_text(to, " ", 1) != COLETTE_OK) nomem(t);
      colette_node *n = add(t, to, ty);
      copy_attrs(t, c, n);
      set(t, n, COLETTE_ATTR_LANG, t->target);
      runs_text(t, n, text.data, text.len, own);
      after = true;
    } else {
      if (sp && after && node_append_text(to, " ", 1) != COLETTE_OK) nomem(t);
      copy(t, c, add(t, to, ty), own);
      words = true;
      after = false;
    }
    buf_free(&text);
  }
  /* "5 <s>I wish you…</s>": only the paragraph's number is kept, and it
   * has no language: the paragraph is the target's */
  if (words) set(t, to, COLETTE_ATTR_LANG, own); /* what is not a sentence of the catalogue */
  if (words)
    t->rep.mixed++;
  else
    mark(t, to, t->target), t->rep.translated++;
}

/* ---- deadlines ------------------------------------------------------------------------------ */

/* An opening or closing bracket at s (ASCII or full-width): its length, or 0. */
static size_t bracket(const char *s, size_t n, int *depth) {
  if (*s == '(') return ++*depth, 1;
  if (*s == ')') return --*depth, 1;
  if (n >= 3 && memcmp(s, "\xEF\xBC\x88", 3) == 0) return ++*depth, 3; /* （ */
  if (n >= 3 && memcmp(s, "\xEF\xBC\x89", 3) == 0) return --*depth, 3; /* ） */
  return 0;
}

/* The part [a, b) of the inline children of `from` past `first`, whose
 * texts laid end to end are the action, copied into `to` in the source
 * language.  Bounds fall inside text children (they are brackets). */
static void copy_span(tr *t, const colette_node *first, const size_t *at, size_t a, size_t b,
                      colette_node *to, const char *own) {
  size_t i = 0;
  for (const colette_node *c = first; c && t->st == COLETTE_OK; c = colette_node_next(c), i++) {
    size_t s = at[i], e = at[i + 1];
    if (e <= a || s >= b) continue;
    if (colette_node_get_type(c) == COLETTE_NODE_TEXT) {
      size_t len, lo = a > s ? a - s : 0, hi = (b < e ? b : e) - s;
      const char *lit = colette_node_literal(c, &len);
      if (hi > lo && node_append_text(to, lit + lo, hi - lo) != COLETTE_OK) nomem(t);
    } else {
      copy(t, c, add(t, to, colette_node_get_type(c)), own);
    }
  }
}

/*
 * A deadline: "24 June 2021 - Registration (via the online form on the
 * SG17 homepage)".  Its date is written anew, and its action by its kind:
 * the stretch of the action outside brackets that names the kind becomes
 * the kind's canonical form in the target language; what the brackets hold
 * and what follows them ("(via Direct Document Posting) to WP1/11") is
 * free text, kept after it in the source language (an <s> with that
 * language and no formula), so that no link or detail is lost.  False when the deadline is not read
 * that way (no date first, or the kind named only inside brackets): it is then kept whole.
 */
static bool deadline(tr *t, const colette_node *from, colette_node *to, const char *own) {
  const char *key = colette_node_attr(from, COLETTE_ATTR_FORMULA);
  const colette_node *date = colette_node_first_child(from);
  while (date && colette_node_get_type(date) == COLETTE_NODE_TEXT) {
    size_t len;
    const char *s = colette_node_literal(date, &len);
    if (len && strspn(s, " \t") != len) return false; /* text before the date */
    date = colette_node_next(date);
  }
  if (!date || colette_node_get_type(date) != COLETTE_NODE_DATE_VALUE) return false;
  /* the action as one text, each child's place in it */
  buf all = BUF_INIT;
  size_t nchild = 0, cap = 0, *at = NULL;
  const colette_node *first = colette_node_next(date);
  for (const colette_node *c = first;; c = colette_node_next(c)) {
    if (nchild + 1 >= cap) {
      size_t *v = realloc(at, (cap = cap ? 2 * cap : 16) * sizeof *v);
      if (!v) {
        free(at);
        buf_free(&all);
        nomem(t);
        return true;
      }
      at = v;
    }
    at[nchild] = all.len;
    if (!c) break;
    nchild++;
    if (colette_node_get_type(c) == COLETTE_NODE_TEXT) {
      size_t len;
      const char *s = colette_node_literal(c, &len);
      buf_append(&all, s, len);
    } else {
      char *s = colette_node_text(c);
      if (s) buf_puts(&all, s);
      free(s);
      if (colette_node_get_type(c) == COLETTE_NODE_NOTE ||
          colette_node_get_type(c) == COLETTE_NODE_IMAGE)
        buf_puts(&all, " "); /* never part of a bracket's count */
    }
  }
  /* where the kind is named */
  bool ok = false;
  size_t ks = 0, ke = 0;
  cat_text ct = CAT_TEXT_INIT;
  cat_match v[16];
  if (cat_text_set(&ct, all.data ? all.data : "", all.len, NULL, 0) != COLETTE_OK) {
    nomem(t);
  } else {
    size_t k = cat_match_all(t->cat, CAT_KIND, &ct, v, 16);
    for (size_t i = 0; i < k && !ok; i++)
      if (strcmp(cat_entry_key(v[i].entry), key) == 0) {
        ks = v[i].start;
        ke = v[i].end;
        ok = true;
      }
  }
  cat_text_free(&ct);
  /* the phrase: the stretch outside brackets around it */
  size_t ps = 0, pe = all.len;
  int depth = 0;
  for (size_t i = 0; ok && i < all.len;) {
    int before = depth;
    size_t b = bracket(all.data + i, all.len - i, &depth);
    if (!b) {
      if (i >= ks && i < ke && depth > 0) ok = false; /* the kind inside brackets */
      i++;
      continue;
    }
    if (depth < 0) depth = 0;                             /* a stray closing one */
    if (i < ks && before == 0 && depth > 0) ps = all.len; /* a bracket opens before it, */
    if (i < ks && before > 0 && depth == 0) ps = i + b;   /* and closes before it */
    if (i >= ke && before == 0 && depth > 0 && pe == all.len) pe = i;
    i += b;
  }
  if (ok && ps > ks) ok = false; /* unbalanced brackets around the kind */
  buf date_text = BUF_INIT, action = BUF_INIT;
  if (ok)
    ok = render_date(t->dates, colette_node_attr(date, COLETTE_ATTR_WHEN), t->target, &date_text,
                     t->err) == COLETTE_OK &&
         formula_text(t, from, &action, NULL);
  if (ok && t->st == COLETTE_OK) {
    bool kept = ps > 0 || pe < all.len;
    buf head = BUF_INIT;
    buf_append(&head, date_text.data, date_text.len);
    buf_puts(&head, " \xE2\x80\x93 ");
    mark(t, to, t->target);
    buf_append(&head, action.data, action.len);
    typed_text(t, to, head.data, head.len);
    /* then what the brackets hold, in the source's order: a bracket
     * before the phrase (Chinese puts its means before the verb, as in
     * （通过文件直传系统）提交…) comes after it, as English and French do */
    size_t lead = strspn(all.data ? all.data : "", " \t-:\xE2\x80\x93\x94"); /* the separator */
    while (ps > 0 && all.data[ps - 1] == ' ')
      ps--;
    size_t span[2][2] = {{lead < ps ? lead : ps, ps}, {pe, all.len}};
    for (int i = 0; i < 2; i++) {
      size_t a = span[i][0], e = span[i][1];
      while (a < e && all.data[a] == ' ')
        a++;
      if (a >= e) continue;
      if (all.data[a] == '(' && node_append_text(to, " ", 1) != COLETTE_OK) nomem(t);
      colette_node *s = add(t, to, COLETTE_NODE_SENTENCE); /* a run in its own language */
      set(t, s, COLETTE_ATTR_LANG, own);
      copy_span(t, first, at, a, e, s, own);
    }
    buf_free(&head);
    if (kept)
      t->rep.mixed++;
    else
      t->rep.translated++;
  }
  buf_free(&date_text);
  buf_free(&action);
  buf_free(&all);
  free(at);
  return ok || t->st != COLETTE_OK;
}

static bool has_sentences(const colette_node *n) {
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c))
    if (colette_node_get_type(c) == COLETTE_NODE_SENTENCE &&
        colette_node_attr(c, COLETTE_ATTR_FORMULA))
      return true;
  return false;
}

static void copy(tr *t, const colette_node *from, colette_node *to, const char *scope) {
  if (!to) return;
  colette_node_type ty = colette_node_get_type(from);
  const char *own = lang_at(from, scope);
  bool target = same_language(own, t->target);
  copy_attrs(t, from, to);
  /* a label follows its entry */
  const char *lk = label_key(from);
  if (lk && colette_node_attr(from, COLETTE_ATTR_LABEL) && !target) {
    buf lb = BUF_INIT;
    /* an empty canonical form: the target writes no such label (French
     * addressees start "Aux Administrations…", with no "To:" before) */
    if (canonical(t, lk, NULL, &lb) == COLETTE_OK &&
        colette_node_set_attr(to, COLETTE_ATTR_LABEL, lb.len ? lb.data : NULL) == COLETTE_ERR_NOMEM)
      nomem(t);
    buf_free(&lb);
  }
  if (!is_block(ty)) { /* containers: their children, each on its own */
    if (ty == COLETTE_NODE_ANNEX && !target) set(t, to, COLETTE_ATTR_LANG, own);
    copy_children(t, from, to, own);
    return;
  }
  t->rep.blocks++;
  if (target) { /* already in the target language */
    mark(t, to, own);
    copy_children(t, from, to, own);
    t->rep.translated++;
    return;
  }
  buf text = BUF_INIT;
  bool anew = false;
  if (ty == COLETTE_NODE_PLACE && colette_node_attr(from, COLETTE_ATTR_KEY)) {
    place_text(t, colette_node_attr(from, COLETTE_ATTR_KEY), &text);
    anew = true;
  } else if (ty == COLETTE_NODE_DATE) {
    anew = render_date(t->dates, colette_node_attr(from, COLETTE_ATTR_WHEN), t->target, &text,
                       t->err) == COLETTE_OK;
  } else if (ty == COLETTE_NODE_DEADLINE && colette_node_attr(from, COLETTE_ATTR_FORMULA)) {
    if (deadline(t, from, to, own)) {
      buf_free(&text);
      return;
    }
  } else if (ty == COLETTE_NODE_CONTACT ||
             (ty == COLETTE_NODE_REF && !colette_node_attr(from, COLETTE_ATTR_NUMBER))) {
    /* a number, an address, a file reference: no language of their own */
    copy_children(t, from, to, own);
    t->rep.translated++;
    buf_free(&text);
    return;
  } else if (colette_node_attr(from, COLETTE_ATTR_FORMULA) &&
             strncmp(colette_node_attr(from, COLETTE_ATTR_FORMULA), "label.", 6) != 0) {
    anew = formula_text(t, from, &text, own);
  }
  if (anew && t->st == COLETTE_OK) {
    written(t, to, text.data ? text.data : "", text.len, own);
  } else if ((ty == COLETTE_NODE_PARAGRAPH || ty == COLETTE_NODE_ITEM) && has_sentences(from)) {
    sentences(t, from, to, own);
  } else {
    set(t, to, COLETTE_ATTR_LANG, own);
    copy_children(t, from, to, own);
    t->rep.kept++;
  }
  buf_free(&text);
}

colette_status colette_letter_translate(const colette_letter *l, const char *lang,
                                        colette_context *ctx, colette_letter **out,
                                        colette_render_report *report, colette_error *err) {
  *out = NULL;
  if (report) memset(report, 0, sizeof *report);
  if (!l || !lang) return error_set(err, COLETTE_ERR_INVALID, NULL, "no letter or language");
  tr t;
  memset(&t, 0, sizeof t);
  t.err = err;
  t.target = lang;
  colette_context *mine = NULL;
  colette_status st = ctx ? COLETTE_OK : colette_context_new(&mine, err);
  if (st != COLETTE_OK) return st;
  if (!ctx) ctx = mine;
  catalog *cat = ctx->cat;
  t.cat = cat;
  int li = cat_language_index(cat, lang);
  if (li < 0) {
    char known[128] = "";
    for (size_t i = 0; i < cat_languages(cat); i++)
      snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "",
               cat_language(cat, i));
    colette_context_free(mine);
    return error_set(err, COLETTE_ERR_INVALID, NULL,
                     "no catalogue for the language '%s' (colette knows %s)", lang, known);
  }
  t.li = (size_t)li;
  t.dates = ctx->dates;
  t.rec = ctx->rec;
  t.out = colette_letter_new();
  if (!t.out) {
    nomem(&t);
  } else {
    const colette_node *root = colette_letter_root(l);
    colette_node *nroot = colette_letter_root(t.out);
    const char *own = colette_node_attr(root, COLETTE_ATTR_LANG);
    copy_attrs(&t, root, nroot);
    set(&t, nroot, COLETTE_ATTR_LANG, lang);
    copy_children(&t, root, nroot, own ? own : "und");
  }
  st = t.st;
  if (st == COLETTE_OK) st = letter_check(t.out, err);
  if (st == COLETTE_OK) {
    *out = t.out;
    t.out = NULL;
    if (report) *report = t.rep;
  }
  colette_letter_free(t.out);
  free(t.m);
  colette_context_free(mine);
  return st;
}
