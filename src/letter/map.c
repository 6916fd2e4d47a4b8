/*
 * map.c: the normalized flat document to colette's canonical letter
 * (colette-map).
 *
 * The letter is read as a sequence of blocks (the flat body's paragraphs
 * and tables).  The salutation splits head from body: before it, rows of
 * the letterhead table and loose lines are read as the letter's facts
 * (labels such as Ref:/Tel:/Subject:, addressees, the dateline); after
 * it, paragraphs, lists, the key-deadlines block, the closing, the
 * signature and the enclosure line; an annex heading ("ANNEX A") opens an
 * annex.  Every line colette does not recognise is kept as a paragraph in
 * its place, with its text; inline, dates, times, addresses and document
 * references are marked in every line.
 *
 * A letter is small, so the flat document is read whole (DOM).
 */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../buf.h"
#include "../cli.h"
#include "../colette.h"
#include "../error.h"
#include "../xmlpart.h"
#include "formulae.h"
#include "recognise.h"

#define MAX_MATCHES 256
#define FLAT_NS "urn:colette:flat:1"

/* ---- a paragraph's text, with the objects that sit in it ------------------------------ */

typedef enum skind { S_TEXT, S_OBJECT, S_LINK_START, S_LINK_END } skind;

typedef struct seg {
  skind kind;
  size_t off, len; /* S_TEXT: in pt->text; S_OBJECT: in pt->objs; S_LINK_*: href in pt->objs */
  size_t at;       /* text offset where the segment sits */
} seg;

typedef struct ptext {
  buf text;
  buf objs;
  seg *v;
  size_t n, cap;
} ptext;

typedef struct mapper {
  recogniser *rec;
  xmlDocPtr doc;
  xmlNodePtr footnotes, endnotes, comments;
  const char *lang; /* the letter's main language */
  int year, month;  /* of the letter's date, for dates without a year */
  buf *out;
  colette_status status;
  colette_error *err;
  match m[MAX_MATCHES];
  int depth;              /* of notes inside notes */
  bool plain;             /* head facts: their value is in the attributes, the text stays bare */
  buf used;               /* "type:id;" of every note and comment written at its reference */
  const char *scope_lang; /* the language of the annex being written, or NULL */
} mapper;

static void nomem(mapper *m) {
  if (m->status == COLETTE_OK)
    m->status = error_set(m->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
}

static bool is_flat(xmlNodePtr n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && n->ns &&
         strcmp((const char *)n->ns->href, FLAT_NS) == 0 &&
         strcmp((const char *)n->name, name) == 0;
}

static const char *attr(xmlNodePtr n, const char *name) { return n ? xml_attr(n, name) : NULL; }

static void pt_free(ptext *pt) {
  buf_free(&pt->text);
  buf_free(&pt->objs);
  free(pt->v);
  memset(pt, 0, sizeof *pt);
}

static void pt_seg(mapper *m, ptext *pt, skind kind, size_t off, size_t len) {
  if (pt->n == pt->cap) {
    size_t cap = pt->cap ? pt->cap * 2 : 16;
    seg *v = realloc(pt->v, cap * sizeof *v);
    if (!v) {
      nomem(m);
      return;
    }
    pt->v = v;
    pt->cap = cap;
  }
  pt->v[pt->n++] = (seg){kind, off, len, pt->text.len};
}

static void pt_text(mapper *m, ptext *pt, const char *s, size_t n) {
  if (!n) return;
  pt_seg(m, pt, S_TEXT, pt->text.len, n);
  buf_append(&pt->text, s, n);
}

static void pt_object(mapper *m, ptext *pt, const buf *xml) {
  pt_seg(m, pt, S_OBJECT, pt->objs.len, xml->len);
  buf_append(&pt->objs, xml->data ? xml->data : "", xml->len);
}

static void emit_p(mapper *m, xmlNodePtr p, buf *out);
static void emit_blocks(mapper *m, xmlNodePtr first, xmlNodePtr stop, buf *out);

/* A note, endnote or comment, mapped at its reference. */
static void note_object(mapper *m, ptext *pt, xmlNodePtr ref, bool comment) {
  const char *type = comment ? "comment" : attr(ref, "type");
  const char *id = attr(ref, "id");
  xmlNodePtr section = comment                                  ? m->comments
                       : (type && strcmp(type, "endnote") == 0) ? m->endnotes
                                                                : m->footnotes;
  buf x = BUF_INIT;
  buf_puts(&x, "<note");
  buf_xml_attr(&x, "type", type ? type : "footnote");
  if (attr(ref, "mark")) buf_xml_attr(&x, "mark", attr(ref, "mark"));
  buf_putc(&x, '>');
  for (xmlNodePtr n = xml_first_elem(section); n && id && m->depth < 4; n = xml_next_elem(n)) {
    const char *nid = attr(n, "id");
    if (!nid || strcmp(nid, id) != 0 || attr(n, "kind")) continue;
    m->depth++;
    emit_blocks(m, xml_first_elem(n), NULL, &x);
    m->depth--;
    buf_printf(&m->used, "%s:%s;", comment ? "comment" : type ? type : "footnote", id);
    break;
  }
  buf_puts(&x, "</note>");
  pt_object(m, pt, &x);
  buf_free(&x);
}

/* Collect a flat paragraph's text and objects, in order. */
static void collect(mapper *m, ptext *pt, xmlNodePtr node) {
  for (xmlNodePtr c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      pt_text(m, pt, (const char *)c->content, strlen((const char *)c->content));
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    const char *name = (const char *)c->name;
    buf x = BUF_INIT;
    if (strcmp(name, "tab") == 0) {
      pt_text(m, pt, "\t", 1);
    } else if (strcmp(name, "br") == 0) {
      buf_puts(&x, "<br/>");
      pt_object(m, pt, &x);
    } else if (strcmp(name, "image") == 0) {
      buf_puts(&x, "<image");
      if (attr(c, "target")) buf_xml_attr(&x, "target", attr(c, "target"));
      if (attr(c, "descr")) buf_xml_attr(&x, "descr", attr(c, "descr"));
      buf_puts(&x, "/>");
      pt_object(m, pt, &x);
    } else if (strcmp(name, "noteref") == 0) {
      note_object(m, pt, c, false);
    } else if (strcmp(name, "commentref") == 0) {
      note_object(m, pt, c, true);
    } else if (strcmp(name, "link") == 0 && attr(c, "href") && *attr(c, "href")) {
      const char *href = attr(c, "href");
      pt_seg(m, pt, S_LINK_START, pt->objs.len, strlen(href));
      buf_puts(&pt->objs, href);
      collect(m, pt, c);
      pt_seg(m, pt, S_LINK_END, 0, 0);
    } else if (strcmp(name, "p") == 0) {
      pt_text(m, pt, " ", 1); /* a paragraph in a text box: its words apart */
      collect(m, pt, c);
      pt_text(m, pt, " ", 1);
    } else if (strcmp(name, "anchor") != 0) {
      collect(m, pt, c); /* span, field, ins, del, math, sym, textbox, group, table… */
    }
    buf_free(&x);
  }
}

/* A paragraph's text and objects; pt->text.data is always a string (empty
 * paragraphs included), unless memory ran out (m->status says so). */
static void paragraph_text(mapper *m, xmlNodePtr p, ptext *pt) {
  memset(pt, 0, sizeof *pt);
  collect(m, pt, p);
  if (!pt->text.data && buf_reserve(&pt->text, 1)) pt->text.data[0] = '\0';
  if (!pt->text.data) nomem(m);
}

/* Trimmed copy of a paragraph's text (for classification). */
static char *text_of(mapper *m, xmlNodePtr p) {
  ptext pt;
  paragraph_text(m, p, &pt);
  char *s = pt.text.data ? pt.text.data : "";
  size_t n = pt.text.len;
  while (n && isspace((unsigned char)s[n - 1]))
    n--;
  size_t a = 0;
  while (a < n && isspace((unsigned char)s[a]))
    a++;
  char *r = strndup(s + a, n - a);
  pt_free(&pt);
  if (!r) nomem(m);
  return r ? r : strdup("");
}

/* ---- inline output ------------------------------------------------------------------------------
 */

static const char *const MATCH_ELEMENT[] = {"date",  "daterange", "time",  "time",
                                            "email", "url",       "phone", "docref"};

static void open_match(buf *out, const match *x) {
  buf_putc(out, '<');
  buf_puts(out, MATCH_ELEMENT[x->kind]);
  switch (x->kind) {
  case M_DATE: buf_xml_attr(out, "when", x->a); break;
  case M_DATERANGE:
    buf_xml_attr(out, "start", x->a);
    buf_xml_attr(out, "end", x->b);
    break;
  case M_TIME: buf_xml_attr(out, "start", x->a); break;
  case M_TIMERANGE:
    buf_xml_attr(out, "start", x->a);
    buf_xml_attr(out, "end", x->b);
    break;
  case M_DOCREF:
    buf_xml_attr(out, "type", x->a);
    buf_xml_attr(out, "id", x->b);
    break;
  default: buf_xml_attr(out, "value", x->a); break;
  }
  buf_putc(out, '>');
}

static void close_match(buf *out, const match *x) {
  buf_append(out, "</", 2);
  buf_puts(out, MATCH_ELEMENT[x->kind]);
  buf_putc(out, '>');
}

/* Text with tabs as spaces (a tab separates words; the letter has no tab stops). */
static void put_text(buf *out, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\t') {
      buf_xml_text(out, s + start, i - start);
      buf_putc(out, ' ');
      start = i + 1;
    }
  buf_xml_text(out, s + start, n - start);
}

