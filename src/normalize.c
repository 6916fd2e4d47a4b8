/*
 * normalize.c: the flat document made fit for matching, comparing and
 * rendering (colette-normalize).
 *
 * Two streaming passes over the input.  Pass 1 normalizes every paragraph
 * as pass 2 will, and records what its text says about its language (a
 * few bytes per paragraph); languages are then resolved across the
 * document (neutral and short paragraphs take their neighbours'), and the
 * main language is known before the root element is written.  Pass 2
 * writes.  Both passes hold one paragraph at a time.
 *
 * A document already in memory is walked once instead, measuring and
 * writing together; its output is held with a hole where each language
 * goes, filled once the languages are resolved (fill_holes).
 *
 * A walk (normalize_walk.c) reads with xmlscan, in place when the
 * document is in memory (a third of the cost of libxml2's reader, which
 * walked before); what xmlscan leaves to libxml2 (CDATA, a processing
 * instruction, another encoding, past the depth limit, malformed) is
 * walked again by the reader, the walk's work undone first, so the
 * output, the counts and the messages are the reader's (test_normalize
 * checks every case both ways).  Both give the pass the same nodes: an
 * element with its attributes by qualified name, its end, one text node.
 *
 * The text rules, over one paragraph at a time, are in normalize_text.c;
 * the language tags and their resolution after pass 1 in normalize_lang.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "colette.h"
#include "error.h"
#include "flat.h"
#include "lang.h"
#include "normalize.h"
#include "xmlpart.h"

void norm_fail(norm *n, colette_status s, const char *msg) {
  if (n->status == COLETTE_OK) {
    n->status = s;
    error_set(n->err, s, NULL, "%s", msg);
  }
}

void norm_nomem(norm *n) { norm_fail(n, COLETTE_ERR_NOMEM, "out of memory"); }

/* Work space of at least `bytes` (its contents undefined), or NULL. */
void *norm_scratch(norm *n, size_t bytes) {
  if (bytes > n->capscratch) {
    void *v = realloc(n->scratch, bytes);
    if (!v) {
      norm_nomem(n);
      return NULL;
    }
    n->scratch = v;
    n->capscratch = bytes;
  }
  return n->scratch;
}

/* ---- output ---------------------------------------------------------------------------- */

static para *top_para(norm *n) { return n->npara ? n->paras[n->npara - 1] : NULL; }

static void push_tok_view(norm *n, para *p, tkind kind, bool span, const char *s, size_t len,
                          uint8_t views) {
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 32;
    tok *t = realloc(p->t, cap * sizeof *t);
    if (!t) {
      norm_nomem(n);
      return;
    }
    p->t = t;
    p->cap = cap;
  }
  tok *t = &p->t[p->n++];
  t->kind = kind;
  t->span = span;
  t->views = views;
  t->pure = false;
  t->off = p->store.len;
  t->len = len;
  buf_append(&p->store, s, len);
  if (views != VIEW_BOTH) p->split = true;
}

static void push_tok(norm *n, para *p, tkind kind, bool span, const char *s, size_t len) {
  push_tok_view(n, p, kind, span, s, len, VIEW_BOTH);
}

/* Raw XML: into the open paragraph as a token, or to the output (pass 2). */
static void emit_raw_view(norm *n, tkind kind, const char *s, size_t len, uint8_t views) {
  para *p = top_para(n);
  if (p)
    push_tok_view(n, p, kind, false, s, len, views);
  else if (writing(n))
    buf_append(n->out, s, len);
}

static void emit_raw(norm *n, tkind kind, const char *s, size_t len) {
  emit_raw_view(n, kind, s, len, VIEW_BOTH);
}

colette_status norm_flush(norm *n, size_t threshold) {
  if (n->out->len <= threshold) return COLETTE_OK;
  if (!buf_ok(n->out)) {
    norm_nomem(n);
    return n->status;
  }
  n->flushed = true;
  if (n->sink.write(n->sink.ctx, n->out->data, n->out->len) != 0) {
    norm_fail(n, COLETTE_ERR_IO, "cannot write output");
    return n->status;
  }
  buf_clear(n->out);
  return COLETTE_OK;
}

