/*
 * fuzz_xmlscan: the package parts' scanner (src/xmlscan.c) against
 * libxml2, the reference it stands in for.  An input is one byte and an
 * XML part: the byte seeds the sizes of the pieces the part is fed in (a
 * scanner must give the same events however its input is cut).  The part
 * is scanned, and parsed by libxml2's SAX2 with the options colette reads
 * parts with; each side's events are written as one line each (element
 * starts with their namespace, emptiness, namespace declarations and
 * attributes; ends; text, adjacent pieces joined) and compared:
 *
 *   - the scanner read the part whole (XMLSCAN_DONE): libxml2 finds it
 *     well-formed, with the same events;
 *   - the scanner handed the part over (XMLSCAN_FALLBACK): what it had
 *     delivered is where libxml2 starts (its last text may be cut shorter),
 *     whenever libxml2 finds the part well-formed.
 */
#include "../../src/buf.h"
#include "../../src/xmlscan.h"
#include "fuzz.h"

/* A namespace's index: a hash of its URI, the same on both sides. */
static int ns_of(const char *uri) {
  unsigned h = 2166136261u;
  for (const unsigned char *p = (const unsigned char *)uri; *p; p++)
    h = (h ^ *p) * 16777619u;
  return (int)(h % 1000u);
}

static void quoted(buf *b, const char *s, size_t n) {
  buf_putc(b, '"');
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"' || s[i] == '\\' || s[i] == '\n') buf_putc(b, '\\');
    buf_putc(b, s[i] == '\n' ? 'n' : s[i]);
  }
  buf_putc(b, '"');
}

/* Text is kept apart until the next event, so pieces join. */
typedef struct events {
  buf out, text;
} events;

static void flush_text(events *e) {
  if (!e->text.len) return;
  buf_puts(&e->out, "T ");
  quoted(&e->out, e->text.data, e->text.len);
  buf_putc(&e->out, '\n');
  buf_clear(&e->text);
}

/* ---- the scanner's side ---------------------------------------------------------------- */

static int scan_ns(void *ctx, const char *uri) {
  (void)ctx;
  return ns_of(uri);
}

static bool scan_start(void *ctx, const char *local, int ns, bool empty, const xmlpart_attr *a,
                       size_t n_nsdefs, size_t n_attrs) {
  events *e = ctx;
  flush_text(e);
  buf_printf(&e->out, "S %s ns=%d empty=%d", local, ns, empty);
  for (size_t i = 0; i < n_nsdefs + n_attrs; i++) {
    buf_printf(&e->out, " %s%s=", i < n_nsdefs ? "xmlns:" : "", a[i].local);
    quoted(&e->out, a[i].value, strlen(a[i].value));
  }
  buf_putc(&e->out, '\n');
  return true;
}

static bool scan_end(void *ctx) {
  events *e = ctx;
  flush_text(e);
  buf_puts(&e->out, "E\n");
  return true;
}

static bool scan_text(void *ctx, const char *s, size_t n) {
  buf_append(&((events *)ctx)->text, s, n);
  return true;
}

/* ---- libxml2's side -------------------------------------------------------------------- */

typedef struct lx {
  events ev;
  xmlParserCtxtPtr parser;
} lx;

static void lx_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattrs, int ndefaulted,
                     const xmlChar **attrs) {
  (void)prefix;
  (void)ndefaulted;
  xmlParserCtxtPtr p = ctx;
  lx *l = p->_private;
  events *e = &l->ev;
  flush_text(e);
  /* SAX2 says nothing of emptiness: the parser stands on "/>" */
  const xmlChar *cur = p->input ? p->input->cur : NULL;
  bool empty = cur && cur[0] == '/' && cur[1] == '>';
  buf_printf(&e->out, "S %s ns=%d empty=%d", (const char *)local,
             uri ? ns_of((const char *)uri) : -1, empty);
  for (int i = 0; i < nns; i++) {
    const char *pre = ns[2 * i] ? (const char *)ns[2 * i] : "xmlns";
    buf_printf(&e->out, " xmlns:%s=", pre);
    quoted(&e->out, (const char *)ns[2 * i + 1], strlen((const char *)ns[2 * i + 1]));
  }
  for (int i = 0; i < nattrs; i++) {
    const char *v = (const char *)attrs[5 * i + 3], *end = (const char *)attrs[5 * i + 4];
    buf_printf(&e->out, " %s=", (const char *)attrs[5 * i]);
    /* SAX2 hands an attribute's decoded '&' back as "&#38;" */
    buf val = BUF_INIT;
    for (const char *q = v; q < end; q++)
      if (*q == '&' && end - q >= 5 && memcmp(q, "&#38;", 5) == 0) {
        buf_putc(&val, '&');
        q += 4;
      } else {
        buf_putc(&val, *q);
      }
    quoted(&e->out, val.data ? val.data : "", val.len);
    buf_free(&val);
  }
  buf_putc(&e->out, '\n');
}

