/*
 * pandoc.c: the letter as pandoc's JSON (pandoc-types 1.22, the API of
 * Debian's pandoc 2.17), so that `pandoc -f json` takes it on to any
 * format pandoc writes.
 *
 * The document: meta (title from the subject, date, lang), then blocks.
 * The head is a Div of lines (the letterhead, the dateline, each
 * reference, contact and subject a Para, the addressees one Para with line
 * breaks); page headers before everything and page footers after
 * everything, each a Div "furniture".  Facts are Divs and Spans with
 * classes and key-value attributes (a deadline is a Div "deadline" with
 * when and kind, a date a Span "date" with when), so that a filter or a
 * stylesheet can find them; a key that is an HTML attribute's name (type,
 * role, start, value, kind, label, id) is written data-type…, so that
 * pandoc's HTML has every fact as a data- attribute.  Lists whose labels are plain numbers or
 * letters (1. 2. 3., a) b) c)) are OrderedLists with pandoc's start, style
 * and delimiter; lists of bullets are BulletLists; any other label (2.1,
 * an empty one) is kept as text at the start of its item, in a Div
 * "list" (pandoc_lists.c, with the tables).  Every block or inline in
 * another language than the one around it is in a Div or Span with a lang
 * attribute.
 *
 * An annex is a Div "annex" (id annex-ID): its heading a level-1 Header,
 * its titles level-2 Headers, and its own headings two levels below the
 * level they have in the letter, so that they sit under its title.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "pandoc_impl.h"

static bool same_language(const char *a, const char *b) {
  size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
  return na == nb && strncmp(a, b, na) == 0;
}

/* ---- elements ---------------------------------------------------------------------------- */

/* Is k an attribute HTML has (pandoc's HTML writer writes those as they
 * are, every other key as data-KEY)? */
static bool html_attribute(const char *k) {
  static const char *const HTML[] = {"id",    "type", "value",  "role", "start", "kind",
                                     "label", "href", "target", "name", "title"};
  for (size_t i = 0; i < sizeof HTML / sizeof *HTML; i++)
    if (strcmp(k, HTML[i]) == 0) return true;
  return false;
}

/* An Attr: [id, [class], [[key, value]…]], with ["lang", lang] last when
 * lang.  A key HTML has as an attribute of its own is written data-KEY, so
 * that in HTML every fact is a data- attribute (a role is no ARIA role). */
void pandoc_attr(pw *p, const char *id, const char *cls, const kv *kvs, size_t n,
                 const char *lang) {
  jsonw_array(&p->w);
  jsonw_string(&p->w, id ? id : "");
  jsonw_array(&p->w);
  if (cls) jsonw_string(&p->w, cls);
  jsonw_end_array(&p->w);
  jsonw_array(&p->w);
  for (size_t i = 0; i < n; i++) {
    if (!kvs[i].v) continue;
    jsonw_array(&p->w);
    if (html_attribute(kvs[i].k)) {
      char k[64];
      snprintf(k, sizeof k, "data-%s", kvs[i].k);
      jsonw_string(&p->w, k);
    } else {
      jsonw_string(&p->w, kvs[i].k);
    }
    jsonw_string(&p->w, kvs[i].v);
    jsonw_end_array(&p->w);
  }
  if (lang) {
    jsonw_array(&p->w);
    jsonw_string(&p->w, "lang");
    jsonw_string(&p->w, lang);
    jsonw_end_array(&p->w);
  }
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
}

/* Text as pandoc splits it: words as Str, each run of white space a Space. */
void pandoc_str(pw *p, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
      while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
      pandoc_tag(p, "Space");
      continue;
    }
    size_t start = i;
    while (i < n && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
      i++;
    pandoc_el(p, "Str");
    jsonw_string_n(&p->w, s + start, i - start);
    pandoc_el_end(p);
  }
}

/* The language n is in, when it is not the one around; else NULL. */
const char *pandoc_foreign(pw *p, const colette_node *n) {
  const char *l = render_lang(p->r, n);
  return same_language(l, p->lang) ? NULL : l;
}

/* Open a Div (block) or Span (inline) for n with id, class and attributes,
 * and its language if foreign; nothing when there is nothing to say. */
