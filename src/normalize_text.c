/*
 * normalize_text.c: colette-normalize's text rules over one paragraph.
 *
 * Inside a paragraph, text is worked on as one array of code points that
 * runs across inline elements (spans, links, fields), so that "24 " +
 * "August" split over runs is seen as one text; tabs, breaks, pictures and
 * nested blocks sit in the array as boundaries.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "normalize.h"
#include "streamsafe.h"

/* ---- text rules ------------------------------------------------------------------------- */

static bool is_debris(UChar32 c) {
  return c == 0x200B || c == 0xFEFF || c == 0x00AD || c == 0x2060 || c == 0x180E ||
         (c >= 0x80 && c <= 0x9F) || (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F;
}

static bool is_bidi_mark(UChar32 c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static bool is_nbsp(UChar32 c) { return c == 0x00A0 || c == 0x202F || c == 0x2007; }

static bool is_space(UChar32 c) {
  if (c < 0xA0) return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D;
  return (c >= 0x2000 && c <= 0x200A) || c == 0x205F || c == 0x3000 || is_nbsp(c);
}

static bool ascii_alnum(UChar32 c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Latin letters and digits in either width (full-width ones may not have
 * been made half-width yet when a neighbour is judged). */
static bool latin_alnum(UChar32 c) {
  return ascii_alnum(c) || (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}
static bool latin_letter(UChar32 c) { return latin_alnum(c) && !u_isdigit(c); }

/* Live neighbours: the nearest code point not removed, or -1. */
static long prev_live(norm *n, long i) {
  for (i--; i >= 0; i--)
    if (!n->cps[i].dead) return i;
  return -1;
}
static long next_live(norm *n, long i) {
  for (i++; i < (long)n->ncps; i++)
    if (!n->cps[i].dead) return i;
  return -1;
}
static UChar32 at(norm *n, long i) { return i >= 0 && n->cps[i].kind == 0 ? n->cps[i].c : 0; }

/* A code point's neighbours, as the no-break space rule reads them:
 * the nearest live code points, the nearest live ones that are not white
 * space, and how many live digits run from it (at most 4).  Found for the
 * whole paragraph in two passes: walking a run from each of its no-break
 * spaces would take time in the square of its length. */
typedef struct nbrs {
  int32_t prev_live, next_live, prev_solid, next_solid;
  uint8_t digits;
} nbrs;

static bool solid(const cp *x) { return x->kind || !is_space(x->c); }

static nbrs *find_neighbours(norm *n) {
  nbrs *v = norm_scratch(n, n->ncps * sizeof *v);
  if (!v) return NULL;
  int32_t live = -1, sol = -1;
  for (size_t i = 0; i < n->ncps; i++) {
    v[i].prev_live = live;
    v[i].prev_solid = sol;
    if (n->cps[i].dead) continue;
    live = (int32_t)i;
    if (solid(&n->cps[i])) sol = (int32_t)i;
  }
  live = sol = -1;
  uint8_t digits = 0; /* from the next live code point on */
  for (size_t i = n->ncps; i-- > 0;) {
    v[i].next_live = live;
    v[i].next_solid = sol;
    v[i].digits = u_isdigit(at(n, (long)i)) ? (uint8_t)(digits < 4 ? digits + 1 : 4) : 0;
    if (n->cps[i].dead) continue;
    live = (int32_t)i;
    digits = v[i].digits;
    if (solid(&n->cps[i])) sol = (int32_t)i;
  }
  return v;
}

/* Changes are counted once, when the writing pass makes them for good. */
#define COUNT(n, field, k)                                                                         \
  do {                                                                                             \
    if (writing(n) && (n)->stats) (n)->stats->field += (k);                                        \
  } while (0)

/* Does typography need the no-break space at i (French « », before : ; ! ?,
 * in "12 h 00", a thousands separator)? */
static bool nbsp_needed(norm *n, const nbrs *v, long i) {
  long ps = v[i].prev_solid, ns = v[i].next_solid;
  UChar32 p = at(n, ps), q = at(n, ns);
  if (p == 0xAB || p == 0x2039) return true;
  if (q == ':' || q == ';' || q == '!' || q == '?' || q == 0xBB || q == 0x203A || q == '%')
    return true;
  if (u_isdigit(p) && u_isdigit(q)) return v[ns].digits == 3; /* thousands: three digits follow */
  if (u_isdigit(p) && q == 'h') {
    long after = v[ns].next_live;
    return after < 0 || is_space(at(n, after)) || u_isdigit(at(n, after));
  }
  if (p == 'h' && u_isdigit(q)) {
    long before = v[ps].prev_live;
    return before >= 0 && (is_space(at(n, before)) || u_isdigit(at(n, before)));
  }
  return false;
}

static void mark_scripts(norm *n, bool *rtl, bool *cjk) {
  *rtl = *cjk = false;
  for (size_t i = 0; i < n->ncps; i++) {
    UChar32 c = n->cps[i].c;
    if (n->cps[i].kind || c < 0x590) continue;
    int bc = u_charDirection(c);
    if (bc == U_RIGHT_TO_LEFT || bc == U_RIGHT_TO_LEFT_ARABIC) *rtl = true;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c, &e);
    if (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_HANGUL)
      *cjk = true;
  }
}

/* Scripts that join letters with ZWJ/ZWNJ (Arabic, Indic…) or emoji sequences. */
static bool joins(UChar32 c) {
  if (c == 0) return false;
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) || u_hasBinaryProperty(c, UCHAR_EMOJI))
    return c > 0xFF;
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &e);
  return s != USCRIPT_LATIN && s != USCRIPT_COMMON && s != USCRIPT_HAN && s != USCRIPT_INHERITED &&
         s != USCRIPT_INVALID_CODE && c > 0x2FF;
}

