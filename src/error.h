/* error.h: filling a colette_error (private). */
#ifndef COLETTE_ERROR_H
#define COLETTE_ERROR_H

#include "colette.h"

/* Sets err (if not NULL) and returns status, so callers can write
 * `return error_set(err, COLETTE_ERR_IO, part, "…", …);`. */
colette_status error_set(colette_error *err, colette_status status, const char *part,
                         const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same with a line and column. */
colette_status error_set_at(colette_error *err, colette_status status, const char *part, int line,
                            int column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void error_clear(colette_error *err);
/* COLETTE_ERR_STAGE for input of kind k, handed to the wrong filter:
 * "this is a DOCX package; colette-unpack reads it". */
colette_status error_stage(colette_error *err, colette_kind k, const char *part);

#endif