static wrap wrap_begin(pw *p, bool block, const colette_node *n, const char *id, const char *cls,
                       const kv *kvs, size_t nkv) {
  wrap w = {false, p->lang};
  const char *l = n ? pandoc_foreign(p, n) : NULL;
  if (!l && !cls && !nkv && !(id && *id)) return w;
  pandoc_el(p, block ? "Div" : "Span");
  jsonw_array(&p->w);
  pandoc_attr(p, id, cls, kvs, nkv, l);
  jsonw_array(&p->w);
  w.open = true;
  if (l) p->lang = l;
  return w;
}

void pandoc_wrap_end(pw *p, wrap w) {
  if (!w.open) return;
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
  pandoc_el_end(p);
  p->lang = w.lang;
}

wrap pandoc_dwrap(pw *p, const colette_node *n, const char *cls, const kv *kvs, size_t nkv) {
  return wrap_begin(p, true, n, NULL, cls, kvs, nkv);
}

/* ---- inlines ---------------------------------------------------------------------------- */

/* A node's attributes as key-value pairs (not its language or formula). */
static size_t attrs_of(const colette_node *n, kv *out, size_t max) {
  size_t k = 0;
  for (int a = 0; a < COLETTE_ATTR_COUNT_ && k < max; a++) {
    if (a == COLETTE_ATTR_LANG || a == COLETTE_ATTR_FORMULA) continue;
    const char *v = colette_node_attr(n, (colette_attr)a);
    if (v) out[k++] = (kv){colette_attr_name((colette_attr)a), v};
  }
  return k;
}

/* A Link with its class and attributes, around n's content. */
static void link(pw *p, const colette_node *n, const char *cls, const char *href) {
  kv kvs[8] = {{0}}; /* read only up to k; cleared for the compilers that cannot tell */
  size_t k = cls ? attrs_of(n, kvs, 8) : 0;
  wrap w = wrap_begin(p, false, n, NULL, NULL, NULL, 0); /* only its language */
  pandoc_el(p, "Link");
  jsonw_array(&p->w);
  pandoc_attr(p, "", cls, kvs, k, NULL);
  jsonw_array(&p->w);
  pandoc_inlines(p, n);
  jsonw_end_array(&p->w);
  jsonw_array(&p->w);
  jsonw_string(&p->w, href ? href : "");
  jsonw_string(&p->w, "");
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
  pandoc_el_end(p);
  pandoc_wrap_end(p, w);
}

/* A comment: a Span "comment" holding its text on one line. */
static void comment(pw *p, const colette_node *n) {
  kv kvs[] = {{"mark", colette_node_attr(n, COLETTE_ATTR_MARK)}};
  wrap w = wrap_begin(p, false, NULL, NULL, "comment", kvs, 1);
  bool first = true;
  for (const colette_node *b = colette_node_first_child(n); b; b = colette_node_next(b)) {
    buf t = BUF_INIT;
    render_plain(b, &t);
    if (t.len) {
      if (!first) pandoc_tag(p, "Space");
      pandoc_str(p, t.data, t.len);
      first = false;
    }
    buf_free(&t);
  }
  pandoc_wrap_end(p, w);
}

