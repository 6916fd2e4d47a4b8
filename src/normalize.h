/*
 * normalize.h: colette-normalize's insides, shared by the document pass
 * (normalize.c) and the text rules (normalize_text.c) (private).
 */
#ifndef COLETTE_NORMALIZE_H
#define COLETTE_NORMALIZE_H

#include <stdbool.h>
#include <stdint.h>
#include <unicode/unorm2.h>

#include "buf.h"
#include "colette.h"
#include "lang.h"
#include "xmlpart.h"

#define FLUSH_AT (64u << 10)
#define MAX_DEPTH_STACK 512
#define MAX_PARA_NESTING 32

/* ---- tokens of one paragraph ------------------------------------------------------ */

typedef enum tkind {
  TK_TEXT,  /* paragraph text (UTF-8, unescaped) */
  TK_OPEN,  /* start tag of an inline wrapper (span, link, field, ins, del) */
  TK_CLOSE, /* its end tag */
  TK_EMPTY, /* an element that is no text and no boundary: anchor, commentref, noteref */
  TK_BREAK, /* raw XML that separates words like white space: tab, br, nested blocks */
  TK_OBJECT /* raw XML that stands in the text: image, sym, math */
} tkind;

/* Which walk sees a token.  A walk that measures and writes at once
 * (PASS_ONE) must measure a paragraph as pass 1 sees it and write it as
 * pass 2 does: pass 1 never saw the paragraphs nested in it (they write
 * nothing there), pass 2 never saw the text of a property inside it (it
 * writes it straight out). */
enum { VIEW_MEASURE = 1, VIEW_WRITE = 2, VIEW_BOTH = 3 };

typedef struct tok {
  tkind kind;
  bool span;       /* TK_OPEN/TK_CLOSE of a span */
  uint8_t views;   /* VIEW_* */
  bool pure;       /* TK_TEXT already stream-safe and normalized: load_text keeps it */
  size_t off, len; /* in the paragraph's store */
} tok;

typedef struct para {
  tok *t;
  size_t n, cap;
  buf store;        /* token contents */
  buf attrs_before; /* attributes of <p> before xml:lang, serialized */
  buf attrs_after;  /* … after it */
  char marks[32];   /* its xml:lang in the input */
  size_t index;     /* in document order */
  bool split;       /* holds a token not of VIEW_BOTH */
  struct para *next_free;
} para;

/* One code point of a paragraph's text, or a boundary. */
typedef struct cp {
  UChar32 c;
  uint32_t tok; /* owning token */
  uint8_t dead; /* removed */
  uint8_t kind; /* 0 text, 1 break boundary, 2 object boundary */
} cp;

/* ---- what pass 1 learns ------------------------------------------------------------- */

/* 24 bytes a paragraph: the only state that grows with the document,
 * the price of knowing the main language before writing the root. */
typedef struct pinfo {
  uint8_t kind; /* lang_kind */
  bool body;
  int32_t lang;   /* string index: the language its text says (or a hint), -1 */
  int32_t script; /* string index of its dominant script, -1 */
  int32_t letters;
  int32_t marks; /* string index of its xml:lang in the input, -1 */
  int32_t final; /* string index of the language it gets, -1 */
} pinfo;

typedef struct cinfo {
  size_t first, end; /* paragraphs it holds, [first, end) */
  int final;
  int32_t marks;  /* string index of its xml:lang in the input, -1 (one walk only) */
  bool has_marks; /* it had xml:lang (perhaps "") */
} cinfo;

/* An attribute by its qualified name ("xml:lang", "style"). */
typedef struct nattr {
  const char *name, *value;
} nattr;

enum ekind { E_OTHER, E_PARA, E_INLINE, E_SPAN, E_CONTAINER, E_OPAQUE, E_PROPERTY, E_BODY };