static bool date_complete(const match *x) {
  if (x->kind == M_DATE) return x->a[0] != '-';
  if (x->kind == M_DATERANGE) return x->a[0] != '-' && x->b[0] != '-';
  return true;
}

/*
 * Write the inline content of pt's text between byte offsets [from, to),
 * with its objects and links, wrapping what the recognisers found.  A
 * match is kept only if it holds no object and does not cross a link's
 * edge; a link is kept only if no match overlaps it.
 */
static void emit_range(mapper *m, ptext *pt, size_t from, size_t to, buf *out) {
  if (!pt->text.data) return; /* out of memory, already reported */
  size_t nm = m->plain ? 0
                       : recognise(m->rec, pt->text.data + from, to - from, m->year, m->month, m->m,
                                   MAX_MATCHES);
  /* to absolute offsets; drop what cannot be written as one element */
  size_t w = 0;
  for (size_t i = 0; i < nm; i++) {
    match x = m->m[i];
    x.start += from;
    x.end += from;
    bool ok = date_complete(&x);
    for (size_t k = 0; k < pt->n && ok; k++) {
      const seg *s = &pt->v[k];
      if (s->kind == S_TEXT) continue;
      if (s->at > x.start && s->at < x.end) ok = false;
    }
    if (ok) m->m[w++] = x;
  }
  nm = w;
  size_t mi = 0;
  bool in_match = false;
  int link_open = 0;
  for (size_t k = 0; k < pt->n; k++) {
    const seg *s = &pt->v[k];
    if (s->kind == S_LINK_START) {
      /* keep the link when no match overlaps its text (and not in a head
       * fact, whose value is already an attribute) */
      size_t end = s->at;
      for (size_t j = k + 1; j < pt->n; j++)
        if (pt->v[j].kind == S_LINK_END) {
          end = pt->v[j].at;
          break;
        }
      bool overlap = false;
      for (size_t i = 0; i < nm; i++)
        overlap |= m->m[i].start < end && s->at < m->m[i].end;
      if (!overlap && !m->plain && s->at >= from && end <= to && end > s->at && !in_match) {
        buf_puts(out, "<link");
        buf_xml_attr_n(out, "href", pt->objs.data + s->off, s->len);
        buf_putc(out, '>');
        link_open++;
      } else {
        link_open += 1000; /* a link not written: its end is ignored */
      }
      continue;
    }
    if (s->kind == S_LINK_END) {
      if (link_open >= 1000)
        link_open -= 1000;
      else if (link_open > 0) {
        buf_puts(out, "</link>");
        link_open--;
      }
      continue;
    }
    if (s->kind == S_OBJECT) {
      bool br = s->len == 5 && memcmp(pt->objs.data + s->off, "<br/>", 5) == 0;
      bool edge = s->at <= from || s->at >= to;
      if (s->at >= from && s->at <= to && !(s->at == to && to < pt->text.len) && !(br && edge))
        buf_append(out, pt->objs.data + s->off, s->len);
      continue;
    }
    size_t a = s->off, b = s->off + s->len;
    if (b <= from || a >= to) continue;
    if (a < from) a = from;
    if (b > to) b = to;
    while (a < b) {
      if (in_match && a == m->m[mi].end) {
        close_match(out, &m->m[mi]);
        in_match = false;
        mi++;
      }
      if (!in_match && mi < nm && a == m->m[mi].start) {
        open_match(out, &m->m[mi]);
        in_match = true;
      }
      size_t stop = b;
      if (in_match && m->m[mi].end < stop) stop = m->m[mi].end;
      if (!in_match && mi < nm && m->m[mi].start > a && m->m[mi].start < stop)
        stop = m->m[mi].start;
      put_text(out, pt->text.data + a, stop - a);
      a = stop;
    }
    if (in_match && a == m->m[mi].end) {
      close_match(out, &m->m[mi]);
      in_match = false;
      mi++;
    }
  }
  if (in_match) close_match(out, &m->m[mi]);
  while (link_open > 0 && link_open < 1000) {
    buf_puts(out, "</link>");
    link_open--;
  }
}

/* The whole paragraph's inline content, trimmed of blanks at its ends. */
static void emit_inline(mapper *m, xmlNodePtr p, buf *out) {
  ptext pt;
  paragraph_text(m, p, &pt);
  size_t a = 0, b = pt.text.len;
  while (a < b && isspace((unsigned char)pt.text.data[a]))
    a++;
  while (b > a && isspace((unsigned char)pt.text.data[b - 1]))
    b--;
  emit_range(m, &pt, a, b, out);
  pt_free(&pt);
}

