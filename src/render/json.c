/*
 * json.c: the letter's facts as one JSON object, for jq and programs.
 *
 * The shape is documented in README.md ("colette-render --to json") and
 * kept stable: every key is always there (null, [] or {} when the letter
 * has nothing for it), in the same order, so that a program may index it
 * without checking.  Texts are the letter's (translated when asked), a
 * line break as "\n"; dates ISO 8601; counts and reference numbers JSON
 * numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "data.h"
#include "jsonw.h"
#include "render.h"

#define JSON_SHAPE_VERSION 1

typedef struct jw {
  render *r;
  jsonw w;
  buf t; /* scratch */
} jw;

static void text_of(jw *j, const colette_node *n) {
  buf_clear(&j->t);
  if (n) render_plain(n, &j->t);
  jsonw_string_n(&j->w, j->t.data ? j->t.data : "", j->t.len);
}

/* "key": the node's text, or null without a node. */
static void text_member(jw *j, const char *key, const colette_node *n) {
  jsonw_key(&j->w, key);
  if (n)
    text_of(j, n);
  else
    jsonw_null(&j->w);
}

static void attr_member(jw *j, const char *key, const colette_node *n, colette_attr a) {
  jsonw_member(&j->w, key, n ? colette_node_attr(n, a) : NULL);
}

/* A non-negative integer attribute as a JSON number (leading zeros
 * dropped), null when unset or not digits. */
static void number_member(jw *j, const char *key, const colette_node *n, colette_attr a) {
  const char *v = n ? colette_node_attr(n, a) : NULL;
  jsonw_key(&j->w, key);
  if (!v || !*v || strspn(v, "0123456789") != strlen(v)) {
    jsonw_null(&j->w);
    return;
  }
  while (v[0] == '0' && v[1])
    v++;
  jsonw_number(&j->w, v);
}

/* A head label as written, or null. */
static void label_member(jw *j, const colette_node *n) {
  const char *l = colette_node_attr(n, COLETTE_ATTR_LABEL);
  jsonw_member(&j->w, "label", l && *l ? l : NULL);
}

/* "formula" and "args" (an object of the arguments by name). */
static void formula_members(jw *j, const colette_node *n) {
  jsonw_member(&j->w, "formula", colette_node_attr(n, COLETTE_ATTR_FORMULA));
  jsonw_key(&j->w, "args");
  jsonw_object(&j->w);
  const char *name, *value;
  for (size_t i = 0; colette_node_arg(n, i, &name, &value); i++)
    jsonw_member(&j->w, name, value);
  jsonw_end_object(&j->w);
}

static void metadata(jw *j) {
  const colette_node *md = colette_letter_find(j->r->l, COLETTE_NODE_METADATA);
  jsonw_key(&j->w, "metadata");
  jsonw_object(&j->w);
  for (const colette_node *p = md ? colette_node_first_child(md) : NULL; p;
       p = colette_node_next(p)) {
    const char *name = colette_node_attr(p, COLETTE_ATTR_NAME);
    bool dup = false; /* a name twice: the first is kept, as an object has one */
    for (const colette_node *q = colette_node_first_child(md); q != p && !dup;
         q = colette_node_next(q))
      dup = name && colette_node_attr(q, COLETTE_ATTR_NAME) &&
            strcmp(colette_node_attr(q, COLETTE_ATTR_NAME), name) == 0;
    if (!name || dup) continue;
    jsonw_key(&j->w, name);
    text_of(j, p);
  }
  jsonw_end_object(&j->w);
}

/* key: the addressees of the groups that are (copies) or are not copies
 * ("Copy to:"), in order, as one array. */
