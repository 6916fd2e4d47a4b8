/*
 * story.c: the streaming WordprocessingML reader.
 *
 * Elements push frames on a stack keyed by their reader depth (2*depth);
 * an element's end pops every frame with a key at or above its own, so the
 * output stays well-formed whatever the input nests where.  Frames the
 * input implies but does not write (text directly in a cell, a table in a
 * paragraph) are pushed with the odd key just above the frame they sit
 * on, and so close with the element that encloses them.
 *
 * Inside a paragraph, inline wrappers (span, link, field, ins, del, math)
 * live on a per-paragraph inline stack.  Complex fields are not XML
 * structure (begin, separate and end are separate runs, even separate
 * paragraphs), so closing a wrapper that is not on top closes the ones
 * above it and reopens them with continued="true".
 *
 * What is written is named by flat.h (FLAT_*); the string literals
 * compared with element and attribute names are WordprocessingML's local
 * names, read from the part, even where the two vocabularies share a word
 * (w:p and p, w:tab and tab).
 */
#include "story.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "../error.h"
#include "../flat.h"
#include "../lang.h"
#include "../xmlpart.h"

#define MAX_INLINE 48
#define MAX_LANGS 8
#define MAX_FIELDS 32
#define FLUSH_AT (64u << 10)

/* ---- namespaces ---------------------------------------------------------- */

enum ns { NS_OTHER, NS_W, NS_M, NS_MC, NS_WP, NS_A, NS_V, NS_O, NS_R };

static const char *const NAMESPACE_URIS[] = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
    "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
};
/* The namespace of each URI above (transitional and strict alike). */
static const enum ns NAMESPACE_IDS[] = {NS_W, NS_W, NS_M, NS_M, NS_MC, NS_WP, NS_WP, NS_A, NS_A, NS_V, NS_O, NS_R, NS_R};
#define N_NS (sizeof NAMESPACE_URIS / sizeof *NAMESPACE_URIS)

/* ---- frames, paragraphs, tables --------------------------------------------- */

typedef enum fkind {
  F_ROOT,
  F_PARA,
  F_TABLE,
  F_ROW,
  F_CELL,
  F_TEXTBOX,
  F_GROUP,
  F_NOTE, /* structural */
  F_RUN,
  F_INLINE,
  F_DRAWING,
  F_AC,
  F_SDT
} fkind;

static bool structural(fkind k) { return k <= F_NOTE; }

enum ikind { I_SPAN, I_LINK, I_FIELD, I_INS, I_DEL, I_MATH };

typedef struct inl {
  enum ikind kind;
  int serial;
  runfmt fmt;  /* I_SPAN */
  char *start; /* other kinds: element name and attributes, for reopening */
} inl;

typedef struct lang_count {
  char lang[24];
  long letters;
} lang_count;

typedef struct para {
  buf content;
  inl inl[MAX_INLINE];
  int n_inl;
  int serial;
  bool props_read;
  char style[64];
  bool has_numpr;
  int num_id, ilvl;
  char align[12];
  int outline;
  bool page_break_before, bidi;
  char mark_lang[24];
  runfmt base; /* run formatting the paragraph style gives, with defaults */
  lang_count langs[MAX_LANGS];
  int n_langs;
  struct para *next_free;
} para;

typedef struct tcell {
  int col, colspan, rowspan;
  int vmerge; /* 0 none, 1 restart, 2 continue */
  bool consumed;
  buf content;
} tcell;

typedef struct trow {
  tcell *cells;
  size_t n, cap;
  bool header;
  int next_col;
  int grid_after;
} trow;

typedef struct table {
  trow *rows;
  size_t n, cap;
  int grid_cols;
  char style[64];
  char *caption, *description; /* w:tblCaption, w:tblDescription (alt text) */
} table;

typedef struct frame {
  fkind kind;
  int key;
  union {
    para *p;  /* F_PARA */
    table *t; /* F_TABLE */
    struct {  /* F_CELL, F_ROW: position in the table below */
      table *t;
      size_t row, cell;
    } pos;
    para *host; /* F_TEXTBOX, F_GROUP: the paragraph written into */
    struct {    /* F_INLINE */
      para *p;
      int serial;
      char role; /* 'w'rapper, 'm'ath, 's'imple field */
    } in;
    runfmt *run; /* F_RUN */
    struct {     /* F_DRAWING */
      char *target, *name, *descr, *title;
      para *p;
    } img;
    bool taken;           /* F_AC: a branch was used */
    const char *note_end; /* F_NOTE */
  } u;
} frame;

typedef struct field {
  bool result; /* past w:fldChar separate */
  bool hidden; /* inside another field's instruction: no output */
  buf instr;
  para *p; /* paragraph holding its open wrapper, or NULL */
  int serial;
  bool is_link;
  char *href, *anchor;
  char type[32];
} field;

typedef struct story {
  docx_doc *doc;
  const char *part;
  story_kind kind;
  const xmlpart_elem *e; /* the element whose start is being read */
  rels own_rels;     /* the part's relationships, unless it is the main part */
  const rels *rels; /* own_rels, or the document's */
  colette_error *err;
  colette_status status;

  frame *frames;
  size_t n_frames, cap_frames;
  size_t top_struct; /* index of the topmost structural frame */

  enum { T_NONE, T_TEXT, T_DEL, T_INSTR } text_mode;
  int text_depth;

  field fields[MAX_FIELDS];
  int n_fields;
  int field_overflow; /* fields nested past MAX_FIELDS, counted not kept */

  char **pending_anchors;
  size_t n_pending, cap_pending;

  para *free_paras;
  runfmt plain;
  runfmt default_base; /* a paragraph's run formatting before its w:pPr: the
                        * default paragraph style's, with the defaults */
  numstate *nums;
  numlabel label;
  runfmt *runs; /* run formats, one per open w:r, reused */
  size_t n_runs, cap_runs;
} story;

/* ---- helpers --------------------------------------------------------------- */

static void fail(story *st, colette_status s, const char *msg) {
  if (st->status == COLETTE_OK) {
    st->status = s;
    error_set(st->err, s, st->part, "%s", msg);
  }
}

static void nomem(story *st) { fail(st, COLETTE_ERR_NOMEM, "out of memory"); }

static enum ns ns_of(story *st) { return st->e->ns < 0 ? NS_OTHER : NAMESPACE_IDS[st->e->ns]; }

/* The value of an attribute of the current element by local name, any
 * namespace (the first, in the order the reader visits them), or NULL. */
static const char *attr_val(story *st, const char *local) {
  for (size_t i = 0; i < st->e->n_attrs; i++)
    if (strcmp(st->e->attrs[i].local, local) == 0) return st->e->attrs[i].value;
  return NULL;
}

/* The same copied into dst (truncated); returns false if absent. */
static bool attr(story *st, const char *local, char *dst, size_t n) {
  const char *v = attr_val(st, local);
  if (n) {
    size_t k = v ? strlen(v) : 0;
    if (k >= n) k = n - 1;
    memcpy(dst, v ? v : "", k);
    dst[k] = '\0';
  }
  return v != NULL;
}

/* The same, malloc'd (NULL if absent or out of memory). */
static char *attr_dup(story *st, const char *local) {
  const char *v = attr_val(st, local);
  return v ? strdup(v) : NULL;
}

static frame *top(story *st) { return &st->frames[st->n_frames - 1]; }

static frame *push(story *st, fkind kind, int key) {
  if (st->n_frames == st->cap_frames) {
    size_t cap = st->cap_frames * 2;
    frame *f = realloc(st->frames, cap * sizeof *f);
    if (!f) {
      nomem(st);
      return NULL;
    }
    st->frames = f;
    st->cap_frames = cap;
  }
  frame *f = &st->frames[st->n_frames++];
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->key = key;
  if (structural(kind)) st->top_struct = st->n_frames - 1;
  return f;
}

static int implicit_key(story *st) { return top(st)->key | 1; }

/* ---- paragraphs ------------------------------------------------------------------ */

static para *para_new(story *st) {
  para *p = st->free_paras;
  if (p) {
    st->free_paras = p->next_free;
    buf b = p->content;
    memset(p, 0, sizeof *p);
    p->content = b;
    buf_clear(&p->content);
  } else {
    p = calloc(1, sizeof *p);
    if (!p) {
      nomem(st);
      return NULL;
    }
  }
  p->num_id = p->ilvl = p->outline = -1;
  p->base = st->default_base;
  const style *def = st->doc->styles->default_para;
  if (def) str_copy(p->style, sizeof p->style, def->id);
  return p;
}

static void para_release(story *st, para *p) {
  for (int i = 0; i < p->n_inl; i++)
    free(p->inl[i].start);
  p->n_inl = 0;
  p->next_free = st->free_paras;
  st->free_paras = p;
}

