/*
 * fuzz_letter: letter XML through colette_letter_read and
 * colette_letter_write.  What the reader accepts the writer must write,
 * and that must read again and write the same bytes:
 * write(read(write(read(x)))) == write(read(x)).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  colette_letter *l = NULL;
  colette_error err;
  if (colette_letter_read((const char *)data, size, "fuzz.xml", &l, &err) == COLETTE_OK)
    fuzz_round_trip(l, "read");
  colette_letter_free(l);
  return 0;
}
