/* xmlscan.c: the plain-XML scanner (see xmlscan.h for what it reads and
 * what it leaves to libxml2). */
#include "xmlscan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "buf.h"

#define MAX_TAG (1u << 20)  /* a start tag longer than this: libxml2's limits decide */
#define MAX_NAME 1000       /* likewise a name */
#define MAX_ATTRS 64        /* duplicates are checked pairwise below this */
#define LIBXML2_DEPTH 255   /* libxml2 refuses past 256 */
#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define XMLNS_NS "http://www.w3.org/2000/xmlns/"

typedef struct nsdecl {
  size_t prefix, uri; /* offsets into names */
  size_t prefix_len;
  int index;
} nsdecl;

typedef struct open_elem {
  size_t qname;   /* offset into names */
  size_t n_ns;    /* namespace declarations in scope before it */
  size_t names;   /* names' length before it */
} open_elem;

struct xmlscan {
  xmlscan_sink sink;
  unsigned max_depth;
  enum { S_START, S_PROLOG, S_CONTENT, S_EPILOG } stage;
  buf in;     /* bytes kept from earlier feeds, not yet scanned */
  const char *win; /* what scan reads: in's bytes, or a feed's own */
  size_t win_len;
  size_t pos; /* scanned up to here, in win */
  size_t dropped; /* bytes of the document before in's first */
  size_t tag_end; /* during start: the document offset of the start tag's '>' */
  size_t qname_at; /* during start: the element's qualified name, in names */
  buf names;  /* qnames of open elements, prefixes and URIs in scope */
  nsdecl *ns;
  size_t n_ns, cap_ns;
  unsigned long ns_gen, cache_gen; /* lookup's cache: valid while equal */
  size_t cache;
  open_elem *open;
  size_t n_open, cap_open;
  /* one start tag's pieces, reused */
  buf values;
  xmlpart_attr attrs[MAX_ATTRS];
  const char *qnames[MAX_ATTRS]; /* attrs' qualified names ("xml:lang", "xmlns:w") */
  size_t val_off[MAX_ATTRS], qname_off[MAX_ATTRS], local_off[MAX_ATTRS];
  size_t qname_len[MAX_ATTRS]; /* bytes of the qualified name */
  int attr_ns[MAX_ATTRS]; /* -2 none, -3 the xml namespace, else index into ns */
  bool attr_ref[MAX_ATTRS]; /* its value held a reference */
};

xmlscan *xmlscan_new(const xmlscan_sink *sink, unsigned max_depth) {
  xmlscan *x = calloc(1, sizeof *x);
  if (!x) return NULL;
  x->sink = *sink;
  x->win = "";
  x->max_depth = max_depth && max_depth < LIBXML2_DEPTH ? max_depth : LIBXML2_DEPTH;
  return x;
}

void xmlscan_free(xmlscan *x) {
  if (!x) return;
  buf_free(&x->in);
  buf_free(&x->names);
  buf_free(&x->values);
  free(x->ns);
  free(x->open);
  free(x);
}

/* libxml2 reads "\r\n" and a lone '\r' as '\n' (XML 1.0 2.11): in tags
 * and between them a '\r' is a space; text and values are given below. */
static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
/* ASCII name characters: 1 may start a name, 2 may follow (':' apart);
 * a name with any other byte is left to libxml2. */
