/*
 * docx_impl.h: what the files of colette-render's DOCX writer share
 * (private): docx.c writes the letter's stories (the document, its notes,
 * headers and footers) into parts, docx_table.c their tables;
 * docx_package.c writes the parts every package has (styles, numbering,
 * settings, properties, content types and relationships) and zips them.  The state of one rendering
 * (dx), the stories and parts it holds, and the XML helpers over the current story's writer.
 */
#ifndef COLETTE_RENDER_DOCX_IMPL_H
#define COLETTE_RENDER_DOCX_IMPL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "../error.h"
#include "docxnum.h"
#include "render.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL NS_R "/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* A4 with 2 cm side margins: the text is 9638 twips wide. */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_SIDE 1134
#define MARGIN_TOP 1418
#define TEXT_W (PAGE_W - 2 * MARGIN_SIDE)

typedef struct relation {
  char *target;
  const char *type; /* its last segment: "hyperlink", "image", "header" */
  bool external;
} relation;

/* One XML part being written, with its relationships. */
typedef struct story {
  char name[48]; /* word/document.xml */
  xmlBufferPtr xb;
  xmlTextWriterPtr w;
  relation *rels;
  size_t nrels, caprels;
} story;

typedef struct part {
  char name[64];
  unsigned char *data; /* malloc'd; handed to libzip */
  size_t len;
  const char *ctype; /* an Override content type, or NULL for the defaults */
} part;

typedef struct media {
  char *target;  /* as the letter names it */
  char name[64]; /* its part: word/media/image1.png */
} media;

enum { NOTE_FOOT, NOTE_END, NOTE_COMMENT, NOTE_KINDS };
enum { HF_KINDS = 6 }; /* header and footer, each default, first, even */

/* What is in force where the writing is. */
typedef struct now {
  bool bold, in_link, in_note;
  const char *rstyle;      /* a character style for the runs (Hyperlink) */
  const char *para_style;  /* the paragraph style of plain paragraphs here */
  int pending_mark;        /* a note's first paragraph opens with its mark: NOTE_* + 1 */
  const char *custom_mark; /* …or with this text */
  char last;               /* the last block written: 'p'aragraph, 't'able, 0 */
} now;

typedef struct dx {
  render *r;
  colette_status st;
  story *cur; /* the story runs and paragraphs go to */
  story doc;
  story notes[NOTE_KINDS];
  int nnotes[NOTE_KINDS];
  int auto_marks[NOTE_KINDS]; /* the notes Word numbers (a custom mark takes no number) */
  story hf[HF_KINDS];
  size_t hf_rel[HF_KINDS]; /* 1-based relationship of each in the document; 0: none */
  part *parts;
  size_t nparts, capparts;
  media *media;
  size_t nmedia, capmedia;
  docxnum *nums;
  size_t nnums, capnums;
  numfmt_cache *fmt;
  unsigned drawings;
  now now; /* what is in force where the writing is */
} dx;

static inline void nomem(dx *d) {
  if (d->st == COLETTE_OK)
    d->st = error_set(d->r->err, COLETTE_ERR_NOMEM, d->cur ? d->cur->name : NULL, "out of memory");
}

static inline bool grow(dx *d, void **v, size_t *cap, size_t n, size_t size) {
  if (n < *cap) return true;
  size_t c = *cap ? *cap * 2 : 8;
  void *p = realloc(*v, c * size);
  if (!p) {
    nomem(d);
    return false;
  }
  *v = p;
  *cap = c;
  return true;
}

/* ---- XML through the current story's writer ----------------------------------------------------
 */

static inline void ok(dx *d, int rc) {
  if (rc < 0) nomem(d);
}

static inline void el(dx *d, const char *name) {
  if (d->st == COLETTE_OK) ok(d, xmlTextWriterStartElement(d->cur->w, BAD_CAST name));
}

static inline void end(dx *d) {
  if (d->st == COLETTE_OK) ok(d, xmlTextWriterEndElement(d->cur->w));
}

static inline void at(dx *d, const char *name, const char *v) {
  if (d->st == COLETTE_OK && v)
    ok(d, xmlTextWriterWriteAttribute(d->cur->w, BAD_CAST name, BAD_CAST v));
}

