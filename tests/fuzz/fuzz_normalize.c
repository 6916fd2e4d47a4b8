/*
 * fuzz_normalize: flat XML through colette_normalize_stream, which reads
 * a seekable stream twice (fmemopen over the input), with the default
 * options.  On success the output must be well-formed XML.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  static const uint8_t none[1];
  colette_normalize_options opts;
  colette_normalize_options_default(&opts);
  FILE *in = fmemopen((void *)(size ? data : none), size, "r");
  if (!in) return 0;
  fuzz_out out = {0};
  colette_normalize_stats stats;
  colette_error err;
  colette_status st = colette_normalize_stream(in, &opts, fuzz_sink(&out), &stats, &err);
  fclose(in);
  if (st == COLETTE_OK) FUZZ_CHECK(fuzz_well_formed(&out), "normalize wrote malformed XML");
  fuzz_out_free(&out);
  return 0;
}
