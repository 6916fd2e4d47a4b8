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
 * and writes what it loaded as C arrays: the entries with their strings,
 * each language's canonical form, MessageFormat pattern and recognised
 * forms, and each form's tokens and folded text.  The table is made from
 * the very bundles linked into the same library (colette_catalog_dat.c),
 * the only catalogue cat_open reads, so it is this catalogue by
 * construction; cat_open points into it (nothing is copied), the
 * first-token index too (cat_index's, made by the generator).  A build with no table (the
 * generator links catalog_table_none.c) reads the bundles as before.
 */
#ifndef COLETTE_CATALOG_TABLE_H
#define COLETTE_CATALOG_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "catalog.h"
#include "tokens.h"

#define CAT_TABLE_NONE UINT32_MAX /* a string that is absent (an entry's type, value) */

typedef struct cat_table_language {
  uint32_t name, locale, unnamed_group, range_text; /* strings, in cat_table.str */
  uint8_t first_ordinal;
} cat_table_language;

typedef struct cat_table_entry {
  uint32_t key, type, value; /* in str (type, value: or CAT_TABLE_NONE) */
  int32_t rank;
  uint8_t cls, nparams; /* cat_class; parameters */
  uint8_t ptype[CAT_MAX_PARAMS];
  uint32_t pname[CAT_MAX_PARAMS]; /* in str */
} cat_table_entry;

/* Entry k in language li is cat_table.lang[k * nlang + li]. */
typedef struct cat_table_lang {
  uint32_t canonical; /* in str */
  uint32_t pattern;   /* the MessageFormat pattern, NUL-terminated, in ustr */
  uint32_t form, nforms; /* its recognised forms: cat_table.forms[form .. form + nforms) */
} cat_table_lang;

typedef struct cat_table_pattern {
  uint32_t entry, lang, form; /* the entry's index, the language, the expanded form */
  int32_t literals;
  uint32_t tok, ntok;     /* its tokens in cat_table.tok */
  uint32_t arena, narena; /* its folded forms in cat_table.arena (NUL after each pattern's) */
} cat_table_pattern;

/* An entry of a class's first-token table (catalog_impl.h's cat_first):
 * the literal's hash, a pattern that starts with it (its index in the
 * patterns; CAT_TABLE_NONE: an empty place), and its positions in the
 * class's list, pos[at .. at + n). */
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
  size_t nlang, nforms, np;
  const cat_table_language *languages; /* [nlang] */
  const cat_table_entry *e;            /* [nentries], sorted by key */
  const cat_table_lang *lang;          /* [nentries * nlang] */
  const uint32_t *forms;               /* [nforms]: offsets in str */
  const cat_table_pattern *p;          /* [np], in the order cat_open compiles them */
  const token *tok;
  const char *str;   /* NUL-terminated UTF-8 strings, back to back */
  const UChar *ustr; /* NUL-terminated UTF-16 patterns, back to back */
  const char *arena;
  const cat_table_class *classes; /* [CAT_CLASSES] */
  const cat_table_first *first;
  const uint32_t *idx;
} cat_table;

/* The table linked in: scripts/catalog-table.c's output, or the empty one
 * (catalog_table_none.c) the generator itself links. */
extern const cat_table colette_catalog_table;

#endif