/* xml:lang where a block's language differs from its scope's (the annex's,
 * else the letter's). */
static void lang_attr(mapper *m, xmlNodePtr p, buf *out) {
  const char *l = attr(p, "lang");
  const char *scope = m->scope_lang ? m->scope_lang : m->lang;
  if (l && *l && scope && strcmp(l, scope) != 0) buf_xml_attr(out, "xml:lang", l);
}

static void element(mapper *m, const char *name, xmlNodePtr p, buf *out, bool lang) {
  buf_putc(out, '<');
  buf_puts(out, name);
  if (lang) lang_attr(m, p, out);
  buf_putc(out, '>');
  emit_inline(m, p, out);
  buf_append(out, "</", 2);
  buf_puts(out, name);
  buf_puts(out, ">\n");
}

static void emit_p(mapper *m, xmlNodePtr p, buf *out) { element(m, "p", p, out, true); }

/* ---- blocks: paragraphs, lists, tables
 * ------------------------------------------------------------ */

static bool blank(mapper *m, xmlNodePtr p) {
  char *t = text_of(m, p);
  bool b = !*t;
  free(t);
  return b && !xml_first_elem(p);
}

static void emit_table(mapper *m, xmlNodePtr t, buf *out);
static void emit_item(mapper *m, xmlNodePtr labelled, xmlNodePtr content, buf *out);

/* A label typed at the start of a line: "1.", "12.", "1.2", "a)", "(b)",
 * "iv)".  Returns its length in bytes (with the blank after it), the level
 * in *level, or 0. */
static size_t typed_label(const char *t, int *level, char *label, size_t n) {
  const char *p = t;
  int lv = 1;
  if (isdigit((unsigned char)*p)) {
    while (isdigit((unsigned char)*p))
      p++;
    while (*p == '.' && isdigit((unsigned char)p[1])) {
      p++;
      while (isdigit((unsigned char)*p))
        p++;
      lv++;
    }
    if (*p == '.' || *p == ')')
      p++;
    else
      return 0;
  } else {
    bool paren = *p == '(';
    if (paren) p++;
    const char *q = p;
    while (*p >= 'a' && *p <= 'z' && p - q < 4)
      p++;
    if (p == q || p - q > 3 || *p != ')') return 0;
    if (p - q > 1 && strspn(q, "ivx") < (size_t)(p - q)) return 0; /* a) or a roman numeral */
    p++;
    lv = 2;
  }
  if (*p != ' ' && *p != '\t') return 0;
  snprintf(label, n, "%.*s", (int)(p - t), t);
  *level = lv;
  while (*p == ' ' || *p == '\t')
    p++;
  return (size_t)(p - t);
}

/* A paragraph with a typed label as a list item. */
static bool emit_typed_item(mapper *m, xmlNodePtr n, buf *out, bool *in_list) {
  char *t = text_of(m, n);
  char label[16];
  int level;
  size_t k = typed_label(t, &level, label, sizeof label);
  free(t);
  if (!k) return false;
  ptext pt;
  paragraph_text(m, n, &pt);
  size_t a = 0;
  while (a < pt.text.len && isspace((unsigned char)pt.text.data[a]))
    a++;
  size_t b = pt.text.len;
  while (b > a && isspace((unsigned char)pt.text.data[b - 1]))
    b--;
  if (!*in_list) {
    buf_puts(out, "<list>\n");
    *in_list = true;
  }
  buf_puts(out, "<item");
  buf_xml_attr(out, "label", label);
  buf_xml_attr_int(out, "level", level);
  lang_attr(m, n, out);
  buf_putc(out, '>');
  emit_range(m, &pt, a + k < b ? a + k : b, b, out);
  buf_puts(out, "</item>\n");
  pt_free(&pt);
  return true;
}

/* Blocks from `first` on, siblings, until `stop` (exclusive). Consecutive
 * list paragraphs make one list. */
static void emit_blocks(mapper *m, xmlNodePtr first, xmlNodePtr stop, buf *out) {
  bool in_list = false;
  for (xmlNodePtr n = first; n && n != stop; n = xml_next_elem(n)) {
    bool item = is_flat(n, "p") && attr(n, "label");
    if (in_list && !item && !is_flat(n, "p")) {
      buf_puts(out, "</list>\n");
      in_list = false;
    }
    if (item) {
      if (!in_list) {
        buf_puts(out, "<list>\n");
        in_list = true;
      }
      emit_item(m, n, n, out);
    } else if (is_flat(n, "p")) {
      if (blank(m, n)) continue;
      if (emit_typed_item(m, n, out, &in_list)) continue;
      if (in_list) {
        buf_puts(out, "</list>\n");
        in_list = false;
      }
      const char *h = attr(n, "heading");
      if (h) {
        buf_puts(out, "<heading");
        buf_xml_attr(out, "level", h);
        lang_attr(m, n, out);
        buf_putc(out, '>');
        emit_inline(m, n, out);
        buf_puts(out, "</heading>\n");
      } else {
        emit_p(m, n, out);
      }
    } else if (is_flat(n, "table")) {
      emit_table(m, n, out);
    }
  }
  if (in_list) buf_puts(out, "</list>\n");
}

/* The numbered paragraph alone in a row's first cell ("1." with no text),
 * as agenda tables have it; NULL otherwise. */
static xmlNodePtr number_cell(mapper *m, xmlNodePtr row) {
  xmlNodePtr c = xml_first_elem(row), only = NULL;
  if (!c) return NULL;
  for (xmlNodePtr p = xml_first_elem(c); p; p = xml_next_elem(p)) {
    if (!is_flat(p, "p")) return NULL;
    if (blank(m, p) && !attr(p, "label")) continue;
    if (only || !attr(p, "label") || !blank(m, p)) return NULL;
    only = p;
  }
  return only;
}

static void emit_item(mapper *m, xmlNodePtr labelled, xmlNodePtr content, buf *out) {
  buf_puts(out, "<item");
  buf_xml_attr(out, "label", attr(labelled, "label"));
  buf_xml_attr(out, "level", attr(labelled, "level") ? attr(labelled, "level") : "1");
  lang_attr(m, content, out);
  buf_putc(out, '>');
  emit_inline(m, content, out);
  buf_puts(out, "</item>\n");
}

/* An agenda set as a table (number | item | …): one list.  False if the
 * table is not one. */
