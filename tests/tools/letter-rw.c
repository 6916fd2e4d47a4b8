/*
 * letter-rw: read letter XML with colette_letter_read and write it back
 * with colette_letter_write (a test tool: read then write must give the
 * same bytes for every golden letter; bad letters must get a message).
 *
 *   letter-rw [FILE|-]   the letter on standard output; on failure one
 *                        line "letter-rw: FILE:LINE: message" and the
 *                        filters' exit code for the status.
 */
#include <stdio.h>
#include <string.h>

#include "colette.h"

static int put(void *ctx, const char *data, size_t len) {
  return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

int main(int argc, char **argv) {
  const char *name = argc > 1 ? argv[1] : "-";
  FILE *in = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
  if (!in) {
    perror(name);
    return COLETTE_EXIT_IO;
  }
  colette_letter *l = NULL;
  colette_error err;
  memset(&err, 0, sizeof err);
  colette_status st = colette_letter_read_file(in, name, &l, &err);
  if (in != stdin) fclose(in);
  if (st == COLETTE_OK) {
    colette_sink out = {put, stdout};
    st = colette_letter_write(l, out, &err);
  }
  colette_letter_free(l);
  if (st != COLETTE_OK) {
    if (err.line > 0)
      fprintf(stderr, "letter-rw: %s:%d: %s\n", name, err.line, err.message);
    else
      fprintf(stderr, "letter-rw: %s: %s\n", name, err.message);
    return colette_status_exit(st);
  }
  return fflush(stdout) == 0 ? 0 : COLETTE_EXIT_IO;
}
