/*
 * compare.h: colette-compare's insides (private to src/compare/).
 *
 * Each letter is read into comparable facts (facts.c): keyed values (the
 * date, the reference, contacts, addressees, the meeting, deadlines, the
 * signatory's title, the enclosure), the annexes with their lists and
 * tables, and, per part (the body, each annex), the sequence of its text
 * units (paragraphs, headings, items, cells) with their formula keys and
 * typed values.  Every version is compared with the first (compare.c):
 * keyed values as multisets, annexes by id, list items by label, table
 * cells by position, and the units of each part aligned (align.c) by
 * formula keys, typed values and lengths, then their values compared.
 */
#ifndef COLETTE_COMPARE_H
#define COLETTE_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "../buf.h"
#include "../colette.h"

/* One keyed value of a letter: key "deadline.registration", value
 * "2021-07-24", where it is ("body/deadlines/deadline[2]"). */
typedef struct fact {
  char *key, *value, *path;
  const colette_node *node; /* borrowed: what it was read from, or NULL (the meeting, an annex) */
  const char *annex;        /* borrowed from its part: the annex's label, for its facts; or NULL */
} fact;

/* A unit of text in a part, for alignment. */
typedef struct unit {
  const colette_node *node;
  char *path;
  const char *formula; /* borrowed from the model, or NULL */
  char **values;       /* its typed values, "date:2021-05-21", sorted */
  size_t nvalues;
  double length; /* display length: a CJK character weighs like a few letters */
} unit;

/* A list of an annex: its items' labels and levels, with their units. */
typedef struct part {
  char *name; /* "body", "annex A": unique in its letter (see facts_read) */
  char *id;   /* the annex's label ("A", "A (2)" for a second annex A), or NULL for the body */
  unit *units;
  size_t nunits, capunits;
} part;

typedef struct facts {
  const char *name; /* the file, for reports */
  const colette_letter *l;
  fact *f;
  size_t nf, capf;
  part *parts;
  size_t nparts, capparts;
} facts;

colette_status facts_read(facts *x, const colette_letter *l, const char *name, colette_error *err);
void facts_free(facts *x);
/* The typed value of an inline node as units hold it ("date:2021-05-21",
 * "time:09:30/10:00", "docref:td/SG13-TD100"; "date:2021-05-21!weekday"
 * where the weekday written is not its date's); false for other nodes. */
bool typed_value(const colette_node *k, char *out, size_t n);

/* ---- what the HTML report shows (html.c) --------------------------------------------------- */

/* A piece of a unit's text: plain, or a typed value ("date:2021-05-21") as written. */
typedef struct seg {
  char *text;
  char *value; /* NULL for plain text */
} seg;

typedef struct view_unit {
  char *path;  /* as in the differences: "body/p[3]", "annex[B]/item[2.]" */
  char *type;  /* its element: p, heading, title, item */
  char *label; /* an item's label, or NULL */
  char *lang;  /* its language where it differs from the letter's, or NULL */
  seg *segs;
  size_t nsegs;
} view_unit;

typedef struct view_fact {
  char *key, *value, *path;
  char *text; /* its text in the version, or NULL */
} view_fact;

typedef struct view_part {
  char *name; /* "body", "annex A" */
  view_unit *units;
  size_t nunits;
} view_part;

/* One version as the report shows it, copied out of its letter. */
typedef struct view {
  char *lang; /* the letter's xml:lang, or NULL */
  view_fact *facts;
  size_t nfacts;
  view_part *parts;
  size_t nparts;
} view;

/* The alignment of a part of version 0 with the same part of version v:
 * pairs[i] the unit of v aligned with unit i, or -1. */
typedef struct view_align {
  size_t version;
  char *part;
  long *pairs;
  size_t n;
} view_align;

/* Copy what the report shows of version v (its facts and units) into ds. */
bool view_capture(colette_diff *ds, size_t v, const facts *x);
/* Keep the alignment of part `part` of version 0 with version v. */
bool view_align_add(colette_diff *ds, size_t v, const char *part, const long *pairs, size_t n);
void view_free(colette_diff *ds);
/* The page (report.c calls it for COLETTE_REPORT_HTML). */
void html_report(const colette_diff *ds, buf *b);

/* ---- differences ----------------------------------------------------------------------- */

typedef struct diff_side {
  char *path;  /* NULL: absent from this version */
  char *value; /* NULL: absent */
} diff_side;

typedef struct diff {
  char *kind; /* date, reference, file-ref, contact, addressee, meeting, deadline, signatory,
                 enclosure, annex, item, table, value, missing */
  char *key;  /* what it is about: "contact.email", "deadline.registration", "annex B item 2.a)" */
  diff_side *sides; /* one per version */
} diff;

struct colette_diff {
  char **names; /* the versions' names */
  size_t nversions;
  diff *d;
  size_t n, cap;
  view *views; /* one per version, for the HTML report */
  view_align *aligns;
  size_t naligns, capaligns;
};

/* Add a difference; sides are filled with colette_diff_side. */
diff *diff_add(colette_diff *ds, const char *kind, const char *key);
void diff_side_set(diff *d, size_t version, const char *path, const char *value);

/* align.c: units of part a against part b; pairs[i] is the unit of b that
 * a's unit i is aligned with, or -1; *bmatched[j] whether b's unit j is. */
colette_status align_units(const part *a, const part *b, long *pairs, bool *bmatched);

#endif