static bool emit_agenda_table(mapper *m, xmlNodePtr t, buf *out) {
  int rows = 0, numbered = 0;
  for (xmlNodePtr r = xml_first_elem(t); r; r = xml_next_elem(r)) {
    char *rt = text_of(m, r);
    bool empty = !*rt;
    free(rt);
    if (empty && !number_cell(m, r)) continue;
    rows++;
    numbered += number_cell(m, r) != NULL;
  }
  if (numbered < 2 || numbered * 2 < rows) return false;
  bool in_list = false;
  for (xmlNodePtr r = xml_first_elem(t); r; r = xml_next_elem(r)) {
    xmlNodePtr num = number_cell(m, r);
    if (!num) { /* a header row, a note: kept as paragraphs */
      if (in_list) buf_puts(out, "</list>\n");
      in_list = false;
      for (xmlNodePtr c = xml_first_elem(r); c; c = xml_next_elem(c))
        emit_blocks(m, xml_first_elem(c), NULL, out);
      continue;
    }
    if (!in_list) buf_puts(out, "<list>\n");
    in_list = true;
    bool first = true;
    for (xmlNodePtr c = xml_next_elem(xml_first_elem(r)); c; c = xml_next_elem(c))
      for (xmlNodePtr p = xml_first_elem(c); p; p = xml_next_elem(p)) {
        if (!is_flat(p, "p") || blank(m, p)) continue;
        if (first)
          emit_item(m, num, p, out); /* the row's number, its first line */
        else if (attr(p, "label"))
          emit_item(m, p, p, out);
        else {
          buf_puts(out, "<item label=\"\" level=\"2\">"); /* a line under it, unnumbered */
          emit_inline(m, p, out);
          buf_puts(out, "</item>\n");
        }
        first = false;
      }
    if (first) emit_item(m, num, num, out);
  }
  if (in_list) buf_puts(out, "</list>\n");
  return true;
}

static void emit_table(mapper *m, xmlNodePtr t, buf *out) {
  if (emit_agenda_table(m, t, out)) return;
  buf_puts(out, "<table>\n");
  for (xmlNodePtr r = xml_first_elem(t); r; r = xml_next_elem(r)) {
    if (!is_flat(r, "row")) continue;
    buf_puts(out, "<row");
    if (attr(r, "header")) buf_xml_attr(out, "header", "true");
    buf_puts(out, ">\n");
    for (xmlNodePtr c = xml_first_elem(r); c; c = xml_next_elem(c)) {
      if (!is_flat(c, "cell")) continue;
      buf_puts(out, "<cell");
      if (attr(c, "colspan")) buf_xml_attr(out, "colspan", attr(c, "colspan"));
      if (attr(c, "rowspan")) buf_xml_attr(out, "rowspan", attr(c, "rowspan"));
      buf_puts(out, ">\n");
      emit_blocks(m, xml_first_elem(c), NULL, out);
      buf_puts(out, "</cell>\n");
    }
    buf_puts(out, "</row>\n");
  }
  buf_puts(out, "</table>\n");
}

/* ---- the head
 * ------------------------------------------------------------------------------------- */

typedef struct head {
  buf out;
  bool to_mode;      /* after "To:": lines are addressees */
  char to_label[64]; /* that "To:" as written */
  bool addressees_open;
  bool seen_fact;
  char subject[512];
} head;

static int group_of(const char *t, char *dst, size_t n) {
  /* "Study Group 17", "Commission d'études 17", "第11研究组", "Working Party 1/11", "SG17",
   * "WP1/11" */
  dst[0] = '\0';
  const char *p;
  if ((p = strstr(t, "Working Party ")) || (p = strstr(t, "Groupe de travail "))) {
    p = strchr(p, ' ');
    while (*p && !isdigit((unsigned char)*p))
      p++;
    int a, b;
    if (sscanf(p, "%d/%d", &a, &b) == 2) return snprintf(dst, n, "WP%d/%d", a, b);
  }
  if ((p = strstr(t, "Study Group ")) || (p = strstr(t, "Commission d'études ")) ||
      (p = strstr(t, "Commission d\xE2\x80\x99\xC3\xA9tudes "))) {
    while (*p && !isdigit((unsigned char)*p))
      p++;
    if (isdigit((unsigned char)*p)) return snprintf(dst, n, "SG%d", atoi(p));
  }
  if ((p = strstr(t, "\xE7\xAC\xAC"))) { /* 第N研究组 */
    int g = atoi(p + 3);
    const char *q = p + 3;
    while (isdigit((unsigned char)*q))
      q++;
    if (g > 0 && strncmp(q, "研究组", strlen("研究组")) == 0) return snprintf(dst, n, "SG%d", g);
  }
  for (p = t; (p = strstr(p, "WP")); p++) {
    int a, b;
    if (sscanf(p + 2, "%d/%d", &a, &b) == 2) return snprintf(dst, n, "WP%d/%d", a, b);
  }
  for (p = t; (p = strstr(p, "SG")); p++)
    if (isdigit((unsigned char)p[2])) return snprintf(dst, n, "SG%d", atoi(p + 2));
  return 0;
}

static void close_addressees(head *h) {
  if (h->addressees_open) buf_puts(&h->out, "</addressees>\n");
  h->addressees_open = false;
}

static const char *role_of(const char *t) {
  if (cat_contains(CAT_ROLE_ASSOCIATES, t)) return "associates";
  if (cat_contains(CAT_ROLE_MEMBER_STATES, t)) return "member-states";
  if (cat_contains(CAT_ROLE_SECTOR_MEMBERS, t)) return "sector-members";
  if (cat_contains(CAT_ROLE_ACADEMIA, t)) return "academia";
  if (cat_contains(CAT_ROLE_CHAIRS, t)) return "chairs";
  return NULL;
}

static bool addressee_line(head *h, const char *t) {
  return h->to_mode || strncasecmp(t, "To ", 3) == 0 || strncasecmp(t, "Aux ", 4) == 0 ||
         role_of(t) || ((t[0] == '-' || strncmp(t, "\xE2\x80\x93", 3) == 0) && role_of(t));
}

static void head_addressee(mapper *m, head *h, xmlNodePtr p, const char *t) {
  if (!h->addressees_open) {
    buf_puts(&h->out, "<addressees");
    if (h->to_label[0]) buf_xml_attr(&h->out, "label", h->to_label);
    buf_puts(&h->out, ">\n");
    h->to_label[0] = '\0';
    h->addressees_open = true;
  }
  const char *role = role_of(t);
  char group[32];
  buf_puts(&h->out, "<addressee");
  buf_xml_attr(&h->out, "role", role ? role : "other");
  if (group_of(t, group, sizeof group)) buf_xml_attr(&h->out, "group", group);
  buf_putc(&h->out, '>');
  /* the dash and tab that make the list are layout, not the addressee */
  ptext pt;
  paragraph_text(m, p, &pt);
  size_t a = 0, b = pt.text.len;
  const char *s = pt.text.data;
  while (a < b &&
         (isspace((unsigned char)s[a]) || s[a] == '-' || strncmp(s + a, "\xE2\x80\x93", 3) == 0))
    a += (unsigned char)s[a] == 0xE2 ? 3 : 1;
  while (b > a && isspace((unsigned char)s[b - 1]))
    b--;
  emit_range(m, &pt, a, b, &h->out);
  pt_free(&pt);
  buf_puts(&h->out, "</addressee>\n");
}

