/*
 * map.h: colette-map's insides (private to src/letter/map/).
 *
 * The mapper reads the normalized flat document (a DOM: a letter is small)
 * and builds the letter model.  Its unit of reading is the *line*: a
 * paragraph cut at its line breaks.  Head facts, signatures and annex
 * headings are read line by line, so a fact is found the same way whether
 * a paragraph, a table cell, a line break or a tab carries it.
 *
 *   text.c    a flat paragraph's text, objects, lines; inline nodes
 *   blocks.c  paragraphs, lists, tables, agendas; formulae of blocks
 *   head.c    the head: labels, dateline, addressees, subject; the meeting
 *   body.c    the body's frame: deadlines, closing, signature, enclosure;
 *             annexes
 *   map.c     the document, its sections and notes; the public entry
 */
#ifndef COLETTE_MAP_H
#define COLETTE_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "../../buf.h"
#include "../../colette.h"
#include "../../flat.h"
#include "../../ftree.h"
#include "../catalog.h"
#include "../model.h"
#include "../recognise.h"

/* ---- a paragraph's text ---------------------------------------------------------------- */

typedef enum ekind {
  E_BREAK,       /* a line break */
  E_IMAGE,       /* node: the flat image */
  E_NOTE,        /* node: the flat noteref or commentref */
  E_LINK_START,  /* node: the flat link */
  E_LINK_END,
  E_FIELD_START, /* node: the flat field */
  E_FIELD_END
} ekind;

typedef struct event {
  ekind kind;
  size_t at; /* byte offset in the text where it sits */
  const fnode *node;
} event;

/*
 * A flat paragraph's text (tabs kept as '\t'), the same text with field
 * results blanked (what recognisers and the catalogue read: a page number
 * is no part of the words before it), and its objects in order.
 */
typedef struct ptext {
  const fnode *p;
  buf text, masked;
  event *ev;
  size_t nev, capev;
} ptext;

/* A line: bytes [from, to) of a paragraph's text, between line breaks,
 * and the events [e0, e1) that sit in it. */
typedef struct line {
  ptext *pt;
  size_t from, to;
  size_t e0, e1;
} line;

/* ---- the mapper -------------------------------------------------------------------------- */

#define MAP_RING 16

#define MAP_REFS 32

typedef struct mapper {
  const catalog *cat;
  recogniser *rec;
  colette_letter *l;
  colette_error *err;
  colette_status st; /* the first failure; later work is skipped */
  const fnode *footnotes, *endnotes, *comments;
  const char *lang;       /* the letter's main language */
  const char *scope_lang; /* the annex's language, or NULL */
  int year, month;        /* of the letter's date, for dates without a year */
  match *m;               /* recogniser output, grown to the longest line */
  size_t capm;
  cat_text ct;     /* the line being matched */
  /* map_recognise_text's document references, MAP_REFS at a time: the
   * mapper's, not the stack's (a cat_match is most of a kilobyte, and the
   * library may run on a thread's small stack); it never recurses */
  cat_match *refs;
  /* The text the recognisers ran on last (its bytes, the year and month
   * they carried) and their count: the mapper asks about one line several
   * times (is it an annex heading? a salutation? a deadline?), and each
   * asking after the first is answered from m->m and m->ct as they are. */
  buf seen;
  size_t seen_n;
  int seen_year, seen_month;
  bool seen_ok;
  /* The last few texts recognised, with what was found in them and their
   * tokens: the mapper asks about a paragraph's first line, then about its
   * sentences, then writes the whole paragraph, and the texts it comes back
   * to are answered from here (a ring, the oldest replaced). */
  struct seen_text {
    buf text;
    int year, month;
    match *m;
    size_t n, cap;
    tokens tok;
    bool sorted, ok;
  } ring[MAP_RING];
  size_t ring_next;
  struct sentence_breaker *sentences; /* ICU's sentence breaks, for paragraphs of several */
  int note_depth;  /* notes inside notes */
  buf used_notes;  /* "type:id;" of every note written at its reference */
  colette_sink explain;  /* --explain: one line per fact, or no write */
  colette_sink warnings; /* one line per place the letter disagrees with itself */
  const char *source;
} mapper;

/* Free what the mapper's recognising kept (m->seen, m->ring). */
void map_seen_free(mapper *m);
/* A warning about the letter at p's line (printf's fmt), to the warnings
 * sink if there is one. */