/* What the joiner rule looks past to find a letter: combining marks and joiners. */
static bool mark_or_joiner(UChar32 c) {
  int8_t gc = u_charType(c);
  return gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_COMBINING_SPACING_MARK ||
         c == 0x200C || c == 0x200D;
}

/* The letter a joiner or a mark leans on: itself, or 0 for a boundary, or
 * -1 for a mark or a joiner (look further). */
static UChar32 base_of(norm *n, size_t i) {
  UChar32 c = at(n, (long)i);
  return c == 0 ? 0 : mark_or_joiner(c) ? -1 : c;
}

/* Debris removed; a joiner kept where the nearest letter on either side,
 * past marks and joiners, needs it.  The letters after each code point are
 * found first, in one pass from the end (nothing is removed yet: this is
 * the first rule), those before as the walk goes: looking through a run of
 * joiners from each of them would take time in the square of its length. */
static void rule_debris(norm *n, bool rtl) {
  /* the letters beside are looked for only when there is a joiner */
  bool joiners = false;
  for (size_t i = 0; i < n->ncps && !joiners; i++)
    joiners = !n->cps[i].kind && (n->cps[i].c == 0x200C || n->cps[i].c == 0x200D);
  UChar32 *after = joiners ? norm_scratch(n, n->ncps * sizeof *after) : NULL;
  if (joiners && !after) return;
  UChar32 next = 0, before = 0;
  for (size_t i = n->ncps; joiners && i-- > 0;) {
    after[i] = next;
    UChar32 b = n->cps[i].dead ? -1 : base_of(n, i);
    if (b >= 0) next = b;
  }
  for (size_t i = 0; i < n->ncps; i++) {
    cp *x = &n->cps[i];
    if (!x->kind && !x->dead) {
      bool drop = is_debris(x->c) || (is_bidi_mark(x->c) && !rtl);
      if (x->c == 0x200C || x->c == 0x200D) drop = !joins(before) && !joins(after[i]);
      if (drop) {
        x->dead = 1;
        COUNT(n, debris_removed, 1);
      } else if (x->c == 0x09 || x->c == 0x0A || x->c == 0x0D) {
        x->c = ' '; /* a literal tab or newline in text is white space */
      }
    }
    if (!joiners) continue;
    UChar32 b = x->dead ? -1 : base_of(n, i);
    if (b >= 0) before = b;
  }
}

/* Full-width Latin letters and digits become half-width; full-width
 * punctuation too, except in CJK text where it belongs.  The half-width
 * form is ICU's compatibility decomposition. */
