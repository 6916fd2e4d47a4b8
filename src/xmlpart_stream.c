/* xmlpart_stream.c: streaming a package part as events (xmlpart_stream),
 * through colette's own scanner (xmlscan.c) or, for what it does not take
 * (another encoding), libxml2's SAX2 push parser, with the same limits;
 * and the small subtrees a handler captures, built in an arena
 * (xmlpart_parse_tree). */
#include "xmlpart.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "error.h"
#include "xmlpart_impl.h"
#include "xmlscan.h"

/* ---- small trees, in an arena ------------------------------------------------ */

typedef struct arena_block {
  struct arena_block *next;
  size_t used, cap;
  max_align_t data[];
} arena_block;

typedef struct arena {
  arena_block *head;
} arena;

static void *arena_alloc(arena *a, size_t n) {
  n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
  arena_block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > 16384 ? n : 16384;
    b = malloc(sizeof *b + cap);
    if (!b) return NULL;
    b->next = a->head;
    b->used = 0;
    b->cap = cap;
    a->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

/* Empty the arena, keeping its newest block for the next tree. */
static void arena_reset(arena *a) {
  arena_block *b = a->head;
  if (!b) return;
  for (arena_block *x = b->next, *next; x; x = next) {
    next = x->next;
    free(x);
  }
  b->next = NULL;
  b->used = 0;
}

static void arena_free(arena *a) {
  for (arena_block *x = a->head, *next; x; x = next) {
    next = x->next;
    free(x);
  }
  a->head = NULL;
}

/* An attribute value as libxml2's SAX2 gives it, made what a DOM holds:
 * with entities left unreplaced, an '&' (from &amp; or &#38;) reaches SAX
 * as "&#38;" for the tree builder to decode, and nothing else does. */
static size_t decode_value(char *dst, const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '&' && i + 5 <= n && memcmp(s + i, "&#38;", 5) == 0) {
      dst[k++] = '&';
      i += 4;
    } else {
      dst[k++] = s[i];
    }
  }
  dst[k] = '\0';
  return k;
}

/* Builds a tree from SAX events; names are the parser dictionary's. */
typedef struct tree_builder {
  arena arena;
  xmlpart_node *root, *cur;
  bool nomem;
} tree_builder;

static char *arena_strdup(arena *a, const char *s) {
  size_t n = strlen(s) + 1;
  char *d = arena_alloc(a, n);
  if (d) memcpy(d, s, n);
  return d;
}

/* Open a node under the current one; names and values are copied. */
static void tb_open(tree_builder *t, const char *local, const xmlpart_attr *attrs, size_t n_attrs) {
  if (t->nomem) return;
  xmlpart_node *n = arena_alloc(&t->arena, sizeof *n);
  xmlpart_attr *a = n_attrs ? arena_alloc(&t->arena, n_attrs * sizeof *a) : NULL;
  if (!n || (n_attrs && !a)) {
    t->nomem = true;
    return;
  }
  memset(n, 0, sizeof *n);
  n->local = arena_strdup(&t->arena, local);
  for (size_t i = 0; i < n_attrs; i++) {
    a[i].local = arena_strdup(&t->arena, attrs[i].local);
    a[i].value = arena_strdup(&t->arena, attrs[i].value);
    if (!a[i].local || !a[i].value) t->nomem = true;
  }
  if (!n->local || t->nomem) {
    t->nomem = true;
    return;
  }
  n->attrs = a;
  n->n_attrs = n_attrs;
  n->parent = t->cur;
  if (t->cur) {
    if (t->cur->last)
      t->cur->last->next = n;
    else
      t->cur->first = n;
    t->cur->last = n;
  } else if (!t->root) {
    t->root = n;
  }
  t->cur = n;
}

static void tb_close(tree_builder *t) {
  if (!t->nomem && t->cur) t->cur = t->cur->parent;
}

/* Names compared by their first byte before the call: most differ there
 * (a run's properties are a dozen children, asked for one by one). */