static void span_attrs(buf *b, const runfmt *f) {
  if (f->bold == TRI_ON) buf_xml_attr(b, FLAT_A_BOLD, "true");
  if (f->italic == TRI_ON) buf_xml_attr(b, FLAT_A_ITALIC, "true");
  if (f->underline[0] && strcmp(f->underline, "none") != 0)
    buf_xml_attr(b, FLAT_A_UNDERLINE, f->underline);
  if (f->strike == TRI_ON) buf_xml_attr(b, FLAT_A_STRIKE, "true");
  if (f->vert[0] && strcmp(f->vert, "baseline") != 0) buf_xml_attr(b, FLAT_A_VERTICAL, f->vert);
  if (f->caps == TRI_ON) buf_xml_attr(b, FLAT_A_CAPS, "true");
  if (f->small_caps == TRI_ON) buf_xml_attr(b, FLAT_A_SMALL_CAPS, "true");
  if (f->hidden == TRI_ON) buf_xml_attr(b, FLAT_A_HIDDEN, "true");
}

static const char *ikind_name(enum ikind k) {
  switch (k) {
  case I_SPAN: return FLAT_SPAN;
  case I_LINK: return FLAT_LINK;
  case I_FIELD: return FLAT_FIELD;
  case I_INS: return FLAT_INS;
  case I_DEL: return FLAT_DEL;
  case I_MATH: return FLAT_MATH;
  }
  return FLAT_SPAN;
}

static void write_start(para *p, const inl *e, bool continued) {
  buf_putc(&p->content, '<');
  if (e->kind == I_SPAN) {
    buf_puts(&p->content, FLAT_SPAN);
    span_attrs(&p->content, &e->fmt);
  } else {
    buf_puts(&p->content, e->start);
  }
  if (continued) buf_xml_attr(&p->content, FLAT_A_CONTINUED, "true");
  buf_putc(&p->content, '>');
}

static void write_end(para *p, const inl *e) {
  buf_append(&p->content, "</", 2);
  buf_puts(&p->content, ikind_name(e->kind));
  buf_putc(&p->content, '>');
}

static void close_span(para *p) {
  if (p->n_inl && p->inl[p->n_inl - 1].kind == I_SPAN) {
    write_end(p, &p->inl[p->n_inl - 1]);
    p->n_inl--;
  }
}

/* Open a wrapper; `start` is taken over (freed by the paragraph).  Returns
 * its serial, 0 if the inline stack is full (the wrapper is then dropped,
 * its content still written). */
static int inline_open(story *st, para *p, enum ikind kind, char *start, bool continued) {
  close_span(p);
  if (!start) {
    nomem(st);
    return 0;
  }
  if (p->n_inl >= MAX_INLINE - 1) {
    free(start);
    return 0;
  }
  inl *e = &p->inl[p->n_inl++];
  memset(e, 0, sizeof *e);
  e->kind = kind;
  e->serial = ++p->serial;
  e->start = start;
  write_start(p, e, continued);
  return e->serial;
}

/* Close the wrapper with this serial, closing and reopening any above it. */
static void inline_close(para *p, int serial) {
  if (!serial) return;
  int i = p->n_inl - 1;
  while (i >= 0 && p->inl[i].serial != serial)
    i--;
  if (i < 0) return;
  for (int j = p->n_inl - 1; j >= i; j--)
    write_end(p, &p->inl[j]);
  free(p->inl[i].start);
  int above = p->n_inl - 1 - i;
  memmove(&p->inl[i], &p->inl[i + 1], (size_t)above * sizeof *p->inl);
  p->n_inl--;
  for (int j = i; j < p->n_inl; j++) {
    if (p->inl[j].kind == I_SPAN) { /* a span is only ever on top: drop it */
      p->n_inl = j;
      break;
    }
    write_start(p, &p->inl[j], true);
  }
}

static char *make_start(const char *name, const char *a1, const char *v1, const char *a2,
                        const char *v2, const char *a3, const char *v3) {
  buf b = BUF_INIT;
  buf_puts(&b, name);
  if (a1 && v1) buf_xml_attr(&b, a1, v1);
  if (a2 && v2) buf_xml_attr(&b, a2, v2);
  if (a3 && v3) buf_xml_attr(&b, a3, v3);
  if (!buf_ok(&b)) {
    buf_free(&b);
    return NULL;
  }
  return b.data ? b.data : strdup(name);
}

/* ---- language of text ------------------------------------------------------------- */

/* Which w:lang attribute governs a character: val (0), eastAsia (1) or
 * bidi (2), from its script as ICU sees it; -1 for characters of no script
 * (digits, punctuation, spaces), which say nothing about language. */
static int lang_slot(UChar32 c) {
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? 0 : -1;
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &e);
  if (U_FAILURE(e)) return -1;
  switch (s) {
  case USCRIPT_COMMON:
  case USCRIPT_INHERITED:
  case USCRIPT_UNKNOWN: return -1;
  case USCRIPT_HAN:
  case USCRIPT_HIRAGANA:
  case USCRIPT_KATAKANA:
  case USCRIPT_HANGUL:
  case USCRIPT_BOPOMOFO:
  case USCRIPT_YI: return 1;
  case USCRIPT_ARABIC:
  case USCRIPT_HEBREW:
  case USCRIPT_SYRIAC:
  case USCRIPT_THAANA: return 2;
  default: return 0;
  }
}

static void count_lang(para *p, const char *lang, long n) {
  if (!lang[0] || n == 0) return;
  for (int i = 0; i < p->n_langs; i++)
    if (strcmp(p->langs[i].lang, lang) == 0) {
      p->langs[i].letters += n;
      return;
    }
  if (p->n_langs < MAX_LANGS) {
    str_copy(p->langs[p->n_langs].lang, sizeof p->langs[0].lang, lang);
    p->langs[p->n_langs++].letters = n;
  }
}

static void count_langs(para *p, const runfmt *f, const char *s, size_t n) {
  long counts[3] = {0, 0, 0};
  int32_t i = 0, len = (int32_t)(n > INT32_MAX ? INT32_MAX : n);
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) continue;
    int slot = lang_slot(c);
    if (slot >= 0) counts[slot]++;
  }
  /* A Han or kana character carries about as much as a word of five
   * Latin letters: weighting it 3 makes a line a quarter CJK count as CJK,
   * the threshold colette-normalize uses too. */
  counts[1] *= LANG_CJK_WEIGHT;
  for (int k = 0; k < 3; k++)
    count_lang(p, f->lang[k], counts[k]);
}

/* ---- structure: finding where output goes ------------------------------------------- */

static frame *below_struct(story *st, size_t idx) {
  for (size_t i = idx; i-- > 0;)
    if (structural(st->frames[i].kind)) return &st->frames[i];
  return NULL;
}

static void recompute_top_struct(story *st) {
  size_t i = st->n_frames;
  while (i-- > 0)
    if (structural(st->frames[i].kind)) break;
  st->top_struct = i;
}

/* The buffer block content goes to for the structural frame f. */
static buf *block_buf(story *st, frame *f) {
  switch (f->kind) {
  case F_ROOT:
  case F_NOTE: return st->doc->out;
  case F_CELL: return &f->u.pos.t->rows[f->u.pos.row].cells[f->u.pos.cell].content;
  case F_TEXTBOX:
  case F_GROUP: return &f->u.host->content;
  default: return NULL;
  }
}

static tcell *cell_of(frame *f) { return &f->u.pos.t->rows[f->u.pos.row].cells[f->u.pos.cell]; }

static bool open_group(story *st, para *host) {
  close_span(host);
  buf_puts(&host->content, "<" FLAT_GROUP ">");
  frame *f = push(st, F_GROUP, implicit_key(st));
  if (!f) return false;
  f->u.host = host;
  return true;
}

static frame *open_table(story *st, int key);
static frame *open_row(story *st, int key);
static frame *open_cell(story *st, int key);

/* Make the top structural frame one that takes blocks (p, tbl). */
static bool ensure_block_container(story *st) {
  for (int guard = 0; guard < 4 && st->status == COLETTE_OK; guard++) {
    frame *f = &st->frames[st->top_struct];
    switch (f->kind) {
    case F_ROOT:
    case F_NOTE:
    case F_CELL:
    case F_TEXTBOX:
    case F_GROUP: return true;
    case F_PARA:
      if (!open_group(st, f->u.p)) return false;
      break;
    case F_TABLE:
      if (!open_row(st, implicit_key(st))) return false;
      break;
    case F_ROW:
      if (!open_cell(st, implicit_key(st))) return false;
      break;
    default: return false;
    }
  }
  return st->status == COLETTE_OK;
}

static void flush_pending_anchors(story *st, para *p) {
  for (size_t i = 0; i < st->n_pending; i++) {
    buf_puts(&p->content, "<" FLAT_ANCHOR);
    buf_xml_attr(&p->content, FLAT_A_NAME, st->pending_anchors[i]);
    buf_puts(&p->content, "/>");
    free(st->pending_anchors[i]);
  }
  st->n_pending = 0;
}

