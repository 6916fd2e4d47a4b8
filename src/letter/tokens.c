/* tokens.c: cutting and folding letter text for the catalogue's matcher. */
#include "tokens.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "../error.h"
#include "../hash.h"
#include "../streamsafe.h"

/* A direct-mapped table of folded words, keyed by their bytes: an entry
 * is replaced by the next word whose hash lands on it. */
#define FOLDS 1024
#define FOLD_KEY 40
#define FOLD_VAL 40
struct tokens_folds {
  struct fold_entry {
    unsigned char klen, vlen; /* 0: empty */
    char key[FOLD_KEY], val[FOLD_VAL];
  } e[FOLDS];
};

tokens_folds *tokens_folds_new(void) { return calloc(1, sizeof(tokens_folds)); }
void tokens_folds_free(tokens_folds *f) { free(f); }

void tokens_free(tokens *t) {
  free(t->v);
  buf_free(&t->arena);
  memset(t, 0, sizeof *t);
}

colette_status tokens_copy(tokens *dst, const tokens *src) {
  if (src->n > dst->cap) {
    token *v = realloc(dst->v, src->n * sizeof *v);
    if (!v) return COLETTE_ERR_NOMEM;
    dst->v = v;
    dst->cap = src->n;
  }
  if (src->n) memcpy(dst->v, src->v, src->n * sizeof *dst->v);
  dst->n = src->n;
  buf_clear(&dst->arena);
  buf_append(&dst->arena, src->arena.data, src->arena.len);
  return buf_ok(&dst->arena) ? COLETTE_OK : COLETTE_ERR_NOMEM;
}

static bool push(tokens *t, token k) {
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 64;
    token *v = realloc(t->v, cap * sizeof *v);
    if (!v) return false;
    t->v = v;
    t->cap = cap;
  }
  t->v[t->n++] = k;
  return true;
}

colette_status tokens_push_slot(tokens *t, size_t at, int slot) {
  token k = {TK_SLOT, false, at, at, 0, 0, slot, 0};
  return push(t, k) ? COLETTE_OK : COLETTE_ERR_NOMEM;
}

static bool is_cjk(UChar32 c) {
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &e);
  return U_SUCCESS(e) && (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA ||
                          s == USCRIPT_HANGUL || s == USCRIPT_BOPOMOFO);
}

