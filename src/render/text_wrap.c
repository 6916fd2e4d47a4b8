/*
 * text_wrap.c: the text writer's line breaker (see text.c): display widths
 * in terminal columns, and text laid out in lines where ICU's line breaker
 * (UBRK_LINE, over UTF-8 through UText) allows, greedily and in one pass.
 */
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "../error.h"
#include "text_impl.h"

/* ---- display width ---------------------------------------------------------------------- */

/* Columns a code point takes in a terminal. */
static unsigned cp_width(UChar32 c) {
  if (c < 0x20 || c == 0x7f) return 0;
  if (c < 0x300) return c < 0xa0 && c > 0x7f ? 0 : 1;
  switch (u_charType(c)) {
  case U_NON_SPACING_MARK:
  case U_ENCLOSING_MARK:
  case U_COMBINING_SPACING_MARK:
  case U_FORMAT_CHAR:
  case U_CONTROL_CHAR: return 0;
  default: break;
  }
  if (c >= 0x1160 && c <= 0x11ff) return 0; /* Hangul medial vowels and final consonants */
  int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

/* Columns s[a..b) takes. */
unsigned text_str_width(const char *s, size_t a, size_t b) {
  unsigned w = 0;
  int32_t i = (int32_t)a;
  while ((size_t)i < b) {
    UChar32 c;
    if ((unsigned char)s[i] < 0x80) { /* ASCII: no decoding */
      c = (unsigned char)s[i++];
      w += c >= 0x20 && c != 0x7f;
      continue;
    }
    U8_NEXT(s, i, (int32_t)b, c);
    w += c < 0 ? 1 : cp_width(c);
  }
  return w;
}

/* A space a line may end on and lose: not a no-break space. */
static bool breakable_space(UChar32 c) {
  return c == ' ' || c == 0x3000 || (c >= 0x2000 && c <= 0x200a && c != 0x2007) || c == 0x205f;
}

/* ---- line breaking ---------------------------------------------------------------------- */

typedef struct wline {
  const wspec *ws;
  buf *out;
  bool first;   /* the next line is the first */
  unsigned col; /* where the next line's text starts */
} wline;

/* One line: its text s[a..b), tw columns wide. */
static void put_line(wline *L, const char *s, size_t a, size_t b, unsigned w) {
  const wspec *ws = L->ws;
  unsigned at = 0;
  if (L->first && ws->label && *ws->label) {
    text_spaces(L->out, ws->label_at);
    buf_puts(L->out, ws->label);
    at = ws->label_at + text_cstr_width(ws->label);
  }
  if (b > a) {
    unsigned col = L->col, room = ws->width > col ? ws->width - col : 0;
    if (ws->al == AL_CENTRE && room > w) col += (room - w) / 2;
    if (ws->al == AL_RIGHT && room > w) col += room - w;
    text_spaces(L->out, col > at ? col - at : 0);
    buf_append(L->out, s + a, b - a);
  }
  buf_putc(L->out, '\n');
  L->first = false;
  L->col = ws->indent;
}

/* Does the break at `at` fall between a digit and an ideograph? */
static bool number_then_ideograph(const char *s, int32_t from, int32_t at, int32_t n) {
  if (at <= from) return false;
  int32_t i = at, j = at;
  UChar32 a, b;
  U8_PREV(s, from, i, a);
  U8_NEXT(s, j, n, b);
  return a >= 0 && b >= 0 && u_isdigit(a) && u_hasBinaryProperty(b, UCHAR_IDEOGRAPHIC);
}

static unsigned room(const wline *L) { return L->ws->width > L->col ? L->ws->width - L->col : 1; }

/* One line of text (no line breaks in it), broken where ICU allows. */
static void wrap_line(tw *w, wline *L, const char *s, size_t n) {
  while (n > 0 && s[0] == ' ') /* a line's leading spaces are layout, not text */
    s++, n--;
  if (n == 0) {
    put_line(L, s, 0, 0, 0);
    return;
  }
  UErrorCode e = U_ZERO_ERROR;
  utext_openUTF8(&w->ut, s, (int64_t)n, &e);
  ubrk_setUText(w->brk, &w->ut, &e);
  if (U_FAILURE(e)) {
    w->st = error_set(w->r->err, COLETTE_ERR_INVALID, NULL, "line breaking: %s", u_errorName(e));
    return;
  }
  size_t la = 0, lend = 0;    /* the line so far: from la, text to lend */
  unsigned lw = 0, ltrim = 0; /* its width with and without its trailing spaces */
  int32_t prev = ubrk_first(w->brk);
  for (int32_t next = ubrk_next(w->brk); next != UBRK_DONE; prev = next, next = ubrk_next(w->brk)) {
    /* a URL keeps its scheme with its host and its closing bracket with
     * it; a number keeps the ideograph after it, its unit or counter
     * ("15时", "2022年", "第17研究组"), where UAX #14 lets the line break */
    while ((size_t)next < n &&
           (s[next] == '>' || (next >= 3 && memcmp(s + next - 3, "://", 3) == 0) ||
            number_then_ideograph(s, prev, next, (int32_t)n)))
      if ((next = ubrk_next(w->brk)) == UBRK_DONE) next = (int32_t)n;
    size_t a = (size_t)prev, b = (size_t)next, te = b;
    while (te > a) { /* the segment without its trailing spaces */
      int32_t i = (int32_t)te;
      UChar32 c;
      U8_PREV(s, (int32_t)a, i, c);
      if (!breakable_space(c)) break;
      te = (size_t)i;
    }
    unsigned sw = text_str_width(s, a, b), tw_ = text_str_width(s, a, te);
    if (w->measuring && tw_ + L->col > w->longest) w->longest = tw_ + L->col;
    if (lend > la && lw + tw_ > room(L)) { /* it does not fit: the line ends before it */
      put_line(L, s, la, lend, ltrim);
      la = lend = a;
      lw = ltrim = 0;
    }
    if (lend == la && tw_ > room(L) && L->first && L->col > L->ws->indent &&
        tw_ + L->ws->indent <= L->ws->width) /* too wide after its label, not below it */
      put_line(L, s, a, a, 0);
    if (lend == la && tw_ > room(L)) { /* wider than a line: cut between characters */
      size_t p = a;
      unsigned cw = 0;
      for (int32_t i = (int32_t)a; (size_t)i < te;) {
        int32_t q = i;
        UChar32 c;
        U8_NEXT(s, i, (int32_t)te, c);
        unsigned k = c < 0 ? 1 : cp_width(c);
        if (k && cw + k > room(L) && (size_t)q > p) {
          put_line(L, s, p, (size_t)q, cw);
          p = (size_t)q;
          cw = 0;
        }
        cw += k;
      }
      la = p;
      lend = te;
      ltrim = cw;
      lw = cw + (sw - tw_);
      continue;
    }
    if (te > a) {
      lend = te;
      ltrim = lw + tw_;
    }
    lw += sw;
  }
  put_line(L, s, la, lend, ltrim);
}

/* Text s[0..n) laid out as ws says, lines appended to out ("\n" in it
 * breaks a line). */
void text_wrap(tw *w, const char *s, size_t n, const wspec *ws0, buf *out) {
  wspec ws = *ws0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n')) /* a last break or space shows nothing */
    n--;
  if (n == 0 && !(ws0->label && *ws0->label)) return;
  /* keep at least two columns of text: an indent the width cannot afford shrinks */
  if (ws.width < 2) ws.width = 2;
  if (ws.indent + 2 > ws.width) ws.indent = ws.width - 2;
  if (ws.label_at + 2 > ws.width) ws.label_at = 0;
  wline L = {&ws, out, true, ws.indent};
  if (ws.label && *ws.label) {
    unsigned after = ws.label_at + text_cstr_width(ws.label) + 1;
    if (after + 2 > ws.width) { /* a label too wide for its line: a line of its own */
      wspec lab = {ws.width, ws.label_at, NULL, 0, AL_LEFT};
      wline LL = {&lab, out, true, ws.label_at};
      wrap_line(w, &LL, ws.label, strlen(ws.label));
      L.first = false;
    } else if (after > L.col) {
      L.col = after;
    }
  }
  size_t a = 0;
  for (size_t i = 0; i <= n && w->st == COLETTE_OK; i++)
    if (i == n || s[i] == '\n') {
      wrap_line(w, &L, s + a, i - a);
      a = i + 1;
    }
}
