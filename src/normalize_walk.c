/* normalize_walk.c: one walk over a flat document for colette-normalize,
 * its nodes delivered to the document pass (normalize.c) by xmlscan, or by
 * libxml2's reader where xmlscan hands over. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flat.h"
#include "normalize.h"
#include "xmlpart.h"
#include "xmlscan.h"

static void gather_reader_attrs(norm *n) {
  n->n_attrs = 0;
  if (xmlTextReaderMoveToFirstAttribute(n->r) != 1) return;
  do {
    const char *an = (const char *)xmlTextReaderConstName(n->r);
    const char *av = (const char *)xmlTextReaderConstValue(n->r);
    if (!an) continue;
    if (n->n_attrs == n->cap_attrs) {
      size_t cap = n->cap_attrs ? 2 * n->cap_attrs : 16;
      nattr *v = realloc(n->attrs, cap * sizeof *v);
      if (!v) {
        norm_nomem(n);
        break;
      }
      n->attrs = v;
      n->cap_attrs = cap;
    }
    /* the names are the reader's dictionary's; a value may be its buffer
     * of the moment, so each is kept, NUL-terminated, until all are */
    n->attrs[n->n_attrs].name = an;
    n->attrs[n->n_attrs].value = (const char *)(uintptr_t)n->names.len;
    buf_append(&n->names, av ? av : "", av ? strlen(av) + 1 : 1);
    n->n_attrs++;
  } while (xmlTextReaderMoveToNextAttribute(n->r) == 1);
  xmlTextReaderMoveToElement(n->r);
  if (!buf_ok(&n->names)) {
    norm_nomem(n);
    n->n_attrs = 0;
  }
  for (size_t i = 0; i < n->n_attrs; i++)
    n->attrs[i].value = n->names.data + (uintptr_t)n->attrs[i].value;
}

static colette_status walk_reader(norm *n, FILE *in) {
  fseek(in, 0, SEEK_SET);
  clearerr(in);
  colette_status st = xmlpart_reader_open_file(in, "", n->opts->max_depth, &n->xr, n->err);
  if (st != COLETTE_OK) return n->status = st;
  n->r = xmlpart_reader_get(n->xr);
  colette_error rerr;
  int ret;
  while (n->status == COLETTE_OK && (ret = xmlpart_reader_next(n->xr, &rerr)) == 1) {
    int type = xmlTextReaderNodeType(n->r), depth = xmlTextReaderDepth(n->r);
    const char *name = (const char *)xmlTextReaderConstLocalName(n->r);
    switch (type) {
    case XML_READER_TYPE_ELEMENT: {
      if (!name) break;
      const char *ns = (const char *)xmlTextReaderConstNamespaceUri(n->r);
      buf_clear(&n->names);
      gather_reader_attrs(n);
      const char *qname = (const char *)xmlTextReaderConstName(n->r);
      norm_on_start(n, depth, xmlTextReaderIsEmptyElement(n->r) == 1, name, qname ? qname : name,
                    ns && strcmp(ns, COLETTE_FLAT_NS) == 0);
      break;
    }
    case XML_READER_TYPE_END_ELEMENT: {
      const char *qname = (const char *)xmlTextReaderConstName(n->r);
      if (qname) norm_on_end(n, depth, qname);
      break;
    }
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
      const char *v = (const char *)xmlTextReaderConstValue(n->r);
      if (v) norm_on_text(n, depth, v, strlen(v));
      break;
    }
    default: break;
    }
    if (n->pass == PASS_WRITE && n->status == COLETTE_OK) norm_flush(n, FLUSH_AT);
  }
  if (n->status == COLETTE_OK && ret < 0) {
    n->status = rerr.status;
    if (n->err) *n->err = rerr;
  }
  xmlpart_reader_free(n->xr);
  n->xr = NULL;
  n->r = NULL;
  return n->status;
}

/* xmlscan's events, delivered as the reader's nodes: its text pieces
 * gathered into the one node the reader would give (up to the next tag or
 * comment), its depth limit checked on every node as the reader's is
 * (past it, the reader walks again and says so), the end after an empty
 * element's start dropped (the reader has none). */
static bool deliver_text(norm *n) {
  if (!n->pending.len) return true;
  if (!buf_ok(&n->pending)) {
    norm_nomem(n);
    return false;
  }
  if (n->opts->max_depth && n->depth > (int)n->opts->max_depth) {
    n->fell_back = true;
    return false;
  }
  norm_on_text(n, n->depth, n->pending.data, n->pending.len);
  buf_clear(&n->pending);
  return n->status == COLETTE_OK;
}

static int scan_ns(void *ctx, const char *uri) {
  (void)ctx;
  return strcmp(uri, COLETTE_FLAT_NS) == 0 ? 0 : 1;
}

