/*
 * replay: a main() for a fuzz target, built with the normal compiler so
 * that every finding kept in tests/fuzz/regressions/TARGET/ runs in the
 * normal test suite, without clang or libFuzzer.
 *
 *   fuzz-replay-TARGET FILE|DIR...   run the target on each file (a
 *                                    directory: each file in it, sorted)
 *
 * A finding aborts, as under libFuzzer; otherwise it prints how many
 * inputs ran and exits 0.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* libFuzzer's optional set-up hook: replay calls it when the target has one. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static unsigned long ran;

/* Run the target on one file; false if it cannot be read. */
static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: cannot open\n", path);
    return 0;
  }
  uint8_t *d = NULL;
  size_t cap = 0, n = 0, got;
  do {
    if (n == cap) {
      cap = cap ? cap * 2 : 65536;
      uint8_t *g = realloc(d, cap);
      if (!g) abort();
      d = g;
    }
    got = fread(d + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  int ok = !ferror(f);
  fclose(f);
  if (ok) {
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
    /* an exact-size copy, so ASan sees a read past the input's end */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) abort();
    memcpy(exact, d, n);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    ran++;
  }
  free(d);
  return ok;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run the target on every file of a directory, in name order. */
static int run_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return run_file(dir);
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char **g = realloc(names, (n + 1) * sizeof *names);
    if (!g) abort();
    names = g;
    names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
    if (!names[n]) abort();
    sprintf(names[n++], "%s/%s", dir, e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  int ok = 1;
  for (size_t i = 0; i < n; i++) {
    ok &= run_file(names[i]);
    free(names[i]);
  }
  free(names);
  return ok;
}

int main(int argc, char **argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  int ok = 1;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
      ok &= run_dir(argv[i]);
    else
      ok &= run_file(argv[i]);
  }
  printf("replay: %lu inputs, none failed\n", ran);
  xmlCleanupParser();
  return ok ? 0 : 1;
}