static const unsigned char NAME[256] = {
    ['-'] = 2, ['.'] = 2, ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
    ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2, ['_'] = 3, ['A'] = 3, ['B'] = 3, ['C'] = 3,
    ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3, ['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3,
    ['L'] = 3, ['M'] = 3, ['N'] = 3, ['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3, ['S'] = 3,
    ['T'] = 3, ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3, ['a'] = 3,
    ['b'] = 3, ['c'] = 3, ['d'] = 3, ['e'] = 3, ['f'] = 3, ['g'] = 3, ['h'] = 3, ['i'] = 3,
    ['j'] = 3, ['k'] = 3, ['l'] = 3, ['m'] = 3, ['n'] = 3, ['o'] = 3, ['p'] = 3, ['q'] = 3,
    ['r'] = 3, ['s'] = 3, ['t'] = 3, ['u'] = 3, ['v'] = 3, ['w'] = 3, ['x'] = 3, ['y'] = 3,
    ['z'] = 3,
};
static bool name_start(unsigned char c) { return NAME[c] & 1; }

/* Bytes that text (1) and attribute values (2) take as they are: printable
 * ASCII but for the markup characters ("]" for "]]>", both quotes); the
 * loops below skip runs of them one table load a byte. */
static const unsigned char PLAIN[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    3, 3, 1, 3, 3, 3, 0, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Length of a valid, complete UTF-8 sequence for an XML Char at s, 0 if
 * invalid (or not a Char), -1 if cut by the end. */
static int utf8_char(const unsigned char *s, const unsigned char *end) {
  unsigned char c = s[0];
  int n;
  uint32_t cp;
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, cp = c & 0x07;
  else
    return 0;
  if (end - s < n) {
    for (const unsigned char *p = s + 1; p < end; p++)
      if ((*p & 0xC0) != 0x80) return 0;
    return -1;
  }
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return n;
}

static bool xml_char(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static size_t put_utf8(char *d, uint32_t c) {
  if (c < 0x80) {
    d[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    d[0] = (char)(0xC0 | (c >> 6));
    d[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    d[0] = (char)(0xE0 | (c >> 12));
    d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    d[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  d[0] = (char)(0xF0 | (c >> 18));
  d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  d[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* A reference at s ('&'): its replacement into d (4 bytes), its length in
 * *used; 0 if outside the subset, -1 if cut by the end. */
static int reference(const char *s, const char *end, char *d, size_t *used) {
  const char *semi = memchr(s, ';', (size_t)(end - s) < 16 ? (size_t)(end - s) : 16);
  if (!semi) return end - s < 16 ? -1 : 0;
  size_t n = (size_t)(semi - s) + 1;
  *used = n;
  if (s[1] == '#') {
    uint32_t c = 0;
    const char *p = s + 2;
    bool hex = *p == 'x';
    if (hex) p++;
    if (p == semi || semi - p > 8) return 0;
    for (; p < semi; p++) {
      int v;
      if (*p >= '0' && *p <= '9')
        v = *p - '0';
      else if (hex && *p >= 'a' && *p <= 'f')
        v = *p - 'a' + 10;
      else if (hex && *p >= 'A' && *p <= 'F')
        v = *p - 'A' + 10;
      else
        return 0;
      c = c * (hex ? 16 : 10) + (uint32_t)v;
    }
    if (!xml_char(c)) return 0;
    return (int)put_utf8(d, c);
  }
  static const struct {
    const char *name;
    char c;
  } PREDEFINED[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
  for (size_t i = 0; i < sizeof PREDEFINED / sizeof *PREDEFINED; i++) {
    size_t k = strlen(PREDEFINED[i].name);
    if (n == k + 1 && memcmp(s + 1, PREDEFINED[i].name, k) == 0) {
      d[0] = PREDEFINED[i].c;
      return 1;
    }
  }
  return 0;
}

/* A qualified name at s: its end, and where its local part starts (NULL
 * when outside the subset). */
static const char *qname(const char *s, const char *end, const char **local) {
  const char *p = s;
  *local = s;
  if (p >= end || !name_start((unsigned char)*p)) return NULL;
  for (; p < end; p++) {
    if (NAME[(unsigned char)*p]) continue;
    if (*p != ':') break;
    if (p + 1 >= end) return end; /* cut after the colon: the caller needs more */
    if (*local != s || !name_start((unsigned char)p[1])) return NULL;
    *local = p + 1;
  }
  return p - s > MAX_NAME ? NULL : p;
}

/* The namespace declaration in scope for a prefix (len 0: the default). */
static nsdecl *lookup(xmlscan *x, const char *prefix, size_t len) {
  /* most names share one prefix: the last answer, while no declaration
   * came or went since */
  if (x->cache_gen == x->ns_gen && x->cache < x->n_ns) {
    const nsdecl *d = &x->ns[x->cache];
    if (d->prefix_len == len && memcmp(x->names.data + d->prefix, prefix, len) == 0)
      return &x->ns[x->cache];
  }
  for (size_t i = x->n_ns; i-- > 0;) {
    const nsdecl *d = &x->ns[i];
    if (d->prefix_len == len && memcmp(x->names.data + d->prefix, prefix, len) == 0) {
      x->cache = i;
      x->cache_gen = x->ns_gen;
      return &x->ns[i];
    }
  }
  return NULL;
}

/* True for the URIs namespaces nearly always have, which RFC 3986 (and
 * xmlParseURI) accepts: scheme ":" then unreserved characters, ':' and
 * '/', with an authority after "//" that is non-empty and has no port. */
static bool plain_uri(const char *u) {
  const char *p = u;
  if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return false;
  while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
         *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p++ != ':') return false;
  bool authority = p[0] == '/' && p[1] == '/';
  if (authority) {
    p += 2;
    if (*p == '/' || *p == ':' || !*p) return false;
  }
  for (; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '/') {
      authority = false;
      continue;
    }
    if (c == ':' && authority) return false;
    if (!(NAME[c] || c == '~' || c == ':')) return false;
  }
  return true;
}

static bool push_name(xmlscan *x, const char *s, size_t n, size_t *off) {
  *off = x->names.len;
  buf_append(&x->names, s, n);
  buf_putc(&x->names, '\0');
  return buf_ok(&x->names);
}

/* The tag is cut by the end of what was fed: scan it again with more. */
#define NEED ((xmlscan_result)100)

/* One start tag, s at '<', read up to end (the bytes fed); *gt is set to
 * its '>'.  Nothing is delivered until the whole tag is read. */
static xmlscan_result start_tag(xmlscan *x, const char *s, const char *end, const char **gt) {
  const char *local;
  const char *p = qname(s + 1, end, &local);
  if (!p) return XMLSCAN_FALLBACK;
  if (p == end) return NEED;
  const char *qn = s + 1;
  size_t qlen = (size_t)(p - qn);
  bool empty = false;
  size_t n = 0;
  buf_clear(&x->values);
  for (;;) {
    bool space = false;
    while (p < end && is_space((unsigned char)*p))
      p++, space = true;
    if (p == end) return NEED;
    if (*p == '>') {
      *gt = p;
      break;
    }
    if (*p == '/') {
      if (p + 1 == end) return NEED;
      if (p[1] != '>') return XMLSCAN_FALLBACK;
      empty = true;
      *gt = p + 1;
      break;
    }
    if (!space || n == MAX_ATTRS) return XMLSCAN_FALLBACK;
    const char *alocal;
    const char *q = qname(p, end, &alocal);
    if (!q) return XMLSCAN_FALLBACK;
    if (q == end) return NEED;
    const char *name_end = q;
    while (q < end && is_space((unsigned char)*q))
      q++;
    if (q == end) return NEED;
    if (*q != '=') return XMLSCAN_FALLBACK;
    q++;
    while (q < end && is_space((unsigned char)*q))
      q++;
    if (q == end) return NEED;
    if (*q != '"' && *q != '\'') return XMLSCAN_FALLBACK;
    char quote = *q++;
    /* the name, NUL-terminated, then the value, into values */
    size_t name_at = x->values.len;
    buf_append(&x->values, p, (size_t)(name_end - p));
    buf_putc(&x->values, '\0');
    x->val_off[n] = x->values.len;
    x->attr_ref[n] = false;
    const char *v = q;
    while (q < end && *q != quote) {
      while (q < end && (PLAIN[(unsigned char)*q] & 2))
        q++;
      if (q == end || *q == quote) break;
      unsigned char c = (unsigned char)*q;
      if (c >= 0x20 && c < 0x80 && c != '<' && c != '&') {
        q++;
        continue;
      }
      if (c == '<') return XMLSCAN_FALLBACK;
      if (c == '\r') { /* "\r\n" is one '\n', and becomes one space */
        if (q + 1 == end) return NEED;
        buf_append(&x->values, v, (size_t)(q - v));
        if (q[1] == '\n') {
          v = ++q;
          continue;
        }
        buf_putc(&x->values, ' ');
        v = ++q;
        continue;
      }
      if (c == '&') {
        buf_append(&x->values, v, (size_t)(q - v));
        char d[4];
        size_t used;
        int k = reference(q, end, d, &used);
        if (k < 0) return NEED;
        if (k == 0) return XMLSCAN_FALLBACK;
        buf_append(&x->values, d, (size_t)k);
        x->attr_ref[n] = true;
        q += used;
        v = q;
        continue;
      }
      if (c == '\t' || c == '\n') { /* attribute-value normalisation */
        buf_append(&x->values, v, (size_t)(q - v));
        buf_putc(&x->values, ' ');
        v = ++q;
        continue;
      }
      int k = utf8_char((const unsigned char *)q, (const unsigned char *)end);
      if (k < 0) return NEED;
      if (k == 0) return XMLSCAN_FALLBACK;
      q += k;
    }
    if (q == end) return NEED;
    buf_append(&x->values, v, (size_t)(q - v));
    buf_putc(&x->values, '\0');
    x->qname_off[n] = name_at; /* now relative to values */
    x->local_off[n] = name_at + (size_t)(alocal - p);
    x->qname_len[n] = (size_t)(name_end - p);
    p = q + 1;
    n++;
  }
  if (!buf_ok(&x->values)) return XMLSCAN_NOMEM;
  if (x->n_open >= x->max_depth) return XMLSCAN_FALLBACK;
  /* namespace declarations: pushed before the element's names resolve */
  size_t ns_before = x->n_ns, names_before = x->names.len, n_decl = 0;
  for (size_t i = 0; i < n; i++) {
    const char *an = x->values.data + x->qname_off[i], *val = x->values.data + x->val_off[i];
    bool deflt = an[0] == 'x' && strcmp(an, "xmlns") == 0;
    bool pref = an[0] == 'x' && strncmp(an, "xmlns:", 6) == 0;
    x->attr_ns[i] = -2;
    if (!deflt && !pref) continue;
    x->attr_ns[i] = -4; /* a declaration */
    const char *prefix = deflt ? "" : an + 6;
    /* libxml2 keeps a reference in a declaration's value as it reads it
     * ("&amp;" is "&#38;" in the URI it reports), so such a URI is its to
     * report; no real part has one */
    if (x->attr_ref[i] || !*val || strcmp(prefix, "xml") == 0 || strcmp(prefix, "xmlns") == 0 ||
        strcmp(val, XML_NS) == 0 || strcmp(val, XMLNS_NS) == 0)
      return XMLSCAN_FALLBACK;
    if (!plain_uri(val)) { /* libxml2 calls an invalid one an error */
      xmlURIPtr uri = xmlParseURI(val);
      if (!uri) return XMLSCAN_FALLBACK;
      xmlFreeURI(uri);
    }
    size_t plen = strlen(prefix);
    for (size_t j = ns_before; j < x->n_ns; j++) /* a root tag declares dozens */
      if (x->ns[j].prefix_len == plen && memcmp(x->names.data + x->ns[j].prefix, prefix, plen) == 0)
        return XMLSCAN_FALLBACK;
    if (x->n_ns == x->cap_ns) {
      size_t cap = x->cap_ns ? x->cap_ns * 2 : 16;
      nsdecl *d = realloc(x->ns, cap * sizeof *d);
      if (!d) return XMLSCAN_NOMEM;
      x->ns = d;
      x->cap_ns = cap;
    }
    nsdecl *d = &x->ns[x->n_ns++];
    x->ns_gen++;
    if (!push_name(x, prefix, plen, &d->prefix) || !push_name(x, val, strlen(val), &d->uri))
      return XMLSCAN_NOMEM;
    d->prefix_len = plen;
    d->index = x->sink.ns_index(x->sink.ctx, val);
    n_decl++;
  }
  /* the element's namespace */
  int ens = -1;
  if (local != qn) {
    size_t plen = (size_t)(local - qn) - 1;
    if ((plen == 3 && memcmp(qn, "xml", 3) == 0) || (plen == 5 && memcmp(qn, "xmlns", 5) == 0))
      return XMLSCAN_FALLBACK;
    nsdecl *d = lookup(x, qn, plen);
    if (!d) return XMLSCAN_FALLBACK;
    ens = d->index;
  } else {
    nsdecl *d = lookup(x, "", 0);
    if (d) ens = d->index;
  }
  /* attributes' namespaces, and no attribute twice */
  for (size_t i = 0; i < n; i++) {
    if (x->attr_ns[i] == -4) continue;
    const char *an = x->values.data + x->qname_off[i];
    const char *al = x->values.data + x->local_off[i];
    if (al != an) {
      size_t plen = (size_t)(al - an) - 1;
      if (plen == 3 && memcmp(an, "xml", 3) == 0) {
        x->attr_ns[i] = -3;
      } else {
        nsdecl *d = lookup(x, an, plen);
        if (!d) return XMLSCAN_FALLBACK;
        x->attr_ns[i] = (int)(d - x->ns);
      }
    }
    /* by length first: a tag's names mostly share their prefix ("w:") */
    size_t alen = x->qname_len[i], allen = alen - (x->local_off[i] - x->qname_off[i]);
    for (size_t j = 0; j < i; j++) {
      if (x->attr_ns[j] == -4) continue;
      const char *bn = x->values.data + x->qname_off[j];
      const char *bl = x->values.data + x->local_off[j];
      size_t blen = x->qname_len[j], bllen = blen - (x->local_off[j] - x->qname_off[j]);
      if (alen == blen && memcmp(an, bn, alen) == 0) return XMLSCAN_FALLBACK;
      if (x->attr_ns[i] != -2 && x->attr_ns[j] != -2 && allen == bllen &&
          memcmp(al, bl, allen) == 0) {
        const char *ui = x->attr_ns[i] == -3 ? XML_NS : x->names.data + x->ns[x->attr_ns[i]].uri;
        const char *uj = x->attr_ns[j] == -3 ? XML_NS : x->names.data + x->ns[x->attr_ns[j]].uri;
        if (strcmp(ui, uj) == 0) return XMLSCAN_FALLBACK;
      }
    }
  }
  /* declarations first, then attributes, as the reader lists them */
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (x->attr_ns[i] == -4) {
      const char *an = x->values.data + x->qname_off[i];
      x->attrs[k].local = an[5] == ':' ? an + 6 : "xmlns";
      x->qnames[k] = an;
      x->attrs[k++].value = x->values.data + x->val_off[i];
    }
  for (size_t i = 0; i < n; i++)
    if (x->attr_ns[i] != -4) {
      x->attrs[k].local = x->values.data + x->local_off[i];
      x->qnames[k] = x->values.data + x->qname_off[i];
      x->attrs[k++].value = x->values.data + x->val_off[i];
    }
  /* the element's qname kept for its end tag; its local name NUL-terminated */
  size_t qoff;
  if (!push_name(x, qn, qlen, &qoff)) return XMLSCAN_NOMEM;
  const char *lname = x->names.data + qoff + (size_t)(local - qn);
  x->tag_end = x->dropped + (size_t)(*gt - x->win);
  x->qname_at = qoff;
  if (!x->sink.start(x->sink.ctx, lname, ens, empty, x->attrs, n_decl, n - n_decl))
    return XMLSCAN_STOPPED;
  if (empty) { /* an end follows every start, as libxml2's SAX2 gives them */
    if (x->n_ns != ns_before) x->ns_gen++;
    x->n_ns = ns_before;
    x->names.len = names_before;
    return x->sink.end(x->sink.ctx) ? XMLSCAN_MORE : XMLSCAN_STOPPED;
  }
  if (x->n_open == x->cap_open) {
    size_t cap = x->cap_open ? x->cap_open * 2 : 32;
    open_elem *o = realloc(x->open, cap * sizeof *o);
    if (!o) return XMLSCAN_NOMEM;
    x->open = o;
    x->cap_open = cap;
  }
  x->open[x->n_open++] = (open_elem){qoff, ns_before, names_before};
  return XMLSCAN_MORE;
}

/* One end tag, s at '<' and gt at its '>'. */
static xmlscan_result end_tag(xmlscan *x, const char *s, const char *gt) {
  const char *local;
  const char *p = qname(s + 2, gt, &local);
  if (!p || x->n_open == 0) return XMLSCAN_FALLBACK;
  const char *q = p;
  while (q < gt && is_space((unsigned char)*q))
    q++;
  if (q != gt) return XMLSCAN_FALLBACK;
  open_elem *o = &x->open[x->n_open - 1];
  const char *want = x->names.data + o->qname;
  if (strlen(want) != (size_t)(p - s - 2) || memcmp(want, s + 2, (size_t)(p - s - 2)) != 0)
    return XMLSCAN_FALLBACK;
  if (x->n_ns != o->n_ns) x->ns_gen++;
  x->n_ns = o->n_ns;
  x->names.len = o->names;
  x->n_open--;
  if (x->n_open == 0) x->stage = S_EPILOG;
  return x->sink.end(x->sink.ctx) ? XMLSCAN_MORE : XMLSCAN_STOPPED;
}

/* The XML declaration, if the part starts with one (after a UTF-8 BOM):
 * version 1.0, encoding UTF-8 or none, standalone or not. */
static xmlscan_result declaration(xmlscan *x, const char *s, const char *end, bool final) {
  const char *p = s;
  if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  if (end - p < 6) return final ? XMLSCAN_FALLBACK : XMLSCAN_MORE;
  if (memcmp(p, "<?xml", 5) != 0 || !is_space((unsigned char)p[5])) {
    x->pos = (size_t)(p - x->win);
    x->stage = S_PROLOG;
    return XMLSCAN_DONE; /* no declaration: the prolog goes on */
  }
  const char *close = NULL;
  for (const char *c = p; c + 1 < end; c++)
    if (c[0] == '?' && c[1] == '>') {
      close = c;
      break;
    }
  if (!close) return final || end - p > 512 ? XMLSCAN_FALLBACK : XMLSCAN_MORE;
  static const char *const KEYS[] = {"version", "encoding", "standalone"};
  const char *q = p + 5;
  int next = 0;
  for (;;) {
    bool space = false;
    while (q < close && is_space((unsigned char)*q))
      q++, space = true;
    if (q == close) break;
    if (!space) return XMLSCAN_FALLBACK;
    int key = -1;
    for (int i = next; i < 3 && key < 0; i++) {
      size_t k = strlen(KEYS[i]);
      if ((size_t)(close - q) > k && memcmp(q, KEYS[i], k) == 0) {
        key = i;
        q += k;
      }
    }
    if (key < 0 || (next == 0 && key != 0)) return XMLSCAN_FALLBACK;
    next = key + 1;
    while (q < close && is_space((unsigned char)*q))
      q++;
    if (q == close || *q++ != '=') return XMLSCAN_FALLBACK;
    while (q < close && is_space((unsigned char)*q))
      q++;
    if (q == close || (*q != '"' && *q != '\'')) return XMLSCAN_FALLBACK;
    char quote = *q++;
    const char *v = q;
    while (q < close && *q != quote)
      q++;
    if (q == close) return XMLSCAN_FALLBACK;
    size_t vn = (size_t)(q - v);
    q++;
    bool ok = key == 0   ? vn == 3 && memcmp(v, "1.0", 3) == 0
              : key == 1 ? vn == 5 && (v[0] | 0x20) == 'u' && (v[1] | 0x20) == 't' &&
                               (v[2] | 0x20) == 'f' && v[3] == '-' && v[4] == '8'
                         : (vn == 3 && memcmp(v, "yes", 3) == 0) ||
                               (vn == 2 && memcmp(v, "no", 2) == 0);
    if (!ok) return XMLSCAN_FALLBACK;
  }
  if (next == 0) return XMLSCAN_FALLBACK;
  x->pos = (size_t)(close + 2 - x->win);
  x->stage = S_PROLOG;
  return XMLSCAN_DONE;
}

/* Text from s to at most end: delivered up to '<' or a cut; *stop where. */
static xmlscan_result text(xmlscan *x, const char *s, const char *end, bool final,
                           const char **stop) {
  const char *p = s, *run = s;
  xmlscan_result r = XMLSCAN_MORE;
  while (p < end && *p != '<') {
    while (p < end && (PLAIN[(unsigned char)*p] & 1))
      p++;
    if (p == end || *p == '<') break;
    unsigned char c = (unsigned char)*p;
    if (c == '&') {
      if (p > run && !x->sink.text(x->sink.ctx, run, (size_t)(p - run))) return XMLSCAN_STOPPED;
      char d[4];
      size_t used;
      int k = reference(p, end, d, &used);
      if (k < 0 && !final) {
        run = p;
        break;
      }
      if (k <= 0) return XMLSCAN_FALLBACK;
      if (!x->sink.text(x->sink.ctx, d, (size_t)k)) return XMLSCAN_STOPPED;
      p += used;
      run = p;
      continue;
    }
    if (c == ']') {
      if (end - p < 3 && !final) break;
      if (end - p >= 3 && p[1] == ']' && p[2] == '>') return XMLSCAN_FALLBACK;
      p++;
      continue;
    }
    if (c >= 0x20 && c < 0x80) {
      p++;
      continue;
    }
    if (c == '\r') { /* "\r\n" and a lone '\r' are '\n' */
      if (p + 1 == end && !final) break;
      if (p > run && !x->sink.text(x->sink.ctx, run, (size_t)(p - run))) return XMLSCAN_STOPPED;
      p++;
      run = p;
      if (p < end && *p == '\n') continue;
      if (!x->sink.text(x->sink.ctx, "\n", 1)) return XMLSCAN_STOPPED;
      continue;
    }
    int k = utf8_char((const unsigned char *)p, (const unsigned char *)end);
    if (k < 0 && !final) break;
    if (k <= 0) return XMLSCAN_FALLBACK;
    p += k;
  }
  if (p > run && !x->sink.text(x->sink.ctx, run, (size_t)(p - run))) return XMLSCAN_STOPPED;
  *stop = p;
  return r;
}

/* A comment at s ("<!--"): valid, it is passed over (libxml2 delivers
 * nothing of it); *next after it. */
static xmlscan_result comment(const char *s, const char *end, bool final, const char **next) {
  const char *p = s + 4;
  for (;;) {
    const char *d = memchr(p, '-', (size_t)(end - p));
    const char *q = p;
    while (q < (d ? d : end)) { /* the characters before it */
      int k = utf8_char((const unsigned char *)q, (const unsigned char *)end);
      if (k < 0 && !final) return XMLSCAN_MORE;
      if (k <= 0) return XMLSCAN_FALLBACK;
      q += k;
    }
    if (!d || end - d < 3) {
      if (final || end - s > (long)MAX_TAG) return XMLSCAN_FALLBACK;
      return XMLSCAN_MORE;
    }
    if (d[1] == '-') {
      if (d[2] != '>') return XMLSCAN_FALLBACK; /* "--" inside */
      *next = d + 3;
      return XMLSCAN_DONE;
    }
    p = d + 1;
  }
}

/* The comment at s passed over, in the prolog as in the content: the sink
 * told, the scan moved past it. */
static xmlscan_result pass_comment(xmlscan *x, const char *s, const char *end, const char *base,
                                   bool final) {
  const char *next;
  xmlscan_result r = comment(s, end, final, &next);
  if (r != XMLSCAN_DONE) return r;
  if (x->sink.comment) x->sink.comment(x->sink.ctx);
  x->pos = (size_t)(next - base);
  return XMLSCAN_DONE;
}

static xmlscan_result scan(xmlscan *x, bool final) {
  for (;;) {
    const char *base = x->win;
    const char *s = base + x->pos, *end = base + x->win_len;
    if (x->stage == S_START) {
      xmlscan_result r = declaration(x, s, end, final);
      if (r != XMLSCAN_DONE) return r;
      continue;
    }
    if (x->stage != S_CONTENT) { /* prolog and epilog: spaces, then the root */
      while (s < end && is_space((unsigned char)*s))
        s++;
      x->pos = (size_t)(s - base);
      if (s == end) return !final ? XMLSCAN_MORE : x->stage == S_EPILOG ? XMLSCAN_DONE : XMLSCAN_FALLBACK;
      if (*s != '<') return XMLSCAN_FALLBACK;
      if (end - s < 4) return final ? XMLSCAN_FALLBACK : XMLSCAN_MORE;
      if (memcmp(s, "<!--", 4) == 0) {
        xmlscan_result r = pass_comment(x, s, end, base, final);
        if (r != XMLSCAN_DONE) return r;
        continue;
      }
      if (x->stage == S_EPILOG) return XMLSCAN_FALLBACK;
      if (s[1] == '!' || s[1] == '?' || s[1] == '/') return XMLSCAN_FALLBACK;
    } else if (s == end) {
      return final ? XMLSCAN_FALLBACK : XMLSCAN_MORE;
    }
    if (*s != '<') {
      const char *stop = s;
      xmlscan_result r = text(x, s, end, final, &stop);
      x->pos = (size_t)(stop - base);
      if (r != XMLSCAN_MORE) return r;
      if (stop == end || *stop != '<') return final ? XMLSCAN_FALLBACK : XMLSCAN_MORE;
      continue;
    }
    if (end - s < 4) return final ? XMLSCAN_FALLBACK : XMLSCAN_MORE;
    if (memcmp(s, "<!--", 4) == 0) {
      xmlscan_result r = pass_comment(x, s, end, base, final);
      if (r != XMLSCAN_DONE) return r;
      continue;
    }
    if (s[1] == '!' || s[1] == '?') return XMLSCAN_FALLBACK;
    const char *gt = NULL;
    xmlscan_result r;
    if (s[1] == '/') {
      gt = memchr(s, '>', (size_t)(end - s));
      r = gt ? end_tag(x, s, gt) : NEED;
    } else {
      r = start_tag(x, s, end, &gt);
      if (r == XMLSCAN_MORE && x->stage == S_PROLOG)
        x->stage = x->n_open ? S_CONTENT : S_EPILOG;
    }
    if (r == NEED) return final || (size_t)(end - s) > MAX_TAG ? XMLSCAN_FALLBACK : XMLSCAN_MORE;
    if (r != XMLSCAN_MORE) return r;
    x->pos = (size_t)(gt + 1 - base);
  }
}

xmlscan_result xmlscan_feed(xmlscan *x, const char *data, size_t len, bool final) {
  if (x->pos > 0) { /* drop what was scanned */
    x->dropped += x->pos;
    memmove(x->in.data, x->in.data + x->pos, x->in.len - x->pos);
    x->in.len -= x->pos;
    x->pos = 0;
  }
  if (x->in.len > 0) { /* a construct cut by the last feed: joined in one buffer */
    buf_append(&x->in, data, len);
    if (!buf_ok(&x->in)) return XMLSCAN_NOMEM;
    x->win = x->in.data;
    x->win_len = x->in.len;
    return scan(x, final);
  }
  /* nothing kept: the feed is scanned where it is (most callers give the
   * whole part at once), and only what is left unscanned is copied */
  x->win = len ? data : "";
  x->win_len = len;
  xmlscan_result r = scan(x, final);
  if (r == XMLSCAN_MORE && x->pos < len) {
    buf_append(&x->in, data + x->pos, len - x->pos);
    if (!buf_ok(&x->in)) return XMLSCAN_NOMEM;
  }
  x->dropped += x->pos;
  x->pos = 0;
  x->win = x->in.data ? x->in.data : "";
  x->win_len = x->in.len;
  return r;
}

size_t xmlscan_tag_end(const xmlscan *x) { return x->tag_end; }

const char *xmlscan_attr_qname(const xmlscan *x, size_t i) {
  return i < MAX_ATTRS ? x->qnames[i] : NULL;
}

const char *xmlscan_elem_qname(const xmlscan *x) { return x->names.data + x->qname_at; }
