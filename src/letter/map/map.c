/*
 * map.c: the normalized flat document to the letter model (colette-map).
 *
 * The salutation splits head from body: before it, the letter's facts
 * (head.c); after it, the body's frame (body.c) until an annex heading
 * opens the annexes.  Page headers and footers are the head's furniture;
 * notes and comments are written at their references, and those no
 * reference reached stay at the end of the body.  A document with no
 * salutation is no letter: it maps to a body of blocks.
 *
 * A letter is small, so the flat document is read whole (a DOM).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../context.h"
#include "../../error.h"
#include "map.h"

void map_nomem(mapper *m) {
  if (m->st == COLETTE_OK) m->st = error_set(m->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
}

colette_node *map_add(mapper *m, colette_node *parent, colette_node_type t) {
  if (m->st != COLETTE_OK || !parent) return NULL;
  colette_node *n = colette_node_new(m->l, t);
  if (!n) {
    map_nomem(m);
    return NULL;
  }
  colette_status st = colette_node_append(parent, n);
  if (st != COLETTE_OK) {
    m->st = error_set(m->err, COLETTE_ERR_INVALID, NULL, "internal: <%s> cannot hold <%s>",
                      colette_node_type_name(parent->type), colette_node_type_name(t));
    return NULL;
  }
  return n;
}

void map_set(mapper *m, colette_node *n, colette_attr a, const char *v) {
  if (!n || !v || m->st != COLETTE_OK) return;
  colette_status st = colette_node_set_attr(n, a, v);
  if (st == COLETTE_ERR_NOMEM) map_nomem(m);
  /* a value the model refuses (a malformed date from odd text) is not set */
}

void map_set_value(mapper *m, colette_node *n, const match *x, const char *text) {
  buf v = BUF_INIT;
  const char *value = match_value(x, text, &v);
  if (value)
    map_set(m, n, COLETTE_ATTR_VALUE, value);
  else
    map_nomem(m);
  buf_free(&v);
}

void map_formula(mapper *m, colette_node *n, const cat_match *cm) {
  if (!n || !cm || m->st != COLETTE_OK || !node_takes_formula(n->type)) return;
  map_set(m, n, COLETTE_ATTR_FORMULA, cat_entry_key(cm->entry));
  for (size_t p = 0; p < cat_entry_params(cm->entry); p++) {
    const cat_arg *a = &cm->args[p];
    if (a->end <= a->start && !a->value[0]) continue; /* a parameter the form left out */
    const char *v = a->value;
    char *text = NULL;
    buf whole = BUF_INIT;
    cat_ptype type = cat_entry_param_type(cm->entry, p);
    /* free text verbatim and whole; a place the catalogue does not know, as written */
    if ((type == CAT_P_TEXT || (type == CAT_P_PLACE && !a->value[0])) && cm->src) {
      if (!(text = strndup(cm->src + a->start, cat_arg_len(a)))) {
        map_nomem(m);
        return;
      }
      v = text;
    } else if ((type == CAT_P_URL || type == CAT_P_EMAIL) && !(v = cat_arg_value(cm, p, &whole))) {
      map_nomem(m);
      return;
    }
    colette_status st = colette_node_set_arg(n, cat_entry_param_name(cm->entry, p), v);
    free(text);
    buf_free(&whole);
    if (st == COLETTE_ERR_NOMEM) map_nomem(m);
  }
}

void map_explain(mapper *m, const fnode *p, const char *what, const char *value,
                 const cat_match *cm) {
  if (!m->explain.write || m->st != COLETTE_OK) return;
  char out[512];
  int n = snprintf(out, sizeof out, "%ld: %s: %s%s%s%s\n", p ? (long)p->line : 0L, what,
                   value && *value ? value : "-", cm ? " [" : "",
                   cm ? cat_entry_key(cm->entry) : "", cm ? "]" : "");
  if (n > 0) m->explain.write(m->explain.ctx, out, (size_t)n < sizeof out ? (size_t)n : sizeof out - 1);
}

