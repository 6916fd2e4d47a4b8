/*
 * stage-bench [-n RUNS] DOCX...: the conversion chain's in-process cost
 * by stage, for scripts/bench.  Each DOCX is read into memory once and
 * one context made once (as the driver's workers do); then the chain
 * unpack -> normalize -> map -> write runs RUNS times (20) on each file,
 * each stage timed apart, and the mean milliseconds of one letter are
 * printed per stage, for each file and over all of them.  The context's
 * cost is printed apart: a process pays it once, not per letter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colette.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct {
  char *data;
  size_t len, cap;
} membuf;

static int put(void *ctx, const char *data, size_t len) {
  membuf *b = ctx;
  if (b->len + len > b->cap) {
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->len + len)
      cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) return -1;
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
  return 0;
}

static int slurp(const char *path, membuf *b) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char chunk[65536];
  size_t got;
  int rc = 0;
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (put(b, chunk, got) != 0) rc = -1;
  if (ferror(f)) rc = -1;
  fclose(f);
  return rc;
}

enum { UNPACK, NORMALIZE, MAP, WRITE, STAGES };
static const char *const stage_names[STAGES] = {"unpack", "normalize", "map", "write"};

/* One run of the chain on `docx`; adds each stage's seconds to t[]. */
static int chain(const membuf *docx, const char *name, colette_context *ctx, double t[STAGES]) {
  membuf flat = {0}, norm = {0}, out = {0};
  colette_error err;
  colette_letter *l = NULL;
  int rc = -1;
  colette_unpack_options uo;
  colette_unpack_options_default(&uo);
  uo.source_name = name;
  colette_normalize_options no;
  colette_normalize_options_default(&no);
  no.context = ctx;
  colette_map_options mo;
  colette_map_options_default(&mo);
  mo.context = ctx;
  double a = now();
  if (colette_unpack_memory(docx->data, docx->len, &uo, (colette_sink){put, &flat}, &err) != COLETTE_OK)
    goto fail;
  double b = now();
  if (colette_normalize_memory(flat.data, flat.len, &no, (colette_sink){put, &norm}, NULL, &err) !=
      COLETTE_OK)
    goto fail;
  double c = now();
  if (colette_map_doc(norm.data, norm.len, &mo, &l, NULL, &err) != COLETTE_OK) goto fail;
  double d = now();
  if (colette_letter_write(l, (colette_sink){put, &out}, &err) != COLETTE_OK) goto fail;
  double e = now();
  t[UNPACK] += b - a;
  t[NORMALIZE] += c - b;
  t[MAP] += d - c;
  t[WRITE] += e - d;
  rc = 0;
fail:
  if (rc != 0) fprintf(stderr, "stage-bench: %s: %s\n", name, err.message);
  colette_letter_free(l);
  free(flat.data);
  free(norm.data);
  free(out.data);
  return rc;
}

int main(int argc, char **argv) {
  int runs = 20, first = 1;
  if (argc > 2 && strcmp(argv[1], "-n") == 0) {
    runs = atoi(argv[2]);
    first = 3;
  }
  if (runs < 1) runs = 1;
  if (first >= argc) {
    fprintf(stderr, "usage: stage-bench [-n RUNS] DOCX...\n");
    return 2;
  }
  colette_error err;
  colette_context *ctx = NULL;
  double t0 = now();
  if (colette_context_new(&ctx, &err) != COLETTE_OK) {
    fprintf(stderr, "stage-bench: %s\n", err.message);
    return 9;
  }
  printf("context %.2f ms (once per process)\n", (now() - t0) * 1e3);
  printf("%-32s", "ms per letter");
  for (int s = 0; s < STAGES; s++)
    printf(" %9s", stage_names[s]);
  printf(" %9s\n", "total");
  double all[STAGES] = {0};
  int files = 0, rc = 0;
  for (int i = first; i < argc; i++) {
    membuf docx = {0};
    if (slurp(argv[i], &docx) != 0) {
      fprintf(stderr, "stage-bench: %s: cannot read\n", argv[i]);
      free(docx.data);
      rc = 1;
      continue;
    }
    double t[STAGES] = {0};
    int ok = 1;
    for (int r = 0; r < runs && ok; r++)
      ok = chain(&docx, argv[i], ctx, t) == 0;
    free(docx.data);
    if (!ok) {
      rc = 1;
      continue;
    }
    const char *base = strrchr(argv[i], '/');
    printf("%-32.32s", base ? base + 1 : argv[i]);
    double sum = 0;
    for (int s = 0; s < STAGES; s++) {
      printf(" %9.3f", t[s] * 1e3 / runs);
      sum += t[s];
      all[s] += t[s] / runs;
    }
    printf(" %9.3f\n", sum * 1e3 / runs);
    files++;
  }
  if (files > 0) {
    printf("%-32s", "mean");
    double sum = 0;
    for (int s = 0; s < STAGES; s++) {
      printf(" %9.3f", all[s] * 1e3 / files);
      sum += all[s];
    }
    printf(" %9.3f\n", sum * 1e3 / files);
  }
  colette_context_free(ctx);
  return rc;
}