/* "Geneva, 21 May 2021", "Genève, le 8 juin 2020", "2021年7月20日，日内瓦" */
static bool head_dateline(mapper *m, head *h, xmlNodePtr p) {
  ptext pt;
  paragraph_text(m, p, &pt);
  match x[8];
  size_t n = recognise(m->rec, pt.text.data, pt.text.len, 0, 0, x, 8);
  bool done = false;
  if (n == 1 && x[0].kind == M_DATE && x[0].a[0] != '-') {
    const char *t = pt.text.data;
    /* the place: what is left besides the date, if the catalogue knows it */
    size_t ps = 0, pe = x[0].start;
    if (pe == 0) {
      ps = x[0].end;
      pe = pt.text.len;
    }
    while (ps < pe &&
           (isspace((unsigned char)t[ps]) || t[ps] == ',' || strncmp(t + ps, "，", 3) == 0))
      ps += (unsigned char)t[ps] >= 0x80 ? 3 : 1;
    /* "le" before a French date belongs to the date */
    size_t ds = x[0].start;
    while (pe > ps && isspace((unsigned char)t[pe - 1]))
      pe--;
    if (pe >= ps + 3 && pe == ds - 1 && strncmp(t + pe - 2, "le", 2) == 0 && t[pe - 3] == ' ')
      pe -= 3;
    while (pe > ps && (isspace((unsigned char)t[pe - 1]) || t[pe - 1] == ','))
      pe--;
    char place[128];
    snprintf(place, sizeof place, "%.*s", (int)(pe - ps), t + ps);
    sscanf(x[0].a, "%d-%d", &m->year, &m->month);
    m->plain = true;
    if (pe > ps) {
      buf_puts(&h->out, "<place");
      if (cat_prefix(CAT_PLACE_GENEVA, place)) buf_xml_attr(&h->out, "key", "geneva");
      buf_putc(&h->out, '>');
      emit_range(m, &pt, ps, pe, &h->out);
      buf_puts(&h->out, "</place>\n");
    }
    size_t de = x[0].end, dst = ds;
    if (ds > 3 && strncmp(t + ds - 3, "le ", 3) == 0) dst = ds - 3;
    buf_puts(&h->out, "<date");
    buf_xml_attr(&h->out, "when", x[0].a);
    buf_putc(&h->out, '>');
    emit_range(m, &pt, dst, de, &h->out);
    buf_puts(&h->out, "</date>\n");
    m->plain = false;
    done = true;
  }
  pt_free(&pt);
  return done;
}

/* A labelled row or line: Ref:, Tel:, Fax:, E-mail:, Web:, Subject:. */
static void head_label(mapper *m, head *h, cat_key key, const char *label, xmlNodePtr first,
                       xmlNodePtr stop) {
  static const char *const contact[] = {[CAT_LABEL_TEL] = "tel",
                                        [CAT_LABEL_FAX] = "fax",
                                        [CAT_LABEL_EMAIL] = "email",
                                        [CAT_LABEL_WEB] = "web"};
  bool first_ref = true;
  for (xmlNodePtr p = first; p && p != stop; p = xml_next_elem(p)) {
    if (!is_flat(p, "p") || blank(m, p)) continue;
    char *t = text_of(m, p);
    ptext pt;
    paragraph_text(m, p, &pt);
    match x[8];
    size_t n = recognise(m->rec, pt.text.data, pt.text.len, m->year, m->month, x, 8);
    pt_free(&pt);
    switch (key) {
    case CAT_LABEL_REF:
      if (first_ref && n > 0 && x[0].kind == M_DOCREF && strcmp(x[0].a, "collective-letter") == 0) {
        int num = 0, grp = 0;
        sscanf(x[0].b, "%d/%d", &num, &grp);
        buf_puts(&h->out, "<ref type=\"collective-letter\"");
        buf_xml_attr_int(&h->out, "number", num);
        buf_xml_attr_int(&h->out, "group", grp);
      } else {
        buf_puts(&h->out, "<ref type=\"file\"");
      }
      if (label) buf_xml_attr(&h->out, "label", label);
      buf_putc(&h->out, '>');
      first_ref = false;
      m->plain = true;
      emit_inline(m, p, &h->out);
      m->plain = false;
      buf_puts(&h->out, "</ref>\n");
      break;
    case CAT_LABEL_TEL:
    case CAT_LABEL_FAX:
    case CAT_LABEL_EMAIL:
    case CAT_LABEL_WEB: {
      mkind want = key == CAT_LABEL_EMAIL ? M_EMAIL : key == CAT_LABEL_WEB ? M_URL : M_PHONE;
      buf_puts(&h->out, "<contact");
      buf_xml_attr(&h->out, "type", contact[key]);
      if (label) buf_xml_attr(&h->out, "label", label);
      for (size_t i = 0; i < n; i++)
        if (x[i].kind == want) {
          buf_xml_attr(&h->out, "value", x[i].a);
          break;
        }
      buf_putc(&h->out, '>');
      m->plain = true;
      emit_inline(m, p, &h->out);
      m->plain = false;
      buf_puts(&h->out, "</contact>\n");
      break;
    }
    case CAT_LABEL_SUBJECT:
      snprintf(h->subject + strlen(h->subject), sizeof h->subject - strlen(h->subject), "%s%s",
               h->subject[0] ? " " : "", t);
      buf_puts(&h->out, "<subject");
      if (label) buf_xml_attr(&h->out, "label", label);
      buf_putc(&h->out, '>');
      emit_inline(m, p, &h->out);
      buf_puts(&h->out, "</subject>\n");
      break;
    default: emit_p(m, p, &h->out); break;
    }
    label = NULL; /* the label once, on the first value */
    free(t);
  }
  h->seen_fact = true;
}

static cat_key label_key(const char *t) {
  static const cat_key keys[] = {CAT_LABEL_REF,   CAT_LABEL_TEL, CAT_LABEL_FAX,
                                 CAT_LABEL_EMAIL, CAT_LABEL_WEB, CAT_LABEL_SUBJECT};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    size_t n = cat_prefix(keys[i], t);
    if (!n) continue;
    const char *rest = t + n;
    while (*rest == ' ' || *rest == '.' || *rest == ':')
      rest++;
    if (strncmp(rest, "：", 3) == 0) rest += 3;
    if (!*rest) return keys[i];
  }
  return CAT_KEYS;
}

static void head_line(mapper *m, head *h, xmlNodePtr p) {
  if (!is_flat(p, "p") || blank(m, p)) return;
  char *t = text_of(m, p);
  if (cat_prefix(CAT_LABEL_TO, t) && strlen(t) == cat_prefix(CAT_LABEL_TO, t)) {
    h->to_mode = true; /* "To:" alone: the lines after it are addressees */
    snprintf(h->to_label, sizeof h->to_label, "%s", t);
  } else if (addressee_line(h, t)) {
    head_addressee(m, h, p, t);
    h->seen_fact = true;
  } else {
    close_addressees(h);
    if (head_dateline(m, h, p)) {
      h->seen_fact = true;
    } else if (!h->seen_fact) {
      element(m, "organization", p, &h->out, false);
    } else {
      emit_p(m, p, &h->out);
    }
  }
  free(t);
}

