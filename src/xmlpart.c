/* xmlpart.c: safe XML parsing of package parts: the DOM for small parts,
 * xmlTextReader, and the DOM helpers; the streaming parse and the small
 * captured trees are xmlpart_stream.c. */
#include "xmlpart.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "error.h"
#include "xmlpart_impl.h"

void xmlpart_prolog_scan(xmlpart_prolog *p, const char *d, size_t n) {
  for (size_t i = 0; i < n && p->state != P_DONE; i++) {
    char c = d[i];
    if (c == '\0') continue;
    switch (p->state) {
    case P_TEXT:
      if (c == '<') p->state = P_LT;
      break;
    case P_LT:
      if (c == '?')
        p->state = P_PI;
      else if (c == '!')
        p->state = P_BANG;
      else
        p->state = P_DONE; /* the root element's start tag */
      break;
    case P_PI:
      if (c == '>') p->state = P_TEXT;
      break;
    case P_BANG:
      if (c == '-') {
        p->state = P_COMMENT;
        p->dashes = -1; /* the second '-' of "<!--" is not a closing one */
      } else {
        p->doctype = true; /* <!DOCTYPE, <!ENTITY, <![CDATA[ before the root */
        p->state = P_DONE;
      }
      break;
    case P_COMMENT:
      if (c == '-')
        p->dashes = p->dashes < 0 ? 0 : p->dashes + 1;
      else if (c == '>' && p->dashes >= 2)
        p->state = P_TEXT;
      else
        p->dashes = 0;
      break;
    case P_DONE: break;
    }
  }
}

void xmlpart_capture(colette_error *err, const char *part, const xmlError *xe,
                     colette_status fallback) {
  if (!xe || xe->code == XML_ERR_OK) {
    error_set(err, fallback, part, "malformed XML");
    return;
  }
  char msg[300];
  snprintf(msg, sizeof msg, "%s", xe->message ? xe->message : "malformed XML");
  size_t n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
    msg[--n] = '\0';
  for (size_t i = 0; i < n; i++) /* one line, whatever libxml2 says */
    if (msg[i] == '\n' || msg[i] == '\r') msg[i] = ' ';
  /* libxml2's own caps (depth, text node size, entity amplification) are
   * limits, whatever code it reports them under. */
  colette_status st = COLETTE_ERR_XML;
  if (strstr(msg, "Excessive depth")) /* say it without libxml2's option names */
    snprintf(msg, sizeof msg, "elements nested deeper than 256, the XML parser's limit");
  if (strstr(msg, "nested deeper") || strstr(msg, "huge text node") || strstr(msg, "amplification"))
    st = COLETTE_ERR_LIMIT;
  else if (xe->code == XML_ERR_NO_MEMORY)
    st = COLETTE_ERR_NOMEM;
  error_set_at(err, st, part, xe->line, xe->int2, "%s", msg);
}

static void drop_generic(void *ctx, const char *msg, ...) { (void)ctx, (void)msg; }

void xmlpart_global_take(xmlpart_global *g, xmlStructuredErrorFunc f, void *ctx) {
  g->saved = xmlStructuredError;
  g->saved_ctx = xmlStructuredErrorContext;
  g->saved_generic = xmlGenericError;
  g->saved_generic_ctx = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc(ctx, f);
  xmlSetGenericErrorFunc(NULL, drop_generic);
}

void xmlpart_global_restore(const xmlpart_global *g) {
  xmlSetStructuredErrorFunc(g->saved_ctx, g->saved);
  xmlSetGenericErrorFunc(g->saved_generic_ctx, g->saved_generic);
}

bool xmlpart_first_keep(xmlpart_first *f, const xmlError *e) {
  if (!f || f->have || !e || e->level < XML_ERR_ERROR) return false;
  f->have = true;
  memset(&f->e, 0, sizeof f->e);
  f->e.code = e->code;
  f->e.line = e->line;
  f->e.int2 = e->int2;
  snprintf(f->message, sizeof f->message, "%s", e->message ? e->message : "malformed XML");
  f->e.message = f->message;
  return true;
}

void xmlpart_on_stray(void *ctx, xmlErrorPtr e) { xmlpart_first_keep(ctx, e); }