/* A hole in the output of a walk that measures and writes at once: where
 * the language of a paragraph ('p'), a container ('c') or the root ('r')
 * goes once the document is resolved.  \x01 never occurs in the output
 * otherwise: XML refuses U+0001, even as a character reference. */
#define HOLE '\x01'
#define HOLE_END '\x02'

static void put_hole(buf *b, char kind, size_t idx) {
  char tmp[32];
  size_t k = sizeof tmp;
  tmp[--k] = HOLE_END;
  do {
    tmp[--k] = (char)('0' + idx % 10);
    idx /= 10;
  } while (idx);
  tmp[--k] = kind;
  tmp[--k] = HOLE;
  buf_append(b, tmp + k, sizeof tmp - k);
}

/* The current element's start tag ("<name a="v"…>" or "…/>"), attributes
 * copied in order; xml:lang replaced by `lang` when given (NULL keeps it,
 * "" drops it), or by the hole `hole` (kind, index) when its kind is not 0:
 * then *had tells whether the element had xml:lang and *orig is its value
 * (interned, -1 for none).  namespace declarations are dropped: the root
 * declares the flat namespace itself. */
typedef struct hole_at {
  char kind;
  size_t idx;
} hole_at;

static void start_tag_hole(norm *n, buf *b, const char *name, bool empty, const char *lang,
                           hole_at hole, bool *had, int32_t *orig) {
  buf_putc(b, '<');
  buf_puts(b, name);
  bool lang_done = false;
  for (size_t i = 0; i < n->n_attrs; i++) {
    const char *an = n->attrs[i].name, *av = n->attrs[i].value;
    /* the root's normalized mark and default namespace: written anew */
    if (!*name && (strcmp(an, FLAT_A_NORMALIZED) == 0 || strcmp(an, "xmlns") == 0)) continue;
    if (hole.kind && strcmp(an, FLAT_A_XML_LANG) == 0) {
      put_hole(b, hole.kind, hole.idx);
      if (had) *had = true;
      if (orig) *orig = norm_intern(n, av);
      lang_done = true;
      continue;
    }
    if (lang && strcmp(an, FLAT_A_XML_LANG) == 0) {
      if (*lang) buf_xml_attr(b, FLAT_A_XML_LANG, lang);
      lang_done = true;
      continue;
    }
    buf_xml_attr(b, an, av);
  }
  if (hole.kind && !lang_done) put_hole(b, hole.kind, hole.idx);
  if (lang && *lang && !lang_done) buf_xml_attr(b, FLAT_A_XML_LANG, lang);
  buf_puts(b, empty ? "/>" : ">");
}

static void start_tag(norm *n, buf *b, const char *name, bool empty, const char *lang) {
  start_tag_hole(n, b, name, empty, lang, (hole_at){0, 0}, NULL, NULL);
}

/* ---- paragraphs ------------------------------------------------------------------------------ */

static para *para_new(norm *n) {
  para *p = n->free_paras;
  if (p) {
    n->free_paras = p->next_free;
    p->next_free = NULL;
  } else {
    p = calloc(1, sizeof *p);
    if (!p) {
      norm_nomem(n);
      return NULL;
    }
  }
  return p;
}

/* p onto the free list, emptied, its token array and buffers kept. */
void norm_para_release(norm *n, para *p) {
  p->n = 0;
  reuse(&p->store);
  reuse(&p->attrs_before);
  reuse(&p->attrs_after);
  p->marks[0] = '\0';
  p->index = 0;
  p->split = false;
  p->next_free = n->free_paras;
  n->free_paras = p;
}

static void open_para(norm *n) {
  if (n->npara >= MAX_PARA_NESTING) {
    norm_fail(n, COLETTE_ERR_LIMIT, "paragraphs nested too deep");
    return;
  }
  para *p = para_new(n);
  if (!p) return;
  p->index = n->next_para++;
  bool after = false;
  for (size_t i = 0; i < n->n_attrs; i++) {
    const char *an = n->attrs[i].name, *av = n->attrs[i].value;
    if (strcmp(an, FLAT_A_XML_LANG) == 0) {
      snprintf(p->marks, sizeof p->marks, "%s", av);
      after = true;
      continue;
    }
    buf_xml_attr(after ? &p->attrs_after : &p->attrs_before, an, av);
  }
  n->paras[n->npara++] = p;
}

