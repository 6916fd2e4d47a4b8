/*
 * story_impl.h: what the streaming WordprocessingML reader's files share
 * (private to src/docx): the frame stack, the paragraph, table and field
 * being built, the story's state, and the routines one file calls in
 * another.  story.c holds the stack and the loop; story_element.c what
 * each element does, story_table.c the tables, story_field.c the fields.
 */
#ifndef COLETTE_DOCX_STORY_IMPL_H
#define COLETTE_DOCX_STORY_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "../xmlpart.h"
#include "story.h"

#define MAX_INLINE 48
#define MAX_LANGS 8
#define MAX_FIELDS 32
#define FLUSH_AT (64u << 10)

enum ns { NS_OTHER, NS_W, NS_M, NS_MC, NS_WP, NS_A, NS_V, NS_O, NS_R };

/* What an element's start asks of the stream (xmlpart_next). */
enum next { NEXT_READ = XMLPART_DESCEND, NEXT_SKIP = XMLPART_SKIP, NEXT_CAPTURE = XMLPART_CAPTURE };

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

static inline bool structural(fkind k) { return k <= F_NOTE; }

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
  /* the paragraph mark is a tracked deletion (w:del, w:moveFrom in the
   * mark's w:rPr) or insertion (w:ins, w:moveTo): in the view that drops
   * it, the paragraph's content joins the next paragraph's (close_para) */
  bool mark_deleted, mark_inserted;
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
  /* a frame that takes blocks: the paragraph just closed whose mark the
   * view drops, waiting to open the next paragraph here (owned); written
   * as it is when a table or the frame's end comes first */
  para *held;
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
  rels own_rels;         /* the part's relationships, unless it is the main part */
  const rels *rels;      /* own_rels, or the document's */
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

/* ---- story.c: frames, where output goes, text, properties; story_para.c: inline wrappers ---- */
bool story_attr(story *st, const char *local, char *dst, size_t n);
char *story_attr_dup(story *st, const char *local);
tcell *story_cell_of(frame *f);
void story_close_span(para *p);
para *story_current_para(story *st);
void story_emit_empty(story *st, const char *name, const char *a1, const char *v1, const char *a2,
                      const char *v2);
void story_emit_text(story *st, const char *s, size_t n);
bool story_ensure_block_container(story *st);
int story_implicit_key(story *st);
void story_inline_close(para *p, int serial);
int story_inline_open(story *st, para *p, enum ikind kind, char *start, bool continued);
int story_int_val(const xmlpart_node *n, int dflt);
char *story_make_start(const char *name, const char *a1, const char *v1, const char *a2,
                       const char *v2, const char *a3, const char *v3);
void story_nomem(story *st);
void story_note_ref(story *st, const char *type, int *marks);
para *story_open_para(story *st, int key);
frame *story_push(story *st, fkind kind, int key);
void story_read_ppr(story *st, para *p, const xmlpart_node *ppr);
void story_read_sectpr(story *st, const xmlpart_node *sect);
frame *story_top(story *st);

/* ---- story_para.c: a paragraph until its end, then its flat element ---- */
void story_para_end_inlines(para *p);
para *story_para_new(story *st);
void story_para_release(story *st, para *p);
/* Put held's content (and the letters of each language it holds) at the
 * start of p's, then release held. */
void story_para_absorb(story *st, para *p, para *held);
void story_para_text(para *p, const runfmt *fmt, const char *s, size_t n);
void story_para_write(story *st, para *p, buf *out);

/* ---- story_table.c: tables (a table is buffered whole: spans are known at its end) ---- */
bool story_blank_blocks(const buf *b);
frame *story_open_cell(story *st, int key);
frame *story_open_row(story *st, int key);
frame *story_open_table(story *st, int key);
void story_table_free(table *t);
void story_table_write(story *st, table *t, buf *out);

/* ---- story_field.c: complex and simple fields ---- */
void story_field_free(field *f);
void story_fld_char(story *st, const char *type);
field *story_instr_target(story *st);
void story_reopen_fields(story *st, para *p);

/* ---- story_element.c: what each element does ---- */
bool story_is_picture_container(const char *name);
int story_other_element(story *st, enum ns ns, const char *name, int depth, bool empty);
int story_w_element(story *st, const char *name, int depth, bool empty);
void story_w_properties(story *st, const xmlpart_node *n);

#endif