static bool is_letter(UChar32 c) {
  int8_t t = u_charType(c);
  return (t >= U_UPPERCASE_LETTER && t <= U_OTHER_LETTER) || t == U_NON_SPACING_MARK ||
         t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

static bool is_colon(UChar32 c) {
  return c == ':' || c == 0xFF1A || c == 0xFE55 || c == 0xFE13 || c == 0x2236;
}

static bool is_dash(UChar32 c) { return u_charType(c) == U_DASH_PUNCTUATION || c == 0x2212; }

/* Punctuation that ends an abbreviation, a clause or a quotation, or marks
 * a list: ignored when matching. */
static bool is_soft(UChar32 c) {
  int8_t t = u_charType(c);
  if (t == U_INITIAL_PUNCTUATION || t == U_FINAL_PUNCTUATION) return true;
  if (t != U_OTHER_PUNCTUATION) return false;
  return !(c == '/' || c == '\\' || c == '&' || c == '@' || c == '#' || c == '%' || c == '*' ||
           c == 0xFF0F || c == 0xFF06 || c == 0xFF20 || c == 0xFF03 || c == 0xFF05 || c == 0xFF0A ||
           is_colon(c));
}

/* Fold one stream-safe piece of text (see fold_u16). */
static bool fold_piece(buf *arena, const UChar *u, int32_t n) {
  UChar small1[128], small2[256];
  UChar *a = small1, *b = small2;
  int32_t cap_a = 128, cap_b = 256;
  bool ok = false;
  UErrorCode e = U_ZERO_ERROR;
  const UNormalizer2 *cf = unorm2_getNFKCCasefoldInstance(&e);
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
  if (U_FAILURE(e)) return false;
  /* text already in a normal form (most words: a Chinese character, a
   * French word without accents) is its own normalization, which a quick
   * check tells without building it */
  const UChar *fa = u, *fb;
  int32_t la = n, lb;
  if (unorm2_quickCheck(cf, u, n, &e) != UNORM_YES) {
    e = U_ZERO_ERROR;
    la = unorm2_normalize(cf, u, n, a, cap_a, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) {
      e = U_ZERO_ERROR;
      cap_a = la + 1;
      if (!(a = malloc(sizeof *a * (size_t)cap_a))) goto done;
      la = unorm2_normalize(cf, u, n, a, cap_a, &e);
    }
    fa = a;
  }
  if (U_FAILURE(e)) goto done;
  fb = fa;
  lb = la;
  if (unorm2_quickCheck(nfd, fa, la, &e) != UNORM_YES) {
    e = U_ZERO_ERROR;
    lb = unorm2_normalize(nfd, fa, la, b, cap_b, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) {
      e = U_ZERO_ERROR;
      cap_b = lb + 1;
      if (!(b = malloc(sizeof *b * (size_t)cap_b))) goto done;
      lb = unorm2_normalize(nfd, fa, la, b, cap_b, &e);
    }
    fb = b;
  }
  if (U_FAILURE(e)) goto done;
  /* drop the marks, and write UTF-8 */
  for (int32_t i = 0; i < lb;) {
    UChar32 c;
    U16_NEXT(fb, i, lb, c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    char o[4];
    int32_t k = 0;
    UBool err = false;
    U8_APPEND(o, k, 4, c, err);
    if (!err) buf_append(arena, o, (size_t)k);
  }
  ok = buf_ok(arena);
done:
  if (a != small1) free(a);
  if (b != small2) free(b);
  return ok;
}

/* Fold the UTF-16 text u (n units) into the arena: NFKC case folding, then
 * combining marks removed (through NFD), as UTF-8.  A run of combining marks
 * is folded in pieces of at most 30 (UAX #15's Stream-Safe Text Format): the
 * normalizers reorder a run by insertion, and case folding would drop the
 * joiner colette-normalize puts between pieces (a default ignorable). */
static bool fold_u16(buf *arena, const UChar *u, int32_t n) {
  for (int32_t k = 0; (k = stream_safe_span(u, n)) < n; u += k, n -= k)
    if (!fold_piece(arena, u, k)) return false;
  return fold_piece(arena, u, n);
}

static bool fold_span_icu(buf *arena, const char *s, size_t from, size_t to, const size_t *drop,
                          size_t ndrop);

/* Fold source bytes [from, to) of s, skipping the positions in `drop`
 * (intra-word hyphens), into t's arena: ASCII in place, a word met before
 * from t's table, anything else through ICU. */
static bool fold_span(tokens *t, const char *s, size_t from, size_t to, const size_t *drop,
                      size_t ndrop) {
  buf *arena = &t->arena;
  bool ascii = true;
  for (size_t i = from; i < to && ascii; i++)
    ascii = (unsigned char)s[i] < 0x80;
  if (ascii) { /* written in place: most words are ASCII */
    if (!buf_reserve(arena, to - from)) return false;
    char *o = arena->data + arena->len;
    size_t d = 0;
    for (size_t i = from; i < to; i++) {
      if (d < ndrop && drop[d] == i) {
        d++;
        continue;
      }
      char ch = s[i];
      *o++ = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    arena->len = (size_t)(o - arena->data);
    arena->data[arena->len] = '\0';
    return true;
  }
  size_t klen = to - from;
  if (!t->folds || ndrop || klen > FOLD_KEY) return fold_span_icu(arena, s, from, to, drop, ndrop);
  struct fold_entry *e = &t->folds->e[hash_bytes(HASH_SEED, s + from, klen) % FOLDS];
  if (e->klen == klen && memcmp(e->key, s + from, klen) == 0) {
    buf_append(arena, e->val, e->vlen);
    return buf_ok(arena);
  }
  size_t at = arena->len;
  if (!fold_span_icu(arena, s, from, to, drop, ndrop)) return false;
  size_t vlen = arena->len - at;
  if (vlen <= FOLD_VAL) {
    e->klen = (unsigned char)klen;
    memcpy(e->key, s + from, klen);
    e->vlen = (unsigned char)vlen;
    memcpy(e->val, arena->data + at, vlen);
  }
  return true;
}

/* fold_span's ICU path (the span has a non-ASCII character). */
static bool fold_span_icu(buf *arena, const char *s, size_t from, size_t to, const size_t *drop,
                          size_t ndrop) {
  UChar small[256];
  UChar *u = small;
  size_t cap = 256;
  if (to - from + 1 > cap) {
    cap = to - from + 1;
    if (!(u = malloc(sizeof *u * cap))) return false;
  }
  int32_t n = 0, i = (int32_t)from, end = (int32_t)to;
  size_t d = 0;
  while (i < end) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, end, c);
    while (d < ndrop && drop[d] < (size_t)at)
      d++;
    if (d < ndrop && drop[d] == (size_t)at) continue;
    if (c < 0) c = 0xFFFD;
    U16_APPEND_UNSAFE(u, n, c);
  }
  bool ok = fold_u16(arena, u, n);
  if (u != small) free(u);
  return ok;
}

/* What the cut does with a character, as ICU's properties say (the order
 * of the tests is the cut's: a space before a letter, a CJK letter before
 * any other). */
static tchar char_class_icu(UChar32 c) {
  if (u_isUWhiteSpace(c) || u_charType(c) == U_SPACE_SEPARATOR || c == '\t') return TC_SKIP;
  if (is_soft(c) || u_charType(c) == U_CONTROL_CHAR || u_charType(c) == U_FORMAT_CHAR)
    return TC_SKIP;
  if (is_cjk(c) && is_letter(c)) return TC_CJK;
  if (u_isdigit(c)) return TC_DIGIT;
  if (is_letter(c)) return TC_LETTER;
  if (is_colon(c)) return TC_COLON;
  if (is_dash(c)) return TC_DASH;
  return TC_SYM;
}

/* The same for ASCII, without asking ICU: most letters' text is ASCII, and
 * asking ICU five times a character was most of the cut's time.
 * test_catalog.c checks every entry against char_class_icu. */
#define S TC_SKIP
#define L TC_LETTER
#define D TC_DIGIT
#define Y TC_SYM
static const unsigned char ASCII_CLASS[128] = {
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* controls, tab, newline */
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* controls */
    S, S, S, Y, Y, Y, Y, S, Y, Y, Y, Y, S, TC_DASH, S, Y, /* space ! " # $ % & ' ( ) * + , - . / */
    D, D, D, D, D, D, D, D, D, D, TC_COLON, S, Y, Y, Y, S, /* 0-9 : ; < = > ? */
    Y, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* @ A-O */
    L, L, L, L, L, L, L, L, L, L, L, Y, Y, Y, Y, Y, /* P-Z [ \ ] ^ _ */
    Y, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* ` a-o */
    L, L, L, L, L, L, L, L, L, L, L, Y, Y, Y, Y, S  /* p-z { | } ~ DEL */
};
#undef S
#undef L
#undef D
#undef Y

static inline tchar char_class(UChar32 c) {
  return c >= 0 && c < 0x80 ? (tchar)ASCII_CLASS[c] : char_class_icu(c);
}

tchar tokens_char_class(UChar32 c, bool icu) { return icu ? char_class_icu(c) : char_class(c); }

colette_status tokens_scan(tokens *t, const char *s, size_t n) {
  t->n = 0;
  buf_clear(&t->arena);
  size_t *drop = NULL, ndrop = 0, capdrop = 0;
  colette_status st = COLETTE_OK;
  int32_t i = 0, len = (int32_t)n;
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) {
      token k = {TK_SYM, false, (size_t)start, (size_t)i, t->arena.len, 0, 0, 0};
      buf_puts(&t->arena, "\xEF\xBF\xBD");
      k.flen = t->arena.len - k.fold;
      if (!push(t, k)) goto nomem;
      continue;
    }
    tchar cls = char_class(c);
    if (cls == TC_SKIP) continue;
    token k = {TK_SYM, false, (size_t)start, (size_t)i, t->arena.len, 0, 0, 0};
    if (cls == TC_CJK) {
      k.kind = TK_WORD;
      k.cjk = true;
    } else if (cls == TC_DIGIT) {
      k.kind = TK_NUM;
      int32_t j = i;
      while (j < len) {
        int32_t at = j;
        UChar32 d;
        U8_NEXT(s, j, len, d);
        if (d < 0 || !(d < 0x80 ? ASCII_CLASS[d] == TC_DIGIT : u_isdigit(d))) {
          j = at;
          break;
        }
        i = j;
      }
      k.end = (size_t)i;
      for (int32_t p = start; p < i;) {
        UChar32 d;
        U8_NEXT(s, p, i, d);
        buf_putc(&t->arena, (char)(d < 0x80 ? d : '0' + u_charDigitValue(d)));
      }
      k.flen = t->arena.len - k.fold;
      if (!buf_ok(&t->arena) || !push(t, k)) goto nomem;
      continue;
    } else if (cls == TC_LETTER) {
      k.kind = TK_WORD;
      ndrop = 0;
      /* the word goes on through letters, and through a hyphen between letters */
      for (;;) {
        int32_t at = i;
        if (i >= len) break;
        UChar32 d;
        U8_NEXT(s, i, len, d);
        if (d >= 0 && d < 0x80) { /* ASCII: a letter, or maybe a hyphen */
          if (ASCII_CLASS[d] == TC_LETTER) continue;
          if (ASCII_CLASS[d] != TC_DASH) {
            i = at;
            break;
          }
        } else if (d >= 0 && is_letter(d) && !is_cjk(d)) {
          continue;
        }
        if (d >= 0 && (d < 0x80 || is_dash(d)) && i < len) {
          int32_t j = i;
          UChar32 e2;
          U8_NEXT(s, j, len, e2);
          if (e2 >= 0 && (e2 < 0x80 ? ASCII_CLASS[e2] == TC_LETTER : is_letter(e2) && !is_cjk(e2))) {
            if (ndrop == capdrop) {
              size_t cap = capdrop ? capdrop * 2 : 8;
              size_t *v = realloc(drop, cap * sizeof *v);
              if (!v) goto nomem;
              drop = v;
              capdrop = cap;
            }
            drop[ndrop++] = (size_t)at;
            continue;
          }
        }
        i = at;
        break;
      }
      k.end = (size_t)i;
    } else if (cls == TC_COLON) {
      k.kind = TK_COLON;
      buf_putc(&t->arena, ':');
      k.flen = 1;
      if (!buf_ok(&t->arena) || !push(t, k)) goto nomem;
      continue;
    } else if (cls == TC_DASH) {
      k.kind = TK_DASH;
      buf_putc(&t->arena, '-');
      k.flen = 1;
      if (!buf_ok(&t->arena) || !push(t, k)) goto nomem;
      continue;
    }
    if (!fold_span(t, s, k.start, k.end, k.kind == TK_WORD ? drop : NULL,
                   k.kind == TK_WORD ? ndrop : 0))
      goto nomem;
    k.flen = t->arena.len - k.fold;
    if (k.flen == 0) continue; /* folded to nothing (a lone combining mark) */
    if (!push(t, k)) goto nomem;
  }
  free(drop);
  for (size_t x = 0; x < t->n; x++)
    t->v[x].hash = tokens_hash(t->v[x].kind, tokens_fold(t, x), t->v[x].flen);
  return st;
nomem:
  free(drop);
  return COLETTE_ERR_NOMEM;
}

uint32_t tokens_hash(tkind k, const char *s, size_t n) {
  return hash_bytes(HASH_SEED ^ (uint32_t)k, s, n);
}