/* What a finished paragraph's text says about its language, kept. */
static void measure_para(norm *n, para *p) {
  /* nested paragraphs finish before the one holding them: index by start */
  if (p->index >= n->capp) {
    size_t cap = n->capp ? n->capp : 256;
    while (cap <= p->index)
      cap *= 2;
    pinfo *v = realloc(n->p, cap * sizeof *v);
    if (!v) {
      norm_nomem(n);
      return;
    }
    n->p = v;
    n->capp = cap;
  }
  while (n->np <= p->index)
    memset(&n->p[n->np++], 0, sizeof *n->p);
  pinfo *pi = &n->p[p->index];
  lang_guess g;
  lang_guess_text16(n->lc, n->plain ? n->plain : (const UChar *)u"", n->nplain, &g);
  pi->kind = (uint8_t)g.kind;
  pi->lang = norm_intern(n, g.lang);
  pi->script = norm_intern(n, g.script);
  pi->letters = g.letters > INT32_MAX ? INT32_MAX : (int32_t)g.letters;
  pi->marks = norm_intern(n, p->marks);
  pi->final = -1;
  pi->body = n->body > 0;
}

/* A finished paragraph written: into the paragraph holding it, or out. */
static void write_para(norm *n, para *p) {
  if (n->stats) n->stats->paragraphs++;
  /* straight out, unless a paragraph holds it */
  bool nested = top_para(n) != NULL;
  buf *b = nested ? reuse(&n->wr) : n->out;
  buf_puts(b, "<" FLAT_P);
  buf_append(b, p->attrs_before.data, p->attrs_before.len);
  if (measuring(n)) {
    put_hole(b, 'p', p->index);
  } else {
    const char *lang = p->index < n->np ? norm_str(n, n->p[p->index].final) : NULL;
    if (lang)
      buf_xml_attr(b, FLAT_A_XML_LANG, lang);
    else if (p->marks[0])
      buf_xml_attr(b, FLAT_A_XML_LANG, p->marks);
  }
  buf_append(b, p->attrs_after.data, p->attrs_after.len);
  if (p->n == 0) {
    buf_puts(b, "/>");
  } else {
    buf_putc(b, '>');
    for (size_t i = 0; i < p->n; i++) {
      const tok *t = &p->t[i];
      if (t->kind == TK_TEXT)
        buf_xml_text(b, p->store.data + t->off, t->len);
      else
        buf_append(b, p->store.data + t->off, t->len);
    }
    buf_puts(b, "</" FLAT_P ">");
  }
  if (!buf_ok(b)) norm_nomem(n);
  /* pass 1 wrote nothing into the paragraph holding this one */
  if (nested) emit_raw_view(n, TK_BREAK, b->data ? b->data : "", b->len, VIEW_WRITE);
}

/* Only the tokens `views` sees kept in p. */
static void keep_view(para *p, uint8_t views) {
  size_t w = 0;
  for (size_t i = 0; i < p->n; i++)
    if (p->t[i].views & views) p->t[w++] = p->t[i];
  p->n = w;
}

/* A copy of p as the walk `views` sees it, or NULL (out of memory). */
static para *para_view(norm *n, const para *p, uint8_t views) {
  para *q = para_new(n);
  if (!q) return NULL;
  q->index = p->index;
  memcpy(q->marks, p->marks, sizeof q->marks);
  buf_append(&q->store, p->store.data ? p->store.data : "", p->store.len);
  if (q->cap < p->n) {
    tok *t = realloc(q->t, p->n * sizeof *t);
    if (t) {
      q->t = t;
      q->cap = p->n;
    }
  }
  if (q->cap < p->n || !buf_ok(&q->store)) {
    norm_nomem(n);
    norm_para_release(n, q);
    return NULL;
  }
  memcpy(q->t, p->t, p->n * sizeof *q->t);
  q->n = p->n;
  keep_view(q, views);
  return q;
}

