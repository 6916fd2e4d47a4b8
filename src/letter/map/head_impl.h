/*
 * head_impl.h: the head's reading state, shared by head.c (the walk over
 * the head's lines, labels, addressees, copies) and head_values.c (what
 * comes after a label: contacts, the person, references, the subject, a
 * labelled date; and the letterhead's names) (private).
 */
#ifndef COLETTE_HEAD_IMPL_H
#define COLETTE_HEAD_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "map.h"

typedef enum field {
  F_NONE,
  F_REF,
  F_TEL,
  F_FAX,
  F_EMAIL,
  F_WEB,
  F_SUBJECT,
  F_TO,
  F_COPY,    /* those who receive a copy: addressees of their own */
  F_CONTACT, /* the person to contact: a name */
  F_DATE     /* the letter's date, labelled ("Date: 2 February 2026") */
} field;

/* The labels that open a group of addressees. */
static inline bool group_field(field f) { return f == F_TO || f == F_COPY; }

typedef struct hline {
  line ln;
  size_t a, b; /* trimmed */
} hline;

typedef struct head {
  mapper *m;
  colette_node *node;
  /* the lines, and the paragraphs they are cut from */
  ptext *pts;
  size_t npts, cappts;
  hline *lines;
  size_t nlines, caplines;
  /* state */
  field cur;
  char label[160];              /* the pending label, as written, until its value takes it */
  const cat_entry *label_entry; /* and the catalogue's entry for it */
  bool label_pending;
  const fnode *label_p;
  colette_node *addressees;
  hline *pending[32]; /* the lines of the addressee being read */
  size_t npending;
  bool pending_marker;
  colette_node *subject;
  buf subject_text;
  bool seen_fact, have_date, have_cl;
  bool quiet; /* asking, not reading: no --explain lines */
} head;

/* What matching reads (fields blanked), and what skipping and trimming
 * read: a blank of the masked text may be a field's result, which is kept. */
static inline const char *masked(const hline *l) { return l->ln.pt->masked.data; }
static inline const char *real(const hline *l) { return l->ln.pt->text.data; }

static inline bool is_space_byte(char c) { return c == ' ' || c == '\t'; }

/* The pending label on n, and its entry as n's formula when n has none of
 * its own (a contact's is its label's; a collective letter's its reference's). */
void head_set_label(head *h, colette_node *n);
/* An --explain line for l, unless the head is only asked (h->quiet). */
void head_explain(head *h, const hline *l, const char *what, const char *value,
                  const cat_match *cm);

/* The line l after its label, from byte `from` on (head_values.c): read
 * as the label's value and written, true; false (nothing written) when it
 * is no value of the label's kind. */
bool head_contact_line(head *h, hline *l, size_t from);
bool head_person_line(head *h, hline *l, size_t from);
bool head_ref_line(head *h, hline *l, size_t from);
bool head_date_line(head *h, hline *l, size_t from);
/* A line of the subject (always taken). */
void head_subject_line(head *h, hline *l, size_t from);
/* A first line naming organizations one after another, an organization
 * each; false (nothing written) when it holds anything else. */
bool head_organizations_line(head *h, hline *l);

#endif
