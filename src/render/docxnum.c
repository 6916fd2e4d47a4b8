/*
 * docxnum.c: the numbering definition that displays a list's labels
 * (docxnum_infer), checked by counting the list as Word does.
 */
#include "docxnum.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A number in a label: its bytes, and what it can be read as. */
typedef struct tok {
  size_t at, len;
  bool dec, letter, roman, upper;
  long v_dec, v_letter, v_roman;
} tok;

#define MAX_TOKENS 16

static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* A roman numeral's value (1-3999) when s[0..n) is one written the usual
 * way ("iv", not "iiii"), else 0. */
static long roman_value(const char *s, size_t n) {
  static const char *const ONES[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
  static const char *const TENS[] = {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"};
  static const char *const HUNDREDS[] = {"",  "c",  "cc",  "ccc",  "cd",
                                         "d", "dc", "dcc", "dccc", "cm"};
  char low[32];
  if (n == 0 || n >= sizeof low) return 0;
  for (size_t i = 0; i < n; i++)
    low[i] = is_upper(s[i]) ? (char)(s[i] - 'A' + 'a') : s[i];
  low[n] = '\0';
  for (long v = 1; v < 4000; v++) {
    char w[32];
    snprintf(w, sizeof w, "%.*s%s%s%s", (int)(v / 1000), "mmm", HUNDREDS[v / 100 % 10],
             TENS[v / 10 % 10], ONES[v % 10]);
    if (strcmp(w, low) == 0) return v;
  }
  return 0;
}

/* The numbers of a label, in order; SIZE_MAX when there are too many or
 * one is too long to count. */
static size_t tokens(const char *s, tok *t) {
  size_t n = 0, len = strlen(s);
  for (size_t i = 0; i < len;) {
    size_t j = i;
    tok k;
    memset(&k, 0, sizeof k);
    if (is_digit(s[i])) {
      while (j < len && is_digit(s[j]))
        j++;
      if (j - i > 9) return SIZE_MAX;
      k.dec = true;
      k.v_dec = strtol(s + i, NULL, 10);
    } else if (is_lower(s[i]) || is_upper(s[i])) {
      while (j < len && (is_lower(s[j]) || is_upper(s[j])))
        j++;
      bool upper = is_upper(s[i]), same_case = true, same_letter = true;
      for (size_t q = i; q < j; q++) {
        same_case &= upper ? is_upper(s[q]) : is_lower(s[q]);
        same_letter &= s[q] == s[i];
      }
      if (same_case) {
        k.upper = upper;
        /* a, b … z, aa, bb …: Word's letters */
        k.letter = same_letter && j - i <= 20;
        k.v_letter = (long)(j - i - 1) * 26 + (upper ? s[i] - 'A' : s[i] - 'a') + 1;
        k.v_roman = roman_value(s + i, j - i);
        k.roman = k.v_roman > 0;
      }
      if (!k.letter && !k.roman) { /* a word: literal text */
        i = j;
        continue;
      }
    } else {
      i++;
      continue;
    }
    if (n == MAX_TOKENS) return SIZE_MAX;
    k.at = i;
    k.len = j - i;
    t[n++] = k;
    i = j;
  }
  return n;
}

/* Bytes of the first UTF-8 character of s. */
static size_t char_len(const char *s) {
  unsigned char c = (unsigned char)*s;
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  for (size_t i = 1; i < n; i++)
    if (!s[i]) return i;
  return n;
}

/* A label made only of a Symbol-font character (U+F000–U+F0FF, as Word
 * stores the Symbol bullet U+F0B7)? */
static bool symbol_char(const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  return u[0] == 0xEF && (u[1] == 0x80 || u[1] == 0x81 || u[1] == 0x82 || u[1] == 0x83) && u[2] &&
         !u[3];
}

/* The format a token is read in; `flip` reads an ambiguous one (i, c, ii:
 * both a letter and a roman numeral) the other way. */
static const char *tok_format(const tok *t, bool flip, long *value) {
  bool roman = t->roman && !t->letter;
  if (t->roman && t->letter) {
    /* "i" and "ii" start roman lists; "c" and "d" are letters after b */
    roman = t->len > 1 || t->v_roman == 1;
    if (flip) roman = !roman;
  }
  if (t->dec) {
    *value = t->v_dec;
    return "decimal";
  }
  if (roman) {
    *value = t->v_roman;
    return t->upper ? "upperRoman" : "lowerRoman";
  }
  *value = t->v_letter;
  return t->upper ? "upperLetter" : "lowerLetter";
}

/* One attempt; *ambiguous says whether flipping could change it. */
static bool infer_once(const docxnum_item *items, size_t n, bool flip, docxnum *out,
                       bool *ambiguous) {
  memset(out, 0, sizeof *out);
  bool texted[DOCXNUM_LEVELS] = {false};
  for (size_t i = 0; i < n; i++) {
    int k = items[i].level - 1;
    if (k < 0 || k >= DOCXNUM_LEVELS || !items[i].label) return false;
    if (texted[k]) continue;
    const char *s = items[i].label;
    docxnum_level *lv = &out->lv[k];
    if (strchr(s, '%')) return false; /* lvlText would read it as a number */
    tok t[MAX_TOKENS];
    size_t nt = tokens(s, t);
    if (nt == SIZE_MAX || nt > (size_t)k + 1) return false;
    texted[k] = true;
    lv->used = true;
    if (nt == 0) { /* a bullet, or a label that is text */
      if (strlen(s) >= sizeof lv->text) return false;
      bool one = *s && !s[char_len(s)];
      snprintf(lv->fmt, sizeof lv->fmt, "%s", one ? "bullet" : "none");
      snprintf(lv->text, sizeof lv->text, "%s", s);
      lv->symbol = symbol_char(s);
      lv->start = 1;
      continue;
    }
    buf text = BUF_INIT;
    size_t at = 0;
    bool fits = true;
    int j0 = k - (int)nt + 1;
    for (size_t q = 0; q < nt && fits; q++) {
      int j = j0 + (int)q;
      long v;
      *ambiguous |= t[q].letter && t[q].roman;
      const char *f = tok_format(&t[q], flip, &v);
      buf_append(&text, s + at, t[q].at - at);
      buf_printf(&text, "%%%d", j + 1);
      at = t[q].at + t[q].len;
      docxnum_level *up = &out->lv[j];
      if (j == k || !up->used) { /* this level's own number, or a level not seen yet */
        up->used = true;
        snprintf(up->fmt, sizeof up->fmt, "%s", f);
        up->start = v;
        if (j != k) snprintf(up->text, sizeof up->text, "%%%d.", j + 1);
      } else if (strcmp(up->fmt, f) != 0) {
        /* "1.1" under "a)": only w:isLgl writes %1 in decimal there, and
         * LibreOffice (7.4) ignores it ("a.1"): no definition, then */
        fits = false;
      }
    }
    buf_puts(&text, s + at);
    fits = fits && buf_ok(&text) && text.len < sizeof lv->text;
    if (fits) snprintf(lv->text, sizeof lv->text, "%s", text.data ? text.data : "");
    buf_free(&text);
    if (!fits) return false;
  }
  return true;
}

bool docxnum_infer(numfmt_cache *fmt, const docxnum_item *items, size_t n, docxnum *out) {
  if (n == 0) return false;
  bool ambiguous = false;
  if (infer_once(items, n, false, out, &ambiguous) && docxnum_check(fmt, out, items, n))
    return true;
  if (!ambiguous) return false;
  return infer_once(items, n, true, out, &ambiguous) && docxnum_check(fmt, out, items, n);
}

bool docxnum_check(numfmt_cache *fmt, const docxnum *def, const docxnum_item *items, size_t n) {
  long value[DOCXNUM_LEVELS] = {0};
  bool set[DOCXNUM_LEVELS] = {false};
  buf b = BUF_INIT;
  bool ok = true;
  for (size_t i = 0; i < n && ok; i++) {
    int k = items[i].level - 1;
    if (k < 0 || k >= DOCXNUM_LEVELS || !def->lv[k].used || !items[i].label) {
      ok = false;
      break;
    }
    const docxnum_level *lv = &def->lv[k];
    /* Word's counters: up by one, or the start; the levels below start again */
    if (set[k])
      value[k]++;
    else
      value[k] = lv->start;
    set[k] = true;
    for (int d = k + 1; d < DOCXNUM_LEVELS; d++)
      set[d] = false;
    buf_clear(&b);
    if (strcmp(lv->fmt, "bullet") == 0) {
      buf_puts(&b, lv->text);
    } else {
      for (const char *p = lv->text; *p; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
          int j = p[1] - '1';
          const docxnum_level *lj = &def->lv[j];
          if (!lj->used) {
            ok = false;
            break;
          }
          long v = set[j] ? value[j] : lj->start;
          const char *f = strcmp(lj->fmt, "bullet") == 0 ? "decimal" : lj->fmt;
          numfmt_format(fmt, f, v, items[i].lang, NULL, &b);
          p++;
        } else {
          buf_putc(&b, *p);
        }
      }
    }
    const char *want = items[i].label;
    ok =
        ok && buf_ok(&b) && b.len == strlen(want) && memcmp(b.data ? b.data : "", want, b.len) == 0;
  }
  buf_free(&b);
  return ok;
}
