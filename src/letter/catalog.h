/*
 * catalog.h: the genre's formulae, as language data (private).
 *
 * The catalogue is ICU resource bundles compiled from the .txt files of catalog/ by
 * genrb at build time and linked into the library (catalog/README.md has
 * the format).  catalog/root.txt gives each entry its class, parameters,
 * the fact it stands for and a rank; each language's file gives it a
 * canonical form (an ICU MessageFormat pattern, written by colette-render)
 * and the forms to recognise (read by colette-map).
 *
 * Recognised forms are matched token by token (tokens.h): case-, accent-,
 * space- and punctuation-blind, words as words.  A pattern's parameters
 * are typed slots: a number, a count, an annex id, free text, a date, a
 * date range, a time, an e-mail address, a URL, a phone number (these
 * five as the recognisers found them in the line), a group or a place
 * (sub-formulae of the catalogue).
 */
#ifndef COLETTE_CATALOG_H
#define COLETTE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "../buf.h"
#include "../colette.h"
#include "recognise.h"
#include "tokens.h"

typedef enum cat_class {
  CAT_LABEL,        /* a head label (value: ref, tel, fax, email, web, subject, to) */
  CAT_ORGANIZATION, /* a letterhead line */
  CAT_DATELINE,     /* place and date */
  CAT_PLACE,        /* a place (value: its key) */
  CAT_GROUP,        /* a study group or working party (value: SG17, WP1/11) */
  CAT_MODE,         /* how a meeting is held (value: virtual, hybrid, physical) */
  CAT_DOCREF,       /* a document reference (type; value: its id) */
  CAT_ROLE,         /* an addressee (value: the role) */
  CAT_SUBJECT,      /* a meeting's subject line (value: the mode) */
  CAT_SALUTATION,
  CAT_CLOSING,
  CAT_DEADLINES, /* the key deadlines heading */
  CAT_ENCLOSURE, /* "Annexes: 2" */
  CAT_ANNEX,     /* an annex heading */
  CAT_KIND,      /* what a deadline is for (value: the kind) */
  CAT_TITLE,     /* a signatory's title */
  CAT_SENTENCE,  /* a recurring sentence or standard paragraph */
  CAT_HEADING,   /* a standard heading */
  CAT_ITEM,      /* a standard agenda item */
  CAT_WRITER,    /* words colette's writers write ("[image: …]"), never matched */
  CAT_COUNTRY,   /* a country, by ICU's name in each language (value: its ISO 3166 code) */
  CAT_CLASSES
} cat_class;

typedef enum cat_ptype {
  CAT_P_NUMBER,
  CAT_P_COUNT,
  CAT_P_ID,
  CAT_P_TEXT,
  CAT_P_DATE,
  CAT_P_DATERANGE,
  CAT_P_TIME,
  CAT_P_GROUP,
  CAT_P_PLACE,
  CAT_P_EMAIL,
  CAT_P_URL,
  CAT_P_PHONE,
  CAT_P_TYPES
} cat_ptype;

#define CAT_MAX_PARAMS 6

typedef struct cat_entry cat_entry;
typedef struct catalog catalog;

/*
 * Load the catalogue linked into the library, and check it: every entry
 * of root has a canonical form and at least one recognised form in every
 * language, with the parameters root declares and no others.  The caller
 * frees the result with cat_free.  A failure names the entry and language.
 * Canonical forms are compiled as MessageFormat patterns when first
 * formatted, not here: mapping a letter formats none.
 */
colette_status cat_open(catalog **out, colette_error *err);
/* Compile every canonical form as a MessageFormat pattern now, and check
 * each language's time patterns (the build's catalogue check,
 * colette-catalog check): COLETTE_ERR_INVALID names the first that does not
 * compile or is not a time's. */
colette_status cat_check_formats(const catalog *c, colette_error *err);
void cat_free(catalog *c);

size_t cat_languages(const catalog *c);
const char *cat_language(const catalog *c, size_t i); /* "en", "fr", "zh" */
/* The ICU locale a language writes its dates in (settings.locale: "en_GB"),
 * and whether it writes the first of the month as an ordinal ("1er"). */
