/*
 * sniff.c: what a file is, from its first bytes: a ZIP or OLE container,
 * or XML whose root element says which stage of colette wrote it.  Filters
 * use it to tell a user handed another stage's input which filter reads
 * it; the driver will use it to plan a chain.
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "colette.h"

/* The root element's start tag: its local name, its namespace (the
 * default one, or the one its prefix is bound to in the tag) and whether
 * it has a normalized attribute.  Only the tag is read: a scan, no parse. */
typedef struct root_tag {
  char name[32];
  char ns[64];
  bool normalized;
} root_tag;

static size_t skip_prolog(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
  for (;;) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
      i++;
    if (i + 1 >= n || s[i] != '<') return n;
    const char *end = NULL;
    if (s[i + 1] == '?')
      end = memmem(s + i, n - i, "?>", 2);
    else if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0)
      end = memmem(s + i, n - i, "-->", 3);
    else
      return i; /* the root's "<" (or a DOCTYPE, which no colette file has) */
    if (!end) return n;
    i = (size_t)(end - s) + (s[i + 1] == '?' ? 2 : 3);
  }
}

static bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':';
}

static bool read_root(const char *s, size_t n, root_tag *t) {
  memset(t, 0, sizeof *t);
  size_t i = skip_prolog(s, n);
  if (i >= n || s[i] != '<' || i + 1 >= n || s[i + 1] == '!') return false;
  i++;
  size_t a = i;
  while (i < n && name_char(s[i]))
    i++;
  if (i == a) return false;
  const char *colon = memchr(s + a, ':', i - a);
  size_t prefix = colon ? (size_t)(colon - (s + a)) : 0;
  size_t ln = colon ? i - a - prefix - 1 : i - a;
  snprintf(t->name, sizeof t->name, "%.*s", (int)ln, colon ? colon + 1 : s + a);
  /* attributes, up to the tag's end */
  while (i < n && s[i] != '>') {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '/'))
      i++;
    size_t an = i;
    while (i < n && name_char(s[i]))
      i++;
    size_t alen = i - an;
    if (alen == 0) break;
    while (i < n && s[i] != '=' && s[i] != '>')
      i++;
    if (i >= n || s[i] != '=') break;
    i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
      i++;
    if (i >= n || (s[i] != '"' && s[i] != '\'')) break;
    char q = s[i++];
    size_t v = i;
    while (i < n && s[i] != q)
      i++;
    if (i >= n) break;
    size_t vlen = i - v;
    i++;
    const char *attr = s + an;
    bool default_ns = alen == 5 && memcmp(attr, "xmlns", 5) == 0 && !colon;
    bool prefixed_ns = colon && alen == 6 + prefix && memcmp(attr, "xmlns:", 6) == 0 &&
                       memcmp(attr + 6, s + a, prefix) == 0;
    if ((default_ns || prefixed_ns) && vlen < sizeof t->ns)
      snprintf(t->ns, sizeof t->ns, "%.*s", (int)vlen, s + v);
    if (alen == 10 && memcmp(attr, "normalized", 10) == 0) t->normalized = true;
  }
  return true;
}

colette_kind colette_sniff(const void *data, size_t len) {
  const unsigned char *d = data;
  if (!d || len == 0) return COLETTE_KIND_UNKNOWN;
  if (len >= 4 && memcmp(d, "PK\x03\x04", 4) == 0) return COLETTE_KIND_ZIP;
  if (len >= 8 && memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) return COLETTE_KIND_OLE;
  root_tag t;
  if (!read_root(data, len, &t)) return COLETTE_KIND_UNKNOWN;
  if (strcmp(t.ns, COLETTE_FLAT_NS) == 0 && strcmp(t.name, "document") == 0)
    return t.normalized ? COLETTE_KIND_NORMALIZED : COLETTE_KIND_FLAT;
  if (strcmp(t.ns, COLETTE_LETTER_NS) == 0 && strcmp(t.name, "letter") == 0)
    return COLETTE_KIND_LETTER;
  return COLETTE_KIND_XML;
}

const char *colette_kind_name(colette_kind k) {
  switch (k) {
  case COLETTE_KIND_ZIP: return "a ZIP package (DOCX)";
  case COLETTE_KIND_OLE: return "an OLE/CFB container (legacy .doc or an encrypted package)";
  case COLETTE_KIND_FLAT: return "a colette flat document (from colette-unpack)";
  case COLETTE_KIND_NORMALIZED: return "a normalized colette flat document (from colette-normalize)";
  case COLETTE_KIND_LETTER: return "a colette letter (from colette-map)";
  case COLETTE_KIND_XML: return "XML of another kind";
  default: return "of an unknown kind";
  }
}

const char *colette_kind_reader(colette_kind k) {
  switch (k) {
  case COLETTE_KIND_ZIP:
  case COLETTE_KIND_OLE: return "colette-unpack";
  case COLETTE_KIND_FLAT: return "colette-normalize";
  case COLETTE_KIND_NORMALIZED: return "colette-map";
  default: return NULL;
  }
}
