/*
 * fuzz_unpack: DOCX bytes through colette_unpack_memory, the first stage
 * and the one that reads the untrusted container.  On success the flat
 * document must be well-formed XML.
 *
 * The limits are tighter than the defaults (8 MiB a part, 32 MiB in all)
 * so that an input the limits would let through at full size cannot turn
 * into a time-out of no interest: the checks are the same code.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  colette_unpack_options opts;
  colette_unpack_options_default(&opts);
  opts.limits.max_part_size = 8u << 20;
  opts.limits.max_total_size = 32u << 20;
  opts.source_name = "fuzz.docx";
  fuzz_out out = {0};
  colette_error err;
  colette_status st = colette_unpack_memory(data, size, &opts, fuzz_sink(&out), &err);
  if (st == COLETTE_OK) FUZZ_CHECK(fuzz_well_formed(&out), "unpack wrote malformed XML");
  fuzz_out_free(&out);
  return 0;
}
