/* catalog_impl.h: the catalogue's insides, shared by catalog.c (loading,
 * writing) and cmatch.c (matching).  Private to those two files. */
#ifndef COLETTE_CATALOG_IMPL_H
#define COLETTE_CATALOG_IMPL_H

#include <stdint.h>
#include <unicode/umsg.h>
#include <unicode/upluralrules.h>

#include "catalog.h"
#include "catalog_table.h"

#define CAT_MAX_LANGS 16

typedef struct cat_lang {
  char *canonical; /* as written, UTF-8 */
  UChar *pattern;  /* the same with numbered arguments */
  char **forms;    /* recognised forms, their choices ([a|b]) expanded */
  size_t nforms;
} cat_lang;

struct cat_entry {
  char *key;
  cat_class cls;
  char *type;  /* or NULL */
  char *value; /* template, or NULL */
  int rank;
  size_t nparams;
  char *pname[CAT_MAX_PARAMS];
  cat_ptype ptype[CAT_MAX_PARAMS];
  /* a canonical form may leave the parameter out ("who:text?"): the
   * formula says in its own words what it stands for (checked at build) */
  bool popt[CAT_MAX_PARAMS];
  cat_lang *lang; /* [nlang] */
  size_t index;
};

/* One recognised form, compiled to tokens (literals and slots). */
typedef struct cat_pattern {
  tokens tok;
  const cat_entry *entry;
  size_t lang, form;
  int literals; /* literal tokens: more is more specific */
} cat_pattern;

/*
 * The patterns of one class a token can start: those whose first token is
 * that literal, found by its hash in an open-addressed table, and those
 * whose first token is a slot, which any token may start.  A pattern is
 * named by its position in the class's list (byclass), and each list is
 * in that order, so that matching tries the candidates in catalogue order
 * as it would trying every pattern (better() keeps the first of equals).
 */
typedef cat_table_first cat_first; /* rep == CAT_TABLE_NONE: an empty place */

typedef struct cat_starts {
  cat_first *tab; /* mask + 1 entries */
  size_t mask;
  uint32_t *pos;   /* positions of the literal-first patterns, grouped by literal */
  uint32_t *slots; /* positions of the slot-first patterns, in order */
  size_t nslots;
} cat_starts;

struct catalog {
  cat_entry *e; /* sorted by key */
  size_t n;
  char langs[CAT_MAX_LANGS][16];
  char locales[CAT_MAX_LANGS][32]; /* settings.locale: the ICU locale for dates */
  bool first_ordinal[CAT_MAX_LANGS];
  char unnamed_group[CAT_MAX_LANGS][64];                  /* settings.unnamedGroup, or "" */
  char range_text[CAT_MAX_LANGS][64];                     /* settings.rangeInText, or "" */
  char time_text[CAT_MAX_LANGS][64];                      /* settings.timeInText, or "" */
  char time_range_text[CAT_MAX_LANGS][64];                /* settings.timeRangeInText, or "" */
  char time_pattern[CAT_MAX_LANGS][CAT_TIME_PATTERN_MAX]; /* settings.timePattern, or "" */
  char hour_pattern[CAT_MAX_LANGS][CAT_TIME_PATTERN_MAX]; /* settings.timeOnTheHour, or "" */
  size_t nlang;
  /* each language's plural rules, opened when a count is first formatted
   * (a context that only maps letters never formats one); the array is
   * the catalogue's, its slots filled through a const catalogue as the
   * compiled MessageFormats are (a context serves one thread at a time) */
  UPluralRules **plural;
  /* each entry's MessageFormat in each language, [n * nlang], compiled on
   * first use the same way: the entries themselves may be the compiled
   * table's, shared by every catalogue of the process and never written */
  UMessageFormat **fmt;
  cat_pattern *p;
  size_t np, capp;
  uint32_t *byclass[CAT_CLASSES]; /* pattern indices by class */
  size_t nbyclass[CAT_CLASSES];
  cat_starts starts[CAT_CLASSES]; /* byclass indexed by first token */
  tokens scratch; /* cat_compile_form's, reused from form to form (cat_index frees it) */
  /* Opened from the compiled table (catalog_table.h): the entries, their
   * languages and forms, the patterns, their tokens and the index are the
   * table's, not the heap's. */
  bool image;
};

/* cat_open, from the catalogue compiled at build time (catalog_table.h)
 * when the library holds one, or (table false, or none) from the bundles,
 * every entry checked and every form compiled from its text. */
colette_status cat_open_with(catalog **out, bool table, colette_error *err);

/* Compile form `form` of e in language li (cmatch.c); `part` names the
 * file in messages. */
colette_status cat_compile_form(catalog *c, const cat_entry *e, size_t li, size_t form,
                                const char *part, colette_error *err);
/* Build the per-class index once every form is compiled (cmatch.c). */
colette_status cat_index(catalog *c, colette_error *err);
/* Free what cat_index made (cmatch.c); nothing for a catalogue opened
 * from the table, whose index is the table's. */
void cat_index_free(catalog *c);
/* The literal-first patterns of class k whose first token is tokens t's
 * token ti: *n positions in byclass[k] order (NULL, 0 when none). */
const uint32_t *cat_starts_at(const catalog *c, cat_class k, const tokens *t, size_t ti, size_t *n);

/*
 * A recognised form as written may hold choices: "[a|b]" is a or b, "[a]"
 * is a or nothing ("[It is my pleasure|I have the honour] to invite you"
 * once, not two forms).  Every form it stands for is appended to *v (*n
 * of *cap, grown; the strings the caller's to free).  COLETTE_ERR_INVALID
 * (naming part and key) for an unclosed or nested bracket or a form that
 * stands for more than 256.
 */
colette_status cat_expand_form(const char *f, char ***v, size_t *n, size_t *cap, const char *part,
                               const char *key, colette_error *err);

/* UTF-16 (n units, or -1: to its NUL) as a new UTF-8 string (the caller's
 * to free), or NULL (out of memory, or a lone surrogate) (catalog.c). */
char *cat_u8_dup(const UChar *u, int32_t n);

#endif