static void inline_node(pw *p, const colette_node *c) {
  colette_node_type t = colette_node_get_type(c);
  switch (t) {
  case COLETTE_NODE_TEXT: {
    size_t len;
    const char *s = colette_node_literal(c, &len);
    pandoc_str(p, s, len);
    return;
  }
  case COLETTE_NODE_BREAK: pandoc_tag(p, "LineBreak"); return;
  case COLETTE_NODE_IMAGE: {
    const char *descr = colette_node_attr(c, COLETTE_ATTR_DESCR);
    pandoc_el(p, "Image");
    jsonw_array(&p->w);
    pandoc_attr(p, "", NULL, NULL, 0, NULL);
    jsonw_array(&p->w);
    if (descr) pandoc_strz(p, descr);
    jsonw_end_array(&p->w);
    jsonw_array(&p->w);
    jsonw_string(&p->w, colette_node_attr(c, COLETTE_ATTR_TARGET));
    jsonw_string(&p->w, "");
    jsonw_end_array(&p->w);
    jsonw_end_array(&p->w);
    pandoc_el_end(p);
    return;
  }
  case COLETTE_NODE_NOTE: {
    const char *type = colette_node_attr(c, COLETTE_ATTR_TYPE);
    if (type && strcmp(type, "comment") == 0) {
      comment(p, c);
      return;
    }
    pandoc_el(p, "Note");
    jsonw_array(&p->w);
    pandoc_blocks(p, c);
    jsonw_end_array(&p->w);
    pandoc_el_end(p);
    return;
  }
  case COLETTE_NODE_LINK: link(p, c, NULL, colette_node_attr(c, COLETTE_ATTR_HREF)); return;
  case COLETTE_NODE_URL: link(p, c, "url", colette_node_attr(c, COLETTE_ATTR_VALUE)); return;
  case COLETTE_NODE_EMAIL: {
    buf href = BUF_INIT;
    buf_puts(&href, "mailto:");
    buf_puts(&href, colette_node_attr(c, COLETTE_ATTR_VALUE)
                        ? colette_node_attr(c, COLETTE_ATTR_VALUE)
                        : "");
    link(p, c, "email", href.data);
    buf_free(&href);
    return;
  }
  case COLETTE_NODE_SENTENCE: { /* a sentence is no fact: only its language is marked */
    wrap w = wrap_begin(p, false, c, NULL, NULL, NULL, 0);
    pandoc_inlines(p, c);
    pandoc_wrap_end(p, w);
    return;
  }
  default: { /* a typed value: a Span with its type as class, its attributes */
    kv kvs[8];
    size_t k = attrs_of(c, kvs, 8);
    wrap w = wrap_begin(p, false, c, NULL, colette_node_type_name(t), kvs, k);
    pandoc_inlines(p, c);
    pandoc_wrap_end(p, w);
    return;
  }
  }
}

void pandoc_inlines(pw *p, const colette_node *parent) {
  for (const colette_node *c = colette_node_first_child(parent); c; c = colette_node_next(c))
    inline_node(p, c);
}

/* A block of inlines: Para or Plain (in list items and cells). */
void pandoc_para(pw *p, const char *t, const colette_node *n) {
  pandoc_el(p, t);
  jsonw_array(&p->w);
  pandoc_inlines(p, n);
  jsonw_end_array(&p->w);
  pandoc_el_end(p);
}

/* ---- blocks ------------------------------------------------------------------------------- */

static void header(pw *p, int level, const char *id, const char *cls, const colette_node *n) {
  wrap w = pandoc_dwrap(p, n, NULL, NULL, 0);
  if (level < 1) level = 1;
  if (level > 6) level = 6;
  pandoc_el(p, "Header");
  jsonw_array(&p->w);
  jsonw_int(&p->w, level);
  pandoc_attr(p, id, cls, NULL, 0, NULL);
  jsonw_array(&p->w);
  pandoc_inlines(p, n);
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
  pandoc_el_end(p);
  pandoc_wrap_end(p, w);
}

/* A Para in a Div of class cls (with attributes), or alone. */
static void fact_para(pw *p, const colette_node *n, const char *cls, const kv *kvs, size_t nkv) {
  wrap w = pandoc_dwrap(p, n, cls, kvs, nkv);
  pandoc_para(p, "Para", n);
  pandoc_wrap_end(p, w);
}

