/*
 * fuzz_map: normalized flat XML through colette_map_doc, the mapper and
 * the recognisers and catalogue it calls.  A letter it builds must be
 * one the reader accepts: written, read back and written again, the same
 * bytes (abort if not); mapped again where xmlscan hands the document to
 * libxml2 (fuzz_handed_over), the same letter.  One context serves every run (as the driver's
 * workers do): made for each input, the catalogue's compilation took
 * most of the fuzzer's time.
 */
#include "fuzz.h"

static colette_context *ctx; /* the harness's, for the process's life */

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  colette_error err;
  if (colette_context_new(&ctx, &err) != COLETTE_OK) {
    fprintf(stderr, "fuzz_map: no context: %s\n", err.message);
    abort();
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  colette_map_options opts;
  colette_map_options_default(&opts);
  opts.context = ctx;
  colette_letter *l = NULL;
  colette_map_report report;
  colette_error err;
  if (colette_map_doc(data, size, &opts, &l, &report, &err) == COLETTE_OK) {
    fuzz_round_trip(l, "mapped");
    /* the tree libxml2's DOM gives, where xmlscan hands over, maps the same */
    size_t hlen;
    char *h = fuzz_handed_over(data, size, &hlen);
    if (h) {
      colette_letter *m = NULL;
      FUZZ_CHECK(colette_map_doc(h, hlen, &opts, &m, &report, &err) == COLETTE_OK,
                 "map by libxml2's DOM fails (%s) where by xmlscan it did not", err.message);
      fuzz_out a = {0}, b = {0};
      FUZZ_CHECK(colette_letter_write(l, fuzz_sink(&a), &err) == COLETTE_OK &&
                     colette_letter_write(m, fuzz_sink(&b), &err) == COLETTE_OK,
                 "a mapped letter cannot be written: %s", err.message);
      FUZZ_CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
                 "map by libxml2's DOM and by xmlscan give other letters");
      fuzz_out_free(&a);
      fuzz_out_free(&b);
      colette_letter_free(m);
      free(h);
    }
  }
  colette_letter_free(l);
  return 0;
}
