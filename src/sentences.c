/*
 * sentences.c: ICU's sentence breaks with ICU's abbreviation exceptions
 * (sentences.h says why not ICU's own filtered iterator).
 *
 * The rules are SimpleFilteredSentenceBreakIterator's.  The exceptions
 * are split as its builder splits them: one with a full stop inside
 * ("Ph.D.", "U.S.A.") is a partial: its part up to that full stop goes
 * into the backward set (once for all the exceptions that share it), the
 * whole into the forward set, with any exception that is that part alone
 * ("Ph."); every other exception goes into the backward set whole.  At a
 * candidate break (one the plain breaker gives, not the end), one space
 * before it stepped over, the longest backward string the text ends with
 * there decides: none, the break stands; a whole exception, it goes; a
 * partial, the text from where it starts must be a forward string, read
 * as far as one of them could still go on.
 */
#include "sentences.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

typedef struct xstr {
  char *s; /* UTF-8, NUL-terminated */
  size_t n;
} xstr;

struct sentence_breaker {
  UBreakIterator *brk;
  xstr *ex; /* the exceptions, sorted, each once (as ICU's builder keeps them) */
  size_t nex;
  xstr *back;    /* the backward set: whole exceptions and partials' first parts */
  bool *partial; /* per back[]: a partial's first part */
  size_t nback;
  xstr *fwd; /* the forward set: partials whole */
  size_t nfwd;
};

static int by_str(const void *a, const void *b) {
  return strcmp(((const xstr *)a)->s, ((const xstr *)b)->s);
}

/* The exceptions of `locale` from ICU's break-iterator data (none is not
 * an error: the breaker then filters nothing). */
static bool load_exceptions(sentence_breaker *b, const char *locale) {
  UErrorCode u = U_ZERO_ERROR;
  UResourceBundle *root = ures_open(U_ICUDATA_NAME "-brkitr", locale, &u);
  UResourceBundle *ex = ures_getByKey(root, "exceptions", NULL, &u);
  UResourceBundle *list = ures_getByKey(ex, "SentenceBreak", NULL, &u);
  bool ok = true;
  if (U_SUCCESS(u)) {
    int32_t size = ures_getSize(list);
    b->ex = calloc(size > 0 ? (size_t)size : 1, sizeof *b->ex);
    ok = b->ex != NULL;
    for (int32_t i = 0; ok && i < size; i++) {
      int32_t len = 0, need = 0;
      UErrorCode v = U_ZERO_ERROR;
      const UChar *w = ures_getStringByIndex(list, i, &len, &v);
      if (U_FAILURE(v) || len == 0) continue;
      u_strToUTF8(NULL, 0, &need, w, len, &v);
      v = U_ZERO_ERROR;
      char *s = malloc((size_t)need + 1);
      if (!s) {
        ok = false;
        break;
      }
      u_strToUTF8(s, need + 1, NULL, w, len, &v);
      if (U_FAILURE(v)) {
        free(s);
        continue;
      }
      b->ex[b->nex++] = (xstr){s, (size_t)need};
    }
  }
  ures_close(list);
  ures_close(ex);
  ures_close(root);
  if (!ok) return false;
  /* a set, in code unit order (the builder's UStringSet; the data is
   * below U+D800, where UTF-8's byte order is UTF-16's) */
  if (b->nex) qsort(b->ex, b->nex, sizeof *b->ex, by_str);
  size_t k = 0;
  for (size_t i = 0; i < b->nex; i++) {
    if (k && strcmp(b->ex[k - 1].s, b->ex[i].s) == 0) {
      free(b->ex[i].s);
      continue;
    }
    b->ex[k++] = b->ex[i];
  }
  b->nex = k;
  return true;
}

/* The backward and forward sets, as SimpleFilteredBreakIteratorBuilder::
 * build makes its two tries; false when memory runs out. */
