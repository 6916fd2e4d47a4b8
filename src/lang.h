/*
 * lang.h: what language a paragraph is in (private).
 *
 * The script of its letters decides first (ICU uscript; the language a
 * script most likely means comes from ICU's likely-subtags data: Hani ->
 * zh, Cyrl -> ru, Arab -> ar…).  Latin text goes to a classifier that
 * tells English, French and Spanish apart by ICU word breaking over
 * function words and diacritics.  Text without letters is neutral, and
 * short Latin text is "unsure": colette-normalize then looks at the
 * document's own marks and at the neighbouring paragraphs.
 */
#ifndef COLETTE_LANG_H
#define COLETTE_LANG_H

#include "colette.h"
#include <stdbool.h>
#include <unicode/utypes.h>
#include <stddef.h>

typedef enum lang_kind {
  LANG_NEUTRAL,    /* no letters: a number, a date in digits, an e-mail */
  LANG_SCRIPT,     /* decided by a non-Latin script */
  LANG_CLASSIFIED, /* Latin text the classifier is sure of */
  LANG_UNSURE      /* Latin text too short or too mixed to be sure */
} lang_kind;

typedef struct lang_guess {
  lang_kind kind;
  char lang[16];  /* language subtag ("zh", "en"); for LANG_UNSURE a hint or "" */
  char script[8]; /* dominant script, ISO 15924 ("Latn", "Hani"), "" if none */
  long letters;   /* the paragraph's weight: letters, a CJK character as 3 */
  int words;      /* words the classifier saw (Latin) */
} lang_guess;

/* How much a Han, kana or Hangul character weighs against a Latin letter
 * when deciding which language most of a text is in: about a short word.
 * colette-unpack (marks) and colette-normalize (text) use the same. */
#define LANG_CJK_WEIGHT 3

/* Paragraphs of at least this many words are always classified. */
#define LANG_MIN_WORDS 5

typedef struct lang_classifier lang_classifier;

lang_classifier *lang_classifier_new(void); /* NULL if out of memory */
void lang_classifier_free(lang_classifier *c);
/* A context's classifier (context.c), made on its first use and freed with
 * the context; NULL when it cannot be made (out of memory, ICU's data
 * missing).  One thread at a time, as the context. */
lang_classifier *context_classifier(colette_context *c);

/* Guess the language of UTF-8 text (n bytes). */
void lang_guess_text(lang_classifier *c, const char *text, size_t n, lang_guess *out);
/* The same for UTF-16 text (n units). */
void lang_guess_text16(lang_classifier *c, const UChar *text, int32_t n, lang_guess *out);

/* What the classifier's table says of a lower-case UTF-8 word: bits 0-2
 * a function word of English, French, Spanish; bits 3-5 a month or
 * weekday name of theirs; 0 for a word it does not know. */
unsigned lang_word_kind(const lang_classifier *c, const char *w);

/* The script (ISO 15924) a language tag is most likely written in, from
 * ICU's likely subtags ("fr-CH" -> "Latn", "zh" -> "Hans"); "" if unknown. */
void lang_script_of(const char *tag, char *script, size_t n);

/* True when two tags have the same primary language subtag. */
bool lang_same(const char *a, const char *b);

#endif
