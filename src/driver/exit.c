/* exit.c: exit codes named as classes, for the batch's log and summary. */
#include <stdio.h>

#include "driver.h"

static const struct {
  int code;
  const char *name, *meaning;
} CLASSES[] = {
    {COLETTE_EXIT_OK, "ok", "converted"},
    {COLETTE_EXIT_DIFFERENT, "different", "the versions differ (colette compare)"},
    {COLETTE_EXIT_USAGE, "usage", "bad options or arguments"},
    {COLETTE_EXIT_IO, "io", "input unreadable, or output not writable"},
    {COLETTE_EXIT_NOT_ZIP, "not-zip", "not a ZIP, or a damaged one"},
    {COLETTE_EXIT_PROTECTED, "protected", "OLE/CFB container: encrypted package or legacy .doc"},
    {COLETTE_EXIT_NO_DOCUMENT, "no-document", "no document of the kind the filter reads"},
    {COLETTE_EXIT_XML, "xml", "malformed XML, or a DOCTYPE"},
    {COLETTE_EXIT_LIMIT, "limit", "a safety limit exceeded"},
    {COLETTE_EXIT_NOMEM, "nomem", "out of memory"},
    {COLETTE_EXIT_INTERNAL, "internal", "an internal error (a filter crashed)"},
    {COLETTE_EXIT_STAGE, "stage", "another stage's input, or no chain to the target"},
    {130, "interrupted", "interrupted (SIGINT or SIGTERM)"},
};

const char *drv_exit_class(int code, char *tmp, size_t tmpsize) {
  for (size_t i = 0; i < sizeof CLASSES / sizeof *CLASSES; i++)
    if (CLASSES[i].code == code) return CLASSES[i].name;
  if (code > 128 && code < 128 + 65) {
    snprintf(tmp, tmpsize, "signal-%d", code - 128);
    return tmp;
  }
  snprintf(tmp, tmpsize, "exit-%d", code);
  return tmp;
}

const char *drv_exit_meaning(int code) {
  for (size_t i = 0; i < sizeof CLASSES / sizeof *CLASSES; i++)
    if (CLASSES[i].code == code) return CLASSES[i].meaning;
  return code > 128 ? "killed by a signal" : "";
}