void map_warn(mapper *m, const fnode *p, const char *fmt, ...) {
  if (!m->warnings.write || m->st != COLETTE_OK) return;
  char out[512];
  int k = snprintf(out, sizeof out, "%ld: ", p ? (long)p->line : 0L);
  va_list ap;
  va_start(ap, fmt);
  if (k > 0 && (size_t)k < sizeof out) vsnprintf(out + k, sizeof out - (size_t)k, fmt, ap);
  va_end(ap);
  size_t n = strlen(out);
  if (n + 1 >= sizeof out) { /* cut: at a character, and still one line */
    n = sizeof out - 2;
    while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80)
      n--;
  }
  out[n++] = '\n';
  m->warnings.write(m->warnings.ctx, out, n);
}

/* ---- the document ---------------------------------------------------------------------------- */

static void metadata(mapper *m, const fnode *props, colette_node *letter) {
  if (!props || !fnode_first_elem(props)) return;
  colette_node *md = map_add(m, letter, COLETTE_NODE_METADATA);
  for (const fnode *p = fnode_first_elem(props); p; p = fnode_next_elem(p)) {
    if (!flat_is(p, FLAT_PROPERTY) || !flat_attr(p, FLAT_A_NAME)) continue;
    colette_node *n = map_add(m, md, COLETTE_NODE_PROPERTY);
    map_set(m, n, COLETTE_ATTR_NAME, flat_attr(p, FLAT_A_NAME));
    buf v = BUF_INIT;
    fnode_text(p, &v);
    if (!buf_ok(&v) || (n && v.len && node_append_text(n, v.data, v.len) != COLETTE_OK))
      map_nomem(m);
    buf_free(&v);
  }
}

static void furniture(mapper *m, const fnode *section, colette_node *head) {
  bool any = false;
  for (const fnode *p = fnode_first_elem(section); p && !any; p = fnode_next_elem(p))
    any = !flat_is(p, FLAT_P) || !map_blank(m, p);
  if (!any) return; /* an empty header or footer says nothing */
  colette_node *f = map_add(m, head, COLETTE_NODE_FURNITURE);
  map_set(m, f, COLETTE_ATTR_TYPE, flat_is(section, FLAT_HEADER) ? "header" : "footer");
  const char *page = flat_attr(section, FLAT_A_TYPE);
  if (page && (strcmp(page, "default") == 0 || strcmp(page, "first") == 0 ||
               strcmp(page, "even") == 0))
    map_set(m, f, COLETTE_ATTR_PAGE, page);
  map_blocks(m, fnode_first_elem(section), NULL, f);
}

/* Notes and comments no reference reached (in deleted text, say): kept. */
static void orphan_notes(mapper *m, colette_node *body) {
  const fnode *sections[3] = {m->footnotes, m->endnotes, m->comments};
  for (int k = 0; k < 3; k++)
    for (const fnode *c = fnode_first_elem(sections[k]); c; c = fnode_next_elem(c)) {
      const char *id = flat_attr(c, FLAT_A_ID);
      const char *type = k == 2 ? "comment" : k == 1 ? "endnote" : "footnote";
      char key[128];
      snprintf(key, sizeof key, "%s:%s;", type, id ? id : "");
      if (!id || (m->used_notes.data && strstr(m->used_notes.data, key))) continue;
      bool empty = true;
      for (const fnode *p = fnode_first_elem(c); p && empty; p = fnode_next_elem(p))
        empty = flat_is(p, FLAT_P) && map_blank(m, p);
      if (empty) continue;
      colette_node *p = map_add(m, body, COLETTE_NODE_PARAGRAPH);
      colette_node *note = map_add(m, p, COLETTE_NODE_NOTE);
      map_set(m, note, COLETTE_ATTR_TYPE, type);
      map_blocks(m, fnode_first_elem(c), NULL, note);
    }
}

#define SALUTATION_MAX 60 /* bytes: "Dear Members of the Study Group," at most */

/* Does b's first line with text open with the salutation?  Loads b into
 * pt; cm is matched on pt's text and valid as long as it. */
