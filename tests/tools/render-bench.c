/*
 * render-bench LETTER [RUNS]: colette-render's in-process cost, for
 * scripts/bench.  The letter is read once and one context made once (as
 * the driver's workers do); then each format is rendered RUNS times (20)
 * in each language of the catalogue, and the mean time of one rendering
 * is printed per format and language, with the process's peak memory.
 * Read and context times are printed apart: they are paid once per
 * process, not per rendering.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "colette.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A sink that counts bytes and keeps nothing. */
static int count(void *ctx, const char *data, size_t len) {
  (void)data;
  *(size_t *)ctx += len;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: render-bench LETTER [RUNS]\n");
    return 2;
  }
  int runs = argc > 2 ? atoi(argv[2]) : 20;
  if (runs < 1) runs = 1;
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    fprintf(stderr, "render-bench: %s: cannot open\n", argv[1]);
    return 3;
  }
  char *data = NULL;
  size_t len = 0, cap = 0, got;
  do {
    if (len == cap) {
      cap = cap ? cap * 2 : 65536;
      char *d = realloc(data, cap);
      if (!d) return 9;
      data = d;
    }
    got = fread(data + len, 1, cap - len, f);
    len += got;
  } while (got > 0);
  fclose(f);
  colette_error err;
  colette_letter *l = NULL;
  colette_context *ctx = NULL;
  double t0 = now();
  if (colette_letter_read(data, len, argv[1], &l, &err) != COLETTE_OK) {
    fprintf(stderr, "render-bench: %s: %s\n", argv[1], err.message);
    return 7;
  }
  double t1 = now();
  if (colette_context_new(&ctx, &err) != COLETTE_OK) {
    fprintf(stderr, "render-bench: %s\n", err.message);
    return 9;
  }
  double t2 = now();
  printf("read %.2f ms, context %.2f ms (once per process)\n", (t1 - t0) * 1e3, (t2 - t1) * 1e3);
  static const char *const langs[] = {NULL, "en", "fr", "zh"};
  printf("%-12s", "format");
  for (size_t k = 0; k < 4; k++)
    printf(" %10s", langs[k] ? langs[k] : "own");
  printf("   (ms per rendering, mean of %d)\n", runs);
  for (int fmt = 0; fmt < COLETTE_FORMAT_LETTER + 1; fmt++) {
    printf("%-12s", colette_format_name((colette_format)fmt));
    for (size_t k = 0; k < 4; k++) {
      colette_render_options o;
      colette_render_options_default(&o);
      o.format = (colette_format)fmt;
      o.lang = langs[k];
      o.context = ctx;
      size_t bytes = 0;
      colette_sink sink = {count, &bytes};
      double a = now();
      colette_status st = COLETTE_OK;
      for (int r = 0; r < runs && st == COLETTE_OK; r++)
        st = colette_render(l, &o, sink, NULL, &err);
      double b = now();
      if (st != COLETTE_OK)
        printf(" %10s", "failed");
      else
        printf(" %10.3f", (b - a) * 1e3 / runs);
    }
    printf("\n");
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("peak memory %.1f MB\n", (double)ru.ru_maxrss / 1024);
  colette_context_free(ctx);
  colette_letter_free(l);
  free(data);
  return 0;
}