static int depth_of(xmlNodePtr n) {
  int max = 0;
  /* Iterative walk: a hostile part must not exhaust our own stack. */
  int d = 0;
  xmlNodePtr cur = n;
  while (cur) {
    if (cur->type == XML_ELEMENT_NODE && d > max) max = d;
    if (cur->children) {
      cur = cur->children;
      d++;
      continue;
    }
    while (cur && !cur->next) {
      cur = cur->parent;
      d--;
      if (cur == n || d <= 0) return max;
    }
    if (cur) cur = cur->next;
  }
  return max;
}

/* The DOM parser's structured errors come with the parser context as data. */
static void keep_first(void *ctx, xmlErrorPtr e) {
  xmlParserCtxtPtr c = ctx;
  xmlpart_first_keep(c ? c->_private : NULL, e);
}

colette_status xmlpart_parse_buffer(const char *name, const char *data, size_t len,
                                    unsigned max_depth, xmlDocPtr *out, colette_error *err) {
  *out = NULL;
  xmlpart_prolog p = {0};
  xmlpart_prolog_scan(&p, data ? data : "", len);
  if (p.doctype)
    return error_set(err, COLETTE_ERR_XML, name,
                     "DOCTYPE or entity declaration (refused, not read: no DTD, no entities)");
  if (len > INT32_MAX) return error_set(err, COLETTE_ERR_LIMIT, name, "too large to parse whole");
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  xmlpart_first first = {0}, stray = {0};
  ctxt->_private = &first;
  if (ctxt->sax) ctxt->sax->serror = keep_first; /* called with the context as its data */
  xmlpart_global g;
  xmlpart_global_take(&g, xmlpart_on_stray, &stray);
  xmlDocPtr doc =
      xmlCtxtReadMemory(ctxt, data ? data : "", (int)len, name, NULL, XMLPART_PARSE_OPTIONS);
  xmlpart_global_restore(&g);
  if (!doc || !ctxt->wellFormed) {
    const xmlError *last = xmlCtxtGetLastError(ctxt);
    xmlpart_capture(err, name,
                    first.have                         ? &first.e
                    : last && last->code != XML_ERR_OK ? last
                                                       : &stray.e,
                    COLETTE_ERR_XML);
    colette_status st = err ? err->status : COLETTE_ERR_XML;
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return st;
  }
  xmlFreeParserCtxt(ctxt);
  if (max_depth && depth_of(xmlDocGetRootElement(doc)) > (int)max_depth) {
    xmlFreeDoc(doc);
    return error_set(err, COLETTE_ERR_LIMIT, name,
                     "elements nested deeper than %u, the limit (--max-depth)", max_depth);
  }
  *out = doc;
  return COLETTE_OK;
}

/* ---- streaming reader ------------------------------------------------------ */

struct xmlpart_reader {
  xmlTextReaderPtr reader;
  part_stream *stream; /* a package part, or NULL when reading a FILE */
  FILE *file;
  bool file_failed;
  xmlpart_prolog prolog;
  unsigned max_depth;
  char name[256];
  /* The first error libxml2 raised, copied: its strings are not ours. */
  xmlpart_first first;
  /* The caller's libxml2 handlers, replaced by ours from the reader's
   * start to its end.  A reader lives inside one call of the library, and
   * readers never overlap (a DOM parse meanwhile takes and gives back the
   * handlers in turn), so this is the caller's state put back before the
   * call returns.  Swapping them around every read instead cost a tenth of
   * colette-unpack's time on a big document: every access of libxml2's
   * globals asks which thread it is on. */
  xmlpart_global saved;
  bool taken;
};

static int reader_read(void *ctx, char *dst, int len) {
  xmlpart_reader *r = ctx;
  int n;
  if (r->stream) {
    n = part_stream_read(r->stream, dst, len);
  } else {
    n = (int)fread(dst, 1, len > 0 ? (size_t)len : 0, r->file);
    if (n == 0 && ferror(r->file)) {
      r->file_failed = true;
      return -1;
    }
  }
  if (n > 0 && r->prolog.state != P_DONE) {
    xmlpart_prolog_scan(&r->prolog, dst, (size_t)n);
    if (r->prolog.doctype) return -1;
  }
  return n;
}

static int reader_close(void *ctx) {
  (void)ctx;
  return 0;
}

