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
 * above it and reopens them with continued="true".  A paragraph's inline
 * content and its flat element are story_para.c's.
 *
 * What is written is named by flat.h (FLAT_*); the string literals
 * compared with element and attribute names are WordprocessingML's local
 * names, read from the part, even where the two vocabularies share a word
 * (w:p and p, w:tab and tab).
 */
#include "story_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "../flat.h"
#include "../xmlpart.h"

/* ---- namespaces ---------------------------------------------------------- */

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
static const enum ns NAMESPACE_IDS[] = {NS_W, NS_W, NS_M, NS_M, NS_MC, NS_WP, NS_WP,
                                        NS_A, NS_A, NS_V, NS_O, NS_R,  NS_R};
#define N_NS (sizeof NAMESPACE_URIS / sizeof *NAMESPACE_URIS)

/* ---- helpers --------------------------------------------------------------- */

static void fail(story *st, colette_status s, const char *msg) {
  if (st->status == COLETTE_OK) {
    st->status = s;
    error_set(st->err, s, st->part, "%s", msg);
  }
}

void story_nomem(story *st) { fail(st, COLETTE_ERR_NOMEM, "out of memory"); }

static enum ns ns_of(story *st) { return st->e->ns < 0 ? NS_OTHER : NAMESPACE_IDS[st->e->ns]; }

/* The value of an attribute of the current element by local name, any
 * namespace (the first, in the order the reader visits them), or NULL. */
static const char *attr_val(story *st, const char *local) {
  for (size_t i = 0; i < st->e->n_attrs; i++)
    if (strcmp(st->e->attrs[i].local, local) == 0) return st->e->attrs[i].value;
  return NULL;
}