const char *cat_language_locale(const catalog *c, size_t i);
bool cat_language_first_ordinal(const catalog *c, size_t i);
/* How language i names the group of a formula whose letter did not name
 * it ("la page d'accueil de la commission d'études"): "study group"; "" if
 * the catalogue does not say. */
const char *cat_language_unnamed_group(const catalog *c, size_t i);
/* settings.rangeInText of language i: how running text says a date range,
 * "{start}" and "{end}" standing for the two parts of ICU's interval
 * ("from {start} to {end}", "du {start} au {end}"), or "" */
const char *cat_language_range_text(const catalog *c, size_t i);
/* settings.timeInText and timeRangeInText of language i: how running text
 * says a time and a range of times, {start} and {end} standing for the
 * times (French "à {start}" and "de {start} à {end}": "à 11 h 00", "de
 * 10 h 00 à 16 h 00"), for canonical forms that write {NAME_text} of a
 * time parameter; "" where the language has none ({NAME_text} is then the
 * time, or the two joined by an en dash). */
const char *cat_language_time_text(const catalog *c, size_t i);
const char *cat_language_time_range_text(const catalog *c, size_t i);
/* The bytes a time pattern may take, its NUL included (the catalogue
 * refuses a longer one). */
#define CAT_TIME_PATTERN_MAX 32
/* settings.timePattern of language i: the ICU date pattern the genre
 * writes a time of day in where it departs from the locale's own
 * ("HH\u00A0'h'\u00A0mm": the ITU's French letters write "11 h 00", CLDR's
 * French "11:00"), or "" to take ICU's hour-minute form for the locale. */
const char *cat_language_time_pattern(const catalog *c, size_t i);
/* settings.timeOnTheHour: the pattern for a time whose minutes are 00,
 * where the genre drops them ("H时": the ITU's Chinese letters write
 * "12时" and "12时30分"; a date pattern cannot leave out a zero), or "" */
const char *cat_language_hour_pattern(const catalog *c, size_t i);
/* Index of a language ("fr", "fr-CH" and "fr_CH" are fr), or -1. */
int cat_language_index(const catalog *c, const char *lang);

size_t cat_entries(const catalog *c);
const cat_entry *cat_entry_at(const catalog *c, size_t i);
const cat_entry *cat_entry_find(const catalog *c, const char *key);

const char *cat_entry_key(const cat_entry *e);
cat_class cat_entry_class(const cat_entry *e);
const char *cat_entry_type(const cat_entry *e);  /* docref kinds; else NULL */
const char *cat_entry_value(const cat_entry *e); /* the value template, or "" */
int cat_entry_rank(const cat_entry *e);
size_t cat_entry_params(const cat_entry *e);
const char *cat_entry_param_name(const cat_entry *e, size_t i);
cat_ptype cat_entry_param_type(const cat_entry *e, size_t i);
/* May a canonical form leave parameter i out ("who:text?" in root.txt)? */
bool cat_entry_param_optional(const cat_entry *e, size_t i);
/* The canonical form in language `lang` as UTF-8 (the pattern as written). */
const char *cat_entry_canonical(const cat_entry *e, size_t lang);
size_t cat_entry_forms(const cat_entry *e, size_t lang);
const char *cat_entry_form(const cat_entry *e, size_t lang, size_t i);
const char *cat_class_name(cat_class k);

/* ---- matching ---------------------------------------------------------------------- */

/* A line prepared for matching: its tokens and the typed values the
 * recognisers found in it (dates, times, addresses), by byte span. */
typedef struct cat_text {
  const char *s;
  size_t n;
  tokens tok;
  const match *spans;
  size_t nspans;
  bool sorted; /* spans in order of start (as the recognisers give them) */
} cat_text;

#define CAT_TEXT_INIT                                                                              \
  { NULL, 0, TOKENS_INIT, NULL, 0, false }