static void rule_widths(norm *n, bool cjk) {
  for (size_t i = 0; i < n->ncps; i++) {
    cp *x = &n->cps[i];
    if (x->kind || x->dead || x->c < 0xFF01 || x->c > 0xFF5E) continue;
    bool alnum = (x->c >= 0xFF10 && x->c <= 0xFF19) || (x->c >= 0xFF21 && x->c <= 0xFF3A) ||
                 (x->c >= 0xFF41 && x->c <= 0xFF5A);
    /* inside an identifier ("tsbsg11＠itu.int"), not a range ("２～４") */
    UChar32 p = at(n, prev_live(n, (long)i)), q = at(n, next_live(n, (long)i));
    bool inside_id = latin_alnum(p) && latin_alnum(q) && (latin_letter(p) || latin_letter(q));
    if (!alnum && cjk && !inside_id) continue;
    UChar d[4];
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = unorm2_getDecomposition(n->nfkc, x->c, d, 4, &e);
    if (U_SUCCESS(e) && len == 1 && d[0] < 0x80) {
      x->c = d[0];
      COUNT(n, widths, 1);
    }
  }
}

/* Identifiers plain ASCII: hyphens between letters or digits (ITU‑T with
 * U+2011), dashes inside codes (TD53–WP1, not the range 2020–2021), and
 * the spaces of international phone numbers. */
static void rule_identifiers(norm *n) {
  for (size_t i = 0; i < n->ncps; i++) {
    cp *x = &n->cps[i];
    if (x->kind || x->dead) continue;
    UChar32 c = x->c;
    if (c == 0x2010 || c == 0x2011) {
      if (u_isalnum(at(n, prev_live(n, (long)i))) && u_isalnum(at(n, next_live(n, (long)i)))) {
        x->c = '-';
        COUNT(n, identifiers_ascii, 1);
      }
    } else if (c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212) {
      UChar32 p = at(n, prev_live(n, (long)i)), q = at(n, next_live(n, (long)i));
      bool up_p = p >= 'A' && p <= 'Z', up_q = q >= 'A' && q <= 'Z';
      bool dig_p = p >= '0' && p <= '9', dig_q = q >= '0' && q <= '9';
      if ((up_p && (up_q || dig_q)) || (dig_p && up_q)) {
        x->c = '-';
        COUNT(n, identifiers_ascii, 1);
      }
    } else if (c == '+' && u_isdigit(at(n, next_live(n, (long)i)))) {
      long k = (long)i, last = (long)i;
      int digits = 0;
      for (k = next_live(n, k); k >= 0; k = next_live(n, k)) {
        UChar32 y = at(n, k);
        if (u_isdigit(y))
          digits++, last = k;
        else if (!(is_space(y) || y == '-' || y == '.' || y == '(' || y == ')'))
          break;
      }
      if (digits < 7) continue;
      for (k = next_live(n, (long)i); k >= 0 && k <= last; k = next_live(n, k))
        if (is_space(n->cps[k].c) && n->cps[k].c != ' ') {
          n->cps[k].c = ' ';
          COUNT(n, identifiers_ascii, 1);
        }
    }
  }
}

/* Spaces: no-break spaces plain unless typography needs them; runs of
 * spaces collapsed to one; none at the ends of the paragraph or beside a
 * tab or a break. */
static void rule_spaces(norm *n, bool cjk) {
  const nbrs *v = NULL;
  for (size_t i = 0; i < n->ncps && !v && !n->opts->plain_spaces; i++)
    if (!n->cps[i].kind && !n->cps[i].dead && is_nbsp(n->cps[i].c) && !(v = find_neighbours(n)))
      return;
  /* (the changes below make spaces plain spaces: the tables stay true) */
  for (size_t i = 0; i < n->ncps; i++) {
    cp *x = &n->cps[i];
    if (x->kind || x->dead || !is_space(x->c)) continue;
    if (is_nbsp(x->c)) {
      if (v && nbsp_needed(n, v, (long)i)) {
        COUNT(n, nbsp_kept, 1);
      } else {
        x->c = ' ';
        COUNT(n, nbsp_plain, 1);
      }
    } else if (x->c != ' ' && !(x->c == 0x3000 && cjk)) {
      x->c = ' ';
    }
  }
  size_t i = 0;
  while (i < n->ncps) {
    if (n->cps[i].dead || n->cps[i].kind || !is_space(n->cps[i].c)) {
      i++;
      continue;
    }
    size_t j = i, keep = i;
    bool have_nbsp = false;
    for (; j < n->ncps && (n->cps[j].dead || (!n->cps[j].kind && is_space(n->cps[j].c))); j++) {
      if (!n->cps[j].dead && is_nbsp(n->cps[j].c) && !have_nbsp) {
        have_nbsp = true;
        keep = j;
      }
    }
    long before = prev_live(n, (long)i), after = j < n->ncps ? (long)j : -1;
    bool edge = before < 0 || after < 0 || n->cps[before].kind == 1 || n->cps[after].kind == 1;
    for (size_t k = i; k < j; k++) {
      if (n->cps[k].dead) continue;
      if (!edge && k == keep) continue;
      n->cps[k].dead = 1;
      if (edge)
        COUNT(n, spaces_trimmed, 1);
      else
        COUNT(n, spaces_collapsed, 1);
    }
    i = j;
  }
}