static bool same_name(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

const char *xn_attr(const xmlpart_node *n, const char *local) {
  if (!n) return NULL;
  for (size_t i = 0; i < n->n_attrs; i++)
    if (same_name(n->attrs[i].local, local)) return n->attrs[i].value;
  return NULL;
}

bool xn_is(const xmlpart_node *n, const char *local) { return n && same_name(n->local, local); }

const xmlpart_node *xn_child(const xmlpart_node *n, const char *local) {
  for (const xmlpart_node *c = n ? n->first : NULL; c; c = c->next)
    if (same_name(c->local, local)) return c;
  return NULL;
}

bool xn_onoff(const xmlpart_node *n) {
  if (!n) return false;
  const char *v = xn_attr(n, "val");
  if (!v) return true;
  return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* ---- SAX2 parsing: the state both xmlpart_stream and xmlpart_parse_tree keep ---- */

#define STREAM_CHUNK 32768
#define MAX_NS 16

typedef struct sax_state {
  xmlParserCtxtPtr ctxt;
  const char *name;
  unsigned max_depth;
  /* xmlpart_stream: the caller's */
  const xmlpart_handlers *h;
  void *ctx;
  const char *const *ns_uris; /* the caller's namespace URIs */
  const xmlChar *ns[MAX_NS];  /* the same, interned in libxml2's dictionary */
  size_t ns_len[MAX_NS];      /* their lengths (scan_ns) */
  size_t n_ns;
  int depth;       /* of the innermost open element; -1 outside the root */
  int quiet_depth; /* >= 0: inside an element skipped or captured at this depth */
  bool capturing;
  bool whole;    /* xmlpart_parse_tree: every element into the tree */
  bool too_deep; /* xmlpart_parse_tree: found past max_depth, said after the parse */
  bool stopped;  /* a callback stopped, or an error did */
  bool doctype;  /* a DTD or an entity reference reached the parser */
  /* events the scanner delivered, counted; when libxml2 reads the part
   * again after it fell back, as many are passed over */
  size_t n_starts, n_ends, n_text;
  bool resuming;
  /* the length of the text node being read, held to libxml2's cap on one
   * (the reader built a DOM, whose text nodes have it) */
  size_t text_run;
  bool want_fallback;  /* the scanner met text past the cap: libxml2 says so */
  colette_error limit; /* the depth limit, when it stopped the stream */
  bool limited;
  tree_builder tree;
  /* the element's attributes for xmlpart_elem, reused */
  xmlpart_attr *attrs;
  size_t cap_attrs;
  buf values;
  /* the first error libxml2 raised, copied: its strings are not ours */
  xmlpart_first first;
} sax_state;

static sax_state *state_of(void *ctx) { return ((xmlParserCtxtPtr)ctx)->_private; }

static void sax_on_error(void *ctx, xmlErrorPtr e) {
  sax_state *s = ctx;
  if (!s || !xmlpart_first_keep(&s->first, e)) return;
  /* a stream delivers nothing past its first error, as the reader did; a
   * whole part goes on (namespace errors leave a DOM well-formed).  The
   * parser is not halted from here: libxml2 may still be using its input
   * (an encoding switch), and halting frees it. */
  if (!s->whole) s->stopped = true;
}

/* The parser's structured errors come with the parser context as data. */
static void sax_on_parser_error(void *ctx, xmlErrorPtr e) { sax_on_error(state_of(ctx), e); }

static void sax_stop(sax_state *s) {
  s->stopped = true;
  xmlStopParser(s->ctxt);
}

/* The reader checks every node it delivers against the depth limit. */
static bool depth_ok(sax_state *s, int depth) {
  if (!s->max_depth || depth <= (int)s->max_depth) return true;
  if (s->whole) {
    s->too_deep = true;
    return true;
  }
  error_set_at(&s->limit, COLETTE_ERR_LIMIT, s->name, xmlSAX2GetLineNumber(s->ctxt),
               xmlSAX2GetColumnNumber(s->ctxt),
               "elements nested deeper than %u, the limit (--max-depth)", s->max_depth);
  s->limited = true;
  sax_stop(s);
  return false;
}

static int ns_index(sax_state *s, const xmlChar *uri) {
  if (!uri) return -1;
  for (size_t i = 0; i < s->n_ns; i++)
    if (uri == s->ns[i]) return (int)i;
  return -1;
}

/* The element's namespace declarations and attributes as xmlpart_attr. */
static bool elem_attrs(sax_state *s, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, const xmlChar **attributes, size_t *count) {
  size_t n = (size_t)(nb_namespaces > 0 ? nb_namespaces : 0) +
             (size_t)(nb_attributes > 0 ? nb_attributes : 0);
  *count = n;
  if (n == 0) return true;
  if (n > s->cap_attrs) {
    size_t cap = n < 16 ? 16 : n * 2;
    xmlpart_attr *a = realloc(s->attrs, cap * sizeof *a);
    if (!a) return false;
    s->attrs = a;
    s->cap_attrs = cap;
  }
  size_t k = 0;
  for (int i = 0; i < nb_namespaces; i++, k++) {
    const xmlChar *prefix = namespaces[2 * i], *uri = namespaces[2 * i + 1];
    s->attrs[k].local = prefix ? (const char *)prefix : "xmlns";
    s->attrs[k].value = uri ? (const char *)uri : "";
  }
  /* values first into one buffer, then pointers into it (it may move) */
  buf_clear(&s->values);
  size_t offs[64], *off = n - k <= 64 ? offs : malloc((n - k) * sizeof *off);
  if (!off) return false;
  for (int i = 0; i < nb_attributes; i++) {
    const char *v = (const char *)attributes[5 * i + 3], *end = (const char *)attributes[5 * i + 4];
    size_t len = (size_t)(end - v);
    off[i] = s->values.len;
    if (!buf_reserve(&s->values, len + 1)) {
      if (off != offs) free(off);
      return false;
    }
    s->values.len += decode_value(s->values.data + s->values.len, v, len) + 1;
  }
  for (int i = 0; i < nb_attributes; i++, k++) {
    s->attrs[k].local = (const char *)attributes[5 * i];
    s->attrs[k].value = s->values.data + off[i];
  }
  if (off != offs) free(off);
  return true;
}

/* An element opened in the tree being captured; false once stopped. */
static bool capture_open(sax_state *s, const char *local, const xmlpart_attr *attrs,
                         size_t n_attrs) {
  tb_open(&s->tree, local, attrs, n_attrs);
  if (s->tree.nomem) sax_stop(s);
  return !s->stopped;
}

/* An element's start, from libxml2 or the scanner: attrs holds its
 * namespace declarations (n_nsdefs) then its attributes. */
static bool ev_start(sax_state *s, const char *local, int ns, bool empty, const xmlpart_attr *attrs,
                     size_t n_nsdefs, size_t n_attrs) {
  if (s->stopped) return false;
  s->text_run = 0;
  if (s->resuming) {
    if (s->n_starts) {
      s->n_starts--;
      return true;
    }
  } else {
    s->n_starts++;
  }
  int depth = ++s->depth;
  /* an element with neither declarations nor attributes may come with no
   * array at all (NULL + 0 is undefined) */
  const xmlpart_attr *own = attrs ? attrs + n_nsdefs : NULL;
  if (s->whole) {
    depth_ok(s, depth);
    return capture_open(s, local, own, n_attrs);
  }
  if (s->quiet_depth >= 0) return s->capturing ? capture_open(s, local, own, n_attrs) : !s->stopped;
  if (!depth_ok(s, depth)) return false;
  xmlpart_elem e;
  e.local = local;
  e.ns = ns;
  e.depth = depth;
  e.empty = empty;
  e.attrs = attrs;
  e.n_attrs = n_nsdefs + n_attrs;
  xmlpart_next next = s->h->start(s->ctx, &e);
  switch (next) {
  case XMLPART_STOP: sax_stop(s); return false;
  case XMLPART_DESCEND:
    if (empty) s->quiet_depth = depth; /* its end is not delivered */
    return true;
  case XMLPART_SKIP: s->quiet_depth = depth; return true;
  case XMLPART_CAPTURE:
    s->quiet_depth = depth;
    s->capturing = true;
    arena_reset(&s->tree.arena);
    s->tree.root = s->tree.cur = NULL;
    s->tree.nomem = false;
    return capture_open(s, local, own, n_attrs);
  }
  return true;
}

static bool ev_end(sax_state *s) {
  if (s->stopped) return false;
  s->text_run = 0;
  if (s->resuming) {
    if (s->n_ends) {
      s->n_ends--;
      return true;
    }
  } else {
    s->n_ends++;
  }
  int depth = s->depth--;
  if (s->whole) {
    tb_close(&s->tree);
    return true;
  }
  if (s->quiet_depth >= 0) {
    if (s->capturing) tb_close(&s->tree);
    if (depth > s->quiet_depth) return true;
    s->quiet_depth = -1;
    if (s->capturing) {
      s->capturing = false;
      if (s->tree.nomem || !s->h->captured(s->ctx, s->tree.root, depth)) sax_stop(s);
    }
    return !s->stopped;
  }
  if (!s->h->end(s->ctx, depth)) sax_stop(s);
  return !s->stopped;
}

static bool ev_text(sax_state *s, const char *ch, size_t len) {
  if (s->stopped) return false;
  if (!s->whole && s->text_run + len > XML_MAX_TEXT_LENGTH) {
    if (!s->ctxt) { /* the scanner's pass: libxml2 reads it, and stops here */
      s->want_fallback = true;
      s->stopped = true;
      return false;
    }
    error_set_at(&s->limit, COLETTE_ERR_LIMIT, s->name, xmlSAX2GetLineNumber(s->ctxt),
                 xmlSAX2GetColumnNumber(s->ctxt), "xmlSAX2Characters: huge text node");
    s->limited = true;
    sax_stop(s);
    return false;
  }
  s->text_run += len;
  if (s->resuming && s->n_text) {
    size_t k = len < s->n_text ? len : s->n_text;
    s->n_text -= k;
    ch += k;
    len -= k;
  } else if (!s->resuming) {
    s->n_text += len;
  }
  if (s->whole || s->quiet_depth >= 0 || len == 0) return true;
  if (!depth_ok(s, s->depth + 1)) return false;
  if (!s->h->text(s->ctx, ch, len)) sax_stop(s);
  return !s->stopped;
}

static void sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                      int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
  (void)prefix, (void)nb_defaulted;
  sax_state *s = state_of(ctx);
  if (s->stopped) return;
  /* As xmlTextReader tells <x/> from <x></x>: the parser stands on "/>" */
  const xmlChar *cur = s->ctxt->input ? s->ctxt->input->cur : NULL;
  bool empty = cur && cur[0] == '/' && cur[1] == '>';
  size_t n;
  if (!elem_attrs(s, nb_namespaces, namespaces, nb_attributes, attributes, &n)) {
    s->tree.nomem = true;
    sax_stop(s);
    return;
  }
  size_t n_ns = nb_namespaces > 0 ? (size_t)nb_namespaces : 0;
  ev_start(s, (const char *)localname, ns_index(s, uri), empty, s->attrs, n_ns, n - n_ns);
}

static void sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                    const xmlChar *uri) {
  (void)localname, (void)prefix, (void)uri;
  ev_end(state_of(ctx));
}