static void close_para(norm *n) {
  para *p = n->paras[--n->npara];
  if (n->pass == PASS_ONE && p->split) {
    /* measured as pass 1 would (counting nothing), written as pass 2 would */
    para *m = para_view(n, p, VIEW_MEASURE);
    if (m) {
      n->pass = PASS_MEASURE;
      norm_paragraph(n, m);
      measure_para(n, m);
      n->pass = PASS_ONE;
      norm_para_release(n, m);
    }
    keep_view(p, VIEW_WRITE);
    norm_paragraph(n, p);
    write_para(n, p);
  } else {
    if (n->pass != PASS_ONE) keep_view(p, n->pass == PASS_MEASURE ? VIEW_MEASURE : VIEW_WRITE);
    norm_paragraph(n, p);
    if (measuring(n)) measure_para(n, p);
    if (writing(n)) write_para(n, p);
  }
  norm_para_release(n, p);
}

/* ---- the walk
 * ---------------------------------------------------------------------------------------- */

/* A flat element a paragraph holds that is not its text: a break between
 * words (tab, br, the blocks of a text box or table), or one that stands
 * in the text without being it (anchor, note and comment marks, image). */
static bool in_para_not_text(const char *name) {
  static const char *const NAMES[] = {FLAT_TAB,    FLAT_BR,      FLAT_TEXTBOX,
                                      FLAT_GROUP,  FLAT_TABLE,   FLAT_ROW,
                                      FLAT_ANCHOR, FLAT_NOTEREF, FLAT_COMMENTREF,
                                      FLAT_IMAGE};
  for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
    if (strcmp(name, NAMES[i]) == 0) return true;
  return false;
}

/* What a flat element is to the walk.  One the flat schema does not have
 * (in another namespace, in none, or a name it lacks) is copied as it is:
 * in a paragraph as an inline wrapper, its text the paragraph's (as a
 * break it would cut the words around it: "First <o:x>hidden</o:x> and"
 * came out "First<o:x>hidden</o:x>and"), elsewhere as E_OTHER. */
static enum ekind classify_element(const char *name, bool flat_ns, bool in_para) {
  if (!flat_ns) return in_para ? E_INLINE : E_OTHER;
  if (strcmp(name, FLAT_P) == 0) return E_PARA;
  if (in_para) {
    if (strcmp(name, FLAT_SPAN) == 0) return E_SPAN;
    if (strcmp(name, FLAT_LINK) == 0 || strcmp(name, FLAT_FIELD) == 0 ||
        strcmp(name, FLAT_INS) == 0 || strcmp(name, FLAT_DEL) == 0)
      return E_INLINE;
    if (strcmp(name, FLAT_SYM) == 0 || strcmp(name, FLAT_MATH) == 0) return E_OPAQUE;
  }
  if (strcmp(name, FLAT_CELL) == 0 || strcmp(name, FLAT_NOTE) == 0 ||
      strcmp(name, FLAT_COMMENT) == 0)
    return E_CONTAINER;
  if (strcmp(name, FLAT_PROPERTY) == 0) return E_PROPERTY;
  if (strcmp(name, FLAT_BODY) == 0) return E_BODY;
  return in_para && !in_para_not_text(name) ? E_INLINE : E_OTHER;
}

