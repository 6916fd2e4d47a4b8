/*
 * addresses.c: e-mail addresses, URLs and phone numbers in letter text,
 * found on its bytes before it is cut into tokens (see recognise.c).
 */
#include "addresses.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

/* ---- e-mail, URL, phone (on bytes) ----------------------------------------------------------- */

static bool email_char(char c) {
  return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
static bool domain_char(char c) { return isalnum((unsigned char)c) || c == '.' || c == '-'; }

/* An address's value from its bytes (s, n): an e-mail lower-cased (its
 * characters are ASCII), a URL with the scheme a "www." or bare host
 * leaves out.  As much as fits in dst (cap bytes, NUL-terminated); the
 * whole value's length. */
static size_t address_value(mkind kind, const char *s, size_t n, char *dst, size_t cap) {
  const char *pre = "";
  if (kind == M_URL && !(n >= 7 && strncmp(s, "http://", 7) == 0) &&
      !(n >= 8 && strncmp(s, "https://", 8) == 0))
    pre = "http://";
  size_t np = strlen(pre), whole = np + n, k = 0;
  for (size_t i = 0; i < whole && k + 1 < cap; i++, k++) {
    char c = i < np ? pre[i] : s[i - np];
    dst[k] = kind == M_EMAIL ? (char)tolower((unsigned char)c) : c;
  }
  if (k < whole) /* cut: at a character (an IRI's are not all ASCII) */
    while (k > 0 && ((unsigned char)(k < np ? pre[k] : s[k - np]) & 0xC0) == 0x80)
      k--;
  if (cap) dst[k] = '\0';
  return whole;
}

const char *match_value(const match *x, const char *text, buf *out) {
  if (x->kind != M_EMAIL && x->kind != M_URL) {
    buf_puts(out, x->a);
  } else {
    size_t n = x->end - x->start;
    size_t whole = address_value(x->kind, text + x->start, n, NULL, 0);
    if (buf_reserve(out, whole + 1)) {
      address_value(x->kind, text + x->start, n, out->data + out->len, whole + 1);
      out->len += whole;
    }
  }
  if (!buf_reserve(out, 0)) return NULL;
  out->data[out->len] = '\0';
  return out->data;
}

size_t rec_find_emails(const char *s, size_t n, match *out, size_t max) {
  size_t count = 0;
  for (size_t i = 0; i < n && count < max; i++) {
    if (s[i] != '@' || i == 0) continue;
    size_t a = i;
    while (a > 0 && email_char(s[a - 1]))
      a--;
    size_t b = i + 1;
    while (b < n && domain_char(s[b]))
      b++;
    while (b > i + 1 && (s[b - 1] == '.' || s[b - 1] == '-'))
      b--;
    const char *dot = memchr(s + i + 1, '.', b - i - 1);
    if (a == i || !dot || b - (size_t)(dot - s) < 3) continue;
    match *m = &out[count++];
    match_clear(m);
    m->kind = M_EMAIL;
    m->start = a;
    m->end = b;
    address_value(M_EMAIL, s + a, b - a, m->a, sizeof m->a);
    m->b[0] = '\0';
    i = b;
  }
  return count;
}

static bool url_stop(unsigned char c) {
  return c <= ' ' || c == '"' || c == '<' || c == '>' || c == ')' || c == ']' || c >= 0x80;
}

/* The length of the character at s (n bytes) when it goes on an IRI's
 * path or host ("…/wiki/Genève", "bücher.de/…"): a letter, digit or
 * combining mark of an alphabet; 0 for anything else.  Chinese, Japanese
 * and Korean text runs on after a URL with no space between
 * ("请访问https://www.itu.int/zh获取"), and punctuation (« », full-width
 * or not) closes it, so neither is part of one. */
static size_t iri_char(const char *s, size_t n) {
  int32_t i = 0, len = n > 4 ? 4 : (int32_t)n;
  UChar32 c;
  U8_NEXT((const uint8_t *)s, i, len, c);
  if (c < 0x80) return 0;
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &e);
  if (U_FAILURE(e)) return 0;
  bool mark = (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
  if (!(u_isalnum(c) || mark) || sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
      sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL || sc == USCRIPT_BOPOMOFO ||
      (sc == USCRIPT_COMMON && !mark) || sc == USCRIPT_UNKNOWN)
    return 0;
  return (size_t)i;
}

/* A host written without scheme or "www." that a path follows:
 * "itu.int/go/tsg12".  The host ends at the '/' at `slash`; its start, at
 * or after `from` (the last match's end), or SIZE_MAX.  Labels of letters,
 * digits and hyphens, two at least, the last (the top-level domain) of
 * two or more lower-case letters: "X.509/Amd.1" and "N.B./" are no host,
 * and nor is a piece of a longer path or address ("a/b.int/c", "x@y.int/"). */
static size_t bare_host(const char *s, size_t from, size_t slash) {
  size_t a = slash, tld = 0;
  bool dot = false;
  while (a > from && domain_char(s[a - 1])) {
    if (s[a - 1] == '.') {
      if (a == slash || s[a] == '.' || s[a] == '-') return SIZE_MAX; /* an empty label */
      if (!dot) tld = slash - a;
      dot = true;
    }
    a--;
  }
  if (!dot || a == slash || s[a] == '.' || s[a] == '-' || tld < 2) return SIZE_MAX;
  if (a > 0 && (s[a - 1] == '@' || s[a - 1] == '/' || s[a - 1] == ':' || s[a - 1] == '_'))
    return SIZE_MAX;
  for (size_t k = slash - tld; k < slash; k++)
    if (s[k] < 'a' || s[k] > 'z') return SIZE_MAX;
  return a;
}

size_t rec_find_urls(const char *s, size_t n, match *out, size_t max) {
  size_t count = 0, last = 0;
  for (size_t i = 0; i < n && count < max; i++) {
    /* (most bytes start nothing: h, w, or a '/' after a host) */
    if (s[i] != 'h' && s[i] != 'w' && s[i] != '/') continue;
    bool scheme = (n - i > 7 && strncmp(s + i, "http://", 7) == 0) ||
                  (n - i > 8 && strncmp(s + i, "https://", 8) == 0);
    bool www = n - i > 4 && strncmp(s + i, "www.", 4) == 0 &&
               (i == 0 || !isalnum((unsigned char)s[i - 1]));
    bool bare = false;
    size_t slash = i;
    if (s[i] == '/' && !scheme && !www) {
      size_t a = bare_host(s, last, i);
      if (a == SIZE_MAX) continue;
      i = a; /* back to the host's start: the walk resumes after the match */
      bare = true;
    }
    if (!scheme && !www && !bare) continue;
    size_t b = i, k;
    while (b < n) {
      if (!url_stop((unsigned char)s[b]))
        b++;
      else if ((unsigned char)s[b] >= 0x80 && (k = iri_char(s + b, n - b)) > 0)
        b += k;
      else
        break;
    }
    while (b > i && strchr(".,;:!?'", s[b - 1]))
      b--;
    if (b - i < 8) {
      if (bare) i = slash; /* on from the '/', not from the host again */
      continue;
    }
    match *m = &out[count++];
    match_clear(m);
    m->kind = M_URL;
    m->start = i;
    m->end = b;
    address_value(M_URL, s + i, b - i, m->a, sizeof m->a);
    m->b[0] = '\0';
    i = b;
    last = b;
  }
  return count;
}

size_t rec_find_phones(const char *s, size_t n, match *out, size_t max) {
  size_t count = 0;
  for (size_t i = 0; i + 1 < n && count < max; i++) {
    if (s[i] != '+' || !isdigit((unsigned char)s[i + 1])) continue;
    char digits[32];
    int nd = 0;
    size_t b = i + 1, last = i + 1;
    while (b < n) {
      if (s[b] == '(' && b + 2 < n && s[b + 1] == '0' && s[b + 2] == ')' && nd > 0) {
        /* "+41 (0)22 …": the trunk prefix dialled at home only, no digit of the
         * international number */
        b += 3;
        continue;
      }
      if (isdigit((unsigned char)s[b])) {
        if (nd < 31) digits[nd++] = s[b];
        last = b + 1;
      } else if (!(s[b] == ' ' || s[b] == '-' || s[b] == '.' || s[b] == '(' || s[b] == ')')) {
        break;
      } else if (b + 1 < n &&
                 !(isdigit((unsigned char)s[b + 1]) || s[b + 1] == '(' || s[b + 1] == ' ')) {
        break;
      }
      b++;
    }
    if (nd < 7) continue;
    digits[nd] = '\0';
    match *m = &out[count++];
    match_clear(m);
    m->kind = M_PHONE;
    m->start = i;
    m->end = last;
    snprintf(m->a, sizeof m->a, "+%s", digits);
    m->b[0] = '\0';
    i = last;
  }
  return count;
}
