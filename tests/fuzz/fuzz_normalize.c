/*
 * fuzz_normalize: flat XML through colette_normalize_stream, which reads
 * a seekable stream twice (fmemopen over the input), with the default
 * options.  On success the output must be well-formed XML, the one walk
 * of colette_normalize_memory must give the same bytes, and so must
 * libxml2's reader, where xmlscan hands over (fuzz_handed_over).
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
  fuzz_out mem = {0};
  colette_status mst =
      colette_normalize_memory(size ? data : none, size, &opts, fuzz_sink(&mem), &stats, &err);
  FUZZ_CHECK(mst == st, "normalize in memory: status %d, from a stream: %d", mst, st);
  if (st == COLETTE_OK)
    FUZZ_CHECK(mem.len == out.len && memcmp(mem.data, out.data, out.len) == 0,
               "normalize in memory and from a stream write other bytes");
  size_t hlen;
  char *h = st == COLETTE_OK ? fuzz_handed_over(data, size, &hlen) : NULL;
  if (h) {
    fuzz_out slow = {0};
    colette_status hst = colette_normalize_memory(h, hlen, &opts, fuzz_sink(&slow), &stats, &err);
    FUZZ_CHECK(hst == COLETTE_OK, "normalize by the reader fails (%s) where xmlscan did not",
               err.message);
    FUZZ_CHECK(slow.len == out.len && memcmp(slow.data, out.data, out.len) == 0,
               "normalize by the reader and by xmlscan write other bytes");
    fuzz_out_free(&slow);
    free(h);
  }
  fuzz_out_free(&mem);
  fuzz_out_free(&out);
  return 0;
}
