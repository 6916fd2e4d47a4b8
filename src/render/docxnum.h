/*
 * docxnum.h: numbering definitions for the DOCX writer (private): from the
 * labels a list's items carry ("1.", "a)", "1.1", "–"), the w:abstractNum
 * under which Word and LibreOffice display exactly those labels.
 *
 * A level is inferred from the first item at that level: its label cut
 * into numbers (digits; a, b… z, aa…; i, ii… and their capitals) and the
 * literal text between them, the last number the item's own level, those
 * before it the levels above ("1.1" is %1.%2).  A label without a number is
 * a bullet (one character) or literal text.  The whole list is then
 * counted as Word counts it (a level starts at its start value, goes up by
 * one, and starts again after any item above it), every label written
 * through colette-unpack's own number formats (numfmt_format) and
 * compared, byte for byte, with the item's.  A list whose labels no
 * definition gives (a gap, a number out of order, a tenth level, "1.1"
 * under "a)", which only w:isLgl gives and LibreOffice does not read) has
 * none: the writer then types its labels in the paragraphs.
 */
#ifndef COLETTE_RENDER_DOCXNUM_H
#define COLETTE_RENDER_DOCXNUM_H

#include <stdbool.h>
#include <stddef.h>

#include "../docx/docx.h"

#define DOCXNUM_LEVELS 9

typedef struct docxnum_level {
  bool used;     /* defined (an item is at this level, or one below names it) */
  char fmt[16];  /* ST_NumberFormat: decimal, lowerLetter, upperLetter, lowerRoman,
                    upperRoman, bullet, none */
  long start;    /* w:start */
  char text[96]; /* w:lvlText: "%1.", "%1.%2", "a)" for none, "–" for a bullet */
  bool symbol;   /* the text is a character of the Symbol font (U+F000–U+F0FF) */
} docxnum_level;

typedef struct docxnum {
  docxnum_level lv[DOCXNUM_LEVELS];
} docxnum;

typedef struct docxnum_item {
  const char *label; /* as displayed */
  int level;         /* 1-based */
  const char *lang;  /* for the number formats that depend on it; may be NULL */
} docxnum_item;

/*
 * The definition that displays items[0..n) exactly (*out), or false when
 * none does.  fmt: the number formats (numfmt_cache_new), the caller's.
 */
bool docxnum_infer(numfmt_cache *fmt, const docxnum_item *items, size_t n, docxnum *out);

/* The labels def gives items[0..n), counted as Word counts them: true when
 * every one is the item's own. */
bool docxnum_check(numfmt_cache *fmt, const docxnum *def, const docxnum_item *items, size_t n);

#endif
