/*
 * catalog_table.h: the catalogue's recognised forms compiled at build time
 * (private to catalog.c, cmatch.c and the generator).
 *
 * Cutting the ~1,400 forms into folded tokens was most of a context's
 * making, and every process that maps paid it.  scripts/catalog-table.c
 * compiles the forms as cat_open does (from the same bundles, through the
 * same tokens_scan) and writes the result as C, linked into the library
 * (CMakeLists.txt); cat_open takes a form's tokens from the table when the
 * table's record of that form is the form it is loading: the same entry,
 * language and place, and the same hash of the form's text and of the
 * entry's parameters.  Any other form (a table from another catalogue, or
 * none: the generator links an empty one) is compiled from its text, so the
 * catalogue's text files stay the source of truth and their checks stay
 * cat_open's.
 */
#ifndef COLETTE_CATALOG_TABLE_H
#define COLETTE_CATALOG_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct cat_table_token {
  uint8_t kind, cjk; /* tkind; bool */
  int16_t slot;
  uint32_t start, end, fold, flen; /* fold: in the pattern's arena */
  uint32_t hash;
} cat_table_token;

typedef struct cat_table_pattern {
  uint32_t entry, lang, form; /* the entry's index, the language, the expanded form */
  uint32_t hash;              /* cat_table_form_hash of what it was compiled from */
  int32_t literals;
  uint32_t tok, ntok;     /* its tokens in cat_table.tok */
  uint32_t arena, narena; /* its folded forms in cat_table.arena */
} cat_table_pattern;

typedef struct cat_table {
  size_t np; /* 0: no table */
  const cat_table_pattern *p;
  const cat_table_token *tok;
  const unsigned char *arena;
} cat_table;

/* The table linked in: scripts/catalog-table.c's output, or the empty one
 * (catalog_table_none.c) the generator itself links. */
extern const cat_table colette_catalog_table;

#endif
