/* error.c: status names and error records. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *colette_status_string(colette_status status) {
  switch (status) {
  case COLETTE_OK: return "success";
  case COLETTE_ERR_NOMEM: return "out of memory";
  case COLETTE_ERR_IO: return "input/output error";
  case COLETTE_ERR_NOT_ZIP: return "not a ZIP archive";
  case COLETTE_ERR_PROTECTED: return "encrypted or legacy container";
  case COLETTE_ERR_NO_DOCUMENT: return "no WordprocessingML document";
  case COLETTE_ERR_XML: return "malformed XML";
  case COLETTE_ERR_LIMIT: return "limit exceeded";
  case COLETTE_ERR_INVALID: return "invalid argument";
  case COLETTE_ERR_STAGE: return "input for another filter";
  }
  return "unknown status";
}

colette_exit colette_status_exit(colette_status status) {
  switch (status) {
  case COLETTE_OK: return COLETTE_EXIT_OK;
  case COLETTE_ERR_NOMEM: return COLETTE_EXIT_NOMEM;
  case COLETTE_ERR_IO: return COLETTE_EXIT_IO;
  case COLETTE_ERR_NOT_ZIP: return COLETTE_EXIT_NOT_ZIP;
  case COLETTE_ERR_PROTECTED: return COLETTE_EXIT_PROTECTED;
  case COLETTE_ERR_NO_DOCUMENT: return COLETTE_EXIT_NO_DOCUMENT;
  case COLETTE_ERR_XML: return COLETTE_EXIT_XML;
  case COLETTE_ERR_LIMIT: return COLETTE_EXIT_LIMIT;
  case COLETTE_ERR_INVALID: return COLETTE_EXIT_USAGE;
  case COLETTE_ERR_STAGE: return COLETTE_EXIT_STAGE;
  }
  return COLETTE_EXIT_INTERNAL;
}

static colette_status vset(colette_error *err, colette_status status, const char *part, int line,
                           int column, const char *fmt, va_list ap) {
  if (!err) return status;
  err->status = status;
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  snprintf(err->part, sizeof err->part, "%s", part ? part : "");
  err->line = line;
  err->column = column;
  return status;
}

colette_status error_set(colette_error *err, colette_status status, const char *part,
                         const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vset(err, status, part, 0, 0, fmt, ap);
  va_end(ap);
  return status;
}

colette_status error_set_at(colette_error *err, colette_status status, const char *part, int line,
                            int column, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vset(err, status, part, line, column, fmt, ap);
  va_end(ap);
  return status;
}

void error_clear(colette_error *err) {
  if (err) memset(err, 0, sizeof *err);
}

void colette_limits_default(colette_limits *l) {
  l->max_part_size = 256u << 20;
  l->max_total_size = 1u << 30;
  l->max_entries = 10000;
  l->min_inflate_ratio = 0.01;
  l->grace_size = 100u << 10;
  l->max_depth = 200;
}

void colette_unpack_options_default(colette_unpack_options *o) {
  memset(o, 0, sizeof *o);
  colette_limits_default(&o->limits);
  o->changes = COLETTE_CHANGES_ACCEPT;
}

colette_status error_stage(colette_error *err, colette_kind k, const char *part) {
  const char *what = k == COLETTE_KIND_ZIP          ? "a DOCX package"
                     : k == COLETTE_KIND_OLE        ? "an OLE/CFB container (.doc)"
                     : k == COLETTE_KIND_FLAT       ? "a flat document that is not normalized"
                     : k == COLETTE_KIND_NORMALIZED ? "a normalized flat document"
                     : k == COLETTE_KIND_LETTER     ? "a colette letter"
                                                    : "another stage's input";
  const char *who = colette_kind_reader(k);
  if (!who) return error_set(err, COLETTE_ERR_STAGE, part, "this is %s, the end of the chain", what);
  return error_set(err, COLETTE_ERR_STAGE, part, "this is %s; %s reads it", what, who);
}