static inline void ati(dx *d, const char *name, long v) {
  char s[24];
  snprintf(s, sizeof s, "%ld", v);
  at(d, name, s);
}

/* <name w:val="v"/> */
static inline void val(dx *d, const char *name, const char *v) {
  el(d, name);
  at(d, "w:val", v);
  end(d);
}

static inline void vali(dx *d, const char *name, long v) {
  el(d, name);
  ati(d, "w:val", v);
  end(d);
}

/* <name/> */
static inline void flag(dx *d, const char *name) {
  el(d, name);
  end(d);
}

/* Text content: s[0..n). */
static inline void text(dx *d, const char *s, size_t n) {
  if (d->st != COLETTE_OK || n == 0) return;
  char *z = malloc(n + 1);
  if (!z) {
    nomem(d);
    return;
  }
  memcpy(z, s, n);
  z[n] = '\0';
  ok(d, xmlTextWriterWriteString(d->cur->w, BAD_CAST z));
  free(z);
}

/* An element holding text: <name>s</name>. */
static inline void el_text(dx *d, const char *name, const char *s) {
  el(d, name);
  text(d, s, strlen(s));
  end(d);
}

/* Is this language tag Chinese (its runs take w:eastAsia)? */
static inline bool is_zh(const char *lang) {
  return lang && strncmp(lang, "zh", 2) == 0 &&
         (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

/* ---- stories and parts (docx_package.c) ------------------------------------------------------ */

bool docx_story_open(dx *d, story *s, const char *name);
void docx_story_free(story *s);
size_t docx_rel_add(dx *d, story *s, const char *type, const char *target, bool external);
void docx_rid(size_t n, char *out, size_t cap);
void docx_part_add(dx *d, const char *name, const void *data, size_t len, const char *ctype);
void docx_rels_part(dx *d, const char *name, const story *s);
void docx_story_finish(dx *d, story *s, const char *ctype);
void docx_story_root(dx *d, const char *name);

/* The parts every package has, from what the stories used (styles,
 * numbering, settings, docProps, content types, the package's
 * relationships); then the package zipped into out. */
void docx_package_parts(dx *d);
colette_status docx_zip(dx *d, buf *out);

/* A paragraph's properties. */
typedef struct pp {
  const char *style; /* NULL: the plain style in force */
  bool keep_next, page_break;
  int num, ilvl; /* numbering; num 0: none */
  int before;    /* spacing before (twips); 0: the style's */
  int left, hanging;
} pp;

#define PP(...) ((pp){__VA_ARGS__})

/* A cell's place in a vertical merge (w:vMerge). */
enum { VM_NONE, VM_RESTART, VM_CONTINUE };

/* docx.c: the blocks of a story, and the paragraphs and runs tables and
 * the head hold */
void docx_blocks(dx *d, const colette_node *parent);
void docx_block(dx *d, const colette_node *n);
void docx_para_close(dx *d);
void docx_para_open(dx *d, pp p, const colette_node *n);
void docx_para(dx *d, pp p, const colette_node *n);      /* a paragraph of n's inlines */
void docx_para_bold(dx *d, pp p, const colette_node *n); /* …in bold */
void docx_inlines(dx *d, const colette_node *n);
void docx_run_text(dx *d, const char *lang, const char *s, size_t n);
void docx_hyperlink(dx *d, const char *href, const colette_node *n); /* n's inlines, linked */
static inline void docx_run_str(dx *d, const char *lang, const char *s) {
  docx_run_text(d, lang, s, strlen(s));
}
static inline const char *docx_lang(dx *d, const colette_node *n) { return render_lang(d->r, n); }

/* docx_head.c: the head's layout table; the page headers and footers */
void docx_head(dx *d, const colette_node *h);
void docx_furniture(dx *d, const colette_node *h);

/* docx_table.c: tables, and the cells of layout tables */
int docx_attr_int(const colette_node *n, colette_attr a, int lo, int hi);
void docx_cell_close(dx *d);
void docx_cell_open(dx *d, long width, int span, int vmerge);
void docx_row_open(dx *d, bool header, int after, long after_w);
void docx_table(dx *d, const colette_node *t);
void docx_tbl_close(dx *d);
void docx_tbl_open(dx *d, const int *widths, size_t ncols, bool layout);

#endif
