/*
 * streamsafe.h: Unicode's Stream-Safe Text Format (UAX #15 §13), private.
 *
 * Canonical reordering sorts each run of non-starters (characters of
 * combining class other than 0).  ICU sorts by insertion, so a run of
 * thousands of combining marks out of canonical order takes time in the
 * square of its length.  No text needs more than a handful of marks on one
 * letter; UAX #15 bounds runs at 30 non-starters: its Stream-Safe Text
 * Process inserts U+034F COMBINING GRAPHEME JOINER (CGJ, combining class
 * 0, invisible, no effect on rendering) before a non-starter that would
 * make a run longer.  Runs are counted on the NFKD decomposition of each
 * character, so the bound holds for every normalization form; normalizing
 * stream-safe text gives stream-safe text, and text within the bound is
 * left as it is.
 */
#ifndef COLETTE_STREAMSAFE_H
#define COLETTE_STREAMSAFE_H

#include <stdint.h>
#include <unicode/utypes.h>

#define STREAM_SAFE_MAX 30    /* non-starters in a run, at most */
#define STREAM_SAFE_CGJ 0x034F /* what is inserted */

/*
 * The Stream-Safe Text Process over the UTF-16 text s (n units): returns
 * how many CGJs it inserts (0: s is stream-safe as it is).  When dst is not
 * NULL it receives s with them (room for n plus that count; dst must not
 * overlap s).  Text is left as it is if ICU's NFKD data cannot be loaded.
 */
int32_t stream_safe(const UChar *s, int32_t n, UChar *dst);

/* Where the process inserts its first CGJ in s (n units): the length of
 * the stream-safe text before it, or n.  Going on from there (with a CGJ,
 * or cutting the text) goes on with the process. */
int32_t stream_safe_span(const UChar *s, int32_t n);

#endif
