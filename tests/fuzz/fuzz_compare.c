/*
 * fuzz_compare: letter XML through colette_compare.  A letter compared
 * with itself has no difference; compared with a fixture letter (one
 * language version of it, read at start), every report format writes,
 * and the XML report is well-formed.
 */
#include "fuzz.h"

static colette_letter *fixture; /* the harness's, for the process's life */

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  const char *path = getenv("COLETTE_FUZZ_LETTER");
  if (!path || !*path) path = COLETTE_FUZZ_LETTER;
  FILE *f = fopen(path, "rb");
  fuzz_out x = {0};
  char chunk[65536];
  size_t n;
  while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (fuzz_out_write(&x, chunk, n) != 0) abort();
  colette_error err;
  if (!f || colette_letter_read(x.data, x.len, path, &fixture, &err) != COLETTE_OK) {
    fprintf(stderr, "fuzz_compare: no fixture letter %s\n", path);
    abort();
  }
  fclose(f);
  fuzz_out_free(&x);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  colette_letter *l = NULL;
  colette_diff *self = NULL, *other = NULL;
  colette_error err;
  fuzz_out report = {0};
  if (colette_letter_read((const char *)data, size, "fuzz.xml", &l, &err) != COLETTE_OK) goto done;
  const colette_letter *two[2] = {l, l};
  colette_status st = colette_compare(two, NULL, 2, &self, &err);
  FUZZ_CHECK(st == COLETTE_OK || st == COLETTE_ERR_LIMIT || st == COLETTE_ERR_NOMEM,
             "a letter does not compare with itself: %s", err.message);
  if (st == COLETTE_OK)
    FUZZ_CHECK(colette_diff_count(self) == 0, "a letter differs from itself in %zu places",
               colette_diff_count(self));
  two[1] = fixture;
  st = colette_compare(two, NULL, 2, &other, &err);
  FUZZ_CHECK(st == COLETTE_OK || st == COLETTE_ERR_LIMIT || st == COLETTE_ERR_NOMEM,
             "a letter does not compare with the fixture: %s", err.message);
  if (st != COLETTE_OK) goto done;
  for (int f = 0; f < COLETTE_REPORTS; f++) {
    fuzz_out_free(&report);
    st = colette_diff_write(other, (colette_report_format)f, fuzz_sink(&report), &err);
    FUZZ_CHECK(st == COLETTE_OK || st == COLETTE_ERR_NOMEM, "report %d does not write: %s", f,
               err.message);
    if (f == COLETTE_REPORT_XML && st == COLETTE_OK)
      FUZZ_CHECK(fuzz_well_formed(&report), "the XML report is not well-formed");
  }
done:
  colette_diff_free(self);
  colette_diff_free(other);
  colette_letter_free(l);
  fuzz_out_free(&report);
  return 0;
}