static void on_error(void *ctx, xmlErrorPtr e) {
  xmlpart_reader *r = ctx;
  xmlpart_first_keep(&r->first, e);
}

static colette_status reader_start(xmlpart_reader *r, const char *name, xmlpart_reader **out,
                                   colette_error *err) {
  xmlpart_global_take(&r->saved, on_error, r); /* until xmlpart_reader_free */
  r->taken = true;
  r->reader = xmlReaderForIO(reader_read, reader_close, r, name, NULL, XMLPART_PARSE_OPTIONS);
  if (!r->reader) {
    xmlpart_reader_free(r);
    return error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  }
  xmlTextReaderSetStructuredErrorHandler(r->reader, on_error, r);
  *out = r;
  return COLETTE_OK;
}

colette_status xmlpart_reader_open(package *pkg, const char *name, xmlpart_reader **out,
                                   colette_error *err) {
  *out = NULL;
  xmlpart_reader *r = calloc(1, sizeof *r);
  if (!r) return error_set(err, COLETTE_ERR_NOMEM, name, "out of memory");
  snprintf(r->name, sizeof r->name, "%s", name);
  r->max_depth = package_limits(pkg)->max_depth;
  colette_status st = part_stream_open(pkg, name, &r->stream, err);
  if (st != COLETTE_OK) {
    free(r);
    return st;
  }
  return reader_start(r, name, out, err);
}

colette_status xmlpart_reader_open_file(FILE *f, const char *name, unsigned max_depth,
                                        xmlpart_reader **out, colette_error *err) {
  *out = NULL;
  xmlpart_reader *r = calloc(1, sizeof *r);
  if (!r) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  snprintf(r->name, sizeof r->name, "%s", name ? name : "");
  r->max_depth = max_depth;
  r->file = f;
  return reader_start(r, name, out, err);
}

xmlTextReaderPtr xmlpart_reader_get(xmlpart_reader *r) { return r->reader; }

static int fail(xmlpart_reader *r, colette_error *err) {
  if (r->stream && part_stream_failed(r->stream)) {
    if (err) *err = *part_stream_error(r->stream);
  } else if (r->file_failed) {
    error_set(err, COLETTE_ERR_IO, NULL, "cannot read: %s", strerror(errno));
  } else if (r->prolog.doctype) {
    error_set(err, COLETTE_ERR_XML, r->name,
              "DOCTYPE or entity declaration (refused, not read: no DTD, no entities)");
  } else if (r->first.have) {
    xmlpart_capture(err, r->name, &r->first.e, COLETTE_ERR_XML);
  } else {
    error_set(err, COLETTE_ERR_XML, r->name, "malformed XML");
  }
  return -1;
}

static int check(xmlpart_reader *r, int ret, colette_error *err) {
  if (ret < 0 || r->first.have || r->file_failed || (r->stream && part_stream_failed(r->stream)))
    return fail(r, err);
  if (ret == 1) {
    int type = xmlTextReaderNodeType(r->reader);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
      r->prolog.doctype = true;
      return fail(r, err);
    }
    if (r->max_depth && xmlTextReaderDepth(r->reader) > (int)r->max_depth) {
      error_set_at(err, COLETTE_ERR_LIMIT, r->name, xmlTextReaderGetParserLineNumber(r->reader),
                   xmlTextReaderGetParserColumnNumber(r->reader),
                   "elements nested deeper than %u, the limit (--max-depth)", r->max_depth);
      return -1;
    }
  }
  return ret;
}

int xmlpart_reader_next(xmlpart_reader *r, colette_error *err) {
  int ret = xmlTextReaderRead(r->reader);
  return check(r, ret, err);
}

int xmlpart_reader_skip(xmlpart_reader *r, colette_error *err) {
  int ret = xmlTextReaderNext(r->reader);
  return check(r, ret, err);
}

xmlNodePtr xmlpart_reader_expand(xmlpart_reader *r) {
  xmlNodePtr n = xmlTextReaderExpand(r->reader);
  return n;
}

void xmlpart_reader_free(xmlpart_reader *r) {
  if (!r) return;
  if (r->reader) xmlFreeTextReader(r->reader);
  if (r->taken) xmlpart_global_restore(&r->saved);
  part_stream_close(r->stream);
  free(r);
}