void norm_on_start(norm *n, int depth, bool empty, const char *name, const char *qname,
                   bool flat_ns) {
  buf tag = *reuse(&n->tag); /* given back at done */
  if (n->opaque) {
    /* copied as it is, its name too */
    if (depth < MAX_DEPTH_STACK) n->bare[depth] = false;
    start_tag(n, &tag, qname, empty, NULL);
    emit_raw(n, TK_OBJECT, tag.data, tag.len);
    if (!empty) n->opaque++;
    goto done;
  }
  if (!n->root_seen) {
    n->root_seen = true;
    if (strcmp(name, FLAT_DOCUMENT) != 0 || !flat_ns) {
      char msg[200];
      if (strcmp(name, FLAT_DOCUMENT) == 0) /* the name, in another namespace or none */
        snprintf(msg, sizeof msg,
                 "not a colette flat document (root element <%.60s> not in namespace %s)", name,
                 COLETTE_FLAT_NS);
      else
        snprintf(msg, sizeof msg, "not a colette flat document (root element <%.60s>)", name);
      norm_fail(n, COLETTE_ERR_NO_DOCUMENT, msg);
      goto done;
    }
    if (measuring(n)) {
      const char *l = "";
      for (size_t i = 0; i < n->n_attrs; i++)
        if (strcmp(n->attrs[i].name, FLAT_A_XML_LANG) == 0) l = n->attrs[i].value;
      snprintf(n->doc_lang, sizeof n->doc_lang, "%s", l);
    }
    if (writing(n)) {
      buf_puts(n->out, "<" FLAT_DOCUMENT);
      buf_xml_attr(n->out, "xmlns", COLETTE_FLAT_NS);
      buf tmp = BUF_INIT;
      if (measuring(n)) {
        start_tag_hole(n, &tmp, "", empty, NULL, (hole_at){'r', 0}, NULL, NULL);
      } else {
        const char *lang = norm_str(n, n->root_final);
        start_tag(n, &tmp, "", empty, lang ? lang : "");
      }
      /* without "<", and saying what wrote it: colette-map reads only this */
      size_t close = tmp.len - (empty ? 2 : 1);
      buf_append(n->out, tmp.data + 1, close - 1);
      buf_xml_attr(n->out, FLAT_A_NORMALIZED, n->opts->form == COLETTE_FORM_NFKC ? "nfkc" : "nfc");
      buf_append(n->out, tmp.data + close, tmp.len - close);
      buf_free(&tmp);
    }
    if (depth < MAX_DEPTH_STACK) {
      n->stack[depth] = E_OTHER;
      n->flat_default[depth] = n->bare[depth] = true; /* written <document xmlns=flat> */
    }
    goto done;
  }
  enum ekind k = classify_element(name, flat_ns, n->npara > 0);
  /* A flat element is written by its local name where the flat namespace is
   * the default, as the root makes it: a prefix the input gave it ("f:p",
   * from an XSLT) would otherwise be half kept, and the end tag of a
   * paragraph, written "</p>", would not match.  Any other element keeps
   * the name it had, its prefix declared where it was. */
  bool dflt = depth > 0 && depth - 1 < MAX_DEPTH_STACK ? n->flat_default[depth - 1] : true;
  for (size_t i = 0; i < n->n_attrs; i++)
    if (strcmp(n->attrs[i].name, "xmlns") == 0)
      dflt = strcmp(n->attrs[i].value, COLETTE_FLAT_NS) == 0;
  bool bare = flat_ns && dflt;
  if (depth < MAX_DEPTH_STACK) {
    n->stack[depth] = k;
    n->flat_default[depth] = dflt;
    n->bare[depth] = bare;
  }
  const char *local = name;
  name = bare ? local : qname;
  switch (k) {
  case E_PARA:
    open_para(n);
    if (empty) close_para(n);
    break;
  case E_SPAN:
  case E_INLINE:
    start_tag(n, &tag, name, empty, NULL);
    if (empty)
      push_tok(n, top_para(n), TK_EMPTY, false, tag.data, tag.len);
    else
      push_tok(n, top_para(n), TK_OPEN, k == E_SPAN, tag.data, tag.len);
    break;
  case E_OPAQUE:
    start_tag(n, &tag, name, empty, NULL);
    emit_raw(n, TK_OBJECT, tag.data, tag.len);
    if (!empty) n->opaque = 1;
    break;
  case E_CONTAINER: {
    if (measuring(n)) {
      if (n->nc == n->capc) {
        size_t cap = n->capc ? n->capc * 2 : 64;
        cinfo *v = realloc(n->c, cap * sizeof *v);
        if (!v) {
          norm_nomem(n);
          break;
        }
        n->c = v;
        n->capc = cap;
      }
      n->c[n->nc] = (cinfo){n->next_para, n->next_para, -1, -1, false};
    }
    size_t idx = n->next_cont++;
    if (n->pass == PASS_ONE) {
      start_tag_hole(n, &tag, name, empty, NULL, (hole_at){'c', idx}, &n->c[idx].has_marks,
                     &n->c[idx].marks);
    } else {
      const char *lang = idx < n->nc ? norm_str(n, n->c[idx].final) : NULL;
      start_tag(n, &tag, name, empty, lang);
    }
    emit_raw(n, TK_BREAK, tag.data, tag.len);
    if (measuring(n)) n->nc++;
    if (!empty && n->ncont < MAX_DEPTH_STACK) n->cstack[n->ncont++] = idx;
    break;
  }
  case E_BODY:
    n->body++;
    /* fall through */
  default: {
    start_tag(n, &tag, name, empty, NULL);
    bool in_para = n->npara > 0;
    tkind kind = TK_BREAK;
    if (in_para && flat_ns &&
        (strcmp(local, FLAT_ANCHOR) == 0 || strcmp(local, FLAT_COMMENTREF) == 0 ||
         strcmp(local, FLAT_NOTEREF) == 0))
      kind = TK_EMPTY;
    else if (in_para && flat_ns && strcmp(local, FLAT_IMAGE) == 0)
      kind = TK_OBJECT;
    if (in_para && kind == TK_EMPTY)
      push_tok(n, top_para(n), TK_EMPTY, false, tag.data, tag.len);
    else
      emit_raw(n, kind, tag.data, tag.len);
    if (empty && k == E_BODY) n->body--;
  }
  }
done:
  n->tag = tag;
}