static void reopen_fields(story *st, para *p);

static para *open_para(story *st, int key) {
  if (!ensure_block_container(st)) return NULL;
  para *p = para_new(st);
  if (!p) return NULL;
  frame *f = push(st, F_PARA, key);
  if (!f) {
    para_release(st, p);
    return NULL;
  }
  f->u.p = p;
  flush_pending_anchors(st, p);
  reopen_fields(st, p);
  return p;
}

/* The paragraph inline content goes to, opening one if the input put
 * inline content straight into a cell, a note or the body. */
static para *current_para(story *st) {
  frame *f = &st->frames[st->top_struct];
  if (f->kind == F_PARA) return f->u.p;
  return open_para(st, implicit_key(st));
}

/* ---- paragraph properties and output ------------------------------------------------ */

static int int_val(const xmlpart_node *n, int dflt) {
  const char *v = n ? xn_attr(n, "val") : NULL;
  if (!v || !*v) return dflt;
  char *end;
  long x = strtol(v, &end, 10);
  return (*end || x < -1000 || x > 1000000) ? dflt : (int)x;
}

static void read_ppr(story *st, para *p, const xmlpart_node *ppr);

static void para_write(story *st, para *p, buf *out) {
  const styles *ss = st->doc->styles;
  /* language: the one most letters are marked with; else the paragraph
   * mark's, the style's or the document's */
  const char *lang = NULL;
  long best = 0;
  for (int i = 0; i < p->n_langs; i++)
    if (p->langs[i].letters > best) {
      best = p->langs[i].letters;
      lang = p->langs[i].lang;
    }
  if (!lang && p->mark_lang[0]) lang = p->mark_lang;
  if (!lang && p->base.lang[0][0]) lang = p->base.lang[0];

  int num_id = -1, ilvl = -1;
  if (p->has_numpr) {
    num_id = p->num_id;
    ilvl = p->ilvl;
    if (num_id < 0 || ilvl < 0) {
      int sn, sl;
      styles_numbering(ss, p->style, &sn, &sl);
      if (num_id < 0) num_id = sn;
      if (ilvl < 0) ilvl = sl;
    }
  } else {
    styles_numbering(ss, p->style, &num_id, &ilvl);
  }
  bool numbered =
      num_id > 0 && numbering_next(st->nums, num_id, ilvl < 0 ? 0 : ilvl, lang, &st->label);

  buf_puts(out, "<" FLAT_P);
  if (p->style[0]) {
    buf_xml_attr(out, FLAT_A_STYLE, p->style);
    const style *s = styles_find(ss, p->style);
    if (s && s->name) buf_xml_attr(out, FLAT_A_STYLE_NAME, s->name);
  }
  int heading =
      p->outline >= 0 ? (p->outline <= 8 ? p->outline + 1 : 0) : styles_heading(ss, p->style);
  if (heading) buf_xml_attr_int(out, FLAT_A_HEADING, heading);
  const char *align = p->align[0] ? p->align : styles_align(ss, p->style);
  if (align && *align) buf_xml_attr(out, FLAT_A_ALIGN, align);
  if (p->bidi) buf_xml_attr(out, FLAT_A_BIDI, "true");
  if (lang) buf_xml_attr(out, FLAT_A_XML_LANG, lang);
  if (p->page_break_before) buf_xml_attr(out, FLAT_A_PAGE_BREAK_BEFORE, "true");
  if (numbered) {
    buf_xml_attr(out, FLAT_A_LIST, st->label.list);
    buf_xml_attr_int(out, FLAT_A_NUM_ID, st->label.num_id);
    buf_xml_attr_int(out, FLAT_A_LEVEL, st->label.level + 1);
    buf_xml_attr(out, FLAT_A_LIST_FORMAT, st->label.format);
    buf_xml_attr_n(out, FLAT_A_LABEL, st->label.text.data ? st->label.text.data : "",
                   st->label.text.len);
  }
  if (p->content.len == 0) {
    buf_puts(out, "/>\n");
    return;
  }
  buf_putc(out, '>');
  buf_append(out, p->content.data, p->content.len);
  buf_puts(out, "</" FLAT_P ">\n");
}

/* Close the paragraph of the frame just popped (at index st->n_frames). */
static void close_para(story *st, para *p) {
  /* fields still open continue in the next paragraph */
  for (int i = 0; i < st->n_fields; i++)
    if (st->fields[i].p == p) {
      st->fields[i].p = NULL;
      st->fields[i].serial = 0;
    }
  for (int j = p->n_inl - 1; j >= 0; j--)
    write_end(p, &p->inl[j]);
  if (!buf_ok(&p->content)) nomem(st);
  frame *below = below_struct(st, st->n_frames);
  buf *out = below ? block_buf(st, below) : NULL;
  if (out) para_write(st, p, out);
  para_release(st, p);
}

/* ---- tables ------------------------------------------------------------------------ */

static frame *open_table(story *st, int key) {
  if (!ensure_block_container(st)) return NULL;
  table *t = calloc(1, sizeof *t);
  if (!t) {
    nomem(st);
    return NULL;
  }
  frame *f = push(st, F_TABLE, key);
  if (!f) {
    free(t);
    return NULL;
  }
  f->u.t = t;
  return f;
}

static frame *open_row(story *st, int key) {
  frame *tf = &st->frames[st->top_struct];
  if (tf->kind != F_TABLE) {
    tf = open_table(st, implicit_key(st));
    if (!tf) return NULL;
    key = key | 1;
    if (key < tf->key) key = tf->key;
  }
  table *t = tf->u.t;
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 8;
    trow *rows = realloc(t->rows, cap * sizeof *rows);
    if (!rows) {
      nomem(st);
      return NULL;
    }
    t->rows = rows;
    t->cap = cap;
  }
  memset(&t->rows[t->n], 0, sizeof *t->rows);
  frame *f = push(st, F_ROW, key);
  if (!f) return NULL;
  f->u.pos.t = t;
  f->u.pos.row = t->n++;
  return f;
}

static frame *open_cell(story *st, int key) {
  frame *rf = &st->frames[st->top_struct];
  if (rf->kind != F_ROW) {
    rf = open_row(st, implicit_key(st));
    if (!rf) return NULL;
    key = key | 1;
    if (key < rf->key) key = rf->key;
  }
  trow *row = &rf->u.pos.t->rows[rf->u.pos.row];
  if (row->n == row->cap) {
    size_t cap = row->cap ? row->cap * 2 : 8;
    tcell *cells = realloc(row->cells, cap * sizeof *cells);
    if (!cells) {
      nomem(st);
      return NULL;
    }
    row->cells = cells;
    row->cap = cap;
  }
  tcell *c = &row->cells[row->n];
  memset(c, 0, sizeof *c);
  c->col = row->next_col;
  c->colspan = 1;
  c->rowspan = 1;
  frame *f = push(st, F_CELL, key);
  if (!f) return NULL;
  f->u.pos.t = rf->u.pos.t;
  f->u.pos.row = rf->u.pos.row;
  f->u.pos.cell = row->n++;
  return f;
}

static void table_free(table *t) {
  for (size_t r = 0; r < t->n; r++) {
    for (size_t c = 0; c < t->rows[r].n; c++)
      buf_free(&t->rows[r].cells[c].content);
    free(t->rows[r].cells);
  }
  free(t->rows);
  free(t->caption);
  free(t->description);
  free(t);
}