static void block(pw *p, const colette_node *n) {
  colette_node_type t = colette_node_get_type(n);
  colette_node_type up = colette_node_get_type(colette_node_parent(n));
  switch (t) {
  case COLETTE_NODE_PARAGRAPH: fact_para(p, n, NULL, NULL, 0); return;
  case COLETTE_NODE_SALUTATION: fact_para(p, n, "salutation", NULL, 0); return;
  case COLETTE_NODE_CLOSING: fact_para(p, n, "closing", NULL, 0); return;
  case COLETTE_NODE_NAME: fact_para(p, n, "signatory-name", NULL, 0); return;
  case COLETTE_NODE_TITLE:
    if (up == COLETTE_NODE_ANNEX)
      header(p, 2, "", "annex-title", n);
    else
      fact_para(p, n, up == COLETTE_NODE_SIGNATURE ? "signatory-title" : "deadlines-title", NULL,
                0);
    return;
  case COLETTE_NODE_HEADING: {
    const char *l = colette_node_attr(n, COLETTE_ATTR_LEVEL);
    if (!l)
      header(p, 1, "", "annex-heading", n);
    else
      header(p, atoi(l) + (p->annex ? 2 : 0), "", NULL, n);
    return;
  }
  case COLETTE_NODE_LIST: {
    wrap w = pandoc_dwrap(p, n, NULL, NULL, 0);
    pandoc_list(p, n);
    pandoc_wrap_end(p, w);
    return;
  }
  case COLETTE_NODE_TABLE: {
    wrap w = pandoc_dwrap(p, n, NULL, NULL, 0);
    pandoc_table(p, n);
    pandoc_wrap_end(p, w);
    return;
  }
  case COLETTE_NODE_DEADLINES: {
    wrap w = pandoc_dwrap(p, n, "deadlines", NULL, 0);
    pandoc_blocks(p, n);
    pandoc_wrap_end(p, w);
    return;
  }
  case COLETTE_NODE_DEADLINE: {
    kv kvs[] = {{"when", colette_node_attr(n, COLETTE_ATTR_WHEN)},
                {"kind", colette_node_attr(n, COLETTE_ATTR_KIND)}};
    fact_para(p, n, "deadline", kvs, 2);
    return;
  }
  case COLETTE_NODE_SIGNATURE: {
    wrap w = pandoc_dwrap(p, n, "signature", NULL, 0);
    pandoc_blocks(p, n);
    pandoc_wrap_end(p, w);
    return;
  }
  case COLETTE_NODE_IMAGE:
    pandoc_el(p, "Para");
    jsonw_array(&p->w);
    inline_node(p, n);
    jsonw_end_array(&p->w);
    pandoc_el_end(p);
    return;
  case COLETTE_NODE_ENCLOSURE: {
    kv kvs[] = {{"count", colette_node_attr(n, COLETTE_ATTR_COUNT)}};
    fact_para(p, n, "enclosure", kvs, 1);
    return;
  }
  default: return; /* the head's facts and the furniture are written by head() */
  }
}

void pandoc_blocks(pw *p, const colette_node *parent) {
  for (const colette_node *c = colette_node_first_child(parent); c; c = colette_node_next(c))
    block(p, c);
}

/* ---- the head ------------------------------------------------------------------------------ */

/* A Span of class cls for n's content, its attributes with it. */
static void fact_span(pw *p, const colette_node *n, const char *cls, const kv *kvs, size_t nkv) {
  wrap w = wrap_begin(p, false, n, NULL, cls, kvs, nkv);
  pandoc_inlines(p, n);
  pandoc_wrap_end(p, w);
}

static void label(pw *p, const colette_node *n) {
  const char *l = render_label(n);
  if (!*l) return;
  pandoc_el(p, "Span");
  jsonw_array(&p->w);
  pandoc_attr(p, "", "label", NULL, 0, NULL);
  jsonw_array(&p->w);
  pandoc_strz(p, l);
  jsonw_end_array(&p->w);
  jsonw_end_array(&p->w);
  pandoc_el_end(p);
  pandoc_tag(p, "Space");
}

/* A labelled fact (a reference, a contact, the subject): one Para. */
static void labelled(pw *p, const colette_node *n, const char *cls) {
  kv kvs[8];
  size_t k = attrs_of(n, kvs, 8);
  size_t j = 0; /* without the label, written as text */
  for (size_t i = 0; i < k; i++)
    if (strcmp(kvs[i].k, "label") != 0) kvs[j++] = kvs[i];
  wrap w = pandoc_dwrap(p, n, NULL, NULL, 0);
  pandoc_el(p, "Para");
  jsonw_array(&p->w);
  label(p, n);
  fact_span(p, n, cls, kvs, j);
  jsonw_end_array(&p->w);
  pandoc_el_end(p);
  pandoc_wrap_end(p, w);
}

