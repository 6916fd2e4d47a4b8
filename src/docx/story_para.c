/*
 * story_para.c: a paragraph as the story reader holds it until it ends:
 * its inline content (the wrappers open on its inline stack, the spans of
 * its runs' looks, text), the letters each language marks in it, and its
 * flat element, written once its end has told what it is (its language
 * is the one most of its letters are marked with, its label the
 * numbering's next).
 */
#include "story_impl.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "../flat.h"
#include "../lang.h"

/* ---- paragraphs ------------------------------------------------------------------ */

para *story_para_new(story *st) {
  para *p = st->free_paras;
  if (p) {
    st->free_paras = p->next_free;
    buf b = p->content;
    memset(p, 0, sizeof *p);
    p->content = b;
    buf_clear(&p->content);
  } else {
    p = calloc(1, sizeof *p);
    if (!p) {
      story_nomem(st);
      return NULL;
    }
  }
  p->num_id = p->ilvl = p->outline = -1;
  p->base = st->default_base;
  const style *def = st->doc->styles->default_para;
  if (def) str_copy(p->style, sizeof p->style, def->id);
  return p;
}

void story_para_release(story *st, para *p) {
  for (int i = 0; i < p->n_inl; i++)
    free(p->inl[i].start);
  p->n_inl = 0;
  p->next_free = st->free_paras;
  st->free_paras = p;
}

static void span_attrs(buf *b, const runfmt *f) {
  if (f->bold == TRI_ON) buf_xml_attr(b, FLAT_A_BOLD, "true");
  if (f->italic == TRI_ON) buf_xml_attr(b, FLAT_A_ITALIC, "true");
  if (f->underline[0] && strcmp(f->underline, "none") != 0)
    buf_xml_attr(b, FLAT_A_UNDERLINE, f->underline);
  if (f->strike == TRI_ON) buf_xml_attr(b, FLAT_A_STRIKE, "true");
  if (f->vert[0] && strcmp(f->vert, "baseline") != 0) buf_xml_attr(b, FLAT_A_VERTICAL, f->vert);
  if (f->caps == TRI_ON) buf_xml_attr(b, FLAT_A_CAPS, "true");
  if (f->small_caps == TRI_ON) buf_xml_attr(b, FLAT_A_SMALL_CAPS, "true");
  if (f->hidden == TRI_ON) buf_xml_attr(b, FLAT_A_HIDDEN, "true");
}

static const char *ikind_name(enum ikind k) {
  switch (k) {
  case I_SPAN: return FLAT_SPAN;
  case I_LINK: return FLAT_LINK;
  case I_FIELD: return FLAT_FIELD;
  case I_INS: return FLAT_INS;
  case I_DEL: return FLAT_DEL;
  case I_MATH: return FLAT_MATH;
  }
  return FLAT_SPAN;
}

static void write_start(para *p, const inl *e, bool continued) {
  buf_putc(&p->content, '<');
  if (e->kind == I_SPAN) {
    buf_puts(&p->content, FLAT_SPAN);
    span_attrs(&p->content, &e->fmt);
  } else {
    buf_puts(&p->content, e->start);
  }
  if (continued) buf_xml_attr(&p->content, FLAT_A_CONTINUED, "true");
  buf_putc(&p->content, '>');
}

static void write_end(para *p, const inl *e) {
  buf_append(&p->content, "</", 2);
  buf_puts(&p->content, ikind_name(e->kind));
  buf_putc(&p->content, '>');
}

void story_close_span(para *p) {
  if (p->n_inl && p->inl[p->n_inl - 1].kind == I_SPAN) {
    write_end(p, &p->inl[p->n_inl - 1]);
    p->n_inl--;
  }
}

/* Open a wrapper; `start` is taken over (freed by the paragraph).  Returns
 * its serial, 0 if the inline stack is full (the wrapper is then dropped,
 * its content still written). */
int story_inline_open(story *st, para *p, enum ikind kind, char *start, bool continued) {
  story_close_span(p);
  if (!start) {
    story_nomem(st);
    return 0;
  }
  if (p->n_inl >= MAX_INLINE - 1) {
    free(start);
    return 0;
  }
  inl *e = &p->inl[p->n_inl++];
  memset(e, 0, sizeof *e);
  e->kind = kind;
  e->serial = ++p->serial;
  e->start = start;
  write_start(p, e, continued);
  return e->serial;
}

