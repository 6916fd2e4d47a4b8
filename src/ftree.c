/* ftree.c: a flat document held whole (see ftree.h): built from xmlscan's
 * events, or copied from libxml2's DOM where xmlscan hands over. */
#include "ftree.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "xmlpart.h"
#include "xmlscan.h"

/* The arena: blocks of at least CHUNK bytes, each object 8-aligned. */
#define CHUNK (64u * 1024)
#define FIRST_MAX ((size_t)64 << 20)

typedef struct chunk {
  struct chunk *next;
  size_t used, cap;
  max_align_t data[];
} chunk;

struct ftree {
  chunk *chunks;
  size_t first; /* the first block's size */
  fnode *root;
};

typedef struct builder {
  ftree *t;
  bool nomem;
  unsigned max_depth;
  unsigned depth;
  fnode *cur;    /* the open element */
  fnode *last;   /* its last child so far */
  fnode **lasts; /* the last child of each open element above cur */
  size_t n_lasts, cap_lasts;
  buf text;        /* character data not yet made a node */
  const char **ns; /* namespace URIs by xmlscan's index */
  size_t n_ns, cap_ns;
  /* lines: the input, and how far its newlines are counted */
  const char *data;
  size_t counted;
  unsigned long line;
  const xmlscan *x;
  /* element and attribute names, each copied once (a document uses a few
   * dozen, thousands of times): open addressing, half full at most */
  const char **names;
  size_t n_names, cap_names;
} builder;

static void *arena(ftree *t, size_t n) {
  n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
  chunk *c = t->chunks;
  if (!c || c->cap - c->used < n) {
    size_t cap = t->chunks ? CHUNK : t->first;
    if (cap < n) cap = n;
    c = malloc(sizeof *c + cap);
    if (!c) return NULL;
    c->cap = cap;
    c->used = 0;
    c->next = t->chunks;
    t->chunks = c;
  }
  void *p = (char *)c->data + c->used;
  c->used += n;
  return p;
}