static bool salutation_of(mapper *m, const fnode *b, ptext *pt, cat_match *cm) {
  ptext_load(m, b, pt);
  line *ls;
  size_t n = ptext_lines(m, pt, &ls);
  bool found = false;
  for (size_t i = 0; i < n; i++) {
    if (line_blank(&ls[i])) continue;
    size_t a, e;
    line_trim(&ls[i], &a, &e);
    found = map_cat_text(m, pt, a, e) &&
            cat_match_best(m->cat, CAT_SALUTATION, CAT_PREFIX, &m->ct, 0, cm);
    /* a salutation of the genre's shape naming whom it greets ("Dear
     * Members,") is a short line of its own; on a longer line ("Dear
     * Sir/Madam, I am pleased…") only the catalogue's own words count */
    bool free_words = false;
    for (size_t p = 0; found && p < cat_entry_params(cm->entry); p++)
      free_words |=
          cat_entry_param_type(cm->entry, p) == CAT_P_TEXT && cm->args[p].end > cm->args[p].start;
    if (free_words && e - a > SALUTATION_MAX)
      found = cat_match_best_fixed(m->cat, CAT_SALUTATION, CAT_PREFIX, &m->ct, cm);
    break; /* the first line with text decides */
  }
  free(ls);
  return found;
}

static const fnode *find_salutation(mapper *m, const fnode *body) {
  for (const fnode *b = fnode_first_elem(body); b && m->st == COLETTE_OK; b = fnode_next_elem(b)) {
    if (!flat_is(b, FLAT_P)) continue;
    ptext pt;
    cat_match cm;
    bool found = salutation_of(m, b, &pt, &cm);
    ptext_free(&pt);
    if (found) return b;
  }
  return NULL;
}

static colette_status map_doc(mapper *m, const ftree *doc, const colette_map_options *opts,
                              bool *is_letter) {
  const fnode *root = ftree_root(doc);
  if (!flat_is(root, FLAT_DOCUMENT)) {
    const char *ns = root ? root->ns : "";
    if (strcmp(ns, COLETTE_LETTER_NS) == 0)
      return error_set(m->err, COLETTE_ERR_NO_DOCUMENT, NULL,
                       "this is a colette letter already, not a flat document");
    if (root && strcmp(root->name, FLAT_DOCUMENT) == 0) /* in another namespace, or none */
      return error_set(m->err, COLETTE_ERR_NO_DOCUMENT, NULL,
                       "not a colette flat document (root element <%s> in namespace \"%.200s\", "
                       "not %s)",
                       root->name, ns ? ns : "", COLETTE_FLAT_NS);
    return error_set(m->err, COLETTE_ERR_NO_DOCUMENT, NULL,
                     "not a colette flat document (root element <%s>)", root ? root->name : "none");
  }
  const fnode *body = NULL, *props = NULL;
  for (const fnode *c = fnode_first_elem(root); c; c = fnode_next_elem(c)) {
    if (flat_is(c, FLAT_BODY))
      body = c;
    else if (flat_is(c, FLAT_PROPERTIES))
      props = c;
    else if (flat_is(c, FLAT_FOOTNOTES))
      m->footnotes = c;
    else if (flat_is(c, FLAT_ENDNOTES))
      m->endnotes = c;
    else if (flat_is(c, FLAT_COMMENTS))
      m->comments = c;
  }
  colette_node *letter = colette_letter_root(m->l);
  m->lang = flat_attr(root, FLAT_A_LANG);
  map_set(m, letter, COLETTE_ATTR_SOURCE, flat_attr(root, FLAT_A_SOURCE));
  if (m->lang && *m->lang) map_set(m, letter, COLETTE_ATTR_LANG, m->lang);
  metadata(m, props, letter);

  const fnode *salutation = body ? find_salutation(m, body) : NULL;
  *is_letter = salutation != NULL;
  if (!salutation && opts->strict)
    return error_set(m->err, COLETTE_ERR_NO_DOCUMENT, NULL,
                     "no letter head: no salutation found (--strict)");
  bool furnished = false;
  for (const fnode *c = fnode_first_elem(root); c && !furnished; c = fnode_next_elem(c))
    furnished = (flat_is(c, FLAT_HEADER) || flat_is(c, FLAT_FOOTER)) && fnode_first_elem(c);
  colette_node *head = salutation || furnished ? map_add(m, letter, COLETTE_NODE_HEAD) : NULL;
  colette_node *subject = NULL;
  if (salutation) subject = map_head(m, fnode_first_elem(body), salutation, head);
  for (const fnode *c = fnode_first_elem(root); c && head; c = fnode_next_elem(c))
    if (flat_is(c, FLAT_HEADER) || flat_is(c, FLAT_FOOTER)) furniture(m, c, head);
  if (salutation) map_meeting(m, subject, fnode_next_elem(salutation), letter);
  colette_node *bn = map_add(m, letter, COLETTE_NODE_BODY);
  const fnode *annexes = NULL;
  if (salutation) {
    colette_node *s = map_add(m, bn, COLETTE_NODE_SALUTATION);
    map_inline_para(m, salutation, s);
    /* matched again, on text that lives while its arguments are copied */
    ptext pt;
    cat_match sal;
    if (salutation_of(m, salutation, &pt, &sal)) {
      map_formula(m, s, &sal);
      map_explain(m, salutation, "salutation", cat_entry_key(sal.entry), &sal);
    }
    ptext_free(&pt);
    annexes = map_body(m, fnode_next_elem(salutation), bn, head);
  } else if (body) {
    map_blocks(m, fnode_first_elem(body), NULL, bn);
  }
  orphan_notes(m, bn);
  if (annexes) map_annexes(m, annexes, letter);
  return m->st;
}