static void sax_text(void *ctx, const xmlChar *ch, int len) {
  if (len > 0) ev_text(state_of(ctx), (const char *)ch, (size_t)len);
}

/* Comments and processing instructions are nodes the reader checks too. */
static void sax_comment(void *ctx, const xmlChar *value) {
  (void)value;
  sax_state *s = state_of(ctx);
  s->text_run = 0; /* a comment or PI ends a text node */
  if (!s->stopped && !s->whole && s->quiet_depth < 0) depth_ok(s, s->depth + 1);
}

static void sax_pi(void *ctx, const xmlChar *target, const xmlChar *data) {
  (void)target;
  sax_comment(ctx, data);
}

/* A DTD or an entity reference: never in OOXML, refused like a DOCTYPE. */
static void sax_subset(void *ctx, const xmlChar *name, const xmlChar *e, const xmlChar *sys) {
  (void)name, (void)e, (void)sys;
  sax_state *s = state_of(ctx);
  s->doctype = true;
  sax_stop(s);
}

static void sax_reference(void *ctx, const xmlChar *name) { sax_subset(ctx, name, NULL, NULL); }

static void sax_handler(xmlSAXHandler *h) {
  memset(h, 0, sizeof *h);
  h->initialized = XML_SAX2_MAGIC;
  h->startElementNs = sax_start;
  h->endElementNs = sax_end;
  h->characters = sax_text;
  h->ignorableWhitespace = sax_text;
  h->cdataBlock = sax_text;
  h->comment = sax_comment;
  h->processingInstruction = sax_pi;
  h->internalSubset = sax_subset;
  h->externalSubset = sax_subset;
  h->reference = sax_reference;
  h->serror = sax_on_parser_error;
}