static tcell *cell_at(trow *row, int col) {
  size_t lo = 0, hi = row->n;
  while (lo < hi) { /* cells are in column order */
    size_t mid = (lo + hi) / 2;
    if (row->cells[mid].col < col)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < row->n && row->cells[lo].col == col ? &row->cells[lo] : NULL;
}

/* True when content holds nothing but empty paragraphs, as every merged-away
 * cell does (a cell must hold at least one w:p). */
static bool blank_blocks(const buf *b) {
  static const char tag[] = "<" FLAT_P;
  const size_t n = sizeof tag - 1;
  const char *s = b->data, *end = b->data + b->len;
  while (s && s < end) {
    if (strncmp(s, tag, n) != 0 || (s[n] != ' ' && s[n] != '/')) return false;
    const char *gt = memchr(s, '>', (size_t)(end - s));
    if (!gt || gt[-1] != '/') return false;
    s = gt + 1;
    if (s < end && *s == '\n') s++;
  }
  return true;
}

/* Resolve vertical merges, then write the table.  A w:vMerge continuation
 * cell becomes part of the row span of the cell above it; any text it
 * holds (Word hides it) is appended to that cell rather than lost. */
static void table_write(story *st, table *t, buf *out) {
  int cols = t->grid_cols;
  for (size_t r = 0; r < t->n; r++) {
    trow *row = &t->rows[r];
    int width = row->next_col + row->grid_after;
    if (width > cols) cols = width;
    for (size_t c = 0; c < row->n; c++) {
      tcell *cell = &row->cells[c];
      if (cell->vmerge != 1) continue;
      for (size_t rr = r + 1; rr < t->n; rr++) {
        tcell *below = cell_at(&t->rows[rr], cell->col);
        if (!below || below->vmerge != 2 || below->consumed) break;
        below->consumed = true;
        cell->rowspan++;
        if (!blank_blocks(&below->content))
          buf_append(&cell->content, below->content.data, below->content.len);
      }
    }
  }
  buf_puts(out, "<" FLAT_TABLE);
  buf_xml_attr_int(out, FLAT_A_COLS, cols);
  if (t->style[0]) buf_xml_attr(out, FLAT_A_STYLE, t->style);
  if (t->caption) buf_xml_attr(out, FLAT_A_CAPTION, t->caption);
  if (t->description) buf_xml_attr(out, FLAT_A_DESCRIPTION, t->description);
  buf_puts(out, ">\n");
  for (size_t r = 0; r < t->n; r++) {
    trow *row = &t->rows[r];
    buf_puts(out, "<" FLAT_ROW);
    if (row->header) buf_xml_attr(out, FLAT_A_HEADER, "true");
    buf_puts(out, ">\n");
    for (size_t c = 0; c < row->n; c++) {
      tcell *cell = &row->cells[c];
      if (cell->consumed) continue;
      buf_puts(out, "<" FLAT_CELL);
      buf_xml_attr_int(out, FLAT_A_COL, cell->col + 1);
      if (cell->colspan > 1) buf_xml_attr_int(out, FLAT_A_COLSPAN, cell->colspan);
      if (cell->rowspan > 1) buf_xml_attr_int(out, FLAT_A_ROWSPAN, cell->rowspan);
      if (!buf_ok(&cell->content)) nomem(st);
      if (cell->content.len) {
        buf_puts(out, ">\n");
        buf_append(out, cell->content.data, cell->content.len);
        buf_puts(out, "</" FLAT_CELL ">\n");
      } else {
        buf_puts(out, "/>\n");
      }
    }
    buf_puts(out, "</" FLAT_ROW ">\n");
  }
  buf_puts(out, "</" FLAT_TABLE ">\n");
}

/* ---- fields -------------------------------------------------------------------------- */

/* Next token of a field instruction: a quoted string or a bare word. */
static const char *instr_token(const char *s, char *dst, size_t n) {
  while (*s == ' ' || *s == '\t')
    s++;
  if (!*s) return NULL;
  size_t k = 0;
  if (*s == '"') {
    s++;
    while (*s && *s != '"') {
      if (*s == '\\' && s[1] == '"') s++;
      if (k + 1 < n) dst[k++] = *s;
      s++;
    }
    if (*s == '"') s++;
  } else {
    while (*s && *s != ' ' && *s != '\t') {
      if (k + 1 < n) dst[k++] = *s;
      s++;
    }
  }
  dst[k] = '\0';
  return s;
}

static void field_parse(field *f) {
  const char *s = f->instr.data ? f->instr.data : "";
  char tok[2048];
  s = instr_token(s, tok, sizeof tok);
  if (!s) {
    snprintf(f->type, sizeof f->type, "UNKNOWN");
    return;
  }
  size_t i = 0;
  for (; tok[i] && i + 1 < sizeof f->type; i++)
    f->type[i] = (char)((tok[i] >= 'a' && tok[i] <= 'z') ? tok[i] - 32 : tok[i]);
  f->type[i] = '\0';
  if (strcmp(f->type, "HYPERLINK") != 0) return;
  f->is_link = true;
  while ((s = instr_token(s, tok, sizeof tok))) {
    if (strcmp(tok, "\\l") == 0) {
      if ((s = instr_token(s, tok, sizeof tok)) && !f->anchor) f->anchor = strdup(tok);
      if (!s) break;
    } else if (tok[0] == '\\') {
      /* other switches take an argument: \o "tooltip", \t "frame" */
      if (strcmp(tok, "\\o") == 0 || strcmp(tok, "\\t") == 0)
        if (!(s = instr_token(s, tok, sizeof tok))) break;
    } else if (!f->href) {
      f->href = strdup(tok);
    }
  }
}

static void field_open_wrapper(story *st, field *f, para *p, bool continued) {
  char *start;
  if (f->is_link) {
    start = make_start(FLAT_LINK, FLAT_A_HREF, f->href, FLAT_A_ANCHOR, f->anchor, FLAT_A_FIELD,
                       "HYPERLINK");
  } else {
    const char *instr = f->instr.data ? f->instr.data : "";
    while (*instr == ' ')
      instr++;
    buf trimmed = BUF_INIT;
    buf_puts(&trimmed, instr);
    while (trimmed.len && trimmed.data[trimmed.len - 1] == ' ')
      trimmed.data[--trimmed.len] = '\0';
    start = make_start(FLAT_FIELD, FLAT_A_TYPE, f->type, FLAT_A_INSTR,
                       trimmed.data ? trimmed.data : "", NULL, NULL);
    buf_free(&trimmed);
  }
  f->p = p;
  f->serial = inline_open(st, p, f->is_link ? I_LINK : I_FIELD, start, continued);
}

static void reopen_fields(story *st, para *p) {
  for (int i = 0; i < st->n_fields; i++) {
    field *f = &st->fields[i];
    if (f->result && !f->hidden && !f->p) field_open_wrapper(st, f, p, true);
  }
}

static void field_free(field *f) {
  buf_free(&f->instr);
  free(f->href);
  free(f->anchor);
  memset(f, 0, sizeof *f);
}

static void fld_char(story *st, const char *type) {
  if (strcmp(type, "begin") == 0) {
    if (st->n_fields >= MAX_FIELDS) {
      st->field_overflow++;
      return;
    }
    field *f = &st->fields[st->n_fields++];
    memset(f, 0, sizeof *f);
    return;
  }
  if (st->field_overflow) {
    if (strcmp(type, "end") == 0) st->field_overflow--;
    return;
  }
  if (st->n_fields == 0) return; /* unbalanced: ignore */
  field *f = &st->fields[st->n_fields - 1];
  if (strcmp(type, "separate") == 0) {
    if (f->result) return;
    f->result = true;
    field_parse(f);
    for (int i = 0; i < st->n_fields - 1; i++)
      if (!st->fields[i].result) f->hidden = true;
    if (!f->hidden) {
      para *p = current_para(st);
      if (p) field_open_wrapper(st, f, p, false);
    }
  } else if (strcmp(type, "end") == 0) {
    if (!f->result) {
      /* no result: keep the field as an empty element */
      field_parse(f);
      bool hidden = false;
      for (int i = 0; i < st->n_fields - 1; i++)
        if (!st->fields[i].result) hidden = true;
      if (!hidden) {
        para *p = current_para(st);
        if (p) {
          field_open_wrapper(st, f, p, false);
          inline_close(p, f->serial);
          f->p = NULL;
        }
      }
    } else if (f->p) {
      inline_close(f->p, f->serial);
    }
    field_free(f);
    st->n_fields--;
  }
}

/* Where text goes while fields are open: into the instruction of the
 * innermost field still reading one, unless a visible result comes first. */
static field *instr_target(story *st) {
  for (int i = st->n_fields - 1; i >= 0; i--) {
    field *f = &st->fields[i];
    if (!f->result) return f;
    if (!f->hidden) return NULL;
  }
  return NULL;
}

/* ---- text --------------------------------------------------------------------------- */

static const runfmt *current_run(story *st) {
  return st->n_runs ? &st->runs[st->n_runs - 1] : &st->plain;
}

static void emit_text(story *st, const char *s, size_t n) {
  if (n == 0) return;
  field *f = instr_target(st);
  if (f) {
    buf_append(&f->instr, s, n);
    return;
  }
  para *p = current_para(st);
  if (!p) return;
  const runfmt *fmt = current_run(st);
  inl *topi = p->n_inl ? &p->inl[p->n_inl - 1] : NULL;
  if (topi && topi->kind == I_SPAN && !runfmt_same_look(&topi->fmt, fmt)) {
    close_span(p);
    topi = NULL;
  } else if (topi && topi->kind != I_SPAN) {
    topi = NULL;
  }
  if (!topi && !runfmt_plain(fmt) && p->n_inl < MAX_INLINE) {
    inl *e = &p->inl[p->n_inl++];
    memset(e, 0, sizeof *e);
    e->kind = I_SPAN;
    e->serial = ++p->serial;
    e->fmt = *fmt;
    write_start(p, e, false);
  }
  buf_xml_text(&p->content, s, n);
  count_langs(p, fmt, s, n);
}

static void emit_empty(story *st, const char *name, const char *a1, const char *v1, const char *a2,
                       const char *v2) {
  if (instr_target(st)) return;
  para *p = current_para(st);
  if (!p) return;
  close_span(p);
  buf_putc(&p->content, '<');
  buf_puts(&p->content, name);
  if (a1 && v1) buf_xml_attr(&p->content, a1, v1);
  if (a2 && v2) buf_xml_attr(&p->content, a2, v2);
  buf_puts(&p->content, "/>");
}

/* A footnote or endnote reference, with the number Word shows for it
 * unless the author typed a custom mark (w:customMarkFollows). */
static void note_ref(story *st, const char *type, int *marks) {
  char id[32], custom[8], mark[16];
  attr(st, "id", id, sizeof id);
  bool has_custom = attr(st, "customMarkFollows", custom, sizeof custom) &&
                    strcmp(custom, "0") != 0 && strcmp(custom, "false") != 0;
  if (instr_target(st)) return;
  para *p = current_para(st);
  if (!p) return;
  close_span(p);
  buf_puts(&p->content, "<" FLAT_NOTEREF);
  buf_xml_attr(&p->content, FLAT_A_TYPE, type);
  buf_xml_attr(&p->content, FLAT_A_ID, id);
  if (!has_custom) {
    snprintf(mark, sizeof mark, "%d", ++*marks);
    buf_xml_attr(&p->content, FLAT_A_MARK, mark);
  }
  buf_puts(&p->content, "/>");
}

/* ---- run and paragraph properties (small subtrees, expanded) --------------------------- */

static void read_ppr(story *st, para *p, const xmlpart_node *ppr) {
  const styles *ss = st->doc->styles;
  const xmlpart_node *c;
  if ((c = xn_child(ppr, "pStyle")) && xn_attr(c, "val")) {
    str_copy(p->style, sizeof p->style, xn_attr(c, "val"));
    runfmt tmp;
    runfmt_unset(&tmp);
    styles_runfmt(ss, p->style, &tmp);
    runfmt_inherit(&tmp, &ss->defaults);
    p->base = tmp;
  }
  if ((c = xn_child(ppr, "numPr"))) {
    p->has_numpr = true;
    const xmlpart_node *id = xn_child(c, "numId"), *lvl = xn_child(c, "ilvl");
    if (id) p->num_id = int_val(id, -1);
    if (lvl) p->ilvl = int_val(lvl, -1);
  }
  if ((c = xn_child(ppr, "jc")) && xn_attr(c, "val"))
    str_copy(p->align, sizeof p->align, xn_attr(c, "val"));
  if ((c = xn_child(ppr, "outlineLvl"))) p->outline = int_val(c, -1);
  if ((c = xn_child(ppr, "pageBreakBefore"))) p->page_break_before = xn_onoff(c);
  if ((c = xn_child(ppr, "bidi"))) p->bidi = xn_onoff(c);
  if ((c = xn_child(ppr, "rPr"))) {
    runfmt mark;
    runfmt_unset(&mark);
    runfmt_read(&mark, c);
    if (mark.lang[0][0]) str_copy(p->mark_lang, sizeof p->mark_lang, mark.lang[0]);
  }
  p->props_read = true;
}

colette_status doc_add_hf(docx_doc *d, char kind, const char *type, const char *part) {
  for (size_t i = 0; i < d->n_hf; i++)
    if (strcmp(d->hf[i].part, part) == 0) return COLETTE_OK;
  if (d->n_hf == d->cap_hf) {
    size_t cap = d->cap_hf ? d->cap_hf * 2 : 8;
    hf_ref *h = realloc(d->hf, cap * sizeof *h);
    if (!h) return COLETTE_ERR_NOMEM;
    d->hf = h;
    d->cap_hf = cap;
  }
  hf_ref *h = &d->hf[d->n_hf];
  h->kind = kind;
  str_copy(h->type, sizeof h->type, type ? type : "default");
  h->part = strdup(part);
  if (!h->part) return COLETTE_ERR_NOMEM;
  d->n_hf++;
  return COLETTE_OK;
}

static void add_hf_ref(story *st, char kind, const char *type, const char *rid) {
  const rel *r = rels_by_id(st->rels, rid);
  if (r && !r->external && doc_add_hf(st->doc, kind, type, r->target) != COLETTE_OK) nomem(st);
}

static void read_sectpr(story *st, const xmlpart_node *sect) {
  for (const xmlpart_node *c = sect->first; c; c = c->next) {
    bool h = xn_is(c, "headerReference"), f = xn_is(c, "footerReference");
    if (!h && !f) continue;
    const char *rid = xn_attr(c, "id");
    if (rid) add_hf_ref(st, h ? 'h' : 'f', xn_attr(c, "type"), rid);
  }
}

/* ---- elements ------------------------------------------------------------------------ */

/* What an element's start asks of the stream (xmlpart_next). */
enum next { NEXT_READ = XMLPART_DESCEND, NEXT_SKIP = XMLPART_SKIP, NEXT_CAPTURE = XMLPART_CAPTURE };

static bool changes_hide(story *st, bool deletion) {
  colette_changes m = st->doc->changes;
  return deletion ? m == COLETTE_CHANGES_ACCEPT : m == COLETTE_CHANGES_REJECT;
}

static void open_change(story *st, int key, bool deletion) {
  if (st->doc->changes != COLETTE_CHANGES_ALL) return; /* transparent */
  para *p = current_para(st);
  if (!p) return;
  char author[128], date[64];
  bool ha = attr(st, "author", author, sizeof author);
  bool hd = attr(st, "date", date, sizeof date);
  int serial =
      inline_open(st, p, deletion ? I_DEL : I_INS,
                  make_start(deletion ? FLAT_DEL : FLAT_INS, FLAT_A_AUTHOR, ha ? author : NULL,
                             FLAT_A_DATE, hd ? date : NULL, NULL, NULL),
                  false);
  frame *f = push(st, F_INLINE, key);
  if (f) {
    f->u.in.p = p;
    f->u.in.serial = serial;
    f->u.in.role = 'w';
  }
}


/* A property block captured whole (w:pPr, w:rPr of a run, w:sectPr, w:tcPr,
 * w:trPr, w:tblPr, w:tblGrid): what it sets, into the frame it belongs to. */
static void w_properties(story *st, const xmlpart_node *n) {
  const char *name = n->local;
  if (strcmp(name, "pPr") == 0) {
      frame *f = &st->frames[st->top_struct];
      if (n && f->kind == F_PARA) {
        read_ppr(st, f->u.p, n);
        const xmlpart_node *sect = xn_child(n, "sectPr");
        if (sect) read_sectpr(st, sect);
      }
      return;
  }
  if (strcmp(name, "rPr") == 0) {
      {
        {
          runfmt direct;
          runfmt_unset(&direct);
          runfmt_read(&direct, n);
          const xmlpart_node *rs = xn_child(n, "rStyle");
          if (rs && xn_attr(rs, "val"))
            styles_runfmt(st->doc->styles, xn_attr(rs, "val"), &direct);
          runfmt_inherit(&direct, top(st)->u.run);
          *top(st)->u.run = direct;
        }
      }
      return;
  }
  if (strcmp(name, "sectPr") == 0) {
      if (n) read_sectpr(st, n);
      return;
  }
  if (strcmp(name, "tcPr") == 0) {
      frame *f = &st->frames[st->top_struct];
      if (n && f->kind == F_CELL) {
        tcell *c = cell_of(f);
        trow *row = &f->u.pos.t->rows[f->u.pos.row];
        const xmlpart_node *x;
        if ((x = xn_child(n, "gridSpan"))) {
          int span = int_val(x, 1);
          c->colspan = span < 1 ? 1 : span > 1000 ? 1000 : span;
        }
        if ((x = xn_child(n, "vMerge"))) {
          const char *mv = xn_attr(x, "val");
          c->vmerge = mv && strcmp(mv, "restart") == 0 ? 1 : 2;
        }
        if ((x = xn_child(n, "hMerge"))) {
          /* legacy horizontal merge: a continuation widens the cell before */
          const char *mv = xn_attr(x, "val");
          if (!(mv && strcmp(mv, "restart") == 0) && f->u.pos.cell > 0) {
            tcell *prev = &row->cells[f->u.pos.cell - 1];
            prev->colspan += c->colspan;
            c->colspan = 0; /* marks the merged-away cell, see F_CELL pop */
          }
        }
      }
      return;
  }
  if (strcmp(name, "trPr") == 0) {
      frame *f = &st->frames[st->top_struct];
      if (n && f->kind == F_ROW) {
        trow *row = &f->u.pos.t->rows[f->u.pos.row];
        row->header = xn_onoff(xn_child(n, "tblHeader"));
        const xmlpart_node *x;
        if ((x = xn_child(n, "gridBefore"))) {
          int g = int_val(x, 0);
          if (g > 0 && g < 1000 && row->n == 0) row->next_col = g;
        }
        if ((x = xn_child(n, "gridAfter"))) {
          int g = int_val(x, 0);
          if (g > 0 && g < 1000) row->grid_after = g;
        }
      }
      return;
  }
  if (strcmp(name, "tblPr") == 0) {
      frame *f = &st->frames[st->top_struct];
      const xmlpart_node *s = n ? xn_child(n, "tblStyle") : NULL;
      if (s && f->kind == F_TABLE && xn_attr(s, "val"))
        str_copy(f->u.t->style, sizeof f->u.t->style, xn_attr(s, "val"));
      const xmlpart_node *cap = n ? xn_child(n, "tblCaption") : NULL;
      const xmlpart_node *desc = n ? xn_child(n, "tblDescription") : NULL;
      if (f->kind == F_TABLE && cap && xn_attr(cap, "val") && !f->u.t->caption)
        f->u.t->caption = strdup(xn_attr(cap, "val"));
      if (f->kind == F_TABLE && desc && xn_attr(desc, "val") && !f->u.t->description)
        f->u.t->description = strdup(xn_attr(desc, "val"));
      return;
  }
  if (strcmp(name, "tblGrid") == 0) {
      frame *f = &st->frames[st->top_struct];
      if (n && f->kind == F_TABLE) {
        int cols = 0;
        for (const xmlpart_node *c = n->first; c; c = c->next)
          cols += xn_is(c, "gridCol");
        f->u.t->grid_cols = cols;
      }
      return;
  }
}

static int w_element(story *st, const char *name, int depth, bool empty) {
  int key = 2 * depth;
  char v[256];
  switch (name[0]) {
  case 'b':
    if (strcmp(name, "br") == 0) {
      attr(st, "type", v, sizeof v);
      emit_empty(st, FLAT_BR, FLAT_A_TYPE, v[0] && strcmp(v, "textWrapping") != 0 ? v : NULL, NULL,
                 NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "bookmarkStart") == 0) {
      if (!attr(st, "name", v, sizeof v)) return NEXT_READ;
      frame *f = &st->frames[st->top_struct];
      if (f->kind == F_PARA && !instr_target(st)) {
        emit_empty(st, FLAT_ANCHOR, FLAT_A_NAME, v, NULL, NULL);
      } else if (st->n_pending < 1024) {
        if (st->n_pending == st->cap_pending) {
          size_t cap = st->cap_pending ? st->cap_pending * 2 : 8;
          char **a = realloc(st->pending_anchors, cap * sizeof *a);
          if (!a) {
            nomem(st);
            return NEXT_READ;
          }
          st->pending_anchors = a;
          st->cap_pending = cap;
        }
        st->pending_anchors[st->n_pending] = strdup(v);
        if (st->pending_anchors[st->n_pending]) st->n_pending++;
      }
      return NEXT_READ;
    }
    break;
  case 'c':
    if (strcmp(name, "cr") == 0) {
      emit_empty(st, FLAT_BR, NULL, NULL, NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "commentReference") == 0) {
      attr(st, "id", v, sizeof v);
      emit_empty(st, FLAT_COMMENTREF, FLAT_A_ID, v, NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "comment") == 0 && st->kind == STORY_COMMENTS && !empty) {
      char id[32], author[128], date[64], initials[32];
      attr(st, "id", id, sizeof id);
      bool ha = attr(st, "author", author, sizeof author);
      bool hd = attr(st, "date", date, sizeof date);
      bool hi = attr(st, "initials", initials, sizeof initials);
      buf *out = st->doc->out;
      buf_puts(out, "<" FLAT_COMMENT);
      buf_xml_attr(out, FLAT_A_ID, id);
      if (ha) buf_xml_attr(out, FLAT_A_AUTHOR, author);
      if (hd) buf_xml_attr(out, FLAT_A_DATE, date);
      if (hi) buf_xml_attr(out, FLAT_A_INITIALS, initials);
      buf_puts(out, ">\n");
      frame *f = push(st, F_NOTE, key);
      if (f) f->u.note_end = "</" FLAT_COMMENT ">\n";
      return NEXT_READ;
    }
    if (strcmp(name, "customXmlPr") == 0) return NEXT_SKIP;
    break;
  case 'd':
    if (strcmp(name, "delText") == 0 || strcmp(name, "delInstrText") == 0) {
      st->text_mode = name[3] == 'I' ? T_INSTR : T_DEL;
      st->text_depth = depth;
      return NEXT_READ;
    }
    if (strcmp(name, "del") == 0 || strcmp(name, "moveFrom") == 0) {
      if (empty) return NEXT_READ;
      if (changes_hide(st, true)) return NEXT_SKIP;
      open_change(st, key, true);
      return NEXT_READ;
    }
    if (strcmp(name, "drawing") == 0) {
      if (!empty) push(st, F_DRAWING, key);
      return NEXT_READ;
    }
    break;
  case 'e':
    if (strcmp(name, "endnoteReference") == 0) {
      note_ref(st, "endnote", &st->doc->endnote_marks);
      return NEXT_READ;
    }
    if (strcmp(name, "endnote") == 0 && st->kind == STORY_NOTES && !empty) goto note;
    break;
  case 'f':
    if (strcmp(name, "fldChar") == 0) {
      attr(st, "fldCharType", v, sizeof v);
      fld_char(st, v);
      return empty ? NEXT_READ : NEXT_SKIP; /* w:fldData inside is binary */
    }
    if (strcmp(name, "fldSimple") == 0) {
      char *instr = attr_dup(st, "instr");
      if (empty) {
        /* a field with no result still says what it was */
        fld_char(st, "begin");
        if (st->n_fields && instr) buf_puts(&st->fields[st->n_fields - 1].instr, instr);
        fld_char(st, "end");
      } else {
        fld_char(st, "begin");
        if (st->n_fields && instr) buf_puts(&st->fields[st->n_fields - 1].instr, instr);
        fld_char(st, "separate");
        frame *f = push(st, F_INLINE, key);
        if (f) f->u.in.role = 's'; /* popping it ends the field */
      }
      free(instr);
      return NEXT_READ;
    }
    if (strcmp(name, "footnoteReference") == 0) {
      note_ref(st, "footnote", &st->doc->footnote_marks);
      return NEXT_READ;
    }
    if (strcmp(name, "footnote") == 0 && st->kind == STORY_NOTES && !empty) goto note;
    break;
  case 'h':
    if (strcmp(name, "hyperlink") == 0 && !empty) {
      para *p = current_para(st);
      if (!p) return NEXT_READ;
      char rid[64], anchor[256];
      bool has_rid = false;
      /* r:id is in the relationships namespace; w:anchor in w (the last
       * "id" wins, as it always has) */
      for (size_t i = 0; i < st->e->n_attrs; i++)
        if (strcmp(st->e->attrs[i].local, "id") == 0) {
          str_copy(rid, sizeof rid, st->e->attrs[i].value);
          has_rid = true;
        }
      bool has_anchor = attr(st, "anchor", anchor, sizeof anchor);
      const rel *r = has_rid ? rels_by_id(st->rels, rid) : NULL;
      const char *href = r ? r->target : NULL;
      int serial = inline_open(st, p, I_LINK,
                               make_start(FLAT_LINK, FLAT_A_HREF, href, FLAT_A_ANCHOR,
                                          has_anchor ? anchor : NULL, NULL, NULL),
                               false);
      frame *f = push(st, F_INLINE, key);
      if (f) {
        f->u.in.p = p;
        f->u.in.serial = serial;
        f->u.in.role = 'w';
      }
      return NEXT_READ;
    }
    break;
  case 'i':
    if (strcmp(name, "instrText") == 0) {
      st->text_mode = T_INSTR;
      st->text_depth = depth;
      return NEXT_READ;
    }
    if (strcmp(name, "ins") == 0) goto insertion;
    break;
  case 'm':
    if (strcmp(name, "moveTo") == 0) goto insertion;
    if (strcmp(name, "moveFrom") == 0) {
      if (empty) return NEXT_READ;
      if (changes_hide(st, true)) return NEXT_SKIP;
      open_change(st, key, true);
      return NEXT_READ;
    }
    break;
  case 'n':
    if (strcmp(name, "noBreakHyphen") == 0) {
      emit_text(st, "\xE2\x80\x91", 3); /* U+2011 */
      return NEXT_READ;
    }
    break;
  case 'p':
    if (strcmp(name, "p") == 0) {
      open_para(st, key); /* an empty <w:p/> closes at once */
      return NEXT_READ;
    }
    if (strcmp(name, "pPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "ptab") == 0) {
      emit_empty(st, FLAT_TAB, NULL, NULL, NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "pgNum") == 0) {
      emit_empty(st, FLAT_FIELD, FLAT_A_TYPE, "PAGE", NULL, NULL);
      return NEXT_READ;
    }
    break;
  case 'r':
    if (strcmp(name, "r") == 0) {
      if (empty) return NEXT_READ;
      if (st->n_runs == st->cap_runs) {
        size_t cap = st->cap_runs ? st->cap_runs * 2 : 8;
        runfmt *rs = realloc(st->runs, cap * sizeof *rs);
        if (!rs) {
          nomem(st);
          return NEXT_READ;
        }
        st->runs = rs;
        st->cap_runs = cap;
      }
      frame *pf = &st->frames[st->top_struct];
      runfmt *rf = &st->runs[st->n_runs++];
      runfmt_unset(rf);
      runfmt_inherit(rf, pf->kind == F_PARA ? &pf->u.p->base : &st->doc->styles->defaults);
      frame *f = push(st, F_RUN, key);
      if (f) f->u.run = rf;
      return NEXT_READ;
    }
    if (strcmp(name, "rPr") == 0) return top(st)->kind == F_RUN ? NEXT_CAPTURE : NEXT_SKIP;
    break;
  case 's':
    if (strcmp(name, "sym") == 0) {
      char font[64], ch[16];
      attr(st, "font", font, sizeof font);
      attr(st, "char", ch, sizeof ch);
      long cp = strtol(ch, NULL, 16);
      /* Symbol fonts address glyphs as F0xx; values below 0x100 mean the same */
      if (cp > 0 && cp < 0x100) cp += 0xF000;
      para *p = instr_target(st) ? NULL : current_para(st);
      if (!p || cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return NEXT_READ;
      close_span(p);
      buf_puts(&p->content, "<" FLAT_SYM);
      buf_xml_attr(&p->content, FLAT_A_FONT, font);
      buf_xml_attr(&p->content, FLAT_A_CHAR, ch);
      buf_putc(&p->content, '>');
      char u[4];
      int32_t i = 0;
      UBool bad = false;
      U8_APPEND(u, i, 4, (UChar32)cp, bad);
      if (!bad) buf_append(&p->content, u, (size_t)i);
      buf_puts(&p->content, "</" FLAT_SYM ">");
      return NEXT_READ;
    }
    if (strcmp(name, "softHyphen") == 0) {
      emit_text(st, "\xC2\xAD", 2); /* U+00AD */
      return NEXT_READ;
    }
    if (strcmp(name, "sectPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "sdtPr") == 0 || strcmp(name, "sdtEndPr") == 0 ||
        strcmp(name, "smartTagPr") == 0)
      return NEXT_SKIP;
    break;
  case 't':
    if (strcmp(name, "t") == 0) {
      st->text_mode = T_TEXT;
      st->text_depth = depth;
      return NEXT_READ;
    }
    if (strcmp(name, "tab") == 0) {
      emit_empty(st, FLAT_TAB, NULL, NULL, NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "tbl") == 0) {
      if (!empty) open_table(st, key);
      return NEXT_READ;
    }
    if (strcmp(name, "tr") == 0) {
      if (!empty) open_row(st, key);
      return NEXT_READ;
    }
    if (strcmp(name, "tc") == 0) {
      if (!empty) open_cell(st, key);
      return NEXT_READ;
    }
    if (strcmp(name, "tcPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "trPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "tblPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "tblGrid") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "tblPrEx") == 0) return NEXT_SKIP;
    if (strcmp(name, "txbxContent") == 0 && !empty) {
      para *host = current_para(st);
      if (!host) return NEXT_READ;
      close_span(host);
      buf_puts(&host->content, "<" FLAT_TEXTBOX ">");
      frame *f = push(st, F_TEXTBOX, key);
      if (f) f->u.host = host;
      return NEXT_READ;
    }
    break;
  default: break;
  }
  return NEXT_READ;
note : {
  /* Separator notes are kept too: a custom separator can hold text. */
  char id[32], type[32];
  attr(st, "id", id, sizeof id);
  bool special = attr(st, "type", type, sizeof type) && strcmp(type, "normal") != 0;
  buf *out = st->doc->out;
  buf_puts(out, "<" FLAT_NOTE);
  buf_xml_attr(out, FLAT_A_TYPE, name[0] == 'f' ? "footnote" : "endnote");
  buf_xml_attr(out, FLAT_A_ID, id);
  if (special) buf_xml_attr(out, FLAT_A_KIND, type);
  buf_puts(out, ">\n");
  frame *f = push(st, F_NOTE, key);
  if (f) f->u.note_end = "</" FLAT_NOTE ">\n";
  return NEXT_READ;
}
insertion:
  if (empty) return NEXT_READ;
  if (changes_hide(st, false)) return NEXT_SKIP;
  open_change(st, key, false);
  return NEXT_READ;
}

static int other_element(story *st, enum ns ns, const char *name, int depth, bool empty) {
  int key = 2 * depth;
  switch (ns) {
  case NS_MC:
    if (strcmp(name, "AlternateContent") == 0 && !empty) {
      frame *f = push(st, F_AC, key);
      if (f) f->u.taken = false;
      return NEXT_READ;
    }
    if (strcmp(name, "Choice") == 0 || strcmp(name, "Fallback") == 0) {
      /* one branch only: the first Choice, else the Fallback */
      frame *ac = st->n_frames ? top(st) : NULL;
      if (!ac || ac->kind != F_AC) return NEXT_READ;
      if (ac->u.taken) return NEXT_SKIP;
      ac->u.taken = true;
      return NEXT_READ;
    }
    return NEXT_READ;
  case NS_M: {
    size_t n = strlen(name);
    if (n > 2 && strcmp(name + n - 2, "Pr") == 0) return NEXT_SKIP; /* m:rPr, m:fPr … */
    if ((strcmp(name, "oMath") == 0 || strcmp(name, "oMathPara") == 0) && !empty) {
      /* one <math> per formula: an oMath inside an oMathPara is already in one */
      for (size_t i = st->n_frames; i-- > 0;)
        if (st->frames[i].kind == F_INLINE && st->frames[i].u.in.role == 'm') return NEXT_READ;
      para *p = current_para(st);
      if (!p) return NEXT_READ;
      int serial = inline_open(st, p, I_MATH, strdup(FLAT_MATH), false);
      frame *f = push(st, F_INLINE, key);
      if (f) {
        f->u.in.p = p;
        f->u.in.serial = serial;
        f->u.in.role = 'm';
      }
      return NEXT_READ;
    }
    if (strcmp(name, "t") == 0) {
      st->text_mode = T_TEXT;
      st->text_depth = depth;
    }
    return NEXT_READ;
  }
  case NS_WP:
    if (strcmp(name, "docPr") == 0) {
      for (size_t i = st->n_frames; i-- > 0;)
        if (st->frames[i].kind == F_DRAWING) {
          frame *f = &st->frames[i];
          if (!f->u.img.name) f->u.img.name = attr_dup(st, "name");
          if (!f->u.img.descr) f->u.img.descr = attr_dup(st, "descr");
          if (!f->u.img.title) f->u.img.title = attr_dup(st, "title");
          break;
        }
    }
    return NEXT_READ;
  case NS_A:
  case NS_V:
    if (strcmp(name, "blip") == 0 || strcmp(name, "imagedata") == 0) {
      char rid[64];
      if (!attr(st, name[0] == 'b' ? "embed" : "id", rid, sizeof rid) &&
          !attr(st, "link", rid, sizeof rid))
        return NEXT_READ;
      const rel *r = rels_by_id(st->rels, rid);
      for (size_t i = st->n_frames; i-- > 0;)
        if (st->frames[i].kind == F_DRAWING) {
          frame *f = &st->frames[i];
          if (!f->u.img.target && r) f->u.img.target = strdup(r->target);
          if (!f->u.img.title && name[0] == 'i') f->u.img.title = attr_dup(st, "title");
          break;
        }
      return NEXT_READ;
    }
    if (ns == NS_A && strcmp(name, "t") == 0) {
      st->text_mode = T_TEXT;
      st->text_depth = depth;
    }
    return NEXT_READ;
  default: return NEXT_READ;
  }
}

/* w:pict and w:object carry VML pictures: treated like w:drawing. */
static bool is_picture_container(const char *name) {
  return strcmp(name, "pict") == 0 || strcmp(name, "object") == 0;
}

/* ---- popping frames ------------------------------------------------------------------ */

static void pop_one(story *st) {
  frame f = *top(st);
  st->n_frames--;
  switch (f.kind) {
  case F_PARA: close_para(st, f.u.p); break;
  case F_TABLE: {
    frame *below = &st->frames[st->n_frames - 1];
    while (!structural(below->kind))
      below--;
    buf *out = block_buf(st, below);
    if (out) table_write(st, f.u.t, out);
    table_free(f.u.t);
    break;
  }
  case F_CELL: {
    trow *row = &f.u.pos.t->rows[f.u.pos.row];
    tcell *c = &row->cells[f.u.pos.cell];
    if (c->colspan == 0) {
      /* merged away horizontally: its content joins the cell before */
      tcell *prev = &row->cells[f.u.pos.cell - 1];
      if (!blank_blocks(&c->content)) buf_append(&prev->content, c->content.data, c->content.len);
      buf_free(&c->content);
      row->n--;
    } else {
      row->next_col = c->col + c->colspan;
    }
    break;
  }
  case F_TEXTBOX:
  case F_GROUP:
    close_span(f.u.host);
    buf_puts(&f.u.host->content, f.kind == F_TEXTBOX ? "</" FLAT_TEXTBOX ">" : "</" FLAT_GROUP ">");
    break;
  case F_NOTE: buf_puts(st->doc->out, f.u.note_end); break;
  case F_RUN: st->n_runs--; break;
  case F_INLINE:
    if (f.u.in.role == 's')
      fld_char(st, "end"); /* w:fldSimple */
    else if (f.u.in.p)
      inline_close(f.u.in.p, f.u.in.serial);
    break;
  case F_DRAWING:
    if (f.u.img.target || f.u.img.descr || f.u.img.name) {
      para *p = instr_target(st) ? NULL : current_para(st);
      if (p) {
        close_span(p);
        buf_puts(&p->content, "<" FLAT_IMAGE);
        if (f.u.img.target) buf_xml_attr(&p->content, FLAT_A_TARGET, f.u.img.target);
        if (f.u.img.name) buf_xml_attr(&p->content, FLAT_A_NAME, f.u.img.name);
        if (f.u.img.title && *f.u.img.title) buf_xml_attr(&p->content, FLAT_A_TITLE, f.u.img.title);
        if (f.u.img.descr && *f.u.img.descr) buf_xml_attr(&p->content, FLAT_A_DESCR, f.u.img.descr);
        buf_puts(&p->content, "/>");
      }
    }
    free(f.u.img.target);
    free(f.u.img.name);
    free(f.u.img.descr);
    free(f.u.img.title);
    break;
  default: break;
  }
  if (structural(f.kind)) recompute_top_struct(st);
}

static void pop_to(story *st, int key) {
  while (st->n_frames > 1 && top(st)->key >= key)
    pop_one(st);
}

/* ---- the loop ------------------------------------------------------------------------- */

static int on_element(story *st, int depth, bool empty) {
  const char *name = st->e->local;
  enum ns ns = ns_of(st);
  if (depth == 0 && st->kind == STORY_BODY &&
      !(ns == NS_W && (strcmp(name, "document") == 0 || strcmp(name, "glossaryDocument") == 0))) {
    char msg[200];
    snprintf(msg, sizeof msg,
             "main part's root element is <%.64s>, not a WordprocessingML w:document", name);
    fail(st, COLETTE_ERR_NO_DOCUMENT, msg);
    return NEXT_READ;
  }
  if (ns == NS_W) {
    if (is_picture_container(name) && !empty) {
      push(st, F_DRAWING, 2 * depth);
      return NEXT_READ;
    }
    return w_element(st, name, depth, empty);
  }
  return other_element(st, ns, name, depth, empty);
}

/* What reached doc->out is final (paragraphs and tables arrive whole):
 * written out once it grows past FLUSH_AT. */
static bool after_node(story *st) {
  if (st->status != COLETTE_OK) return false;
  if (st->doc->out->len > FLUSH_AT) {
    colette_status fs = doc_flush(st->doc, FLUSH_AT, st->err);
    if (fs != COLETTE_OK) {
      st->status = fs;
      return false;
    }
  }
  return true;
}

static xmlpart_next on_start(void *ctx, const xmlpart_elem *e) {
  story *st = ctx;
  st->e = e;
  int next = on_element(st, e->depth, e->empty);
  st->e = NULL;
  if (next == NEXT_CAPTURE && st->status == COLETTE_OK) return XMLPART_CAPTURE;
  if (e->empty || next == NEXT_SKIP) {
    pop_to(st, 2 * e->depth);
    if (st->text_mode != T_NONE && st->text_depth >= e->depth) st->text_mode = T_NONE;
  }
  if (!after_node(st)) return XMLPART_STOP;
  return next == NEXT_SKIP ? XMLPART_SKIP : XMLPART_DESCEND;
}

/* A property block's end: read it, then leave it as a skipped element. */
static bool on_captured(void *ctx, const xmlpart_node *n, int depth) {
  story *st = ctx;
  w_properties(st, n);
  pop_to(st, 2 * depth);
  if (st->text_mode != T_NONE && st->text_depth >= depth) st->text_mode = T_NONE;
  return after_node(st);
}

static bool on_end(void *ctx, int depth) {
  story *st = ctx;
  if (st->text_mode != T_NONE && depth <= st->text_depth) st->text_mode = T_NONE;
  pop_to(st, 2 * depth);
  return after_node(st);
}

static bool on_text(void *ctx, const char *s, size_t n) {
  story *st = ctx;
  if (st->text_mode == T_NONE) return true;
  if (st->text_mode == T_INSTR) {
    field *f = NULL;
    for (int i = st->n_fields - 1; i >= 0 && !f; i--)
      if (!st->fields[i].result) f = &st->fields[i];
    if (f) buf_append(&f->instr, s, n);
  } else if (st->text_mode == T_TEXT || st->doc->changes != COLETTE_CHANGES_ACCEPT) {
    emit_text(st, s, n);
  }
  return after_node(st);
}

static const xmlpart_handlers STORY_HANDLERS = {on_start, on_end, on_text, on_captured};

colette_status story_convert(docx_doc *doc, const char *part, story_kind kind, colette_error *err) {
  story st;
  memset(&st, 0, sizeof st);
  st.doc = doc;
  st.part = part;
  st.kind = kind;
  st.err = err;
  runfmt_unset(&st.plain);
  st.default_base = doc->styles->defaults;
  if (doc->styles->default_para) {
    runfmt_unset(&st.default_base);
    styles_runfmt(doc->styles, doc->styles->default_para->id, &st.default_base);
    runfmt_inherit(&st.default_base, &doc->styles->defaults);
  }
  st.cap_frames = 64;
  st.frames = calloc(st.cap_frames, sizeof *st.frames);
  st.nums = numstate_new(doc->numbering);
  if (!st.frames || !st.nums) {
    nomem(&st);
    goto done;
  }
  st.n_frames = 1;
  st.frames[0].kind = F_ROOT;
  st.frames[0].key = -2;
  st.top_struct = 0;

  st.rels = &st.own_rels;
  if (doc->main_rels && doc->main_part && strcmp(part, doc->main_part) == 0)
    st.rels = doc->main_rels;
  else
    st.status = package_rels(doc->pkg, part, &st.own_rels, err);
  if (st.status != COLETTE_OK) goto done;
  colette_error rerr;
  colette_status ps = xmlpart_stream(doc->pkg, part, &STORY_HANDLERS, &st, NAMESPACE_URIS, N_NS,
                                     &rerr);
  if (st.status == COLETTE_OK && ps != COLETTE_OK) {
    st.status = ps;
    if (err) *err = rerr;
  }
  if (st.status == COLETTE_OK) {
    pop_to(&st, -1);
    /* bookmarks after the last paragraph */
    for (size_t i = 0; i < st.n_pending; i++) {
      buf_puts(doc->out, "<" FLAT_ANCHOR);
      buf_xml_attr(doc->out, FLAT_A_NAME, st.pending_anchors[i]);
      buf_puts(doc->out, "/>\n");
    }
    if (!buf_ok(doc->out)) nomem(&st);
  }
done:
  /* release whatever an error left open, writing nothing more */
  while (st.n_frames > 1) {
    frame f = *top(&st);
    st.n_frames--;
    if (f.kind == F_PARA)
      para_release(&st, f.u.p);
    else if (f.kind == F_TABLE)
      table_free(f.u.t);
    else if (f.kind == F_DRAWING) {
      free(f.u.img.target);
      free(f.u.img.name);
      free(f.u.img.descr);
      free(f.u.img.title);
    }
  }
  for (int i = 0; i < st.n_fields; i++)
    field_free(&st.fields[i]);
  for (size_t i = 0; i < st.n_pending; i++)
    free(st.pending_anchors[i]);
  free(st.pending_anchors);
  while (st.free_paras) {
    para *p = st.free_paras;
    st.free_paras = p->next_free;
    for (int i = 0; i < p->n_inl; i++)
      free(p->inl[i].start);
    buf_free(&p->content);
    free(p);
  }
  buf_free(&st.label.text);
  free(st.runs);
  free(st.frames);
  numstate_free(st.nums);
  rels_free(&st.own_rels);
  return st.status;
}

colette_status doc_flush(docx_doc *doc, size_t threshold, colette_error *err) {
  if (doc->out->len <= threshold) return COLETTE_OK;
  if (!buf_ok(doc->out)) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  if (doc->sink.write(doc->sink.ctx, doc->out->data, doc->out->len) != 0)
    return error_set(err, COLETTE_ERR_IO, NULL, "cannot write output");
  buf_clear(doc->out);
  return COLETTE_OK;
}

void docx_doc_free_refs(docx_doc *doc) {
  for (size_t i = 0; i < doc->n_hf; i++)
    free(doc->hf[i].part);
  free(doc->hf);
  doc->hf = NULL;
  doc->n_hf = doc->cap_hf = 0;
}