static bool split_exceptions(sentence_breaker *b) {
  enum { SUPPRESS_IN_REVERSE = 1, ADD_TO_FORWARD = 2 };
  size_t n = b->nex;
  unsigned char *partials = calloc(n ? n : 1, 1);
  b->back = calloc(2 * n + 1, sizeof *b->back);
  b->partial = calloc(2 * n + 1, sizeof *b->partial);
  b->fwd = calloc(n + 1, sizeof *b->fwd);
  bool ok = partials && b->back && b->partial && b->fwd;
  for (size_t i = 0; ok && i < n; i++) {
    const char *dot = strchr(b->ex[i].s, '.');
    if (!dot || (size_t)(dot - b->ex[i].s) + 1 == b->ex[i].n) continue;
    size_t nn = (size_t)(dot - b->ex[i].s) + 1; /* the part up to the full stop */
    /* those that share the part are next to i in the sorted set: ICU
     * compares i with every exception, to the same effect */
    size_t lo = i, hi = i + 1;
    while (lo > 0 && b->ex[lo - 1].n >= nn && memcmp(b->ex[i].s, b->ex[lo - 1].s, nn) == 0)
      lo--;
    while (hi < n && b->ex[hi].n >= nn && memcmp(b->ex[i].s, b->ex[hi].s, nn) == 0)
      hi++;
    long same_as = -1;
    for (size_t j = lo; j < hi; j++) {
      if (j == i) continue;
      if (partials[j] == 0)
        partials[j] = SUPPRESS_IN_REVERSE | ADD_TO_FORWARD;
      else if (partials[j] & SUPPRESS_IN_REVERSE)
        same_as = (long)j;
    }
    if (same_as == -1 && partials[i] == 0) {
      char *p = malloc(nn + 1);
      if (!(ok = p != NULL)) break;
      memcpy(p, b->ex[i].s, nn);
      p[nn] = '\0';
      b->partial[b->nback] = true;
      b->back[b->nback++] = (xstr){p, nn};
      partials[i] = SUPPRESS_IN_REVERSE | ADD_TO_FORWARD;
    }
  }
  for (size_t i = 0; ok && i < n; i++) {
    if (partials[i] == 0) {
      char *p = strdup(b->ex[i].s);
      if (!(ok = p != NULL)) break;
      b->back[b->nback++] = (xstr){p, b->ex[i].n};
    } else {
      b->fwd[b->nfwd++] = b->ex[i];
    }
  }
  free(partials);
  /* no string is in the backward set twice: a first part is added once
   * for all that share it, and an exception equal to one is forward */
  return ok;
}

void sentences_free(sentence_breaker *b) {
  if (!b) return;
  if (b->brk) ubrk_close(b->brk);
  for (size_t i = 0; i < b->nex; i++)
    free(b->ex[i].s);
  free(b->ex);
  for (size_t i = 0; b->back && i < b->nback; i++)
    free(b->back[i].s);
  free(b->back);
  free(b->partial);
  free(b->fwd); /* its strings are ex's */
  free(b);
}

sentence_breaker *sentences_new(const char *locale) {
  sentence_breaker *b = calloc(1, sizeof *b);
  if (!b) return NULL;
  UErrorCode u = U_ZERO_ERROR;
  b->brk = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &u);
  if (U_FAILURE(u) || !load_exceptions(b, locale) || !split_exceptions(b)) {
    if (U_FAILURE(u)) b->brk = NULL;
    sentences_free(b);
    return NULL;
  }
  return b;
}

/* Whether the forward set takes t[0..n), read as ICU reads it: on while
 * what is read is the beginning of a longer forward string, then taken
 * if what was read is one. */
static bool forward_match(const sentence_breaker *b, const char *t, size_t n) {
  size_t k = 0;
  for (;;) {
    bool exact = false, longer = false;
    if (k > 0)
      for (size_t i = 0; i < b->nfwd; i++) {
        if (b->fwd[i].n < k || memcmp(b->fwd[i].s, t, k) != 0) continue;
        if (b->fwd[i].n == k)
          exact = true;
        else
          longer = true;
      }
    else
      longer = exact = true; /* nothing read yet: ICU's INTERMEDIATE_VALUE */
    if (!longer) return exact;
    if (k == n) return exact; /* the text ends */
    size_t next = k + 1;      /* the next code point */
    while (next < n && ((unsigned char)t[next] & 0xC0) == 0x80)
      next++;
    k = next;
  }
}

/* Whether an exception holds at break n of s[0..len) (not its end). */
static bool exception_at(const sentence_breaker *b, const char *s, size_t len, size_t n) {
  size_t pos = n;
  if (pos > 0 && s[pos - 1] == ' ') pos--; /* "Mr. |Brown" */
  size_t best = SIZE_MAX, best_len = 0;
  for (size_t i = 0; i < b->nback; i++) {
    size_t l = b->back[i].n;
    if (l > best_len && l <= pos && memcmp(s + pos - l, b->back[i].s, l) == 0) {
      best = i;
      best_len = l;
    }
  }
  if (best == SIZE_MAX) return false;
  if (!b->partial[best]) return true;
  if (!b->nfwd) return false;
  size_t start = pos - best_len;
  return forward_match(b, s + start, len - start);
}

size_t sentences_cut(sentence_breaker *b, const char *s, size_t n, size_t *cut, size_t max) {
  UErrorCode u = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, s, (int64_t)n, &u);
  ubrk_setUText(b->brk, &ut, &u);
  if (U_FAILURE(u)) {
    utext_close(&ut);
    return 0;
  }
  size_t k = 0;
  for (int32_t at = ubrk_first(b->brk); at != UBRK_DONE; at = ubrk_next(b->brk)) {
    if (at > 0 && (size_t)at < n && b->nback && exception_at(b, s, n, (size_t)at)) continue;
    if (k == max) {
      k = max + 1;
      break;
    }
    cut[k++] = (size_t)at;
  }
  utext_close(&ut);
  return k;
}