static void addressee_list(jw *j, const colette_node *h, const char *key, bool copies) {
  jsonw_key(&j->w, key);
  jsonw_array(&j->w);
  for (const colette_node *n = h ? colette_node_first_child(h) : NULL; n;
       n = colette_node_next(n)) {
    if (colette_node_get_type(n) != COLETTE_NODE_ADDRESSEES) continue;
    const char *type = colette_node_attr(n, COLETTE_ATTR_TYPE);
    if ((type && strcmp(type, "copy") == 0) != copies) continue;
    for (const colette_node *a = colette_node_first_child(n); a; a = colette_node_next(a)) {
      if (colette_node_get_type(a) != COLETTE_NODE_ADDRESSEE) continue;
      jsonw_object(&j->w);
      attr_member(j, "role", a, COLETTE_ATTR_ROLE);
      attr_member(j, "group", a, COLETTE_ATTR_GROUP);
      text_member(j, "text", a);
      jsonw_end_object(&j->w);
    }
  }
  jsonw_end_array(&j->w);
}

static void head(jw *j) {
  const colette_node *h = colette_letter_find(j->r->l, COLETTE_NODE_HEAD);
  const colette_node *place = NULL, *date = NULL, *subject = NULL;
  jsonw_key(&j->w, "head");
  jsonw_object(&j->w);
  jsonw_key(&j->w, "organization");
  jsonw_array(&j->w);
  for (const colette_node *n = h ? colette_node_first_child(h) : NULL; n;
       n = colette_node_next(n)) {
    switch (colette_node_get_type(n)) {
    case COLETTE_NODE_ORGANIZATION:
      jsonw_object(&j->w);
      attr_member(j, "key", n, COLETTE_ATTR_KEY);
      text_member(j, "text", n);
      jsonw_end_object(&j->w);
      break;
    case COLETTE_NODE_PLACE: place = n; break;
    case COLETTE_NODE_DATE: date = n; break;
    case COLETTE_NODE_SUBJECT: subject = n; break;
    default: break;
    }
  }
  jsonw_end_array(&j->w);
  jsonw_key(&j->w, "place");
  if (place) {
    jsonw_object(&j->w);
    attr_member(j, "key", place, COLETTE_ATTR_KEY);
    text_member(j, "text", place);
    jsonw_end_object(&j->w);
  } else {
    jsonw_null(&j->w);
  }
  jsonw_key(&j->w, "date");
  if (date) {
    jsonw_object(&j->w);
    attr_member(j, "when", date, COLETTE_ATTR_WHEN);
    text_member(j, "text", date);
    jsonw_end_object(&j->w);
  } else {
    jsonw_null(&j->w);
  }
  jsonw_key(&j->w, "references");
  jsonw_array(&j->w);
  for (const colette_node *n = h ? colette_node_first_child(h) : NULL; n;
       n = colette_node_next(n)) {
    if (colette_node_get_type(n) != COLETTE_NODE_REF) continue;
    jsonw_object(&j->w);
    attr_member(j, "type", n, COLETTE_ATTR_TYPE);
    number_member(j, "number", n, COLETTE_ATTR_NUMBER);
    number_member(j, "group", n, COLETTE_ATTR_GROUP);
    text_member(j, "text", n);
    label_member(j, n);
    jsonw_end_object(&j->w);
  }
  jsonw_end_array(&j->w);
  jsonw_key(&j->w, "contacts");
  jsonw_array(&j->w);
  for (const colette_node *n = h ? colette_node_first_child(h) : NULL; n;
       n = colette_node_next(n)) {
    if (colette_node_get_type(n) != COLETTE_NODE_CONTACT) continue;
    jsonw_object(&j->w);
    attr_member(j, "type", n, COLETTE_ATTR_TYPE);
    attr_member(j, "value", n, COLETTE_ATTR_VALUE);
    text_member(j, "text", n);
    label_member(j, n);
    jsonw_end_object(&j->w);
  }
  jsonw_end_array(&j->w);
  addressee_list(j, h, "addressees", false);
  addressee_list(j, h, "copies", true);
  jsonw_key(&j->w, "subject");
  if (subject) {
    jsonw_object(&j->w);
    text_member(j, "text", subject);
    label_member(j, subject);
    formula_members(j, subject);
    jsonw_end_object(&j->w);
  } else {
    jsonw_null(&j->w);
  }
  jsonw_end_object(&j->w);
}