void norm_on_end(norm *n, int depth, const char *name) {
  /* "</name>", the name whole: an end tag cut short would not close its
   * element (a name is as long as the input makes it) */
  buf *b = reuse(&n->etag);
  if (depth < MAX_DEPTH_STACK && n->bare[depth]) { /* started by its local name */
    const char *colon = strchr(name, ':');
    if (colon) name = colon + 1;
  }
  buf_puts(b, "</");
  buf_puts(b, name);
  buf_putc(b, '>');
  if (!buf_ok(b)) {
    norm_nomem(n);
    return;
  }
  const char *tag = b->data;
  size_t tl = b->len;
  if (n->opaque) {
    n->opaque--;
    emit_raw(n, TK_OBJECT, tag, tl);
    return;
  }
  enum ekind k = depth < MAX_DEPTH_STACK ? n->stack[depth] : E_OTHER;
  switch (k) {
  case E_PARA:
    if (n->npara) close_para(n);
    break;
  case E_SPAN:
  case E_INLINE:
    if (top_para(n)) push_tok(n, top_para(n), TK_CLOSE, k == E_SPAN, tag, tl);
    break;
  case E_CONTAINER:
    if (n->ncont) {
      size_t idx = n->cstack[--n->ncont];
      if (measuring(n) && idx < n->nc) n->c[idx].end = n->next_para;
    }
    emit_raw(n, TK_BREAK, tag, tl);
    break;
  case E_BODY:
    n->body--;
    /* fall through */
  default: emit_raw(n, TK_BREAK, tag, tl); break;
  }
}

