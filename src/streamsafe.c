/* streamsafe.c: the Stream-Safe Text Process of UAX #15 §13. */
#include "streamsafe.h"

#include <stdbool.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

/* The non-starters at the start and at the end of c's NFKD decomposition;
 * *all when it holds nothing else (and then *lead is their count). */
static void nonstarters(const UNormalizer2 *nfkd, UChar32 c, int32_t *lead, int32_t *trail,
                        bool *all) {
  UChar d[32];
  UErrorCode e = U_ZERO_ERROR;
  /* an inert character (most of CJK) has no decomposition and is a
   * starter: what the lookup below would find, for less */
  if (c >= 0xA0 && unorm2_isInert(nfkd, c)) {
    *lead = *trail = 0;
    *all = false;
    return;
  }
  int32_t len = c < 0xA0 ? -1 : unorm2_getDecomposition(nfkd, c, d, 32, &e);
  if (U_FAILURE(e) || len < 0) { /* no decomposition (or none this long: all starters) */
    bool ns = c >= 0x300 && u_getCombiningClass(c) != 0;
    *lead = *trail = ns;
    *all = ns;
    return;
  }
  int32_t cps = 0, l = 0, t = 0;
  bool in_lead = true;
  for (int32_t i = 0; i < len;) {
    UChar32 x;
    U16_NEXT(d, i, len, x);
    cps++;
    if (u_getCombiningClass(x) != 0) {
      t++;
      if (in_lead) l++;
    } else {
      t = 0;
      in_lead = false;
    }
  }
  *lead = l;
  *trail = t;
  *all = l == cps;
}

int32_t stream_safe_span(const UChar *s, int32_t n) {
  UErrorCode e = U_ZERO_ERROR;
  const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&e);
  if (U_FAILURE(e)) return n;
  int32_t count = 0;
  for (int32_t i = 0; i < n;) {
    int32_t at = i;
    UChar32 c;
    U16_NEXT(s, i, n, c);
    int32_t lead, trail;
    bool all;
    nonstarters(nfkd, c, &lead, &trail, &all);
    if (count > 0 && count + lead > STREAM_SAFE_MAX) return at;
    count = all ? count + lead : trail;
  }
  return n;
}

int32_t stream_safe(const UChar *s, int32_t n, UChar *dst) {
  int32_t inserted = 0, w = 0;
  for (int32_t i = 0; i < n;) {
    int32_t k = stream_safe_span(s + i, n - i);
    if (dst) {
      for (int32_t j = 0; j < k; j++)
        dst[w++] = s[i + j];
      if (i + k < n) dst[w++] = STREAM_SAFE_CGJ;
    }
    i += k;
    if (i < n) inserted++;
  }
  return inserted;
}