static void head_block(mapper *m, head *h, xmlNodePtr b) {
  if (is_flat(b, "p")) {
    head_line(m, h, b);
    return;
  }
  if (!is_flat(b, "table")) return;
  for (xmlNodePtr r = xml_first_elem(b); r; r = xml_next_elem(r)) {
    xmlNodePtr c1 = xml_first_elem(r);
    char *label = c1 ? text_of(m, c1) : strdup("");
    cat_key key = label_key(label);
    xmlNodePtr c = c1;
    if (key != CAT_KEYS && c1) {
      close_addressees(h);
      h->to_mode = false;
      xmlNodePtr value = xml_next_elem(c1);
      if (value) head_label(m, h, key, label, xml_first_elem(value), NULL);
      c = value ? xml_next_elem(value) : NULL;
    }
    free(label);
    for (; c; c = xml_next_elem(c)) {
      for (xmlNodePtr p = xml_first_elem(c); p; p = xml_next_elem(p))
        head_line(m, h, p);
      close_addressees(h);
      h->to_mode = false;
    }
  }
}

/* ---- the meeting
 * ------------------------------------------------------------------------------------ */

static void write_meeting(mapper *m, const char *subject, xmlNodePtr body_first, buf *out) {
  char group[32] = "";
  group_of(subject, group, sizeof group);
  match x[16];
  size_t n = recognise(m->rec, subject, strlen(subject), m->year, m->month, x, 16);
  const char *start = NULL, *end = NULL;
  for (size_t i = 0; i < n && !start; i++) {
    if (x[i].kind == M_DATERANGE && date_complete(&x[i]))
      start = x[i].a, end = x[i].b;
    else if (x[i].kind == M_DATE && date_complete(&x[i]))
      start = end = x[i].a;
  }
  bool meeting = cat_contains(CAT_MEETING, subject) || group[0];
  /* the subject may leave the dates to the first paragraphs */
  char *texts = NULL;
  buf all = BUF_INIT;
  int k = 0;
  for (xmlNodePtr p = body_first; p && k < 4; p = xml_next_elem(p)) {
    if (!is_flat(p, "p")) continue;
    char *t = text_of(m, p);
    buf_puts(&all, t);
    buf_putc(&all, ' ');
    free(t);
    k++;
  }
  texts = all.data ? all.data : "";
  match y[32];
  if (!start) {
    size_t ny = recognise(m->rec, texts, strlen(texts), m->year, m->month, y, 32);
    for (size_t i = 0; i < ny && !start; i++)
      if (y[i].kind == M_DATERANGE && date_complete(&y[i])) {
        start = y[i].a;
        end = y[i].b;
      }
  }
  if (!meeting || (!start && !group[0])) {
    buf_free(&all);
    return;
  }
  const char *mode = cat_contains(CAT_HYBRID, subject)    ? "hybrid"
                     : cat_contains(CAT_VIRTUAL, subject) ? "virtual"
                     : cat_contains(CAT_VIRTUAL, texts)   ? "virtual"
                                                          : "physical";
  buf_puts(out, "<meeting");
  if (group[0]) buf_xml_attr(out, "group", group);
  buf_xml_attr(out, "mode", mode);
  if (start) buf_xml_attr(out, "start", start);
  if (end) buf_xml_attr(out, "end", end);
  if (strcmp(mode, "virtual") != 0 && cat_contains(CAT_PLACE_GENEVA, subject))
    buf_xml_attr(out, "place", "geneva");
  buf_puts(out, "/>\n");
  buf_free(&all);
}

/* ---- the body
 * ------------------------------------------------------------------------------------------ */

static const char *deadline_kind(const char *t) {
  if (cat_contains(CAT_KIND_TRANSLATION, t)) return "translated-contributions";
  if (cat_contains(CAT_KIND_INTERPRETATION, t)) return "interpretation-request";
  if (cat_contains(CAT_KIND_REGISTRATION, t)) return "registration";
  if (cat_contains(CAT_KIND_CONTRIBUTIONS, t)) return "contributions";
  if (cat_contains(CAT_KIND_FELLOWSHIP, t)) return "fellowship";
  if (cat_contains(CAT_KIND_VISA, t)) return "visa";
  return "other";
}

/* The first complete date of a paragraph, or NULL. */
static bool first_date(mapper *m, const char *t, char *when) {
  match x[8];
  size_t n = recognise(m->rec, t, strlen(t), m->year, m->month, x, 8);
  for (size_t i = 0; i < n; i++)
    if (x[i].kind == M_DATE && date_complete(&x[i]) && x[i].start < 4) {
      snprintf(when, 16, "%.10s", x[i].a); /* an ISO date */
      return true;
    }
  return false;
}

/* A table of deadlines: every row with text starts with a date. */
static bool deadlines_table(mapper *m, xmlNodePtr t) {
  int rows = 0;
  for (xmlNodePtr r = xml_first_elem(t); r; r = xml_next_elem(r)) {
    char *rt = text_of(m, r), when[16];
    bool ok = !*rt || first_date(m, rt, when);
    rows += *rt != '\0';
    free(rt);
    if (!ok) return false;
  }
  return rows > 0;
}

static void deadline_row(mapper *m, xmlNodePtr r, buf *out) {
  char when[16] = "";
  buf action = BUF_INIT;
  for (xmlNodePtr c = xml_first_elem(r); c; c = xml_next_elem(c)) {
    char *t = text_of(m, c);
    if (!when[0]) first_date(m, t, when);
    buf_puts(&action, t);
    buf_putc(&action, ' ');
    free(t);
  }
  if (!when[0]) { /* a blank row: deadlines_table() let only these through */
    buf_free(&action);
    return;
  }
  buf_puts(out, "<deadline");
  buf_xml_attr(out, "when", when);
  buf_xml_attr(out, "kind", deadline_kind(action.data ? action.data : ""));
  buf_putc(out, '>');
  bool first = true;
  for (xmlNodePtr c = xml_first_elem(r); c; c = xml_next_elem(c))
    for (xmlNodePtr p = xml_first_elem(c); p; p = xml_next_elem(p)) {
      if (!is_flat(p, "p") || blank(m, p)) continue;
      if (!first) buf_putc(out, ' ');
      emit_inline(m, p, out);
      first = false;
    }
  buf_puts(out, "</deadline>\n");
  buf_free(&action);
}

static bool is_annex_heading(const char *t, char *id, size_t n) {
  size_t k = cat_prefix(CAT_ANNEX, t);
  if (!k) return false;
  const char *rest = t + k;
  while (*rest == ' ')
    rest++;
  size_t len = strlen(rest);
  if (len == 0 || len > 3) return false;
  for (size_t i = 0; i < len; i++)
    if (!isalnum((unsigned char)rest[i])) return false;
  /* "Annex A" alone on its line: an id of at most three letters or digits */
  snprintf(id, n, "%s", rest);
  return true;
}