static void sax_state_free(sax_state *s) {
  arena_free(&s->tree.arena);
  free(s->attrs);
  buf_free(&s->values);
}

/* The error that ended a parse, into err (as the reader's fail does). */
static colette_status sax_error(sax_state *s, part_stream *stream, bool doctype,
                                colette_error *err) {
  if (stream && part_stream_failed(stream)) {
    if (err) *err = *part_stream_error(stream);
    return part_stream_error(stream)->status;
  }
  if (doctype || s->doctype)
    return error_set(err, COLETTE_ERR_XML, s->name,
                     "DOCTYPE or entity declaration (refused, not read: no DTD, no entities)");
  if (s->first.have) {
    xmlpart_capture(err, s->name, &s->first.e, COLETTE_ERR_XML);
    return err ? err->status : COLETTE_ERR_XML;
  }
  if (s->tree.nomem) return error_set(err, COLETTE_ERR_NOMEM, s->name, "out of memory");
  return error_set(err, COLETTE_ERR_XML, s->name, "malformed XML");
}

/* Reads the next chunk of a part, refusing a DOCTYPE before the parser
 * sees it; -1 on error (the stream's, or *doctype). */
static int stream_chunk(part_stream *ps, xmlpart_prolog *p, char *dst, int len, bool *doctype) {
  int n = part_stream_read(ps, dst, len);
  if (n > 0 && p->state != P_DONE) {
    xmlpart_prolog_scan(p, dst, (size_t)n);
    if (p->doctype) {
      *doctype = true;
      return -1;
    }
  }
  return n;
}

