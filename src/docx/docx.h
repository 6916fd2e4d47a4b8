/*
 * docx.h: WordprocessingML knowledge shared by the body reader (private):
 * styles, numbering definitions and their counters, number formats.
 * styles.xml and numbering.xml are small and read whole (DOM); the body
 * and the other stories are streamed by story.c.
 */
#ifndef COLETTE_DOCX_H
#define COLETTE_DOCX_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../buf.h"
#include "../package.h"
#include "../xmlpart.h"

/* Copy src into dst of size n, cut to n - 1 bytes, as snprintf's "%s"
 * cuts (without its cost, paid for every property read). */
static inline void str_copy(char *dst, size_t n, const char *src) {
  if (!n) return;
  size_t k = strlen(src);
  if (k >= n) k = n - 1;
  memcpy(dst, src, k);
  dst[k] = '\0';
}

/* ---- run formatting ---------------------------------------------------- */

/* Tri-state: a property not set at one level is inherited from the next. */
enum { TRI_UNSET = -1, TRI_OFF = 0, TRI_ON = 1 };

typedef struct runfmt {
  signed char bold, italic, strike, caps, small_caps, hidden;
  char underline[16]; /* "" unset, "none", "single", "double", … */
  char vert[12];      /* "" unset, "baseline", "superscript", "subscript" */
  char lang[3][24];   /* w:lang val, eastAsia, bidi; "" unset */
} runfmt;

void runfmt_unset(runfmt *f);
/* Fill unset fields of `f` from `base`. */
void runfmt_inherit(runfmt *f, const runfmt *base);
/* Read a w:rPr element into f (only what it sets). */
void runfmt_read(runfmt *f, const xmlpart_node *rpr);
/* Same visible formatting (languages are not formatting). */
bool runfmt_same_look(const runfmt *a, const runfmt *b);
bool runfmt_plain(const runfmt *f);

/* ---- styles -------------------------------------------------------------- */

typedef struct style {
  char *id, *name, *based_on, *link;
  char type;   /* 'p'aragraph, 'c'haracter, 't'able, 'n'umbering */
  int outline; /* w:outlineLvl 0-9, -1 unset */
  int num_id;  /* w:numPr/w:numId, -1 unset (0 means "no numbering") */
  int ilvl;    /* w:numPr/w:ilvl, -1 unset */
  int align_set;
  char align[12];
  runfmt rpr;
} style;

typedef struct styles {
  style *items; /* sorted by id */
  size_t count;
  runfmt defaults;           /* w:docDefaults/w:rPrDefault */
  const style *default_para; /* w:default="1" paragraph style, or NULL */
} styles;

colette_status styles_load(package *pkg, const char *part, styles *out, colette_error *err);
void styles_free(styles *s);
const style *styles_find(const styles *s, const char *id);
/* Heading level 1-9 from the style name ("heading 2") or the outline level
 * inherited through basedOn; 0 if none. */
int styles_heading(const styles *s, const char *id);
/* Numbering a paragraph style carries, through basedOn; false if none. */
bool styles_numbering(const styles *s, const char *id, int *num_id, int *ilvl);
/* Effective run formatting of a style chain (character or paragraph). */
void styles_runfmt(const styles *s, const char *id, runfmt *out);
const char *styles_align(const styles *s, const char *id);

/* ---- number formats -------------------------------------------------- */

typedef struct numfmt_cache numfmt_cache;
numfmt_cache *numfmt_cache_new(void);
void numfmt_cache_free(numfmt_cache *c);
/*
 * Append `value` written in Word's number format `fmt` (ST_NumberFormat:
 * "decimal", "upperRoman", "chineseCounting", …) to out.  `lang` (BCP 47,
 * may be NULL) picks the locale where the format depends on it (ordinal,
 * cardinalText).  `custom` is the w14 custom format string ("001, 002, …")
 * when fmt is "custom".  Returns false if the format is unknown; decimal is
 * written then.
 */
bool numfmt_format(numfmt_cache *c, const char *fmt, long value, const char *lang,
                   const char *custom, buf *out);

/* ---- numbering ------------------------------------------------------------ */

typedef struct numbering numbering;
typedef struct numstate numstate;

/* Load numbering.xml (part may be NULL: no numbering).  *out owned by the
 * caller (numbering_free). */
colette_status numbering_load(package *pkg, const char *part, const styles *st, numbering **out,
                              colette_error *err);
void numbering_free(numbering *n);

/* Counters for one story; owned by the caller (numstate_free). */
numstate *numstate_new(const numbering *n);
void numstate_free(numstate *s);

typedef struct numlabel {
  buf text;        /* the label as Word displays it ("a)", "1.2", "•") */
  char list[32];   /* list identity: "n<numId>" or "a<abstractNumId>" */
  char format[32]; /* numFmt of the level */
  int num_id;
  int level; /* 0-based */
  bool bullet;
} numlabel;

/*
 * Count one paragraph numbered (num_id, ilvl) and compute its label.
 * pstyle is the paragraph's style (for levels bound through w:pStyle).
 * Returns false when the paragraph is not numbered after all (numId 0,
 * unknown numId, level without definition).
 */
bool numbering_next(numstate *s, int num_id, int ilvl, const char *lang, numlabel *out);

#endif
