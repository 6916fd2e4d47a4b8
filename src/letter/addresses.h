/*
 * addresses.h: the recogniser's finders that work on bytes (private to
 * recognise.c): each writes the matches it finds in s[0..n), left to
 * right and apart, into out (at most max) and returns how many.
 */
#ifndef COLETTE_LETTER_ADDRESSES_H
#define COLETTE_LETTER_ADDRESSES_H

#include <stddef.h>

#include "recognise.h"

size_t rec_find_emails(const char *s, size_t n, match *out, size_t max);
size_t rec_find_urls(const char *s, size_t n, match *out, size_t max);
size_t rec_find_phones(const char *s, size_t n, match *out, size_t max);

#endif