/* ---- a paragraph through the rules ---------------------------------------------------------- */

/* Room for `more` code points in the array. */
static bool reserve_cps(norm *n, size_t more) {
  if (n->ncps + more > n->capcps) {
    size_t cap = n->capcps ? n->capcps : 1024;
    while (cap < n->ncps + more)
      cap *= 2;
    cp *v = realloc(n->cps, cap * sizeof *v);
    if (!v) {
      norm_nomem(n);
      return false;
    }
    n->cps = v;
    n->capcps = cap;
  }
  return true;
}

static bool push_cp(norm *n, UChar32 c, uint32_t owner, uint8_t kind) {
  if (n->ncps == n->capcps && !reserve_cps(n, 1)) return false;
  n->cps[n->ncps++] = (cp){c, owner, 0, kind};
  return true;
}

/* The text code points of v[0..n) not removed, in UTF-8 at the end of b
 * (a lone surrogate is no UTF-8 and is left out).  Space for all is
 * reserved once. */
static void put_cps(buf *b, const cp *v, size_t n) {
  if (n == 0 || !buf_reserve(b, 4 * n)) return;
  uint8_t *d = (uint8_t *)b->data + b->len;
  int32_t j = 0, cap = (int32_t)(4 * n);
  for (size_t k = 0; k < n; k++) {
    if (v[k].dead || v[k].kind) continue;
    UBool bad = false;
    U8_APPEND(d, j, cap, v[k].c, bad);
    (void)bad;
  }
  b->len += (size_t)j;
  b->data[b->len] = '\0';
}

/* The Stream-Safe Text Format and Unicode normalization (NFC or NFKC) of
 * one text token, then its code points into the array. */
static void load_text(norm *n, para *p, uint32_t ti) {
  tok *t = &p->t[ti];
  const char *s = p->store.data + t->off;
  int32_t len = (int32_t)t->len, ulen = 0;
  /* ASCII is stream-safe and in every normalization form already: its
   * bytes are its code points */
  size_t a = 0;
  while (a < t->len && (unsigned char)s[a] < 0x80)
    a++;
  if (a == t->len) {
    t->pure = true;
    if (!reserve_cps(n, t->len)) return;
    s = p->store.data + t->off;
    cp *v = n->cps + n->ncps;
    for (size_t k = 0; k < t->len; k++)
      v[k] = (cp){(unsigned char)s[k], ti, 0, 0};
    n->ncps += t->len;
    return;
  }
  UErrorCode e = U_ZERO_ERROR;
  /* never more UTF-16 units than UTF-8 bytes: converted in one go */
  if (len + 1 > n->capu16) {
    UChar *u = realloc(n->u16, (size_t)(len + 1) * 2 * sizeof *u);
    if (!u) {
      norm_nomem(n);
      return;
    }
    n->u16 = u;
    n->capu16 = (len + 1) * 2;
  }
  u_strFromUTF8(n->u16, n->capu16, &ulen, s, len, &e);
  if (U_FAILURE(e)) return;
  UChar *src = n->u16;
  int32_t srclen = ulen;
  UChar *safe = NULL, *normed = NULL;
  /* runs of combining marks capped first, or normalizing them is quadratic */
  int32_t cgj = stream_safe(src, srclen, NULL);
  if (cgj > 0) {
    if (!(safe = malloc((size_t)(srclen + cgj) * sizeof *safe))) {
      norm_nomem(n);
      return;
    }
    stream_safe(src, srclen, safe);
    src = safe;
    srclen += cgj;
  }
  bool changed = cgj > 0;
  e = U_ZERO_ERROR;
  int32_t ok = unorm2_spanQuickCheckYes(n->form, src, srclen, &e);
  if (U_SUCCESS(e) && ok < srclen) {
    int32_t cap = srclen * 3 + 16;
    normed = malloc((size_t)cap * sizeof *normed);
    if (!normed) {
      free(safe);
      norm_nomem(n);
      return;
    }
    e = U_ZERO_ERROR;
    int32_t nl = unorm2_normalize(n->form, src, srclen, normed, cap, &e);
    if (U_SUCCESS(e)) {
      changed |= nl != srclen || u_strncmp(normed, src, nl) != 0;
      src = normed;
      srclen = nl;
    }
  }
  if (changed) COUNT(n, unicode_normalized, 1);
  t->pure = !changed; /* what it holds is what load_text makes of it */
  if (reserve_cps(n, (size_t)srclen)) {
    cp *v = n->cps + n->ncps;
    size_t k = 0;
    for (int32_t i = 0; i < srclen; k++) {
      UChar32 c;
      U16_NEXT(src, i, srclen, c);
      v[k] = (cp){c, ti, 0, 0};
    }
    n->ncps += k;
  }
  free(normed);
  free(safe);
}