typedef enum bstate { B_BODY, B_DEADLINES, B_SIGNATURE, B_AFTER } bstate;

/* A line that reads like a person's name: two to four words, or a short
 * line of CJK characters, with no title word. */
static bool next_is_name(const char *t) {
  if (cat_contains(CAT_SIGNATORY_TITLE, t)) return false;
  size_t len = strlen(t);
  if (strpbrk(t, "0123456789") || (len && strchr(".!?:;,", t[len - 1])) ||
      (len >= 3 && (strcmp(t + len - 3, "。") == 0 || strcmp(t + len - 3, "！") == 0 ||
                    strcmp(t + len - 3, "：") == 0 || strcmp(t + len - 3, "；") == 0)))
    return false; /* a sentence, not a name */
  int words = 0;
  bool in = false;
  for (const char *p = t; *p; p++) {
    bool sp = *p == ' ';
    if (!sp && !in) words++;
    in = !sp;
  }
  return words >= 1 && words <= 4;
}

/* Is the next block a signatory's title ("Director of …")?  Then this short
 * line is the signatory's name. */
static bool next_is_title(mapper *m, xmlNodePtr n) {
  xmlNodePtr next = xml_next_elem(n);
  if (!next || !is_flat(next, "p")) return false;
  char *nt = text_of(m, next);
  bool r = cat_prefix(CAT_SIGNATORY_TITLE, nt) && strlen(nt) < 90;
  free(nt);
  return r;
}

static xmlNodePtr emit_body(mapper *m, xmlNodePtr first, buf *out) {
  bstate st = B_BODY;
  bool deadlines_open = false, signature_open = false, in_list = false;
  xmlNodePtr n = first;
  for (; n; n = xml_next_elem(n)) {
    char id[8];
    char *t = is_flat(n, "p") ? text_of(m, n) : strdup("");
    bool item = is_flat(n, "p") && attr(n, "label");
    if (in_list && !item) {
      buf_puts(out, "</list>\n");
      in_list = false;
    }
    if (is_flat(n, "p") && is_annex_heading(t, id, sizeof id)) {
      free(t);
      break;
    }
    bool deadline_table = is_flat(n, "table") && st == B_DEADLINES && deadlines_table(m, n);
    if (deadlines_open && !(deadline_table || (is_flat(n, "p") &&
                                               (first_date(m, t, (char[16]){0}) || blank(m, n))))) {
      buf_puts(out, "</deadlines>\n");
      deadlines_open = false;
      st = B_BODY;
    }
    if (signature_open && (is_flat(n, "table") || cat_prefix(CAT_ENCLOSURE, t))) {
      buf_puts(out, "</signature>\n");
      signature_open = false;
      st = B_AFTER;
    }
    if (is_flat(n, "table")) {
      if (deadline_table) {
        for (xmlNodePtr r = xml_first_elem(n); r; r = xml_next_elem(r))
          if (is_flat(r, "row")) deadline_row(m, r, out);
      } else {
        emit_table(m, n, out);
      }
    } else if (!is_flat(n, "p") || blank(m, n)) {
      /* empty paragraphs: spacing */
    } else if (st == B_BODY && cat_prefix(CAT_DEADLINES, t)) {
      buf_puts(out, "<deadlines>\n");
      element(m, "title", n, out, false);
      deadlines_open = true;
      st = B_DEADLINES;
    } else if (st == B_DEADLINES) {
      /* tabbed lines: "24 June 2021<tab>–<tab>Submit …" */
      char when[16];
      if (first_date(m, t, when)) {
        buf_puts(out, "<deadline");
        buf_xml_attr(out, "when", when);
        buf_xml_attr(out, "kind", deadline_kind(t));
        buf_putc(out, '>');
        emit_inline(m, n, out);
        buf_puts(out, "</deadline>\n");
      }
    } else if (cat_prefix(CAT_CLOSING, t)) {
      element(m, "closing", n, out, false);
      st = B_SIGNATURE;
    } else if (cat_prefix(CAT_ENCLOSURE, t)) {
      int count = -1;
      for (const char *p = t + cat_prefix(CAT_ENCLOSURE, t); *p; p++)
        if (isdigit((unsigned char)*p)) {
          count = atoi(p);
          break;
        }
      buf_puts(out, "<enclosure");
      if (count >= 0) buf_xml_attr_int(out, "count", count);
      buf_putc(out, '>');
      emit_inline(m, n, out);
      buf_puts(out, "</enclosure>\n");
      st = B_AFTER;
    } else if (st != B_AFTER && strlen(t) < 90 &&
               (st == B_SIGNATURE || cat_contains(CAT_SIGNATORY_TITLE, t) ||
                (next_is_title(m, n) && next_is_name(t)))) {
      if (!signature_open) {
        buf_puts(out, "<signature>\n");
        signature_open = true;
        st = B_SIGNATURE;
      }
      if (!*t) {
        emit_inline(m, n, out); /* the signature image alone */
        buf_putc(out, '\n');
      } else if (cat_contains(CAT_SIGNATORY_TITLE, t)) {
        /* a title set on several lines is one title */
        buf_puts(out, "<title>");
        emit_inline(m, n, out);
        while (xml_next_elem(n) && is_flat(xml_next_elem(n), "p")) {
          char *nt = text_of(m, xml_next_elem(n));
          bool more = *nt && strlen(nt) < 90 && !cat_prefix(CAT_ENCLOSURE, nt) &&
                      (cat_contains(CAT_SIGNATORY_TITLE, nt) || islower((unsigned char)*t) ||
                       !next_is_name(nt));
          free(nt);
          if (!more) break;
          n = xml_next_elem(n);
          buf_putc(out, ' ');
          emit_inline(m, n, out);
        }
        buf_puts(out, "</title>\n");
      } else {
        element(m, "name", n, out, false);
      }
    } else if (item) {
      if (!in_list) {
        buf_puts(out, "<list>\n");
        in_list = true;
      }
      emit_item(m, n, n, out);
    } else {
      emit_p(m, n, out);
    }
    free(t);
  }
  if (in_list) buf_puts(out, "</list>\n");
  if (deadlines_open) buf_puts(out, "</deadlines>\n");
  if (signature_open) buf_puts(out, "</signature>\n");
  return n;
}

/* ---- annexes
 * ------------------------------------------------------------------------------------------------
 */