static void lx_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  (void)local;
  (void)prefix;
  (void)uri;
  events *e = &((lx *)((xmlParserCtxtPtr)ctx)->_private)->ev;
  flush_text(e);
  buf_puts(&e->out, "E\n");
}

static void lx_text(void *ctx, const xmlChar *s, int n) {
  buf_append(&((lx *)((xmlParserCtxtPtr)ctx)->_private)->ev.text, (const char *)s, (size_t)n);
}

static void lx_error(void *ctx, const xmlError *err) {
  (void)ctx;
  (void)err;
}

/* libxml2's events for the part; false when it is not well-formed. */
static bool lx_parse(const char *data, size_t len, events *out) {
  lx l = {{BUF_INIT, BUF_INIT}, NULL};
  xmlSAXHandler h;
  memset(&h, 0, sizeof h);
  h.initialized = XML_SAX2_MAGIC;
  h.startElementNs = lx_start;
  h.endElementNs = lx_end;
  h.characters = lx_text;
  h.ignorableWhitespace = lx_text;
  h.serror = (xmlStructuredErrorFunc)lx_error;
  xmlParserCtxtPtr p = xmlCreatePushParserCtxt(&h, NULL, NULL, 0, "part");
  if (!p) return false;
  p->_private = &l;
  xmlCtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
  l.parser = p;
  xmlParseChunk(p, data, (int)len, 1);
  bool ok = p->wellFormed;
  xmlFreeParserCtxt(p);
  flush_text(&l.ev);
  buf_free(&l.ev.text);
  *out = l.ev;
  return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > (1u << 20)) return 0;
  unsigned seed = data[0];
  const char *xml = (const char *)data + 1;
  size_t len = size - 1;

  events mine = {BUF_INIT, BUF_INIT};
  xmlscan_sink sink = {&mine, scan_ns, scan_start, scan_end, scan_text, NULL};
  xmlscan *x = xmlscan_new(&sink, 200);
  if (!x) return 0;
  xmlscan_result r = XMLSCAN_MORE;
  for (size_t o = 0; o < len && r == XMLSCAN_MORE;) {
    seed = seed * 1103515245u + 12345u;
    size_t piece = 1 + (seed >> 16) % 97u;
    if (piece > len - o) piece = len - o;
    r = xmlscan_feed(x, xml + o, piece, false);
    o += piece;
  }
  if (r == XMLSCAN_MORE) r = xmlscan_feed(x, "", 0, true);
  xmlscan_free(x);
  bool fell_back = r == XMLSCAN_FALLBACK;
  /* what a fallback delivered of its last text may be cut anywhere */
  size_t cut = mine.out.len;
  if (!fell_back) flush_text(&mine);
  buf_free(&mine.text);

  events ref;
  bool well_formed = lx_parse(xml, len, &ref);
  if (r == XMLSCAN_DONE) {
    FUZZ_CHECK(well_formed, "the scanner read a part libxml2 finds malformed");
    FUZZ_CHECK(mine.out.len == ref.out.len &&
                   memcmp(mine.out.data ? mine.out.data : "", ref.out.data ? ref.out.data : "",
                          mine.out.len) == 0,
               "the scanner's events differ from libxml2's:\n%.*s\n----\n%.*s",
               (int)mine.out.len, mine.out.data ? mine.out.data : "", (int)ref.out.len,
               ref.out.data ? ref.out.data : "");
  } else if (fell_back && well_formed) {
    FUZZ_CHECK(cut <= ref.out.len && memcmp(mine.out.data ? mine.out.data : "",
                                            ref.out.data ? ref.out.data : "", cut) == 0,
               "what the scanner delivered before handing over is not libxml2's start");
  }
  buf_free(&mine.out);
  buf_free(&ref.out);
  return 0;
}