static bool scan_start(void *ctx, const char *local, int ns, bool empty, const xmlpart_attr *attrs,
                       size_t n_nsdefs, size_t n_attrs) {
  norm *n = ctx;
  if (!deliver_text(n)) return false;
  if ((n->opts->max_depth && n->depth > (int)n->opts->max_depth) || n->depth >= MAX_DEPTH_STACK) {
    n->fell_back = true;
    return false;
  }
  size_t all = n_nsdefs + n_attrs; /* declarations first, as the reader lists them */
  if (all > n->cap_attrs) {
    nattr *v = realloc(n->attrs, all * sizeof *v);
    if (!v) {
      norm_nomem(n);
      return false;
    }
    n->attrs = v;
    n->cap_attrs = all;
  }
  for (size_t i = 0; i < all; i++)
    n->attrs[i] = (nattr){xmlscan_attr_qname(n->scan, i), attrs[i].value};
  n->n_attrs = all;
  const char *qname = xmlscan_elem_qname(n->scan);
  n->name_at[n->depth] = n->names.len;
  buf_append(&n->names, qname, strlen(qname) + 1);
  norm_on_start(n, n->depth, empty, local, qname, ns == 0);
  n->depth++;
  n->ended_empty = empty;
  if (n->pass == PASS_WRITE && n->status == COLETTE_OK) norm_flush(n, FLUSH_AT);
  return n->status == COLETTE_OK;
}

static bool scan_end(void *ctx) {
  norm *n = ctx;
  if (!deliver_text(n)) return false;
  if (!buf_ok(&n->names)) {
    norm_nomem(n);
    return false;
  }
  n->depth--;
  if (!n->ended_empty) norm_on_end(n, n->depth, n->names.data + n->name_at[n->depth]);
  n->ended_empty = false;
  n->names.len = n->name_at[n->depth];
  if (n->pass == PASS_WRITE && n->status == COLETTE_OK) norm_flush(n, FLUSH_AT);
  return n->status == COLETTE_OK;
}

static bool scan_text(void *ctx, const char *s, size_t len) {
  norm *n = ctx;
  buf_append(&n->pending, s, len);
  return true; /* buf_ok checked at delivery */
}

static void scan_comment(void *ctx) {
  norm *n = ctx;
  deliver_text(n); /* the reader's text node ends at a comment; a failure stops at the next call */
}

/* One walk by xmlscan: the bytes in memory (data), or read from in. */
static colette_status walk_scan(norm *n, FILE *in, const char *data, size_t len) {
  xmlscan_sink sink = {n, scan_ns, scan_start, scan_end, scan_text, scan_comment};
  n->scan = xmlscan_new(&sink, 0);
  if (!n->scan) {
    norm_nomem(n);
    return n->status;
  }
  xmlscan_result r;
  if (data) {
    r = xmlscan_feed(n->scan, data, len, true);
  } else {
    fseek(in, 0, SEEK_SET);
    clearerr(in);
    char chunk[16384];
    size_t got;
    r = XMLSCAN_MORE;
    while (r == XMLSCAN_MORE && (got = fread(chunk, 1, sizeof chunk, in)) > 0)
      r = xmlscan_feed(n->scan, chunk, got, false);
    if (r == XMLSCAN_MORE && ferror(in)) norm_fail(n, COLETTE_ERR_IO, "cannot read the input");
    if (r == XMLSCAN_MORE && n->status == COLETTE_OK) r = xmlscan_feed(n->scan, "", 0, true);
  }
  xmlscan_free(n->scan);
  n->scan = NULL;
  if (n->status != COLETTE_OK) return n->status;
  if (r == XMLSCAN_NOMEM) {
    norm_nomem(n);
  } else if (r != XMLSCAN_DONE) {
    n->fell_back = true; /* outside its subset, or past the depth limit */
  } else if (!deliver_text(n) && n->status == COLETTE_OK) {
    n->fell_back = true;
  }
  return n->status;
}

/* One walk over the document: by xmlscan, unless a walk before had to
 * hand over; where this one does, everything it did is undone and the
 * reader walks instead (what was measured, counted and spooled).  Output
 * already written cannot be undone: a walk that writes only follows one
 * that read the same bytes, so it hands over only if they changed. */
colette_status norm_walk(norm *n, FILE *in, const char *data, size_t len) {
  if (fseek(in, 0, SEEK_END) != 0) {
    norm_fail(n, COLETTE_ERR_IO, "input is not seekable");
    return n->status;
  }
  if (ftell(in) == 0) {
    norm_fail(n, COLETTE_ERR_XML, "empty input, not a flat document");
    return n->status;
  }
  /* what the walk changes, as it was before it */
  size_t out_at = n->out->len, np = n->np, nc = n->nc;
  char doc_lang[sizeof n->doc_lang];
  memcpy(doc_lang, n->doc_lang, sizeof doc_lang);
  colette_normalize_stats stats;
  if (n->stats) stats = *n->stats;
  for (int attempt = 0; attempt < 2; attempt++) {
    n->npara = 0;
    n->opaque = 0;
    n->body = 0;
    n->ncont = 0;
    n->next_para = n->next_cont = 0;
    n->root_seen = false;
    n->depth = 0;
    n->ended_empty = false;
    n->fell_back = false;
    n->flushed = false;
    buf_clear(&n->names);
    buf_clear(&n->pending);
    if (n->use_reader)
      walk_reader(n, in);
    else
      walk_scan(n, in, data, len);
    while (n->npara)
      norm_para_release(n, n->paras[--n->npara]);
    if (n->status != COLETTE_OK || !n->fell_back) break;
    if (n->flushed) {
      norm_fail(n, COLETTE_ERR_IO, "the input changed between the two passes");
      break;
    }
    n->use_reader = true;
    n->out->len = out_at;
    n->np = np;
    n->nc = nc;
    memcpy(n->doc_lang, doc_lang, sizeof doc_lang);
    if (n->stats) *n->stats = stats;
  }
  if (n->status == COLETTE_OK && !n->root_seen) norm_fail(n, COLETTE_ERR_XML, "empty input");
  return n->status;
}
