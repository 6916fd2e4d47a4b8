/*
 * fuzz_map: normalized flat XML through colette_map_doc, the mapper and
 * the recognisers and catalogue it calls.  A letter it builds must be
 * one the reader accepts: written, read back and written again, the same
 * bytes (abort if not).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  colette_map_options opts;
  colette_map_options_default(&opts);
  colette_letter *l = NULL, *again = NULL;
  colette_map_report report;
  colette_error err;
  fuzz_out first = {0}, second = {0};
  if (colette_map_doc(data, size, &opts, &l, &report, &err) != COLETTE_OK) goto done;
  FUZZ_CHECK(colette_letter_write(l, fuzz_sink(&first), &err) == COLETTE_OK,
             "a mapped letter cannot be written: %s", err.message);
  FUZZ_CHECK(colette_letter_read(first.data, first.len, "mapped.xml", &again, &err) == COLETTE_OK,
             "a mapped letter does not read back: line %d: %s", err.line, err.message);
  FUZZ_CHECK(colette_letter_write(again, fuzz_sink(&second), &err) == COLETTE_OK,
             "a mapped letter read back cannot be written: %s", err.message);
  FUZZ_CHECK(first.len == second.len && memcmp(first.data, second.data, first.len) == 0,
             "a mapped letter read back writes other bytes");
done:
  colette_letter_free(l);
  colette_letter_free(again);
  fuzz_out_free(&first);
  fuzz_out_free(&second);
  return 0;
}
