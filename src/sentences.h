/*
 * sentences.h: sentence boundaries as ICU's "en@ss=standard" iterator
 * gives them (private).
 *
 * ICU's sentence breaker with its abbreviation filter (ss=standard: no
 * break after "Mr.", "e.g.", "U.S.A." and the rest of CLDR's list) is
 * built, trie by trie, every time one is opened: 2.2 million instructions
 * and a fifth of a context.  This is the same filter over ICU's plain
 * sentence breaker, with the same list read from ICU's break-iterator data
 * and applied by the rules of ICU's SimpleFilteredSentenceBreakIterator
 * (i18n/filteredbrk.cpp), as a handful of short string comparisons at each
 * candidate break.  A unit test holds the two to the same boundaries.
 */
#ifndef COLETTE_SENTENCES_H
#define COLETTE_SENTENCES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sentence_breaker sentence_breaker;

/* A breaker for `locale` (its exceptions from ICU's data, by fallback),
 * or NULL when ICU has no sentence rules for it or memory runs out. */
sentence_breaker *sentences_new(const char *locale);
void sentences_free(sentence_breaker *s);

/*
 * The boundaries of the UTF-8 text s[0..n): 0, each sentence's end, n, at
 * most `max` of them into cut; returns how many were written, or max + 1
 * when there are more (then cut holds the first max).  0 on an ICU
 * failure.  A breaker serves one thread at a time.
 */
size_t sentences_cut(sentence_breaker *b, const char *s, size_t n, size_t *cut, size_t max);

#endif
