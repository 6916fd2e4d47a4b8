/*
 * report.c: the differences as text (one line each, for people), JSON and
 * XML (for tools: each with its kind, its key, and per version the path
 * and the value), and HTML (html.c: the versions side by side).
 */
#include <stdio.h>
#include <string.h>

#include "../error.h"
#include "compare.h"

static void text_report(const colette_diff *ds, buf *b) {
  for (size_t i = 0; i < ds->n; i++) {
    const diff *d = &ds->d[i];
    buf_printf(b, "%s %s:", d->kind, d->key);
    bool first = true;
    for (size_t v = 0; v < ds->nversions; v++) {
      const diff_side *s = &d->sides[v];
      if (!s->path && !s->value) continue;
      buf_printf(b, "%s %s %s: %s", first ? "" : " |", ds->names[v], s->path ? s->path : "-",
                 s->value ? s->value : "(none)");
      first = false;
    }
    buf_putc(b, '\n');
  }
  if (ds->n) buf_printf(b, "%zu difference%s\n", ds->n, ds->n == 1 ? "" : "s");
}

static void json_string(buf *b, const char *s) {
  if (!s) {
    buf_puts(b, "null");
    return;
  }
  buf_putc(b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      buf_putc(b, '\\');
      buf_putc(b, (char)*p);
    } else if (*p < 0x20) {
      buf_printf(b, "\\u%04x", *p);
    } else {
      buf_putc(b, (char)*p);
    }
  }
  buf_putc(b, '"');
}

static void json_report(const colette_diff *ds, buf *b) {
  buf_puts(b, "{\"versions\":[");
  for (size_t v = 0; v < ds->nversions; v++) {
    if (v) buf_putc(b, ',');
    json_string(b, ds->names[v]);
  }
  buf_puts(b, "],\"differences\":[");
  for (size_t i = 0; i < ds->n; i++) {
    const diff *d = &ds->d[i];
    buf_puts(b, i ? ",\n{\"kind\":" : "\n{\"kind\":");
    json_string(b, d->kind);
    buf_puts(b, ",\"key\":");
    json_string(b, d->key);
    buf_puts(b, ",\"versions\":[");
    for (size_t v = 0; v < ds->nversions; v++) {
      if (v) buf_putc(b, ',');
      if (!d->sides[v].path && !d->sides[v].value) {
        buf_puts(b, "null");
        continue;
      }
      buf_puts(b, "{\"path\":");
      json_string(b, d->sides[v].path);
      buf_puts(b, ",\"value\":");
      json_string(b, d->sides[v].value);
      buf_putc(b, '}');
    }
    buf_puts(b, "]}");
  }
  buf_puts(b, ds->n ? "\n]}\n" : "]}\n");
}

static void xml_report(const colette_diff *ds, buf *b) {
  buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<comparison");
  buf_xml_attr(b, "xmlns", "urn:colette:compare:1");
  buf_xml_attr_int(b, "differences", (long)ds->n);
  buf_puts(b, ">\n");
  for (size_t v = 0; v < ds->nversions; v++) {
    buf_puts(b, "<version");
    buf_xml_attr_int(b, "n", (long)v + 1);
    buf_xml_attr(b, "name", ds->names[v]);
    buf_puts(b, "/>\n");
  }
  for (size_t i = 0; i < ds->n; i++) {
    const diff *d = &ds->d[i];
    buf_puts(b, "<difference");
    buf_xml_attr(b, "kind", d->kind);
    buf_xml_attr(b, "key", d->key);
    buf_puts(b, ">\n");
    for (size_t v = 0; v < ds->nversions; v++) {
      const diff_side *s = &d->sides[v];
      if (!s->path && !s->value) continue;
      buf_puts(b, "<in");
      buf_xml_attr_int(b, "version", (long)v + 1);
      if (s->path) buf_xml_attr(b, "path", s->path);
      if (!s->value) buf_xml_attr(b, "absent", "true");
      buf_putc(b, '>');
      if (s->value) buf_xml_text(b, s->value, strlen(s->value));
      buf_puts(b, "</in>\n");
    }
    buf_puts(b, "</difference>\n");
  }
  buf_puts(b, "</comparison>\n");
}

static const char *const REPORT_NAMES[COLETTE_REPORTS] = {"text", "json", "xml", "html"};

const char *colette_report_format_name(colette_report_format f) {
  return (unsigned)f < COLETTE_REPORTS ? REPORT_NAMES[f] : NULL;
}

colette_report_format colette_report_format_by_name(const char *name) {
  for (int i = 0; name && i < COLETTE_REPORTS; i++)
    if (strcmp(name, REPORT_NAMES[i]) == 0) return (colette_report_format)i;
  return COLETTE_REPORTS;
}

colette_status colette_diff_write(const colette_diff *ds, colette_report_format f, colette_sink out,
                                  colette_error *err) {
  if (!ds) return error_set(err, COLETTE_ERR_INVALID, NULL, "no comparison");
  buf b = BUF_INIT;
  switch (f) {
  case COLETTE_REPORT_TEXT: text_report(ds, &b); break;
  case COLETTE_REPORT_JSON: json_report(ds, &b); break;
  case COLETTE_REPORT_XML: xml_report(ds, &b); break;
  case COLETTE_REPORT_HTML: html_report(ds, &b); break;
  default: buf_free(&b); return error_set(err, COLETTE_ERR_INVALID, NULL, "no such report format");
  }
  colette_status st = COLETTE_OK;
  if (!buf_ok(&b))
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  else if (out.write(out.ctx, b.data ? b.data : "", b.len) != 0)
    st = error_set(err, COLETTE_ERR_IO, NULL, "cannot write output");
  buf_free(&b);
  return st;
}