/* Prepare s (n bytes, borrowed) with the recogniser's spans (borrowed;
 * may be NULL; when in order of start, as recognise() gives them, found
 * by bisection).  Reuses t's memory. */
colette_status cat_text_set(cat_text *t, const char *s, size_t n, const match *spans,
                            size_t nspans);
void cat_text_free(cat_text *t);

typedef struct cat_arg {
  size_t start, end; /* the verbatim text, bytes in the line */
  char value[100];   /* normalized: digits, ISO date, "start/end", HH:MM, key…; may be cut */
  bool cut;          /* value is cut to fit: cat_arg_value has it whole */
  size_t vstart,
      vend; /* an e-mail's or URL's own bytes in the line (its value is made from them) */
} cat_arg;

typedef struct cat_match {
  const cat_entry *entry;
  const char *src; /* the matched text (cat_text's, borrowed): the arguments' spans index it;
                      valid only as long as that text */
  size_t lang, form;   /* which recognised form matched */
  size_t start, end;   /* bytes of the line covered */
  size_t tstart, tend; /* tokens covered */
  cat_arg args[CAT_MAX_PARAMS];
  char value[100]; /* the entry's value template filled in ("SG17"), or "" */
} cat_match;

/* The whole value of cm's argument p: its value, or when that is cut (a
 * long URL, long free words) the whole made again from cm->src, into out.
 * NULL without memory. */
const char *cat_arg_value(const cat_match *cm, size_t p, buf *out);

typedef enum cat_mode {
  CAT_PREFIX,  /* from the line's first token */
  CAT_WHOLE,   /* the whole line (a colon may end it) */
  CAT_ANYWHERE /* starting at any token */
} cat_mode;

/*
 * The best match of class k in t under mode: the one covering most tokens,
 * then the lowest rank, then the most literal tokens, then the first in
 * catalogue order.  CAT_ANYWHERE takes the leftmost start first.  Starts
 * at token `from` (0 for the whole line).  False if none.
 */
bool cat_match_best(const catalog *c, cat_class k, cat_mode mode, const cat_text *t, size_t from,
                    cat_match *out);
/* The same from the line's start (CAT_PREFIX or CAT_WHOLE), of the forms
 * without a text parameter only: those whose words are all the
 * catalogue's (where a form with free words would cover too much). */
bool cat_match_best_fixed(const catalog *c, cat_class k, cat_mode mode, const cat_text *t,
                          cat_match *out);
/* Every match of class k anywhere in t, left to right, none overlapping
 * (at each place the best one).  Returns the count, at most max. */
size_t cat_match_all(const catalog *c, cat_class k, const cat_text *t, cat_match *out,
                     size_t max);
/* The same from token `from` on (to go on where a full array stopped). */
size_t cat_match_all_from(const catalog *c, cat_class k, const cat_text *t, size_t from,
                          cat_match *out, size_t max);

/* The verbatim text of an argument. */
static inline size_t cat_arg_len(const cat_arg *a) { return a->end - a->start; }

/* ---- writing -------------------------------------------------------------------------- */

/*
 * The canonical form of e in language lang with the parameters' values
 * (values[i] for parameter i, UTF-8 text as the target language writes it;
 * NULL is empty), appended to out as UTF-8.  A count parameter NAME also
 * gives NAME_plural, its CLDR plural category in lang (from ICU).
 */
colette_status cat_format(const catalog *c, const cat_entry *e, size_t lang,
                          const char *const *values, buf *out, colette_error *err);
/* The same where derived[i] gives a group parameter's NAME_kind, the key
 * of its group entry without "group." ("sg", "wp"), for the languages whose
 * words agree with it (French "de la Commission", "du Groupe"); a count
 * parameter's NAME_plural is computed as above; a date range parameter's
 * NAME_text is derived[i] (the range as running text), or its value when
 * derived[i] is NULL.  derived may be NULL. */
colette_status cat_format_derived(const catalog *c, const cat_entry *e, size_t lang,
                                  const char *const *values, const char *const *derived, buf *out,
                                  colette_error *err);

#endif