static void meeting(jw *j) {
  const colette_node *m = colette_letter_find(j->r->l, COLETTE_NODE_MEETING);
  jsonw_key(&j->w, "meeting");
  if (!m) {
    jsonw_null(&j->w);
    return;
  }
  jsonw_object(&j->w);
  attr_member(j, "group", m, COLETTE_ATTR_GROUP);
  attr_member(j, "mode", m, COLETTE_ATTR_MODE);
  attr_member(j, "start", m, COLETTE_ATTR_START);
  attr_member(j, "end", m, COLETTE_ATTR_END);
  attr_member(j, "place", m, COLETTE_ATTR_PLACE);
  jsonw_end_object(&j->w);
}

/* Every node of a type under n, in document order, into *out (a growing
 * array the caller frees); false when out of memory. */
static bool collect(const colette_node *n, colette_node_type type, const colette_node ***out,
                    size_t *count) {
  if (!n) return true;
  colette_iter *it = colette_iter_new((colette_node *)n);
  if (!it) return false;
  colette_event ev;
  bool ok = true;
  while (ok && (ev = colette_iter_next(it)) != COLETTE_EVENT_DONE) {
    const colette_node *c = colette_iter_node(it);
    if (ev != COLETTE_EVENT_ENTER || colette_node_get_type(c) != type) continue;
    const colette_node **more = realloc(*out, (*count + 1) * sizeof **out);
    if (!more)
      ok = false;
    else {
      *out = more;
      (*out)[(*count)++] = c;
    }
  }
  colette_iter_free(it);
  return ok;
}