/* Close the wrapper with this serial, closing and reopening any above it. */
void story_inline_close(para *p, int serial) {
  if (!serial) return;
  int i = p->n_inl - 1;
  while (i >= 0 && p->inl[i].serial != serial)
    i--;
  if (i < 0) return;
  for (int j = p->n_inl - 1; j >= i; j--)
    write_end(p, &p->inl[j]);
  free(p->inl[i].start);
  int above = p->n_inl - 1 - i;
  memmove(&p->inl[i], &p->inl[i + 1], (size_t)above * sizeof *p->inl);
  p->n_inl--;
  for (int j = i; j < p->n_inl; j++) {
    if (p->inl[j].kind == I_SPAN) { /* a span is only ever on top: drop it */
      p->n_inl = j;
      break;
    }
    write_start(p, &p->inl[j], true);
  }
}

char *story_make_start(const char *name, const char *a1, const char *v1, const char *a2,
                       const char *v2, const char *a3, const char *v3) {
  buf b = BUF_INIT;
  buf_puts(&b, name);
  if (a1 && v1) buf_xml_attr(&b, a1, v1);
  if (a2 && v2) buf_xml_attr(&b, a2, v2);
  if (a3 && v3) buf_xml_attr(&b, a3, v3);
  if (!buf_ok(&b)) {
    buf_free(&b);
    return NULL;
  }
  return b.data ? b.data : strdup(name);
}

/* ---- language of text ------------------------------------------------------------- */

/* Which w:lang attribute governs a character: val (0), eastAsia (1) or
 * bidi (2), from its script as ICU sees it; -1 for characters of no script
 * (digits, punctuation, spaces), which say nothing about language. */
static int lang_slot(UChar32 c) {
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? 0 : -1;
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &e);
  if (U_FAILURE(e)) return -1;
  switch (s) {
  case USCRIPT_COMMON:
  case USCRIPT_INHERITED:
  case USCRIPT_UNKNOWN: return -1;
  case USCRIPT_HAN:
  case USCRIPT_HIRAGANA:
  case USCRIPT_KATAKANA:
  case USCRIPT_HANGUL:
  case USCRIPT_BOPOMOFO:
  case USCRIPT_YI: return 1;
  case USCRIPT_ARABIC:
  case USCRIPT_HEBREW:
  case USCRIPT_SYRIAC:
  case USCRIPT_THAANA: return 2;
  default: return 0;
  }
}

static void count_lang(para *p, const char *lang, long n) {
  if (!lang[0] || n == 0) return;
  for (int i = 0; i < p->n_langs; i++)
    if (strcmp(p->langs[i].lang, lang) == 0) {
      p->langs[i].letters += n;
      return;
    }
  if (p->n_langs < MAX_LANGS) {
    str_copy(p->langs[p->n_langs].lang, sizeof p->langs[0].lang, lang);
    p->langs[p->n_langs++].letters = n;
  }
}

static void count_langs(para *p, const runfmt *f, const char *s, size_t n) {
  long counts[3] = {0, 0, 0};
  int32_t i = 0, len = (int32_t)(n > INT32_MAX ? INT32_MAX : n);
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) continue;
    int slot = lang_slot(c);
    if (slot >= 0) counts[slot]++;
  }
  /* A Han or kana character carries about as much as a word of five
   * Latin letters: weighting it 3 makes a line a quarter CJK count as CJK,
   * the threshold colette-normalize uses too. */
  counts[1] *= LANG_CJK_WEIGHT;
  for (int k = 0; k < 3; k++)
    count_lang(p, f->lang[k], counts[k]);
}

/* Text in run format fmt: in a span of that look (the open one, or one
 * opened here when fmt is not plain), its letters counted for the
 * paragraph's language. */