static char *arena_str(ftree *t, const char *s, size_t n) {
  char *d = arena(t, n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* The tree's copy of name s (n bytes), or NULL. */
static const char *intern(builder *b, const char *s, size_t n) {
  if (2 * (b->n_names + 1) > b->cap_names) {
    size_t cap = b->cap_names ? 2 * b->cap_names : 128;
    const char **v = calloc(cap, sizeof *v);
    if (!v) return NULL;
    for (size_t i = 0; i < b->cap_names; i++) {
      const char *k = b->names[i];
      if (!k) continue;
      size_t h = 5381;
      for (const char *c = k; *c; c++)
        h = h * 33 + (unsigned char)*c;
      while (v[h & (cap - 1)])
        h++;
      v[h & (cap - 1)] = k;
    }
    free(b->names);
    b->names = v;
    b->cap_names = cap;
  }
  size_t h = 5381;
  for (size_t i = 0; i < n; i++)
    h = h * 33 + (unsigned char)s[i];
  for (;; h++) {
    const char *k = b->names[h & (b->cap_names - 1)];
    if (!k) break;
    if (strncmp(k, s, n) == 0 && k[n] == '\0') return k;
  }
  char *k = arena_str(b->t, s, n);
  if (k) {
    b->names[h & (b->cap_names - 1)] = k;
    b->n_names++;
  }
  return k;
}

/* n appended to the open element's children (or made the root). */
static void link_node(builder *b, fnode *n) {
  n->parent = b->cur;
  if (b->last)
    b->last->next = n;
  else if (b->cur)
    b->cur->first = n;
  else if (!b->t->root && n->name)
    b->t->root = n;
  b->last = n;
}

/* The pending character data as one text node. */
static bool flush_text(builder *b) {
  if (!b->text.len) return true;
  if (!buf_ok(&b->text)) return !(b->nomem = true);
  fnode *n = arena(b->t, sizeof *n);
  char *s = n ? arena_str(b->t, b->text.data, b->text.len) : NULL;
  if (!s) return !(b->nomem = true);
  memset(n, 0, sizeof *n);
  n->text = s;
  n->len = b->text.len;
  buf_clear(&b->text);
  if (b->cur) link_node(b, n); /* none outside the root: xmlscan gives none */
  return true;
}

static fnode *open_element(builder *b, const char *local, const char *ns, const fattr *attrs,
                           size_t n_attrs, unsigned long line) {
  if (!flush_text(b)) return NULL;
  fnode *n = arena(b->t, sizeof *n);
  fattr *a = n && n_attrs ? arena(b->t, n_attrs * sizeof *a) : NULL;
  const char *name = n ? intern(b, local, strlen(local)) : NULL;
  if (!n || !name || (n_attrs && !a)) {
    b->nomem = true;
    return NULL;
  }
  memset(n, 0, sizeof *n);
  for (size_t i = 0; i < n_attrs; i++) {
    a[i].local = intern(b, attrs[i].local, strlen(attrs[i].local));
    a[i].value = arena_str(b->t, attrs[i].value, strlen(attrs[i].value));
    if (!a[i].local || !a[i].value) {
      b->nomem = true;
      return NULL;
    }
  }
  n->name = name;
  n->ns = ns;
  n->attrs = a;
  n->n_attrs = n_attrs;
  n->line = line;
  link_node(b, n);
  if (b->n_lasts == b->cap_lasts) {
    size_t cap = b->cap_lasts ? b->cap_lasts * 2 : 32;
    fnode **v = realloc(b->lasts, cap * sizeof *v);
    if (!v) {
      b->nomem = true;
      return NULL;
    }
    b->lasts = v;
    b->cap_lasts = cap;
  }
  b->lasts[b->n_lasts++] = b->last;
  b->cur = n;
  b->last = NULL;
  return n;
}

static bool close_element(builder *b) {
  if (!flush_text(b)) return false;
  if (!b->cur || !b->n_lasts) return true;
  b->cur = b->cur->parent;
  b->last = b->lasts[--b->n_lasts];
  return true;
}

/* ---- from xmlscan's events ------------------------------------------------------------------ */

/* Each declaration's URI gets an index of its own (a URI declared twice,
 * two): no search, and the element's URI is the string itself. */
static int scan_ns(void *ctx, const char *uri) {
  builder *b = ctx;
  if (b->n_ns == b->cap_ns) {
    size_t cap = b->cap_ns ? 2 * b->cap_ns : 16;
    const char **v = cap <= INT_MAX ? realloc(b->ns, cap * sizeof *v) : NULL;
    if (!v) {
      b->nomem = true;
      return -1;
    }
    b->ns = v;
    b->cap_ns = cap;
  }
  const char *s = intern(b, uri, strlen(uri));
  if (!s) {
    b->nomem = true;
    return -1;
  }
  b->ns[b->n_ns] = s;
  return (int)b->n_ns++;
}

/* The line of byte `at`, counting line ends from where the last count
 * stopped: starts come in order, so the whole input is counted once.  A
 * line ends at '\n', as libxml2 counts (a lone '\r' ends none for it,
 * though its text reads one as '\n'). */
static unsigned long line_at(builder *b, size_t at) {
  const char *end = b->data + at;
  for (const char *p = b->data + b->counted;
       p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
    b->line++;
  b->counted = at;
  return b->line;
}

static bool scan_start(void *ctx, const char *local, int ns, bool empty, const xmlpart_attr *attrs,
                       size_t n_nsdefs, size_t n_attrs) {
  (void)empty; /* an end follows */
  builder *b = ctx;
  if (b->max_depth && b->depth > b->max_depth) return false; /* libxml2 says so, in its words */
  b->depth++;
  const char *uri = ns >= 0 && (size_t)ns < b->n_ns ? b->ns[ns] : "";
  /* xmlpart_attr and fattr are the same two pointers */
  return open_element(b, local, uri, (const fattr *)(attrs + n_nsdefs), n_attrs,
                      line_at(b, xmlscan_tag_end(b->x))) != NULL;
}

static bool scan_end(void *ctx) {
  builder *b = ctx;
  b->depth--;
  return close_element(b);
}

static bool scan_text(void *ctx, const char *s, size_t n) {
  builder *b = ctx;
  buf_append(&b->text, s, n);
  return buf_ok(&b->text) || !(b->nomem = true);
}

/* ---- from libxml2's DOM --------------------------------------------------------------------- */

/* The DOM's tree copied, iteratively (a deep document must not exhaust
 * the stack); comments and processing instructions left out, CDATA as
 * text (the parse merges it: XML_PARSE_NOCDATA). */
static bool copy_dom(builder *b, xmlNodePtr root) {
  xmlNodePtr cur = root;
  fattr stack_attrs[16];
  while (cur) {
    bool descend = false;
    if (cur->type == XML_ELEMENT_NODE) {
      size_t na = 0;
      for (xmlAttrPtr a = cur->properties; a; a = a->next)
        na++;
      fattr *attrs = na <= 16 ? stack_attrs : malloc(na * sizeof *attrs);
      xmlChar **vals = calloc(na ? na : 1, sizeof *vals);
      if (!attrs || !vals) {
        if (attrs != stack_attrs) free(attrs);
        free(vals);
        return !(b->nomem = true);
      }
      size_t i = 0;
      for (xmlAttrPtr a = cur->properties; a; a = a->next, i++) {
        vals[i] = xmlNodeListGetString(cur->doc, a->children, 1);
        attrs[i].local = (const char *)a->name;
        attrs[i].value = vals[i] ? (const char *)vals[i] : "";
      }
      const char *uri = cur->ns && cur->ns->href ? (const char *)cur->ns->href : "";
      long line = xmlGetLineNo(cur);
      const char *ns = intern(b, uri, strlen(uri));
      fnode *n = ns ? open_element(b, (const char *)cur->name, ns, attrs, na,
                                   line > 0 ? (unsigned long)line : 0)
                    : NULL;
      for (i = 0; i < na; i++)
        xmlFree(vals[i]);
      free(vals);
      if (attrs != stack_attrs) free(attrs);
      if (!n) return !(b->nomem = true);
      descend = cur->children != NULL;
      if (!descend && !close_element(b)) return false;
    } else if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
               cur->content) {
      if (!scan_text(b, (const char *)cur->content, strlen((const char *)cur->content)))
        return false;
    }
    if (descend) {
      cur = cur->children;
      continue;
    }
    while (cur != root && !cur->next) {
      cur = cur->parent;
      if (!close_element(b)) return false;
    }
    if (cur == root) break;
    cur = cur->next;
  }
  return !b->nomem;
}

/* ---- the tree ------------------------------------------------------------------------------- */

static void free_chunks(ftree *t) {
  while (t->chunks) {
    chunk *c = t->chunks;
    t->chunks = c->next;
    free(c);
  }
}

static void builder_reset(builder *b) {
  free_chunks(b->t);
  b->t->root = NULL;
  b->cur = b->last = NULL;
  b->n_lasts = 0;
  b->n_ns = 0;
  b->depth = 0;
  if (b->names) memset(b->names, 0, b->cap_names * sizeof *b->names);
  b->n_names = 0;
  buf_clear(&b->text);
}

colette_status ftree_parse(const char *name, const char *data, size_t len, unsigned max_depth,
                           ftree **out, colette_error *err) {
  *out = NULL;
  ftree *t = calloc(1, sizeof *t);
  if (!t) return error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  builder b;
  memset(&b, 0, sizeof b);
  b.t = t;
  b.max_depth = max_depth;
  b.data = data ? data : "";
  b.line = 1;
  /* the first block about what the tree takes (7 to 8 times the text on
   * the fixtures: a node is 80 bytes), within reason; then CHUNK at a time */
  t->first = len < CHUNK / 8 ? CHUNK : len < FIRST_MAX / 8 ? 8 * len : FIRST_MAX;
  colette_status st = COLETTE_OK;
  xmlscan_sink sink = {&b, scan_ns, scan_start, scan_end, scan_text, NULL};
  /* xmlscan's own depth limit is libxml2's; ours is checked in scan_start */
  xmlscan *x = xmlscan_new(&sink, 0);
  xmlscan_result r = XMLSCAN_NOMEM;
  if (x) {
    b.x = x;
    r = xmlscan_feed(x, b.data, len, true);
    xmlscan_free(x);
  }
  if (r == XMLSCAN_DONE && !b.nomem && t->root) goto done;
  if (b.nomem || r == XMLSCAN_NOMEM) {
    st = error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
    goto done;
  }
  /* outside xmlscan's subset, or refused (too deep, malformed): libxml2
   * reads it, and says what is wrong in its words */
  builder_reset(&b);
  xmlDocPtr doc = NULL;
  st = xmlpart_parse_buffer(name, data, len, max_depth, &doc, err);
  if (st == COLETTE_OK) {
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root && !copy_dom(&b, root)) st = error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  }
  xmlFreeDoc(doc);
done:
  free(b.lasts);
  free(b.names);
  free(b.ns);
  buf_free(&b.text);
  if (st != COLETTE_OK) {
    ftree_free(t);
    return st;
  }
  *out = t;
  return COLETTE_OK;
}

const fnode *ftree_root(const ftree *t) { return t ? t->root : NULL; }

void ftree_free(ftree *t) {
  if (!t) return;
  free_chunks(t);
  free(t);
}

const fnode *fnode_first_elem(const fnode *n) {
  const fnode *c = n ? n->first : NULL;
  while (c && !c->name)
    c = c->next;
  return c;
}

const fnode *fnode_next_elem(const fnode *n) {
  const fnode *c = n ? n->next : NULL;
  while (c && !c->name)
    c = c->next;
  return c;
}

const char *fnode_attr(const fnode *n, const char *local) {
  if (!n) return NULL;
  for (size_t i = 0; i < n->n_attrs; i++)
    if (strcmp(n->attrs[i].local, local) == 0) return n->attrs[i].value;
  return NULL;
}

void fnode_text(const fnode *n, buf *out) {
  if (!n) return;
  if (!n->name) {
    buf_append(out, n->text, n->len);
    return;
  }
  /* iteratively, as the copy: depth is the input's to choose */
  const fnode *cur = n->first;
  while (cur) {
    if (!cur->name) buf_append(out, cur->text, cur->len);
    if (cur->name && cur->first) {
      cur = cur->first;
      continue;
    }
    while (cur && !cur->next && cur != n)
      cur = cur->parent;
    if (!cur || cur == n) break;
    cur = cur->next;
  }
}