static colette_status body(jw *j) {
  const colette_node *b = colette_letter_find(j->r->l, COLETTE_NODE_BODY);
  const colette_node **v = NULL;
  size_t n = 0;
  if (!collect(b, COLETTE_NODE_DEADLINE, &v, &n))
    return error_set(j->r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  jsonw_key(&j->w, "deadlines");
  jsonw_array(&j->w);
  for (size_t i = 0; i < n; i++) {
    jsonw_object(&j->w);
    attr_member(j, "when", v[i], COLETTE_ATTR_WHEN);
    attr_member(j, "kind", v[i], COLETTE_ATTR_KIND);
    text_member(j, "text", v[i]);
    buf_clear(&j->t);
    data_action(v[i], &j->t);
    jsonw_key(&j->w, "action");
    jsonw_string_n(&j->w, j->t.data ? j->t.data : "", j->t.len);
    jsonw_end_object(&j->w);
  }
  jsonw_end_array(&j->w);
  free(v);
  /* the signatory: the texts of its names and of its titles, each joined by a space */
  const colette_node *sig = NULL, *enc = NULL;
  for (const colette_node *c = b ? colette_node_first_child(b) : NULL; c;
       c = colette_node_next(c)) {
    if (colette_node_get_type(c) == COLETTE_NODE_SIGNATURE && !sig) sig = c;
    if (colette_node_get_type(c) == COLETTE_NODE_ENCLOSURE && !enc) enc = c;
  }
  jsonw_key(&j->w, "signature");
  if (sig) {
    jsonw_object(&j->w);
    static const colette_node_type PARTS[] = {COLETTE_NODE_NAME, COLETTE_NODE_TITLE};
    static const char *const KEYS[] = {"name", "title"};
    for (size_t k = 0; k < 2; k++) {
      buf_clear(&j->t);
      bool any = false;
      for (const colette_node *c = colette_node_first_child(sig); c; c = colette_node_next(c)) {
        if (colette_node_get_type(c) != PARTS[k]) continue;
        size_t before = j->t.len;
        if (any) buf_putc(&j->t, ' ');
        size_t at = j->t.len;
        data_line(c, &j->t);
        if (j->t.len == at)
          j->t.len = before; /* an empty one adds nothing */
        else
          any = true;
      }
      jsonw_key(&j->w, KEYS[k]);
      if (any)
        jsonw_string_n(&j->w, j->t.data, j->t.len);
      else
        jsonw_null(&j->w);
    }
    jsonw_end_object(&j->w);
  } else {
    jsonw_null(&j->w);
  }
  jsonw_key(&j->w, "enclosure");
  if (enc) {
    jsonw_object(&j->w);
    number_member(j, "count", enc, COLETTE_ATTR_COUNT);
    text_member(j, "text", enc);
    jsonw_end_object(&j->w);
  } else {
    jsonw_null(&j->w);
  }
  return COLETTE_OK;
}

static colette_status annexes(jw *j) {
  jsonw_key(&j->w, "annexes");
  jsonw_array(&j->w);
  colette_status st = COLETTE_OK;
  for (const colette_node *a = colette_node_first_child(colette_letter_root(j->r->l)); a;
       a = colette_node_next(a)) {
    if (colette_node_get_type(a) != COLETTE_NODE_ANNEX) continue;
    jsonw_object(&j->w);
    attr_member(j, "id", a, COLETTE_ATTR_ID);
    jsonw_member(&j->w, "lang", render_lang(j->r, a));
    const colette_node *heading = NULL;
    for (const colette_node *c = colette_node_first_child(a); c && !heading;
         c = colette_node_next(c))
      if (colette_node_get_type(c) == COLETTE_NODE_HEADING &&
          !colette_node_attr(c, COLETTE_ATTR_LEVEL))
        heading = c;
    text_member(j, "heading", heading);
    jsonw_key(&j->w, "titles");
    jsonw_array(&j->w);
    for (const colette_node *c = colette_node_first_child(a); c; c = colette_node_next(c))
      if (colette_node_get_type(c) == COLETTE_NODE_TITLE) text_of(j, c);
    jsonw_end_array(&j->w);
    const colette_node **lists = NULL;
    size_t n = 0;
    if (!collect(a, COLETTE_NODE_LIST, &lists, &n))
      st = error_set(j->r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    jsonw_key(&j->w, "lists");
    jsonw_array(&j->w);
    for (size_t i = 0; i < n; i++) {
      jsonw_object(&j->w);
      jsonw_key(&j->w, "items");
      jsonw_array(&j->w);
      for (const colette_node *it = colette_node_first_child(lists[i]); it;
           it = colette_node_next(it)) {
        jsonw_object(&j->w);
        attr_member(j, "label", it, COLETTE_ATTR_LABEL);
        number_member(j, "level", it, COLETTE_ATTR_LEVEL);
        text_member(j, "text", it);
        jsonw_end_object(&j->w);
      }
      jsonw_end_array(&j->w);
      jsonw_end_object(&j->w);
    }
    jsonw_end_array(&j->w);
    free(lists);
    jsonw_end_object(&j->w);
  }
  jsonw_end_array(&j->w);
  return st;
}

/* Inline wrappers that are no step of a value's path. */
static bool pathless(colette_node_type t) {
  return t == COLETTE_NODE_SENTENCE || t == COLETTE_NODE_LINK || t == COLETTE_NODE_FIELD;
}

/* One step of a path: p's name, with its position among its parent's
 * children of that name when there are several. */
static void step(const colette_node *p, buf *out) {
  const char *name = colette_node_type_name(colette_node_get_type(p));
  size_t pos = 0, count = 0;
  for (const colette_node *s = colette_node_first_child(colette_node_parent(p)); s;
       s = colette_node_next(s))
    if (strcmp(colette_node_type_name(colette_node_get_type(s)), name) == 0) {
      count++;
      if (s == p) pos = count;
    }
  buf_puts(out, name);
  if (count > 1) buf_printf(out, "[%zu]", pos);
}

/* The path of p from the letter element; its inline wrappers are no steps. */
static void path(const colette_node *p, buf *out) {
  const colette_node *up = colette_node_parent(p);
  if (!up) return; /* the letter itself */
  path(up, out);
  if (pathless(colette_node_get_type(p))) return;
  if (out->len) buf_putc(out, '/');
  step(p, out);
}

/* Where a value is: the path of the block holding it, "body/p[3]",
 * "head/subject", "annex[2]/list/item[5]". */
static void where(const colette_node *n, buf *out) { path(colette_node_parent(n), out); }

/* Every typed value in document order: dates, ranges, times, addresses,
 * document references, links. */
static colette_status values(jw *j) {
  colette_iter *it = colette_iter_new(colette_letter_root(j->r->l));
  if (!it) return error_set(j->r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  jsonw_key(&j->w, "values");
  jsonw_array(&j->w);
  colette_event ev;
  while ((ev = colette_iter_next(it)) != COLETTE_EVENT_DONE) {
    const colette_node *n = colette_iter_node(it);
    if (ev != COLETTE_EVENT_ENTER) continue;
    colette_node_type t = colette_node_get_type(n);
    const char *type = t == COLETTE_NODE_DATE_VALUE  ? "date"
                       : t == COLETTE_NODE_DATERANGE ? "daterange"
                       : t == COLETTE_NODE_TIME      ? "time"
                       : t == COLETTE_NODE_EMAIL     ? "email"
                       : t == COLETTE_NODE_URL       ? "url"
                       : t == COLETTE_NODE_PHONE     ? "phone"
                       : t == COLETTE_NODE_DOCREF    ? "docref"
                       : t == COLETTE_NODE_LINK      ? "link"
                                                     : NULL;
    if (!type) continue;
    jsonw_object(&j->w);
    jsonw_member(&j->w, "type", type);
    switch (t) {
    case COLETTE_NODE_DATE_VALUE: attr_member(j, "when", n, COLETTE_ATTR_WHEN); break;
    case COLETTE_NODE_DATERANGE:
    case COLETTE_NODE_TIME:
      attr_member(j, "start", n, COLETTE_ATTR_START);
      attr_member(j, "end", n, COLETTE_ATTR_END);
      break;
    case COLETTE_NODE_DOCREF:
      attr_member(j, "doctype", n, COLETTE_ATTR_TYPE);
      attr_member(j, "id", n, COLETTE_ATTR_ID);
      break;
    case COLETTE_NODE_LINK: attr_member(j, "href", n, COLETTE_ATTR_HREF); break;
    default: attr_member(j, "value", n, COLETTE_ATTR_VALUE); break;
    }
    /* only where the letter disagrees with itself: "weekday" */
    if (colette_node_attr(n, COLETTE_ATTR_CONFLICT))
      attr_member(j, "conflict", n, COLETTE_ATTR_CONFLICT);
    text_member(j, "text", n);
    buf_clear(&j->t);
    where(n, &j->t);
    jsonw_key(&j->w, "where");
    jsonw_string_n(&j->w, j->t.data ? j->t.data : "", j->t.len);
    jsonw_member(&j->w, "lang", render_lang(j->r, n));
    jsonw_end_object(&j->w);
  }
  jsonw_end_array(&j->w);
  colette_iter_free(it);
  return COLETTE_OK;
}

colette_status render_json(render *r, buf *out) {
  jw j;
  j.r = r;
  j.t = (buf)BUF_INIT;
  jsonw_init(&j.w, out, true);
  const colette_node *root = colette_letter_root(r->l);
  jsonw_object(&j.w);
  jsonw_key(&j.w, "version");
  jsonw_int(&j.w, JSON_SHAPE_VERSION);
  jsonw_member(&j.w, "lang", r->lang);
  attr_member(&j, "source", root, COLETTE_ATTR_SOURCE);
  metadata(&j);
  head(&j);
  meeting(&j);
  colette_status st = body(&j);
  if (st == COLETTE_OK) st = annexes(&j);
  if (st == COLETTE_OK) st = values(&j);
  jsonw_end_object(&j.w);
  buf_putc(out, '\n');
  if (st == COLETTE_OK && !buf_ok(&j.t))
    st = error_set(r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  buf_free(&j.t);
  return st;
}