/* The same copied into dst (truncated); returns false if absent. */
bool story_attr(story *st, const char *local, char *dst, size_t n) {
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
char *story_attr_dup(story *st, const char *local) {
  const char *v = attr_val(st, local);
  return v ? strdup(v) : NULL;
}

frame *story_top(story *st) { return &st->frames[st->n_frames - 1]; }

static void flush_held(story *st, frame *f);

frame *story_push(story *st, fkind kind, int key) {
  /* a table (or any block but a paragraph) cannot take in the paragraph
   * held before it: that one stays a paragraph */
  if (structural(kind) && kind != F_PARA) flush_held(st, &st->frames[st->top_struct]);
  if (st->n_frames == st->cap_frames) {
    size_t cap = st->cap_frames * 2;
    frame *f = realloc(st->frames, cap * sizeof *f);
    if (!f) {
      story_nomem(st);
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

int story_implicit_key(story *st) { return story_top(st)->key | 1; }

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

/* Write the paragraph held in the block frame f, if any, where f's blocks go. */
static void flush_held(story *st, frame *f) {
  if (!f->held) return;
  buf *out = block_buf(st, f);
  if (out) story_para_write(st, f->held, out);
  story_para_release(st, f->held);
  f->held = NULL;
}

tcell *story_cell_of(frame *f) { return &f->u.pos.t->rows[f->u.pos.row].cells[f->u.pos.cell]; }

static bool open_group(story *st, para *host) {
  story_close_span(host);
  buf_puts(&host->content, "<" FLAT_GROUP ">");
  frame *f = story_push(st, F_GROUP, story_implicit_key(st));
  if (!f) return false;
  f->u.host = host;
  return true;
}

/* Make the top structural frame one that takes blocks (p, tbl). */
bool story_ensure_block_container(story *st) {
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
      if (!story_open_row(st, story_implicit_key(st))) return false;
      break;
    case F_ROW:
      if (!story_open_cell(st, story_implicit_key(st))) return false;
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

para *story_open_para(story *st, int key) {
  if (!story_ensure_block_container(st)) return NULL;
  size_t container = st->top_struct;
  para *p = story_para_new(st);
  if (!p) return NULL;
  frame *f = story_push(st, F_PARA, key);
  if (!f) {
    story_para_release(st, p);
    return NULL;
  }
  f->u.p = p;
  frame *c = &st->frames[container];
  if (c->held) { /* the paragraph before, its mark dropped, starts this one */
    story_para_absorb(st, p, c->held);
    c->held = NULL;
  }
  flush_pending_anchors(st, p);
  story_reopen_fields(st, p);
  return p;
}

/* The paragraph inline content goes to, opening one if the input put
 * inline content straight into a cell, a note or the body. */
para *story_current_para(story *st) {
  frame *f = &st->frames[st->top_struct];
  if (f->kind == F_PARA) return f->u.p;
  return story_open_para(st, story_implicit_key(st));
}

/* ---- paragraph properties and output ------------------------------------------------ */

int story_int_val(const xmlpart_node *n, int dflt) {
  const char *v = n ? xn_attr(n, "val") : NULL;
  if (!v || !*v) return dflt;
  char *end;
  long x = strtol(v, &end, 10);
  return (*end || x < -1000 || x > 1000000) ? dflt : (int)x;
}

/* Close the paragraph of the frame just popped (at index st->n_frames). */
static void close_para(story *st, para *p) {
  /* fields still open continue in the next paragraph */
  for (int i = 0; i < st->n_fields; i++)
    if (st->fields[i].p == p) {
      st->fields[i].p = NULL;
      st->fields[i].serial = 0;
    }
  story_para_end_inlines(p);
  if (!buf_ok(&p->content)) story_nomem(st);
  frame *below = below_struct(st, st->n_frames);
  colette_changes view = st->doc->changes;
  if (below && ((view == COLETTE_CHANGES_ACCEPT && p->mark_deleted) ||
                (view == COLETTE_CHANGES_REJECT && p->mark_inserted))) {
    /* the mark is gone in this view: the paragraph runs on into the next
     * (ISO/IEC 29500-1, 17.13.5.15), whose mark, and so properties, remain */
    flush_held(st, below);
    below->held = p;
    return;
  }
  buf *out = below ? block_buf(st, below) : NULL;
  if (out) story_para_write(st, p, out);
  story_para_release(st, p);
}

/* ---- text --------------------------------------------------------------------------- */

static const runfmt *current_run(story *st) {
  return st->n_runs ? &st->runs[st->n_runs - 1] : &st->plain;
}

void story_emit_text(story *st, const char *s, size_t n) {
  if (n == 0) return;
  field *f = story_instr_target(st);
  if (f) {
    buf_append(&f->instr, s, n);
    return;
  }
  para *p = story_current_para(st);
  if (!p) return;
  story_para_text(p, current_run(st), s, n);
}

void story_emit_empty(story *st, const char *name, const char *a1, const char *v1, const char *a2,
                      const char *v2) {
  if (story_instr_target(st)) return;
  para *p = story_current_para(st);
  if (!p) return;
  story_close_span(p);
  buf_putc(&p->content, '<');
  buf_puts(&p->content, name);
  if (a1 && v1) buf_xml_attr(&p->content, a1, v1);
  if (a2 && v2) buf_xml_attr(&p->content, a2, v2);
  buf_puts(&p->content, "/>");
}

/* A footnote or endnote reference, with the number Word shows for it
 * unless the author typed a custom mark (w:customMarkFollows). */
void story_note_ref(story *st, const char *type, int *marks) {
  char id[32], custom[8], mark[16];
  story_attr(st, "id", id, sizeof id);
  bool has_custom = story_attr(st, "customMarkFollows", custom, sizeof custom) &&
                    strcmp(custom, "0") != 0 && strcmp(custom, "false") != 0;
  if (story_instr_target(st)) return;
  para *p = story_current_para(st);
  if (!p) return;
  story_close_span(p);
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

void story_read_ppr(story *st, para *p, const xmlpart_node *ppr) {
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
    if (id) p->num_id = story_int_val(id, -1);
    if (lvl) p->ilvl = story_int_val(lvl, -1);
  }
  if ((c = xn_child(ppr, "jc")) && xn_attr(c, "val"))
    str_copy(p->align, sizeof p->align, xn_attr(c, "val"));
  if ((c = xn_child(ppr, "outlineLvl"))) p->outline = story_int_val(c, -1);
  if ((c = xn_child(ppr, "pageBreakBefore"))) p->page_break_before = xn_onoff(c);
  if ((c = xn_child(ppr, "bidi"))) p->bidi = xn_onoff(c);
  if ((c = xn_child(ppr, "rPr"))) {
    runfmt mark;
    runfmt_unset(&mark);
    runfmt_read(&mark, c);
    if (mark.lang[0][0]) str_copy(p->mark_lang, sizeof p->mark_lang, mark.lang[0]);
    p->mark_deleted = xn_child(c, "del") || xn_child(c, "moveFrom");
    p->mark_inserted = xn_child(c, "ins") || xn_child(c, "moveTo");
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
  if (r && !r->external && doc_add_hf(st->doc, kind, type, r->target) != COLETTE_OK)
    story_nomem(st);
}

void story_read_sectpr(story *st, const xmlpart_node *sect) {
  for (const xmlpart_node *c = sect->first; c; c = c->next) {
    bool h = xn_is(c, "headerReference"), f = xn_is(c, "footerReference");
    if (!h && !f) continue;
    const char *rid = xn_attr(c, "id");
    if (rid) add_hf_ref(st, h ? 'h' : 'f', xn_attr(c, "type"), rid);
  }
}

/* ---- popping frames ------------------------------------------------------------------ */

static void pop_one(story *st) {
  frame f = *story_top(st);
  st->n_frames--;
  flush_held(st, &f); /* a block frame's last paragraph had its mark dropped */
  switch (f.kind) {
  case F_PARA: close_para(st, f.u.p); break;
  case F_TABLE: {
    frame *below = &st->frames[st->n_frames - 1];
    while (!structural(below->kind))
      below--;
    buf *out = block_buf(st, below);
    if (out) story_table_write(st, f.u.t, out);
    story_table_free(f.u.t);
    break;
  }
  case F_CELL: {
    trow *row = &f.u.pos.t->rows[f.u.pos.row];
    tcell *c = &row->cells[f.u.pos.cell];
    if (c->colspan == 0) {
      /* merged away horizontally: its content joins the cell before */
      tcell *prev = &row->cells[f.u.pos.cell - 1];
      if (!story_blank_blocks(&c->content))
        buf_append(&prev->content, c->content.data, c->content.len);
      buf_free(&c->content);
      row->n--;
    } else {
      row->next_col = c->col + c->colspan;
    }
    break;
  }
  case F_TEXTBOX:
  case F_GROUP:
    story_close_span(f.u.host);
    buf_puts(&f.u.host->content, f.kind == F_TEXTBOX ? "</" FLAT_TEXTBOX ">" : "</" FLAT_GROUP ">");
    break;
  case F_NOTE: buf_puts(st->doc->out, f.u.note_end); break;
  case F_RUN: st->n_runs--; break;
  case F_INLINE:
    if (f.u.in.role == 's')
      story_fld_char(st, "end"); /* w:fldSimple */
    else if (f.u.in.p)
      story_inline_close(f.u.in.p, f.u.in.serial);
    break;
  case F_DRAWING:
    if (f.u.img.target || f.u.img.descr || f.u.img.name) {
      para *p = story_instr_target(st) ? NULL : story_current_para(st);
      if (p) {
        story_close_span(p);
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
  while (st->n_frames > 1 && story_top(st)->key >= key)
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
    if (story_is_picture_container(name) && !empty) {
      story_push(st, F_DRAWING, 2 * depth);
      return NEXT_READ;
    }
    return story_w_element(st, name, depth, empty);
  }
  return story_other_element(st, ns, name, depth, empty);
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
  story_w_properties(st, n);
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
    story_emit_text(st, s, n);
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
    story_nomem(&st);
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
  colette_status ps =
      xmlpart_stream(doc->pkg, part, &STORY_HANDLERS, &st, NAMESPACE_URIS, N_NS, &rerr);
  if (st.status == COLETTE_OK && ps != COLETTE_OK) {
    st.status = ps;
    if (err) *err = rerr;
  }
  if (st.status == COLETTE_OK) {
    pop_to(&st, -1);
    flush_held(&st, &st.frames[0]);
    /* bookmarks after the last paragraph */
    for (size_t i = 0; i < st.n_pending; i++) {
      buf_puts(doc->out, "<" FLAT_ANCHOR);
      buf_xml_attr(doc->out, FLAT_A_NAME, st.pending_anchors[i]);
      buf_puts(doc->out, "/>\n");
    }
    if (!buf_ok(doc->out)) story_nomem(&st);
  }
done:
  /* release whatever an error left open, writing nothing more */
  if (st.frames && st.frames[0].held) story_para_release(&st, st.frames[0].held);
  while (st.n_frames > 1) {
    frame f = *story_top(&st);
    st.n_frames--;
    if (f.held) story_para_release(&st, f.held);
    if (f.kind == F_PARA)
      story_para_release(&st, f.u.p);
    else if (f.kind == F_TABLE)
      story_table_free(f.u.t);
    else if (f.kind == F_DRAWING) {
      free(f.u.img.target);
      free(f.u.img.name);
      free(f.u.img.descr);
      free(f.u.img.title);
    }
  }
  for (int i = 0; i < st.n_fields; i++)
    story_field_free(&st.fields[i]);
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
