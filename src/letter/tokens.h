/*
 * tokens.h: a line of letter text cut into folded words for matching the
 * catalogue (private).
 *
 * Matching is meant to be typography-blind, so the cut does the blinding
 * once per line and the patterns are cut the same way once at load:
 *  - every kind of space separates and is otherwise ignored;
 *  - a word is folded through ICU (NFKC case folding, then combining marks
 *    removed: "Réf" = "REF" = "ref"); a hyphen inside a word is dropped
 *    ("E‑mail" = "Email", "ITU-T" = "ITUT");
 *  - a Han, kana or hangul character is a word of its own, since Chinese
 *    has no spaces between words;
 *  - digits are a number token apart from letters ("SG17" = "SG 17");
 *  - punctuation that marks the end of an abbreviation, a clause or a
 *    quotation (. , ; ! ? 。 、 quotes, bullets) is ignored; a colon is
 *    kept as a token, since "Annex: 1" (one enclosure) is not "Annex 1"
 *    (a heading); dashes of every kind are one dash; other symbols ("/",
 *    brackets) are tokens of their own, NFKC-folded ("（" = "(").
 * Every token keeps its byte span in the source, so what matched can be
 * cut out of the original text verbatim.
 */
#ifndef COLETTE_TOKENS_H
#define COLETTE_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include "../buf.h"
#include "../colette.h"

typedef enum tkind {
  TK_WORD,  /* letters (a CJK character alone) */
  TK_NUM,   /* decimal digits, folded to ASCII */
  TK_COLON, /* : and its full-width and ratio forms */
  TK_DASH,  /* a dash standing alone */
  TK_SYM,   /* any other character kept: / ( ) & … */
  TK_SLOT   /* in a pattern: a parameter (see catalog.c) */
} tkind;

typedef struct token {
  tkind kind;
  bool cjk;          /* a Han, kana or hangul character */
  size_t start, end; /* bytes in the source */
  size_t fold, flen; /* the folded form, in the token list's arena */
  int slot;          /* TK_SLOT: the parameter's index */
  uint32_t hash;     /* of the kind and the folded form (0 for a slot): tokens that differ
                        mostly differ here, and the catalogue's index is keyed by it */
} token;

typedef struct tokens_folds tokens_folds;

typedef struct tokens {
  token *v;
  size_t n, cap;
  buf arena; /* folded forms, back to back (not NUL-separated) */
  /* borrowed, may be NULL: a table of the non-ASCII words' folded forms
   * to read and fill (ICU's folding is most of a cut's time on French or
   * Chinese text, and letters repeat their words); tokens_copy leaves
   * dst's as it is */
  tokens_folds *folds;
} tokens;

#define TOKENS_INIT                                                                                \
  { NULL, 0, 0, BUF_INIT, NULL }

/* What the cut does with a character: skips it (a space, punctuation
 * ignored, a control), or starts a token of some kind with it. */
typedef enum tchar { TC_SKIP, TC_CJK, TC_DIGIT, TC_LETTER, TC_COLON, TC_DASH, TC_SYM } tchar;
/* The class of c; icu: as ICU's properties give it, else through the
 * cut's own table for ASCII (the unit test checks that the two agree). */
tchar tokens_char_class(int32_t c, bool icu);

/* Cut s (UTF-8, n bytes; invalid bytes count as symbols) into t, which is
 * cleared first.  COLETTE_ERR_NOMEM or COLETTE_OK. */
colette_status tokens_scan(tokens *t, const char *s, size_t n);
/* Append a parameter slot (for patterns). */
colette_status tokens_push_slot(tokens *t, size_t at, int slot);
void tokens_free(tokens *t);
/* A table of folded words for tokens.folds (NULL if out of memory); a
 * table serves one thread at a time. */
tokens_folds *tokens_folds_new(void);
void tokens_folds_free(tokens_folds *f);
/* Make dst a copy of src (dst's memory reused).  COLETTE_ERR_NOMEM or
 * COLETTE_OK. */
colette_status tokens_copy(tokens *dst, const tokens *src);

/* The folded form of token i. */
static inline const char *tokens_fold(const tokens *t, size_t i) {
  return t->arena.data + t->v[i].fold;
}
/* The hash a token of kind k folded to s (n bytes) has. */
uint32_t tokens_hash(tkind k, const char *s, size_t n);
/* Do tokens a[i] and b[j] fold to the same thing? */
static inline bool tokens_equal(const tokens *a, size_t i, const tokens *b, size_t j) {
  const token *x = &a->v[i], *y = &b->v[j];
  return x->hash == y->hash && x->kind == y->kind && x->flen == y->flen &&
         memcmp(a->arena.data + x->fold, b->arena.data + y->fold, x->flen) == 0;
}

#endif