typedef struct norm {
  const colette_normalize_options *opts;
  colette_normalize_stats *stats;
  colette_error *err;
  colette_status status;
  int pass; /* PASS_MEASURE, PASS_WRITE, or both at once (PASS_ONE) */

  xmlpart_reader *xr;
  xmlTextReaderPtr r;
  /* The element being started, from whichever reader delivers it: its
   * attributes, namespace declarations left out (pointers the reader's,
   * valid while it is delivered). */
  nattr *attrs;
  size_t n_attrs, cap_attrs;
  /* xmlscan's walk: the open elements' names (for their end tags), text
   * not yet delivered (one text node, as the reader gives it), the depth */
  buf names;
  size_t name_at[MAX_DEPTH_STACK];
  int depth;
  buf pending;
  bool ended_empty; /* the end xmlscan gives after an empty element's start */
  bool fell_back;   /* xmlscan handed over: walk again with the reader */
  bool use_reader;  /* every walk with the reader (pass 1 fell back) */
  bool flushed;     /* this walk wrote to the sink */
  struct xmlscan *scan;
  buf *out;
  colette_sink sink;

  /* pass 1 results */
  pinfo *p;
  size_t np, capp;
  cinfo *c;
  size_t nc, capc;
  char **strings;
  size_t nstrings, capstrings;
  int32_t *slots; /* a hash table of strings: an index, or -1 */
  size_t nslots;  /* a power of 2, at least twice nstrings */
  char doc_lang[32];
  int root_final;

  /* traversal */
  enum ekind stack[MAX_DEPTH_STACK];
  /* per depth: the output's default namespace is the flat one there (the
   * root declares it; an element's xmlns="…" changes it below), and the
   * element there was written by its local name, not its prefixed name */
  bool flat_default[MAX_DEPTH_STACK], bare[MAX_DEPTH_STACK];
  para *paras[MAX_PARA_NESTING];
  int npara;
  size_t cstack[MAX_DEPTH_STACK];
  int ncont;
  int opaque; /* depth inside sym/math: copied as it is */
  int body;   /* inside <body> */
  size_t next_para, next_cont;
  bool root_seen;

  /* work space */
  cp *cps;
  size_t ncps, capcps;
  UChar *plain; /* the paragraph's text for the classifier, UTF-16 */
  int32_t nplain, capplain;
  lang_classifier *lc;
  const UNormalizer2 *form;
  const UNormalizer2 *nfkc;
  UChar *u16;
  int32_t capu16;
  void *scratch; /* per-paragraph tables of the rules */
  size_t capscratch;
  para *free_paras; /* released paragraphs, their buffers kept for the next */
  buf spare;        /* a store to build the next one in (rebuild, coalesce) */
  buf tmp, tag, wr; /* work space of renormalize, on_start, write_para */
  buf etag;         /* on_end's */
} norm;

/* What a walk does: pass 1 measures, pass 2 writes; a document in memory
 * is walked once, doing both, its output held with holes where the
 * languages go (see fill_holes). */
enum { PASS_MEASURE = 1, PASS_WRITE = 2, PASS_ONE = PASS_MEASURE | PASS_WRITE };

/* The document pass (normalize.c): a walk's nodes, in document order (an
 * element's start with n->attrs set, its end, one text node), the output
 * flushed past threshold bytes, a paragraph given back. */
void norm_on_start(norm *n, int depth, bool empty, const char *name, const char *qname,
                   bool flat_ns);
void norm_on_end(norm *n, int depth, const char *qname);
void norm_on_text(norm *n, int depth, const char *s, size_t len);
colette_status norm_flush(norm *n, size_t threshold);
void norm_para_release(norm *n, para *p);
/* One walk over the document (normalize_walk.c): by xmlscan (over data,
 * len when in memory, else read from in), by the reader once xmlscan has
 * handed over. */
colette_status norm_walk(norm *n, FILE *in, const char *data, size_t len);

static inline bool measuring(const norm *n) { return (n->pass & PASS_MEASURE) != 0; }
static inline bool writing(const norm *n) { return (n->pass & PASS_WRITE) != 0; }

/* b emptied for reuse (freed first if it failed to grow). */
static inline buf *reuse(buf *b) {
  if (!buf_ok(b)) buf_free(b);
  buf_clear(b);
  return b;
}

/* The first error kept (normalize.c). */
void norm_fail(norm *n, colette_status s, const char *msg);
void norm_nomem(norm *n);
/* Work space of at least `bytes` (its contents undefined, owned by n), or
 * NULL (out of memory, recorded). */
void *norm_scratch(norm *n, size_t bytes);

/* normalize_lang.c: the index of s in the document's language tags, added
 * if new, -1 for none (or out of memory); the tag of an index (NULL for
 * -1); every paragraph's and container's final language, once pass 1 has
 * measured them all; the statistics of how each was decided */
int norm_intern(norm *n, const char *s);
static inline const char *norm_str(const norm *n, int i) { return i >= 0 ? n->strings[i] : NULL; }
void norm_resolve(norm *n);
void norm_count_langs(norm *n);

/* The paragraph's tokens through every rule (normalize_text.c); when
 * measuring, its plain text in n->plain. */
void norm_paragraph(norm *n, para *p);

#endif
