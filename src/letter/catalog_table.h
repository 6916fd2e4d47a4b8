/*
 * catalog_table.h: the catalogue compiled at build time, whole (private to
 * catalog.c, cmatch.c and the generator).
 *
 * Reading the bundles (the ICU resource walk, UTF-16 to UTF-8, numbering
 * the MessageFormat arguments, expanding the choices of ~1,400 forms and
 * cutting them into folded tokens, each string and token list its own
 * allocation) was most of making a context: 10 million instructions and
 * 2 MB of heap touched, which every process that maps paid.
 * scripts/catalog-table.c opens the catalogue from its bundles (cat_open
 * with no table, so every check runs and a bad catalogue fails the build)
 * and writes what it loaded as C arrays: the catalogue's own entries,
 * languages and patterns, pointing into arrays of their strings, UTF-16
 * MessageFormat patterns, tokens and folded forms.  The table is made from
 * the very bundles linked into the same library (colette_catalog_dat.c),
 * the only catalogue cat_open reads, so it is this catalogue by
 * construction; cat_open points at it (nothing is copied or built), the
 * first-token index too (cat_index's, made by the generator), and
 * allocates only what is made on first use (the MessageFormats, the
 * plural rules).  The structures are const, shared by every catalogue
 * the process opens, and in read-only memory: what a catalogue compiles
 * as it goes lives in the catalogue.  A build with no table (the generator
 * links catalog_table_none.c) reads the bundles as before.
 */
#ifndef COLETTE_CATALOG_TABLE_H
#define COLETTE_CATALOG_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "catalog.h"
#include "tokens.h"

struct cat_pattern;

#define CAT_TABLE_NONE UINT32_MAX /* a string that is absent (an entry's type, value) */

typedef struct cat_table_language {
  /* strings, in cat_table.str */
  uint32_t name, locale, unnamed_group, range_text, time_pattern, hour_pattern, time_text,
      time_range_text;
  uint8_t first_ordinal;
} cat_table_language;

typedef struct cat_table_first {
  uint32_t hash, rep, at, n;
} cat_table_first;

/* Class k's index: its patterns' indices (byclass), its first-token table
 * (mask + 1 entries from `first` in cat_table.first, or none when the
 * class has no patterns), and the positions the table's entries name and
 * those of the slot-first patterns; byclass, pos and slots in cat_table.idx. */
typedef struct cat_table_class {
  uint32_t nbyclass, byclass;
  uint32_t mask, first;
  uint32_t pos, slots, nslots;
} cat_table_class;

typedef struct cat_table {
  size_t nentries; /* 0: no table */
  size_t nlang, np;
  const cat_table_language *languages; /* [nlang] */
  /* the catalogue's own structures (catalog_impl.h), their pointers into
   * the strings, patterns, tokens and folded forms below */
  const cat_entry *e;             /* [nentries], sorted by key */
  const struct cat_pattern *p;    /* [np], in the order cat_open compiles them */
  const char *str;                /* NUL-terminated UTF-8 strings, back to back */
  const cat_table_class *classes; /* [CAT_CLASSES] */
  const cat_table_first *first;
  const uint32_t *idx;
} cat_table;

/* The table linked in: scripts/catalog-table.c's output, or the empty one
 * (catalog_table_none.c) the generator itself links. */
extern const cat_table colette_catalog_table;

#endif
