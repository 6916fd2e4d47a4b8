/*
 * unpack.c: DOCX to the flat document.  Opens the package, reads the small
 * parts whole (styles, numbering, properties), then streams each story in
 * reading order: body, headers, footers, footnotes, endnotes, comments.
 */
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx/docx.h"
#include "docx/story.h"
#include "error.h"
#include "flat.h"
#include "package.h"
#include "xmlpart.h"

/* Reading a properties part: its root's children, each with its text. */
typedef struct props {
  buf *out;
  buf text;    /* the text of the root's child being read */
  buf name;    /* its local name */
  bool in;     /* inside one */
  bool vector; /* it has element children (HeadingPairs…): no value */
} props;

static xmlpart_next props_start(void *ctx, const xmlpart_elem *e) {
  props *p = ctx;
  if (e->depth == 1) {
    buf_clear(&p->name);
    buf_puts(&p->name, e->local);
    buf_clear(&p->text);
    p->in = !e->empty; /* an empty one gets no end */
    p->vector = false;
    return e->empty ? XMLPART_SKIP : XMLPART_DESCEND;
  }
  if (e->depth > 1) {
    p->vector = true;
    return XMLPART_SKIP;
  }
  return XMLPART_DESCEND;
}

static bool props_text(void *ctx, const char *s, size_t n) {
  props *p = ctx;
  if (p->in && !p->vector) buf_append(&p->text, s, n);
  return buf_ok(&p->text);
}

static bool props_end(void *ctx, int depth) {
  props *p = ctx;
  if (depth != 1) return true;
  if (!p->vector && p->text.len && buf_ok(&p->name)) {
    buf_puts(p->out, "<" FLAT_PROPERTY);
    buf_xml_attr(p->out, FLAT_A_NAME, p->name.data);
    buf_putc(p->out, '>');
    buf_xml_text(p->out, p->text.data, p->text.len);
    buf_puts(p->out, "</" FLAT_PROPERTY ">\n");
  }
  p->in = false;
  return buf_ok(p->out);
}

/* Copy the simple text children of a properties part as <property>: each
 * child of the root with text and no element inside (vectors such as
 * HeadingPairs hold no value), streamed rather than built as a DOM. */
static colette_status write_properties(package *pkg, const char *part, buf *out,
                                       colette_error *err) {
  if (!part || !package_has(pkg, part)) return COLETTE_OK;
  static const xmlpart_handlers h = {props_start, props_end, props_text, NULL};
  props p = {out, BUF_INIT, BUF_INIT, false, false};
  colette_status st = xmlpart_stream(pkg, part, &h, &p, NULL, 0, err);
  bool nomem = !buf_ok(&p.text) || !buf_ok(&p.name) || !buf_ok(out);
  buf_free(&p.text);
  buf_free(&p.name);
  if (st == COLETTE_OK && nomem) st = error_set(err, COLETTE_ERR_NOMEM, part, "out of memory");
  return st;
}

static const char *basename_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static colette_status section(docx_doc *d, const char *part, story_kind kind, const char *open,
                              const char *close, colette_error *err) {
  buf_puts(d->out, open);
  colette_status st = story_convert(d, part, kind, err);
  if (st == COLETTE_OK) buf_puts(d->out, close);
  return st;
}