void norm_on_text(norm *n, int depth, const char *s, size_t len) {
  enum ekind parent = depth > 0 && depth - 1 < MAX_DEPTH_STACK ? n->stack[depth - 1] : E_OTHER;
  para *p = top_para(n);
  if (n->opaque) {
    buf b = BUF_INIT;
    buf_xml_text(&b, s, len);
    emit_raw(n, TK_OBJECT, b.data ? b.data : "", b.len);
    buf_free(&b);
  } else if (p && (parent == E_PARA || parent == E_SPAN || parent == E_INLINE)) {
    push_tok(n, p, TK_TEXT, false, s, len);
  } else if (parent == E_PROPERTY && writing(n)) {
    /* property values: Unicode normalization only */
    int32_t ulen = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)len, &e);
    UChar *u = malloc((size_t)(ulen + 1) * sizeof *u),
          *o = malloc((size_t)(ulen * 3 + 4) * sizeof *o);
    char *u8 = malloc((size_t)ulen * 9 + 4);
    e = U_ZERO_ERROR;
    if (u && o && u8) {
      u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)len, &e);
      int32_t ol = unorm2_normalize(n->form, u, ulen, o, ulen * 3 + 4, &e);
      int32_t l8 = 0;
      u_strToUTF8(u8, ulen * 9 + 4, &l8, o, ol, &e);
      if (U_SUCCESS(e))
        buf_xml_text(n->out, u8, (size_t)l8);
      else
        buf_xml_text(n->out, s, len);
    } else {
      norm_nomem(n);
    }
    free(u);
    free(o);
    free(u8);
    if (measuring(n) && p) {
      /* what pass 1 saw of it: its escaped text as a boundary */
      buf b = BUF_INIT;
      buf_xml_text(&b, s, len);
      emit_raw_view(n, TK_BREAK, b.data ? b.data : "", b.len, VIEW_MEASURE);
      buf_free(&b);
    }
  } else if (!p) {
    if (writing(n)) buf_xml_text(n->out, s, len); /* as emit_raw would put it */
  } else {
    buf *b = reuse(&n->tmp);
    buf_xml_text(b, s, len);
    emit_raw(n, TK_BREAK, b->data ? b->data : "", b->len);
  }
}

void colette_normalize_options_default(colette_normalize_options *o) {
  memset(o, 0, sizeof *o);
  o->form = COLETTE_FORM_NFC;
  o->max_depth = 200;
}

/* The output of a walk that measured and wrote at once, its holes filled
 * with the languages resolved since, through n->out to the sink. */
static void fill_holes(norm *n, const buf *spool) {
  const char *s = spool->data ? spool->data : "", *end = s + spool->len;
  while (s < end && n->status == COLETTE_OK) {
    const char *h = memchr(s, HOLE, (size_t)(end - s));
    if (!h) h = end;
    buf_append(n->out, s, (size_t)(h - s));
    if (h == end) break;
    char kind = h[1];
    size_t idx = 0;
    const char *q = h + 2;
    for (; q < end && *q != HOLE_END; q++)
      idx = idx * 10 + (size_t)(*q - '0');
    s = q + 1;
    const char *lang = NULL;
    if (kind == 'p' && idx < n->np) {
      const pinfo *pi = &n->p[idx];
      lang = pi->final >= 0 ? norm_str(n, pi->final) : norm_str(n, pi->marks);
    } else if (kind == 'c' && idx < n->nc) {
      const cinfo *c = &n->c[idx];
      lang = c->final >= 0   ? norm_str(n, c->final)
             : !c->has_marks ? NULL
             : c->marks >= 0 ? norm_str(n, c->marks)
                             : "";
    } else if (kind == 'r') {
      lang = norm_str(n, n->root_final);
    }
    if (lang) buf_xml_attr(n->out, FLAT_A_XML_LANG, lang);
    norm_flush(n, FLUSH_AT);
  }
  norm_flush(n, 0);
}

/* Normalize `in` (whose bytes are data, len when they are in memory, for
 * xmlscan to read in place): in two walks, or, `once`, in one whose output
 * is held until the languages are known. */
