/*
 * fuzz_letter: letter XML through colette_letter_read and
 * colette_letter_write.  What the reader accepts the writer must write,
 * and that must read again and write the same bytes:
 * write(read(write(read(x)))) == write(read(x)).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  colette_letter *l = NULL, *again = NULL;
  colette_error err;
  fuzz_out first = {0}, second = {0};
  if (colette_letter_read((const char *)data, size, "fuzz.xml", &l, &err) != COLETTE_OK) goto done;
  FUZZ_CHECK(colette_letter_write(l, fuzz_sink(&first), &err) == COLETTE_OK,
             "a letter read cannot be written: %s", err.message);
  FUZZ_CHECK(colette_letter_read(first.data, first.len, "written.xml", &again, &err) == COLETTE_OK,
             "a letter written does not read back: line %d: %s", err.line, err.message);
  FUZZ_CHECK(colette_letter_write(again, fuzz_sink(&second), &err) == COLETTE_OK,
             "a letter read back cannot be written: %s", err.message);
  FUZZ_CHECK(first.len == second.len && memcmp(first.data, second.data, first.len) == 0,
             "write(read(x)) read again writes other bytes");
done:
  colette_letter_free(l);
  colette_letter_free(again);
  fuzz_out_free(&first);
  fuzz_out_free(&second);
  return 0;
}