static colette_status convert(package *pkg, const colette_unpack_options *opts, colette_sink sink,
                              colette_error *err) {
  const char *main = package_main_part(pkg);
  rels drels = {0};
  styles ss;
  memset(&ss, 0, sizeof ss);
  numbering *nb = NULL;
  buf out = BUF_INIT;
  docx_doc d;
  memset(&d, 0, sizeof d);
  const rels *prels = package_root_rels(pkg);
  colette_status st = package_rels(pkg, main, &drels, err);
  if (st != COLETTE_OK) goto done;
  const rel *r = rels_by_type(&drels, "styles");
  st = styles_load(pkg, r && !r->external ? r->target : NULL, &ss, err);
  if (st != COLETTE_OK) goto done;
  r = rels_by_type(&drels, "numbering");
  st = numbering_load(pkg, r && !r->external ? r->target : NULL, &ss, &nb, err);
  if (st != COLETTE_OK) goto done;

  d.pkg = pkg;
  d.styles = &ss;
  d.numbering = nb;
  d.main_part = main;
  d.main_rels = &drels;
  d.changes = opts->changes;
  d.out = &out;
  d.sink = sink;

  buf_puts(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" FLAT_DOCUMENT);
  buf_xml_attr(&out, "xmlns", COLETTE_FLAT_NS);
  buf_xml_attr(&out, FLAT_A_VERSION, "1");
  if (opts->source_name) buf_xml_attr(&out, FLAT_A_SOURCE, basename_of(opts->source_name));
  buf_xml_attr(&out, FLAT_A_MAIN_PART, main);
  buf_xml_attr(&out, FLAT_A_CONFORMANCE, package_is_strict(pkg) ? "strict" : "transitional");
  if (ss.defaults.lang[0][0]) buf_xml_attr(&out, FLAT_A_XML_LANG, ss.defaults.lang[0]);
  buf_puts(&out, ">\n<" FLAT_PROPERTIES ">\n");
  const rel *core = rels_by_type(prels, "core-properties");
  const rel *app = rels_by_type(prels, "extended-properties");
  if (!app) app = rels_by_type(prels, "extendedProperties");
  st = write_properties(pkg, core && !core->external ? core->target : NULL, &out, err);
  if (st == COLETTE_OK)
    st = write_properties(pkg, app && !app->external ? app->target : NULL, &out, err);
  if (st != COLETTE_OK) goto done;
  buf_puts(&out, "</" FLAT_PROPERTIES ">\n");

  st = section(&d, main, STORY_BODY, "<" FLAT_BODY ">\n", "</" FLAT_BODY ">\n", err);
  if (st != COLETTE_OK) goto done;

  /* Headers and footers: those the sections reference, in the order met,
   * then any the document relates but no section uses (text is text). */
  for (size_t i = 0; i < drels.count && st == COLETTE_OK; i++) {
    const rel *x = &drels.items[i];
    bool h = rel_type_is(x->type, "header"), f = rel_type_is(x->type, "footer");
    if ((h || f) && !x->external) st = doc_add_hf(&d, h ? 'h' : 'f', "unused", x->target);
  }
  if (st != COLETTE_OK) {
    st = error_set(err, st, NULL, "out of memory");
    goto done;
  }
  for (int pass = 0; pass < 2; pass++) {
    char kind = pass == 0 ? 'h' : 'f';
    for (size_t i = 0; i < d.n_hf; i++) {
      if (d.hf[i].kind != kind || !package_has(pkg, d.hf[i].part)) continue;
      buf open = BUF_INIT;
      buf_puts(&open, kind == 'h' ? "<" FLAT_HEADER : "<" FLAT_FOOTER);
      buf_xml_attr(&open, FLAT_A_PART, d.hf[i].part);
      buf_xml_attr(&open, FLAT_A_TYPE, d.hf[i].type);
      buf_puts(&open, ">\n");
      st = buf_ok(&open)
               ? section(&d, d.hf[i].part, STORY_HDRFTR, open.data,
                         kind == 'h' ? "</" FLAT_HEADER ">\n" : "</" FLAT_FOOTER ">\n", err)
               : error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
      buf_free(&open);
      if (st != COLETTE_OK) goto done;
    }
  }
  static const struct {
    const char *rel, *open, *close; /* relationship type; the flat element's tags */
    story_kind kind;
  } notes[] = {
      {"footnotes", "<" FLAT_FOOTNOTES ">\n", "</" FLAT_FOOTNOTES ">\n", STORY_NOTES},
      {"endnotes", "<" FLAT_ENDNOTES ">\n", "</" FLAT_ENDNOTES ">\n", STORY_NOTES},
      {"comments", "<" FLAT_COMMENTS ">\n", "</" FLAT_COMMENTS ">\n", STORY_COMMENTS},
  };
  for (size_t i = 0; i < sizeof notes / sizeof *notes; i++) {
    r = rels_by_type(&drels, notes[i].rel);
    if (!r || r->external || !package_has(pkg, r->target)) continue;
    st = section(&d, r->target, notes[i].kind, notes[i].open, notes[i].close, err);
    if (st != COLETTE_OK) goto done;
  }
  buf_puts(&out, "</" FLAT_DOCUMENT ">\n");
  if (!buf_ok(&out)) {
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    goto done;
  }
  st = doc_flush(&d, 0, err);
done:
  docx_doc_free_refs(&d);
  buf_free(&out);
  numbering_free(nb);
  styles_free(&ss);
  rels_free(&drels);
  return st;
}

colette_status colette_unpack_file(const char *path, const colette_unpack_options *opts,
                                   colette_sink out, colette_error *err) {
  colette_unpack_options dflt;
  if (!opts) {
    colette_unpack_options_default(&dflt);
    opts = &dflt;
  }
  if (!path || !out.write) return error_set(err, COLETTE_ERR_INVALID, NULL, "no input or output");
  package *pkg;
  colette_status st = package_open_file(path, &opts->limits, &pkg, err);
  if (st != COLETTE_OK) return st;
  st = convert(pkg, opts, out, err);
  package_close(pkg);
  return st;
}

colette_status colette_unpack_memory(const void *data, size_t size,
                                     const colette_unpack_options *opts, colette_sink out,
                                     colette_error *err) {
  colette_unpack_options dflt;
  if (!opts) {
    colette_unpack_options_default(&dflt);
    opts = &dflt;
  }
  if (!out.write) return error_set(err, COLETTE_ERR_INVALID, NULL, "no output");
  package *pkg;
  colette_status st = package_open_memory(data, size, &opts->limits, &pkg, err);
  if (st != COLETTE_OK) return st;
  st = convert(pkg, opts, out, err);
  package_close(pkg);
  return st;
}