void colette_map_options_default(colette_map_options *o) {
  memset(o, 0, sizeof *o);
  o->max_depth = 200;
}

colette_status colette_map_doc(const void *flat_xml, size_t len, const colette_map_options *opts,
                               colette_letter **out, colette_map_report *report,
                               colette_error *err) {
  colette_map_options dflt;
  if (!opts) {
    colette_map_options_default(&dflt);
    opts = &dflt;
  }
  *out = NULL;
  if (report) memset(report, 0, sizeof *report);
  mapper m;
  memset(&m, 0, sizeof m);
  m.err = err;
  m.explain = opts->explain;
  m.warnings = opts->warnings;
  ftree *doc = NULL;
  colette_status st;
  if (len == 0) return error_set(err, COLETTE_ERR_XML, NULL, "empty input, not a flat document");
  colette_kind kind = colette_sniff(flat_xml, len < 4096 ? len : 4096);
  if (kind == COLETTE_KIND_ZIP || kind == COLETTE_KIND_OLE || kind == COLETTE_KIND_FLAT ||
      kind == COLETTE_KIND_LETTER)
    return error_stage(err, kind, NULL);
  st = ftree_parse("", flat_xml, len, opts->max_depth, &doc, err);
  if (st != COLETTE_OK) return st;
  colette_context *own = NULL, *ctx = opts->context;
  if (!ctx && (st = colette_context_new(&own, err)) != COLETTE_OK) goto done;
  if (!ctx) ctx = own;
  m.cat = ctx->cat;
  m.rec = ctx->rec;
  m.ct.tok.folds = ctx->folds;
  m.l = colette_letter_new();
  if (!m.l) {
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory (or ICU's date symbols missing)");
    goto done;
  }
  m.sentences = ctx->sentences;
  bool is_letter = false;
  st = map_doc(&m, doc, opts, &is_letter);
  if (report) report->is_letter = is_letter;
  if (st == COLETTE_OK) st = letter_check(m.l, err);
  if (st == COLETTE_OK) {
    *out = m.l;
    m.l = NULL;
  }
done:
  colette_letter_free(m.l);
  colette_context_free(own);
  cat_text_free(&m.ct);
  free(m.m);
  buf_free(&m.used_notes);
  map_seen_free(&m);
  ftree_free(doc);
  return st;
}

colette_status colette_map_stream(FILE *in, const colette_map_options *opts, colette_sink sink,
                                  colette_map_report *report, colette_error *err) {
  buf data = BUF_INIT;
  colette_letter *l = NULL;
  colette_status st = buf_slurp(in, 1u << 30, &data, err);
  if (st == COLETTE_OK) st = colette_map_doc(data.data, data.len, opts, &l, report, err);
  if (st == COLETTE_OK) st = colette_letter_write(l, sink, err);
  colette_letter_free(l);
  buf_free(&data);
  return st;
}