/* The scanner's sink: the same event functions libxml2's callbacks call.
 * The URIs a part declares share long prefixes (http://schemas.openxmlformats.org/…):
 * scan_ns tells most apart by length and last byte before comparing. */
static int scan_ns(void *ctx, const char *uri) {
  sax_state *s = ctx;
  size_t len = strlen(uri);
  for (size_t i = 0; i < s->n_ns; i++)
    if (s->ns_len[i] == len && len && s->ns_uris[i][len - 1] == uri[len - 1] &&
        memcmp(uri, s->ns_uris[i], len) == 0)
      return (int)i;
  return -1;
}

static bool scan_start(void *ctx, const char *local, int ns, bool empty, const xmlpart_attr *attrs,
                       size_t n_nsdefs, size_t n_attrs) {
  return ev_start(ctx, local, ns, empty, attrs, n_nsdefs, n_attrs);
}

static bool scan_end(void *ctx) { return ev_end(ctx); }

static bool scan_text(void *ctx, const char *ch, size_t n) { return ev_text(ctx, ch, n); }

static void scan_comment(void *ctx) { ((sax_state *)ctx)->text_run = 0; }

/*
 * The scanner's pass over a streamed part: XMLSCAN_DONE (read whole),
 * XMLSCAN_STOPPED (a callback stopped), XMLSCAN_FALLBACK (libxml2 must
 * read it), or XMLSCAN_NOMEM; *n < 0 when the stream failed (*doctype for
 * a DOCTYPE).
 */
static xmlscan_result scan_stream(sax_state *s, part_stream *ps, xmlpart_prolog *p, char *chunk,
                                  bool *doctype, int *n) {
  xmlscan_sink sink = {s, scan_ns, scan_start, scan_end, scan_text, scan_comment};
  xmlscan *x = xmlscan_new(&sink, s->max_depth);
  if (!x) return XMLSCAN_NOMEM;
  xmlscan_result r;
  do {
    *n = stream_chunk(ps, p, chunk, STREAM_CHUNK, doctype);
    if (*n < 0) {
      r = XMLSCAN_STOPPED;
      break;
    }
    r = xmlscan_feed(x, chunk, (size_t)*n, *n == 0);
  } while (r == XMLSCAN_MORE);
  xmlscan_free(x);
  return r;
}