static void rebuild(norm *n, para *p) {
  /* new store: every token copied, text tokens from their live code points */
  buf store = *reuse(&n->spare);
  size_t k = 0;
  for (size_t ti = 0; ti < p->n; ti++) {
    tok *t = &p->t[ti];
    size_t off = store.len;
    if (t->kind == TK_TEXT) {
      while (k < n->ncps && n->cps[k].tok < ti)
        k++;
      size_t from = k;
      while (k < n->ncps && n->cps[k].tok == ti)
        k++;
      put_cps(&store, n->cps + from, k - from);
      /* the rules changed nothing in it: it stays its own normal form */
      t->pure = t->pure && store.len - off == t->len &&
                memcmp(store.data + off, p->store.data + t->off, t->len) == 0;
    } else {
      buf_append(&store, p->store.data + t->off, t->len);
    }
    t->off = off;
    t->len = store.len - off;
  }
  if (!buf_ok(&store)) norm_nomem(n);
  n->spare = p->store;
  p->store = store;
}

static bool same_tag(para *p, const tok *a, const tok *b) {
  return a->len == b->len && memcmp(p->store.data + a->off, p->store.data + b->off, a->len) == 0;
}

/* Empty text tokens go; spans left empty go; adjacent spans that look
 * the same become one.  Spans hold only text, so they never nest. */
static void tidy(norm *n, para *p) {
  size_t w = 0;
  long open = -1, last_open = -1; /* output index of the open span, of the last closed one */
  for (size_t i = 0; i < p->n; i++) {
    tok t = p->t[i];
    if (t.kind == TK_TEXT && t.len == 0) continue;
    if (t.kind == TK_OPEN && t.span) {
      if (w > 0 && p->t[w - 1].kind == TK_CLOSE && p->t[w - 1].span && last_open >= 0 &&
          same_tag(p, &p->t[last_open], &t)) {
        w--; /* "</span><span same>": one span */
        open = last_open;
        COUNT(n, spans_merged, 1);
        continue;
      }
      open = (long)w;
    } else if (t.kind == TK_CLOSE && t.span) {
      if (open >= 0 && open == (long)w - 1) {
        w--; /* "<span></span>": nothing */
        open = last_open = -1;
        COUNT(n, spans_dropped, 1);
        continue;
      }
      last_open = open;
      open = -1;
    }
    p->t[w++] = t;
  }
  p->n = w;
}

/* Adjacent text tokens (left by merged or dropped spans) become one, so
 * that Unicode normalization sees a base letter and its combining marks
 * together. */
static void coalesce(norm *n, para *p) {
  buf store = *reuse(&n->spare);
  size_t w = 0;
  for (size_t i = 0; i < p->n; i++) {
    tok t = p->t[i];
    const char *src = p->store.data + t.off;
    if (t.kind == TK_TEXT && w > 0 && p->t[w - 1].kind == TK_TEXT) {
      buf_append(&store, src, t.len);
      p->t[w - 1].len += t.len;
      p->t[w - 1].pure = false; /* a letter and its marks may meet */
      continue;
    }
    size_t off = store.len;
    buf_append(&store, src, t.len);
    t.off = off;
    p->t[w++] = t;
  }
  if (!buf_ok(&store)) norm_nomem(n);
  n->spare = p->store;
  p->store = store;
  p->n = w;
}

/* Unicode normalization of the finished text tokens: spans the rules
 * emptied may have brought a letter and its marks together, and the result
 * must be a fixed point (normalizing twice changes nothing). */
