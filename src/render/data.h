/*
 * data.h: what the data writers (ics.c, json.c, pandoc.c) share beyond
 * render.h (private): a node's text on one line, a deadline's action, and
 * iCalendar content lines (RFC 5545 section 3.1), apart so that the unit
 * tests reach them.
 */
#ifndef COLETTE_RENDER_DATA_H
#define COLETTE_RENDER_DATA_H

#include <stddef.h>

#include "../buf.h"
#include "../colette.h"

/* n's text (render_plain) on one line: runs of white space and line
 * breaks made one space, trimmed; appended to out. */
void data_line(const colette_node *n, buf *out);

/* A deadline's action: its text on one line without the date it begins
 * with and the separators after it ("24 juin 2020 – Soumission des
 * contributions…" gives "Soumission des contributions…"); appended to out,
 * empty when the deadline has no text. */
void data_action(const colette_node *deadline, buf *out);

/* A TEXT value (RFC 5545 3.3.11) escaped into out: '\' ';' ',' with a
 * backslash, a line break as \n; CR and the other control characters but
 * HTAB, which a TEXT may not hold, dropped. (ics.c) */
void ics_text(buf *out, const char *s, size_t n);

/* One content line (n bytes of UTF-8, no line end) folded into out: lines
 * of at most 75 octets, each continuation starting with one space, never
 * cut inside a UTF-8 character; every line ended with CRLF. (ics.c) */
void ics_fold(buf *out, const char *line, size_t n);

#endif