colette_status xmlpart_stream(package *pkg, const char *name, const xmlpart_handlers *h, void *ctx,
                              const char *const *ns_uris, size_t n_ns, colette_error *err) {
  sax_state s;
  memset(&s, 0, sizeof s);
  s.name = name;
  s.max_depth = package_limits(pkg)->max_depth;
  s.h = h;
  s.ctx = ctx;
  s.depth = -1;
  s.quiet_depth = -1;
  s.ns_uris = ns_uris;
  s.n_ns = n_ns < MAX_NS ? n_ns : MAX_NS;
  for (size_t i = 0; i < s.n_ns; i++)
    s.ns_len[i] = strlen(ns_uris[i]);
  part_stream *ps;
  colette_status st = part_stream_open(pkg, name, &ps, err);
  if (st != COLETTE_OK) return st;
  char *chunk = malloc(STREAM_CHUNK);
  if (!chunk) {
    part_stream_close(ps);
    return error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  }
  xmlpart_prolog p = {0};
  bool doctype = false, failed = false;
  xmlpart_global g;
  xmlpart_global_take(&g, sax_on_error, &s);
  int n = 0;
  /* The scanner first; libxml2 when it falls back, passing over the events
   * the scanner delivered (the same, as xmlscan.h promises). */
  xmlscan_result r = scan_stream(&s, ps, &p, chunk, &doctype, &n);
  if (n < 0) {
    failed = true;
    goto done;
  }
  if (s.want_fallback) {
    r = XMLSCAN_FALLBACK;
    s.stopped = false;
    s.text_run = 0;
  }
  if (r == XMLSCAN_NOMEM) s.tree.nomem = true;
  if (r != XMLSCAN_FALLBACK) goto done;
  s.resuming = true;
  st = part_stream_rewind(ps, err);
  if (st != COLETTE_OK) {
    xmlpart_global_restore(&g);
    free(chunk);
    part_stream_close(ps);
    return st;
  }
  p = (xmlpart_prolog){0};
  n = stream_chunk(ps, &p, chunk, STREAM_CHUNK, &doctype);
  if (n < 0) {
    failed = true;
    goto done;
  }
  xmlSAXHandler sax;
  sax_handler(&sax);
  /* the first four bytes tell the encoding, as the reader gives them */
  int first = n < 4 ? 0 : 4;
  s.ctxt = xmlCreatePushParserCtxt(&sax, NULL, first ? chunk : NULL, first, name);
  if (!s.ctxt) {
    xmlpart_global_restore(&g);
    free(chunk);
    part_stream_close(ps);
    return error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  }
  s.ctxt->_private = &s;
  xmlCtxtUseOptions(s.ctxt, XMLPART_PARSE_OPTIONS);
  for (size_t i = 0; i < s.n_ns; i++)
    s.ns[i] = xmlDictLookup(s.ctxt->dict, BAD_CAST ns_uris[i], -1);
  int off = first;
  while (n > 0 && !s.stopped && !s.first.have) {
    if (n > off) xmlParseChunk(s.ctxt, chunk + off, n - off, 0);
    if (s.stopped || s.first.have) break;
    off = 0;
    n = stream_chunk(ps, &p, chunk, STREAM_CHUNK, &doctype);
  }
  if (n < 0) {
    failed = true;
  } else if (!s.stopped && !s.first.have) {
    xmlParseChunk(s.ctxt, NULL, 0, 1);
    if (!s.stopped && !s.first.have && !s.ctxt->wellFormed) failed = true;
  }
done:
  xmlpart_global_restore(&g);
  if (s.limited) {
    st = s.limit.status;
    if (err) *err = s.limit;
  } else if (failed || s.first.have || s.doctype || s.tree.nomem) {
    st = sax_error(&s, ps, doctype, err);
  } else {
    st = COLETTE_OK;
  }
  if (s.ctxt) xmlFreeParserCtxt(s.ctxt);
  sax_state_free(&s);
  free(chunk);
  part_stream_close(ps);
  return st;
}

struct xmlpart_tree {
  arena arena; /* the nodes, their names and values */
  const xmlpart_node *root;
};

