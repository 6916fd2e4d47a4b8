/* hash.h: FNV-1a, the one string hash colette's tables use (private). */
#ifndef COLETTE_HASH_H
#define COLETTE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_SEED 2166136261u /* FNV-1a's offset basis */

/* The FNV-1a hash of s's n bytes, from h (HASH_SEED, or a seed mixed
 * from it: tokens_hash mixes in a token's kind). */
static inline uint32_t hash_bytes(uint32_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

#endif