static void emit_annexes(mapper *m, xmlNodePtr n, buf *out) {
  while (n) {
    char id[8];
    char *t = text_of(m, n);
    bool heading = is_annex_heading(t, id, sizeof id);
    free(t);
    if (!heading) { /* blocks after the body that are no annex: kept in an annex of their own */
      n = xml_next_elem(n);
      continue;
    }
    buf_puts(out, "<annex");
    buf_xml_attr(out, "id", id);
    m->scope_lang = NULL;
    lang_attr(m, n, out);
    m->scope_lang = attr(n, "lang");
    buf_puts(out, ">\n");
    element(m, "heading", n, out, false);
    xmlNodePtr c = xml_next_elem(n);
    /* titles: the paragraphs that follow in a title style */
    for (; c && is_flat(c, "p"); c = xml_next_elem(c)) {
      const char *style = attr(c, "style-name");
      if (blank(m, c)) continue;
      if (!style || !strcasestr(style, "title")) break;
      char *ct = text_of(m, c);
      bool next_annex = is_annex_heading(ct, id, sizeof id);
      free(ct);
      if (next_annex) break;
      element(m, "title", c, out, false);
    }
    xmlNodePtr stop = c;
    while (stop) {
      char *st = is_flat(stop, "p") ? text_of(m, stop) : strdup("");
      bool next = is_annex_heading(st, id, sizeof id);
      free(st);
      if (next) break;
      stop = xml_next_elem(stop);
    }
    emit_blocks(m, c, stop, out);
    buf_puts(out, "</annex>\n");
    m->scope_lang = NULL;
    n = stop;
  }
}

/* ---- the letter
 * ------------------------------------------------------------------------------------------------
 */

static colette_status map_doc(mapper *m, xmlDocPtr doc, const colette_map_options *opts,
                              bool *is_letter) {
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!is_flat(root, "document"))
    return error_set(m->err, COLETTE_ERR_NO_DOCUMENT, NULL,
                     "not a colette flat document (root element <%s>)",
                     root ? (const char *)root->name : "none");
  xmlNodePtr body = NULL, headers[64];
  int nhf = 0;
  for (xmlNodePtr c = xml_first_elem(root); c; c = xml_next_elem(c)) {
    if (is_flat(c, "body"))
      body = c;
    else if (is_flat(c, "footnotes"))
      m->footnotes = c;
    else if (is_flat(c, "endnotes"))
      m->endnotes = c;
    else if (is_flat(c, "comments"))
      m->comments = c;
    else if ((is_flat(c, "header") || is_flat(c, "footer")) && nhf < 64)
      headers[nhf++] = c;
  }
  m->lang = attr(root, "lang");
  buf *out = m->out;
  buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<letter");
  buf_xml_attr(out, "xmlns", "urn:colette:letter:1");
  buf_xml_attr(out, "version", "1");
  if (attr(root, "source")) buf_xml_attr(out, "source", attr(root, "source"));
  if (m->lang && *m->lang) buf_xml_attr(out, "xml:lang", m->lang);
  buf_puts(out, ">\n");

  /* the salutation splits head from body */
  xmlNodePtr salutation = NULL;
  for (xmlNodePtr b = body ? xml_first_elem(body) : NULL; b && !salutation; b = xml_next_elem(b)) {
    if (!is_flat(b, "p")) continue;
    char *t = text_of(m, b);
    if (cat_prefix(CAT_SALUTATION, t)) salutation = b;
    free(t);
  }
  *is_letter = salutation != NULL;
  if (!salutation && opts->strict) {
    buf_clear(out);
    return error_set(m->err, COLETTE_ERR_NO_DOCUMENT, NULL,
                     "no letter head: no salutation found (--strict)");
  }
  head h;
  memset(&h, 0, sizeof h);
  if (salutation) {
    for (xmlNodePtr b = xml_first_elem(body); b != salutation; b = xml_next_elem(b))
      head_block(m, &h, b);
    close_addressees(&h);
  }
  if (salutation || nhf) {
    buf_puts(out, "<head>\n");
    buf_append(out, h.out.data, h.out.len);
    if (nhf) {
      buf_puts(out, "<furniture>\n");
      for (int i = 0; i < nhf; i++)
        emit_blocks(m, xml_first_elem(headers[i]), NULL, out);
      buf_puts(out, "</furniture>\n");
    }
    buf_puts(out, "</head>\n");
  }
  buf_free(&h.out);
  if (salutation) write_meeting(m, h.subject, xml_next_elem(salutation), out);
  buf_puts(out, "<body>\n");
  xmlNodePtr rest = NULL;
  if (salutation) {
    element(m, "salutation", salutation, out, false);
    rest = emit_body(m, xml_next_elem(salutation), out);
  } else if (body) {
    emit_blocks(m, xml_first_elem(body), NULL, out);
  }
  /* notes and comments no reference reached (in deleted text, say): kept */
  xmlNodePtr sections[3] = {m->footnotes, m->endnotes, m->comments};
  for (int k = 0; k < 3; k++)
    for (xmlNodePtr c = xml_first_elem(sections[k]); c; c = xml_next_elem(c)) {
      const char *id = attr(c, "id");
      const char *type = k == 2 ? "comment" : attr(c, "type");
      char key[96];
      snprintf(key, sizeof key, "%s:%s;", type ? type : "footnote", id ? id : "");
      if (!id || (m->used.data && strstr(m->used.data, key))) continue;
      buf note = BUF_INIT;
      emit_blocks(m, xml_first_elem(c), NULL, &note);
      if (note.len) {
        buf_puts(out, "<p><note");
        buf_xml_attr(out, "type", type ? type : "footnote");
        buf_puts(out, ">");
        buf_append(out, note.data, note.len);
        buf_puts(out, "</note></p>\n");
      }
      buf_free(&note);
    }
  buf_puts(out, "</body>\n");
  if (rest) emit_annexes(m, rest, out);
  buf_puts(out, "</letter>\n");
  if (!buf_ok(out)) nomem(m);
  return m->status;
}

void colette_map_options_default(colette_map_options *o) {
  memset(o, 0, sizeof *o);
  o->max_depth = 200;
}

colette_status colette_map_stream(FILE *in, const colette_map_options *opts, colette_sink sink,
                                  colette_map_report *report, colette_error *err) {
  colette_map_options dflt;
  if (!opts) {
    colette_map_options_default(&dflt);
    opts = &dflt;
  }
  if (report) memset(report, 0, sizeof *report);
  buf data = BUF_INIT, out = BUF_INIT;
  mapper m;
  memset(&m, 0, sizeof m);
  m.err = err;
  m.out = &out;
  xmlDocPtr doc = NULL;
  colette_status st = cli_slurp(in, 1u << 30, &data, err);
  if (st != COLETTE_OK) goto done;
  if (data.len == 0) {
    st = error_set(err, COLETTE_ERR_XML, NULL, "empty input, not a flat document");
    goto done;
  }
  st = xmlpart_parse_buffer("", data.data, data.len, opts->max_depth, &doc, err);
  if (st != COLETTE_OK) goto done;
  m.rec = recogniser_new();
  if (!m.rec) {
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "cannot open ICU date symbols");
    goto done;
  }
  bool is_letter = false;
  st = map_doc(&m, doc, opts, &is_letter);
  if (report) report->is_letter = is_letter;
  if (st == COLETTE_OK && sink.write(sink.ctx, out.data, out.len) != 0)
    st = error_set(err, COLETTE_ERR_IO, NULL, "cannot write output");
done:
  recogniser_free(m.rec);
  buf_free(&m.used);
  xmlFreeDoc(doc);
  buf_free(&data);
  buf_free(&out);
  return st;
}
