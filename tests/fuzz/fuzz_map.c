/*
 * fuzz_map: normalized flat XML through colette_map_doc, the mapper and
 * the recognisers and catalogue it calls.  A letter it builds must be
 * one the reader accepts: written, read back and written again, the same
 * bytes (abort if not).  One context serves every run (as the driver's
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
  if (colette_map_doc(data, size, &opts, &l, &report, &err) == COLETTE_OK)
    fuzz_round_trip(l, "mapped");
  colette_letter_free(l);
  return 0;
}