void map_warn(mapper *m, const fnode *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Record an out-of-memory failure (once). */
void map_nomem(mapper *m);
/* A new node of type t appended to parent (NULL after a failure). */
colette_node *map_add(mapper *m, colette_node *parent, colette_node_type t);
void map_set(mapper *m, colette_node *n, colette_attr a, const char *v);
/* n's value: that of match x, whose offsets index text, whole (x->a holds a
 * long URL cut; see match_value). */
void map_set_value(mapper *m, colette_node *n, const match *x, const char *text);
/* Record the catalogue match on n: its formula and arguments. */
void map_formula(mapper *m, colette_node *n, const cat_match *cm);
/* --explain: "LINE: what (entry)" for a fact found in flat node p. */
void map_explain(mapper *m, const fnode *p, const char *what, const char *value,
                 const cat_match *cm);

bool flat_is(const fnode *n, const char *name);
const char *flat_attr(const fnode *n, const char *name);

/* text.c */
void ptext_load(mapper *m, const fnode *p, ptext *pt);
void ptext_free(ptext *pt);
/* The lines of pt (cut at breaks), in *out (caller frees); the count. */
size_t ptext_lines(mapper *m, ptext *pt, line **out);
/* [from, to) of a line without blanks (and tabs) at its ends. */
void line_trim(const line *ln, size_t *from, size_t *to);
bool line_blank(const line *ln); /* no text and no image */
bool line_has_image(const line *ln);
/* Past a paragraph's typed number ("3<tab>", "3. ", "2.1) ") in [a, b) of
 * s, and the blanks after it; a when there is none. */
size_t map_skip_number(const char *s, size_t a, size_t b);
/* Run the recognisers on the masked bytes [from, to) of pt, the letter's
 * year carried; matches in m->m, absolute offsets; the count. */
size_t map_recognise(mapper *m, ptext *pt, size_t from, size_t to);
/* The same on any text (offsets relative to s). */
size_t map_recognise_text(mapper *m, const char *s, size_t len);
/* Prepare m->ct for matching the catalogue on [from, to) of pt (with the
 * recognisers' matches); offsets in m->ct are relative to from. */
bool map_cat_text(mapper *m, ptext *pt, size_t from, size_t to);
/* A text of the mapper's own (cat_text_free it), cut with the context's
 * table of folded words as m->ct is. */
static inline cat_text map_text_new(const mapper *m) {
  cat_text t = CAT_TEXT_INIT;
  t.tok.folds = m->ct.tok.folds;
  return t;
}
/* Append the inline content of [from, to) of pt to node n: text, breaks
 * inside the range, images, notes, links, fields, and what the
 * recognisers find (unless plain: a head fact whose value is an
 * attribute already). */
void map_inline(mapper *m, ptext *pt, size_t from, size_t to, colette_node *n, bool plain);
/* The same for one of several consecutive pieces of a line: the objects
 * sitting at `to` are the next piece's unless `end`. */
void map_inline_part(mapper *m, ptext *pt, size_t from, size_t to, colette_node *n, bool plain,
                     bool end);
/* A whole paragraph's inline content, trimmed. */
void map_inline_para(mapper *m, const fnode *p, colette_node *n);
/* xml:lang on n where flat p's language differs from its scope's. */
void map_lang(mapper *m, const fnode *p, colette_node *n);
/* The masked text of a paragraph, its lines trimmed and apart (a line
 * break as a newline), a copy the caller frees. */
char *map_para_text(mapper *m, const fnode *p);

/* blocks.c */
/* Blocks from first (siblings, until stop) appended to parent. */
void map_blocks(mapper *m, const fnode *first, const fnode *stop, colette_node *parent);
/* One paragraph as a block (p, heading or list item) appended to parent;
 * *list is the list being filled (or NULL), updated. */
void map_paragraph(mapper *m, const fnode *p, colette_node *parent, colette_node **list);
void map_table(mapper *m, const fnode *t, colette_node *parent);
/* Match paragraph, heading and item formulae (class k) on n's flat p. */
void map_block_formula(mapper *m, const fnode *p, colette_node *n, cat_class k);
bool map_blank(mapper *m, const fnode *p);

/* head.c */
/* The head from the body's blocks [first, stop); returns its subject's
 * node (or NULL) for the meeting. */
colette_node *map_head(mapper *m, const fnode *first, const fnode *stop, colette_node *head);
void map_meeting(mapper *m, colette_node *subject, const fnode *body_first, colette_node *letter);
/* Is p's first line the label of a list of copies, with its separator
 * ("cc:", "Copy to:", "Copie :", "抄送：")? */
bool map_copies_at(mapper *m, const fnode *p);
/* The copies a letter lists after its signature: from p (map_copies_at)
 * through the short paragraphs after it that have no label of their own,
 * read as the head reads its addressees, into head: copies are the
 * letter's addressees wherever it writes them (layout is not meaning).
 * Returns the last paragraph read. */
const fnode *map_copies(mapper *m, const fnode *p, colette_node *head);

/* body.c */
/* The body from first on, into body (copies listed at its foot into
 * head); returns the first block of the annexes (or NULL). */
const fnode *map_body(mapper *m, const fnode *first, colette_node *body, colette_node *head);
void map_annexes(mapper *m, const fnode *first, colette_node *letter);
/* Is the paragraph's first line an annex heading?  Its id in id. */
bool map_annex_heading(mapper *m, const fnode *p, cat_match *cm);

#endif