void story_para_text(para *p, const runfmt *fmt, const char *s, size_t n) {
  inl *topi = p->n_inl ? &p->inl[p->n_inl - 1] : NULL;
  if (topi && topi->kind == I_SPAN && !runfmt_same_look(&topi->fmt, fmt)) {
    story_close_span(p);
    topi = NULL;
  } else if (topi && topi->kind != I_SPAN) {
    topi = NULL;
  }
  if (!topi && !runfmt_plain(fmt) && p->n_inl < MAX_INLINE) {
    inl *e = &p->inl[p->n_inl++];
    memset(e, 0, sizeof *e);
    e->kind = I_SPAN;
    e->serial = ++p->serial;
    e->fmt = *fmt;
    write_start(p, e, false);
  }
  buf_xml_text(&p->content, s, n);
  count_langs(p, fmt, s, n);
}

void story_para_absorb(story *st, para *p, para *held) {
  if (p->content.len == 0) { /* as it opens: the held content's buffer itself, not a copy
                              * (a chain of joined paragraphs would copy each anew) */
    buf empty = p->content;
    p->content = held->content;
    held->content = empty;
  } else {
    buf_append(&p->content, held->content.data, held->content.len);
  }
  for (int i = 0; i < held->n_langs; i++)
    count_lang(p, held->langs[i].lang, held->langs[i].letters);
  story_para_release(st, held);
}

void story_para_end_inlines(para *p) {
  for (int j = p->n_inl - 1; j >= 0; j--)
    write_end(p, &p->inl[j]);
}

/* ---- the flat paragraph ---------------------------------------------------------------- */

void story_para_write(story *st, para *p, buf *out) {
  const styles *ss = st->doc->styles;
  /* language: the one most letters are marked with; else the paragraph
   * mark's, the style's or the document's */
  const char *lang = NULL;
  long best = 0;
  for (int i = 0; i < p->n_langs; i++)
    if (p->langs[i].letters > best) {
      best = p->langs[i].letters;
      lang = p->langs[i].lang;
    }
  if (!lang && p->mark_lang[0]) lang = p->mark_lang;
  if (!lang && p->base.lang[0][0]) lang = p->base.lang[0];

  int num_id = -1, ilvl = -1;
  if (p->has_numpr) {
    num_id = p->num_id;
    ilvl = p->ilvl;
    if (num_id < 0 || ilvl < 0) {
      int sn, sl;
      styles_numbering(ss, p->style, &sn, &sl);
      if (num_id < 0) num_id = sn;
      if (ilvl < 0) ilvl = sl;
    }
  } else {
    styles_numbering(ss, p->style, &num_id, &ilvl);
  }
  bool numbered =
      num_id > 0 && numbering_next(st->nums, num_id, ilvl < 0 ? 0 : ilvl, lang, &st->label);

  buf_puts(out, "<" FLAT_P);
  if (p->style[0]) {
    buf_xml_attr(out, FLAT_A_STYLE, p->style);
    const style *s = styles_find(ss, p->style);
    if (s && s->name) buf_xml_attr(out, FLAT_A_STYLE_NAME, s->name);
  }
  int heading =
      p->outline >= 0 ? (p->outline <= 8 ? p->outline + 1 : 0) : styles_heading(ss, p->style);
  if (heading) buf_xml_attr_int(out, FLAT_A_HEADING, heading);
  const char *align = p->align[0] ? p->align : styles_align(ss, p->style);
  if (align && *align) buf_xml_attr(out, FLAT_A_ALIGN, align);
  if (p->bidi) buf_xml_attr(out, FLAT_A_BIDI, "true");
  if (lang) buf_xml_attr(out, FLAT_A_XML_LANG, lang);
  if (p->page_break_before) buf_xml_attr(out, FLAT_A_PAGE_BREAK_BEFORE, "true");
  if (numbered) {
    buf_xml_attr(out, FLAT_A_LIST, st->label.list);
    buf_xml_attr_int(out, FLAT_A_NUM_ID, st->label.num_id);
    buf_xml_attr_int(out, FLAT_A_LEVEL, st->label.level + 1);
    buf_xml_attr(out, FLAT_A_LIST_FORMAT, st->label.format);
    buf_xml_attr_n(out, FLAT_A_LABEL, st->label.text.data ? st->label.text.data : "",
                   st->label.text.len);
  }
  if (p->content.len == 0) {
    buf_puts(out, "/>\n");
    return;
  }
  buf_putc(out, '>');
  buf_append(out, p->content.data, p->content.len);
  buf_puts(out, "</" FLAT_P ">\n");
}