static void renormalize(norm *n, para *p) {
  for (size_t i = 0; i < p->n && n->status == COLETTE_OK; i++) {
    tok *t = &p->t[i];
    if (t->kind != TK_TEXT || t->pure) continue; /* pure: normalizing gives it back */
    size_t before = n->ncps;
    load_text(n, p, (uint32_t)i); /* normalizes into the code point array */
    buf *tmp = reuse(&n->tmp);
    put_cps(tmp, n->cps + before, n->ncps - before);
    n->ncps = before;
    if (tmp->len != t->len ||
        (tmp->len && memcmp(tmp->data, p->store.data + t->off, tmp->len) != 0)) {
      t->off = p->store.len;
      t->len = tmp->len;
      buf_append(&p->store, tmp->data, tmp->len);
    }
  }
}

/* Which rules can change something in the paragraph, found in one pass
 * over its text: most text (plain ASCII, accented Latin) needs only the
 * space rule.  Each flag is set by what its rule acts on, and no rule
 * before it makes such code points (debris makes plain spaces, widths
 * ASCII), so a rule left out would have changed nothing. */
enum {
  NEED_SCRIPTS = 1,    /* a code point from U+0590 on: mark_scripts */
  NEED_DEBRIS = 2,     /* a control, a format or bidi character, a joiner */
  NEED_WIDTHS = 4,     /* a full-width form U+FF01-U+FF5E */
  NEED_IDENTIFIERS = 8 /* a hyphen or dash U+2010-U+2015, U+2212, or a space not U+0020 */
};

static unsigned rules_needed(const norm *n) {
  unsigned need = 0;
  for (size_t i = 0; i < n->ncps; i++) {
    const cp *x = &n->cps[i];
    if (x->kind) continue;
    UChar32 c = x->c;
    if (c >= 0x20 && c < 0x7F) continue;
    if (c >= 0x590) need |= NEED_SCRIPTS;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0x61C || c >= 0x180E)
      need |= NEED_DEBRIS; /* every c is_debris, is_bidi_mark or a joiner is among these */
    if (c >= 0xFF01 && c <= 0xFF5E) need |= NEED_WIDTHS;
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || is_space(c)) need |= NEED_IDENTIFIERS;
  }
  return need;
}

/* The paragraph's text as the classifier reads it, in n->plain: the code
 * points not removed, boundaries as spaces. */
static void plain_text(norm *n) {
  size_t ncps = n->ncps < (size_t)INT32_MAX / 4 ? n->ncps : (size_t)INT32_MAX / 4; /* as lang.c */
  int32_t need = (int32_t)(2 * ncps + 1);
  if (need > n->capplain) {
    UChar *v = realloc(n->plain, (size_t)need * sizeof *v);
    if (!v) {
      norm_nomem(n);
      return;
    }
    n->plain = v;
    n->capplain = need;
  }
  int32_t j = 0;
  for (size_t i = 0; i < ncps; i++) {
    const cp *x = &n->cps[i];
    if (x->dead) continue;
    UChar32 c = x->kind ? ' ' : x->c;
    if (U_IS_SURROGATE(c)) continue; /* no UTF-8 for it, as the text written */
    UBool bad = false;
    U16_APPEND(n->plain, j, need, c, bad);
    (void)bad;
  }
  n->nplain = j;
}

/* The paragraph's tokens through every rule; when measuring, its plain
 * text in n->plain. */
void norm_paragraph(norm *n, para *p) {
  tidy(n, p);
  coalesce(n, p);
  n->ncps = 0;
  for (uint32_t ti = 0; ti < p->n && n->status == COLETTE_OK; ti++) {
    switch (p->t[ti].kind) {
    case TK_TEXT: load_text(n, p, ti); break;
    case TK_BREAK: push_cp(n, ' ', ti, 1); break;
    case TK_OBJECT: push_cp(n, 0xFFFC, ti, 2); break;
    default: break;
    }
  }
  bool rtl = false, cjk = false;
  unsigned need = rules_needed(n);
  if (need & NEED_SCRIPTS) mark_scripts(n, &rtl, &cjk);
  if (need & NEED_DEBRIS) rule_debris(n, rtl);
  if (need & NEED_WIDTHS) rule_widths(n, cjk);
  if (need & NEED_IDENTIFIERS) rule_identifiers(n);
  rule_spaces(n, cjk);
  n->nplain = 0;
  if (measuring(n)) plain_text(n);
  rebuild(n, p);
  tidy(n, p);
  coalesce(n, p);
  renormalize(n, p);
}