static colette_status normalize_file(FILE *in, const char *data, size_t len,
                                     const colette_normalize_options *opts, colette_sink sink,
                                     colette_normalize_stats *stats, colette_error *err,
                                     bool once) {
  colette_normalize_options dflt;
  if (!opts) {
    colette_normalize_options_default(&dflt);
    opts = &dflt;
  }
  if (!in || !sink.write) return error_set(err, COLETTE_ERR_INVALID, NULL, "no input or output");
  /* another stage's input (a DOCX, a letter) is told as such, not as bad XML */
  char head[4096];
  size_t got = fread(head, 1, sizeof head, in);
  if (fseek(in, 0, SEEK_SET) != 0)
    return error_set(err, COLETTE_ERR_IO, NULL, "the input cannot be read twice (not seekable)");
  colette_kind kind = colette_sniff(head, got);
  if (kind == COLETTE_KIND_ZIP || kind == COLETTE_KIND_OLE || kind == COLETTE_KIND_LETTER)
    return error_stage(err, kind, NULL);
  norm n;
  memset(&n, 0, sizeof n);
  lang_classifier *shared = NULL; /* the context's classifier, not ours to free */
  buf out = BUF_INIT, spool = BUF_INIT;
  n.opts = opts;
  n.stats = stats;
  n.err = err;
  n.out = &out;
  n.sink = sink;
  n.root_final = -1;
  if (stats) memset(stats, 0, sizeof *stats);
  UErrorCode e = U_ZERO_ERROR;
  n.nfkc = unorm2_getNFKCInstance(&e);
  n.form = opts->form == COLETTE_FORM_NFKC ? n.nfkc : unorm2_getNFCInstance(&e);
  shared = opts->context ? context_classifier(opts->context) : NULL;
  n.lc = shared ? shared : lang_classifier_new();
  if (U_FAILURE(e) || !n.lc) {
    norm_fail(&n, COLETTE_ERR_NOMEM, "cannot open ICU normalizers");
    goto done;
  }
  if (once) {
    n.pass = PASS_ONE;
    buf_puts(&spool, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    n.out = &spool;
    if (norm_walk(&n, in, data, len) != COLETTE_OK) goto done;
    buf_putc(&spool, '\n');
    if (!buf_ok(&spool)) norm_nomem(&n);
    n.out = &out;
    norm_resolve(&n);
    if (n.status != COLETTE_OK) goto done;
    norm_count_langs(&n);
    fill_holes(&n, &spool);
    goto done;
  }
  n.pass = PASS_MEASURE;
  if (norm_walk(&n, in, data, len) != COLETTE_OK) goto done;
  norm_resolve(&n);
  if (n.status != COLETTE_OK) goto done;
  norm_count_langs(&n);
  n.pass = PASS_WRITE;
  buf_puts(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  if (norm_walk(&n, in, data, len) != COLETTE_OK) goto done;
  buf_putc(&out, '\n');
  norm_flush(&n, 0);
done:
  buf_free(&spool);
  for (size_t i = 0; i < n.nstrings; i++)
    free(n.strings[i]);
  free(n.strings);
  free(n.slots);
  free(n.p);
  free(n.c);
  free(n.cps);
  free(n.u16);
  free(n.scratch);
  free(n.plain);
  buf_free(&out);
  if (!shared) lang_classifier_free(n.lc);
  while (n.free_paras) {
    para *p = n.free_paras;
    n.free_paras = p->next_free;
    free(p->t);
    buf_free(&p->store);
    buf_free(&p->attrs_before);
    buf_free(&p->attrs_after);
    free(p);
  }
  buf_free(&n.spare);
  buf_free(&n.tmp);
  buf_free(&n.tag);
  buf_free(&n.wr);
  buf_free(&n.etag);
  buf_free(&n.names);
  buf_free(&n.pending);
  free(n.attrs);
  return n.status;
}

colette_status colette_normalize_stream(FILE *in, const colette_normalize_options *opts,
                                        colette_sink sink, colette_normalize_stats *stats,
                                        colette_error *err) {
  return normalize_file(in, NULL, 0, opts, sink, stats, err, false);
}

colette_status colette_normalize_memory(const void *data, size_t len,
                                        const colette_normalize_options *opts, colette_sink sink,
                                        colette_normalize_stats *stats, colette_error *err) {
  if (stats) memset(stats, 0, sizeof *stats);
  if (!data || len == 0)
    return error_set(err, COLETTE_ERR_XML, NULL, "empty input, not a flat document");
  /* fmemopen gives the walk its stream over the buffer itself: no copy, no
   * temporary file.  "r" never writes to it.  One walk, not two: the
   * document is in memory already, and so may its output be until the
   * languages are known (about the input's size), which saves parsing
   * and normalizing every paragraph a second time. */
  FILE *f = fmemopen((void *)data, len, "r");
  if (!f) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  colette_status st = normalize_file(f, data, len, opts, sink, stats, err, true);
  fclose(f);
  return st;
}
