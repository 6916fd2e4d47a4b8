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
  char *name; /* "body", "annex A" */
  char *id;   /* the annex id, or NULL for the body */
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
};

/* Add a difference; sides are filled with colette_diff_side. */
diff *diff_add(colette_diff *ds, const char *kind, const char *key);
void diff_side_set(diff *d, size_t version, const char *path, const char *value);

/* align.c: units of part a against part b; pairs[i] is the unit of b that
 * a's unit i is aligned with, or -1; *bmatched[j] whether b's unit j is. */
colette_status align_units(const part *a, const part *b, long *pairs, bool *bmatched);

#endif