colette_status xmlpart_parse_tree(package *pkg, const char *name, xmlpart_tree **out,
                                  colette_error *err) {
  *out = NULL;
  buf data = BUF_INIT;
  colette_status st = package_read(pkg, name, &data, err);
  if (st != COLETTE_OK) {
    buf_free(&data);
    return st;
  }
  sax_state s;
  memset(&s, 0, sizeof s);
  s.name = name;
  s.max_depth = package_limits(pkg)->max_depth;
  s.depth = -1;
  s.quiet_depth = -1;
  s.whole = true;
  xmlpart_prolog p = {0};
  xmlpart_prolog_scan(&p, data.data ? data.data : "", data.len);
  if (p.doctype) {
    buf_free(&data);
    return error_set(err, COLETTE_ERR_XML, name,
                     "DOCTYPE or entity declaration (refused, not read: no DTD, no entities)");
  }
  if (data.len > INT32_MAX) {
    buf_free(&data);
    return error_set(err, COLETTE_ERR_LIMIT, name, "too large to parse whole");
  }
  /* The scanner first: if it reads the part whole, that is the tree. */
  xmlscan_sink sink = {&s, scan_ns, scan_start, scan_end, scan_text, scan_comment};
  xmlscan *x = xmlscan_new(&sink, s.max_depth);
  xmlscan_result r =
      x ? xmlscan_feed(x, data.data ? data.data : "", data.len, true) : XMLSCAN_NOMEM;
  xmlscan_free(x);
  if (r == XMLSCAN_DONE && s.tree.root && !s.tree.nomem && !s.too_deep) {
    buf_free(&data);
    goto made;
  }
  if (r != XMLSCAN_FALLBACK) {
    buf_free(&data);
    sax_state_free(&s);
    return error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  }
  arena_reset(&s.tree.arena);
  s.tree.root = s.tree.cur = NULL;
  s.depth = -1;
  s.too_deep = false;
  /* Else the same parse as xmlpart_parse_buffer's (so the same messages),
   * with our handlers instead of the DOM builder's. */
  s.ctxt = xmlNewParserCtxt();
  if (!s.ctxt) {
    buf_free(&data);
    return error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  }
  sax_handler(s.ctxt->sax);
  s.ctxt->_private = &s;
  xmlpart_first stray = {0};
  xmlpart_global g;
  xmlpart_global_take(&g, xmlpart_on_stray, &stray);
  s.ctxt->sax->serror = sax_on_parser_error;
  xmlDocPtr doc = xmlCtxtReadMemory(s.ctxt, data.data ? data.data : "", (int)data.len, name, NULL,
                                    XMLPART_PARSE_OPTIONS);
  xmlpart_global_restore(&g);
  buf_free(&data);
  xmlFreeDoc(doc); /* none: no handler builds one */
  if (s.doctype) {
    st = error_set(err, COLETTE_ERR_XML, name,
                   "DOCTYPE or entity declaration (refused, not read: no DTD, no entities)");
  } else if (s.tree.nomem) {
    st = error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  } else if (!s.ctxt->wellFormed || !s.tree.root) {
    const xmlError *last = xmlCtxtGetLastError(s.ctxt);
    xmlpart_capture(err, name,
                    s.first.have                       ? &s.first.e
                    : last && last->code != XML_ERR_OK ? last
                                                       : &stray.e,
                    COLETTE_ERR_XML);
    st = err ? err->status : COLETTE_ERR_XML;
  } else if (s.too_deep) {
    st = error_set(err, COLETTE_ERR_LIMIT, name,
                   "elements nested deeper than %u, the limit (--max-depth)", s.max_depth);
  }
made:;
  xmlpart_tree *t = st == COLETTE_OK ? calloc(1, sizeof *t) : NULL;
  if (st == COLETTE_OK && !t) st = error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  if (t) {
    t->arena = s.tree.arena;
    s.tree.arena.head = NULL;
    t->root = s.tree.root;
    *out = t;
  }
  if (s.ctxt) xmlFreeParserCtxt(s.ctxt);
  sax_state_free(&s);
  return st;
}

const xmlpart_node *xmlpart_tree_root(const xmlpart_tree *t) { return t ? t->root : NULL; }

void xmlpart_tree_free(xmlpart_tree *t) {
  if (!t) return;
  arena_free(&t->arena);
  free(t);
}