static colette_status dateline(pw *p, const colette_node *place, const colette_node *date) {
  buf t = BUF_INIT;
  colette_status st = render_dateline(p->r, place, date, &t);
  if (st == COLETTE_OK) {
    kv kvs[] = {{"place", place ? colette_node_attr(place, COLETTE_ATTR_KEY) : NULL},
                {"when", colette_node_attr(date, COLETTE_ATTR_WHEN)}};
    wrap w = pandoc_dwrap(p, date, NULL, NULL, 0);
    pandoc_el(p, "Para");
    jsonw_array(&p->w);
    pandoc_el(p, "Span");
    jsonw_array(&p->w);
    pandoc_attr(p, "", "dateline", kvs, 2, NULL);
    jsonw_array(&p->w);
    pandoc_str(p, t.data ? t.data : "", t.len);
    jsonw_end_array(&p->w);
    jsonw_end_array(&p->w);
    pandoc_el_end(p);
    jsonw_end_array(&p->w);
    pandoc_el_end(p);
    pandoc_wrap_end(p, w);
  }
  buf_free(&t);
  return st;
}

static void head(pw *p, const colette_node *h) {
  wrap w = pandoc_dwrap(p, h, "head", NULL, 0);
  for (const colette_node *n = colette_node_first_child(h); n && p->st == COLETTE_OK;
       n = colette_node_next(n)) {
    colette_node_type t = colette_node_get_type(n);
    const colette_node *next = colette_node_next(n);
    switch (t) {
    case COLETTE_NODE_ORGANIZATION: { /* the letterhead: its lines in one Para */
      pandoc_el(p, "Para");
      jsonw_array(&p->w);
      for (;;) {
        kv kvs[] = {{"key", colette_node_attr(n, COLETTE_ATTR_KEY)}};
        fact_span(p, n, "organization", kvs, 1);
        if (!next || colette_node_get_type(next) != COLETTE_NODE_ORGANIZATION) break;
        pandoc_tag(p, "LineBreak");
        n = next;
        next = colette_node_next(n);
      }
      jsonw_end_array(&p->w);
      pandoc_el_end(p);
      break;
    }
    case COLETTE_NODE_PLACE:
      if (next && colette_node_get_type(next) == COLETTE_NODE_DATE) {
        p->st = dateline(p, n, next);
        n = next;
      } else {
        kv kvs[] = {{"key", colette_node_attr(n, COLETTE_ATTR_KEY)}};
        wrap pl = pandoc_dwrap(p, n, NULL, NULL, 0);
        pandoc_el(p, "Para");
        jsonw_array(&p->w);
        fact_span(p, n, "place", kvs, 1);
        jsonw_end_array(&p->w);
        pandoc_el_end(p);
        pandoc_wrap_end(p, pl);
      }
      break;
    case COLETTE_NODE_DATE: p->st = dateline(p, NULL, n); break;
    case COLETTE_NODE_REF: labelled(p, n, "ref"); break;
    case COLETTE_NODE_CONTACT: labelled(p, n, "contact"); break;
    case COLETTE_NODE_SUBJECT: labelled(p, n, "subject"); break;
    case COLETTE_NODE_ADDRESSEES: { /* one Para: the label, each addressee a line */
      wrap aw = pandoc_dwrap(p, n, "addressees", NULL, 0);
      pandoc_el(p, "Para");
      jsonw_array(&p->w);
      label(p, n);
      bool first = true;
      for (const colette_node *a = colette_node_first_child(n); a; a = colette_node_next(a)) {
        if (!first) pandoc_tag(p, "LineBreak");
        first = false;
        kv kvs[] = {{"role", colette_node_attr(a, COLETTE_ATTR_ROLE)},
                    {"group", colette_node_attr(a, COLETTE_ATTR_GROUP)}};
        fact_span(p, a, "addressee", kvs, 2);
      }
      jsonw_end_array(&p->w);
      pandoc_el_end(p);
      pandoc_wrap_end(p, aw);
      break;
    }
    case COLETTE_NODE_FURNITURE: break; /* before and after the document */
    default: block(p, n); break;
    }
  }
  pandoc_wrap_end(p, w);
}

/* Page headers (type header) or footers, each a Div "furniture". */
static void furniture(pw *p, const colette_node *h, const char *type) {
  for (const colette_node *n = h ? colette_node_first_child(h) : NULL; n;
       n = colette_node_next(n)) {
    const char *t = colette_node_attr(n, COLETTE_ATTR_TYPE);
    if (colette_node_get_type(n) != COLETTE_NODE_FURNITURE || !t || strcmp(t, type) != 0) continue;
    kv kvs[] = {{"type", t}, {"page", colette_node_attr(n, COLETTE_ATTR_PAGE)}};
    wrap w = pandoc_dwrap(p, n, "furniture", kvs, 2);
    pandoc_blocks(p, n);
    pandoc_wrap_end(p, w);
  }
}

static void annex(pw *p, const colette_node *a) {
  const char *id = colette_node_attr(a, COLETTE_ATTR_ID);
  char aid[64];
  size_t k = (size_t)snprintf(aid, sizeof aid, "annex-");
  for (const char *s = id ? id : ""; *s && k + 1 < sizeof aid; s++) /* an HTML id's characters */
    aid[k++] = ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                *s == '-' || *s == '_')
                   ? *s
                   : '-';
  aid[k] = '\0';
  wrap w = wrap_begin(p, true, a, aid, "annex", NULL, 0);
  p->annex = true;
  pandoc_blocks(p, a);
  p->annex = false;
  pandoc_wrap_end(p, w);
}

/* ---- the document -------------------------------------------------------------------------- */

static void meta(pw *p) {
  const colette_node *subject = colette_letter_find(p->r->l, COLETTE_NODE_SUBJECT);
  const colette_node *date = colette_letter_find(p->r->l, COLETTE_NODE_DATE);
  jsonw_key(&p->w, "meta");
  jsonw_object(&p->w);
  jsonw_key(&p->w, "lang");
  pandoc_el(p, "MetaString");
  jsonw_string(&p->w, p->r->lang);
  pandoc_el_end(p);
  if (subject) {
    jsonw_key(&p->w, "title");
    pandoc_el(p, "MetaInlines");
    jsonw_array(&p->w);
    fact_span(p, subject, NULL, NULL, 0); /* a Span only if its language is another */
    jsonw_end_array(&p->w);
    pandoc_el_end(p);
  }
  if (date) {
    buf t = BUF_INIT;
    colette_error ignored;
    if (render_date(p->r->dates, colette_node_attr(date, COLETTE_ATTR_WHEN), p->r->lang, &t,
                    &ignored) != COLETTE_OK) {
      buf_clear(&t);
      render_plain(date, &t); /* a language ICU has no words for: as written */
    }
    jsonw_key(&p->w, "date");
    pandoc_el(p, "MetaInlines");
    jsonw_array(&p->w);
    pandoc_str(p, t.data ? t.data : "", t.len);
    jsonw_end_array(&p->w);
    pandoc_el_end(p);
    buf_free(&t);
  }
  jsonw_end_object(&p->w);
}

colette_status render_pandoc(render *r, buf *out) {
  pw p;
  memset(&p, 0, sizeof p);
  p.r = r;
  p.lang = r->lang;
  jsonw_init(&p.w, out, false);
  const colette_node *root = colette_letter_root(r->l);
  const colette_node *h = colette_letter_find(r->l, COLETTE_NODE_HEAD);
  jsonw_object(&p.w);
  jsonw_key(&p.w, "pandoc-api-version");
  jsonw_array(&p.w);
  jsonw_int(&p.w, 1);
  jsonw_int(&p.w, 22);
  jsonw_end_array(&p.w);
  meta(&p);
  jsonw_key(&p.w, "blocks");
  jsonw_array(&p.w);
  furniture(&p, h, "header");
  for (const colette_node *n = colette_node_first_child(root); n && p.st == COLETTE_OK;
       n = colette_node_next(n)) {
    switch (colette_node_get_type(n)) {
    case COLETTE_NODE_HEAD: head(&p, n); break;
    case COLETTE_NODE_BODY: pandoc_blocks(&p, n); break;
    case COLETTE_NODE_ANNEX: annex(&p, n); break;
    default: break; /* metadata and the meeting are data */
    }
  }
  furniture(&p, h, "footer");
  jsonw_end_array(&p.w);
  jsonw_end_object(&p.w);
  buf_putc(out, '\n');
  return p.st;
}
