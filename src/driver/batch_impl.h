/*
 * batch_impl.h: what batch.c (the parent and its workers) and
 * batch_inputs.c (finding the inputs) share: the jobs, the plans and the
 * batch.  Internal.
 */
#ifndef COLETTE_BATCH_IMPL_H
#define COLETTE_BATCH_IMPL_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

#include "../buf.h"
#include "driver.h"

typedef enum job_status { JOB_PENDING = 0, JOB_OK, JOB_SKIPPED, JOB_FAILED } job_status;

typedef struct job {
  char *path;        /* as found: ROOT/REL */
  char *out;         /* OUTDIR/REL with the target's extension */
  const char *media; /* the input's type */
  long plan;         /* index in the plans, -1: none (message in the plan record) */
  char *error;       /* a failure known before the run (a collision), or NULL */
  job_status status;
} job;

typedef struct plan_rec {
  const char *media;
  drv_plan plan;
  bool ok;
  int exit;
  char message[sizeof((colette_error *)0)->message + 16];
} plan_rec;

/* One file's outcome, worker to parent: one write, smaller than PIPE_BUF,
 * so it is never interleaved. */
typedef struct result_msg {
  uint32_t index;
  int32_t exit;
  uint32_t ms;
  char message[sizeof((drv_result *)0)->message];
} result_msg;

typedef struct worker {
  pid_t pid;
  int jobs;    /* write end: job indices */
  int results; /* read end: result_msg */
  long busy;   /* the job it has, -1 when idle */
  size_t got;  /* bytes of the record being read */
  result_msg rec;
} worker;

typedef struct batch {
  const drv_registry *reg;
  const drv_batch_options *o;
  FILE *in, *out, *err;
  buf jobs;  /* job */
  buf plans; /* plan_rec */
  /* whether a ZIP package's variant (DOCX, DOCM, DOTX, DOTM) chooses its
   * chain: 0 not known yet, 1 no (the four plan alike), 2 yes */
  int zip_variants;
  size_t ignored;
  /* counts */
  size_t done, ok, skipped, failed, interrupted;
  size_t by_exit[256];
  FILE *log;
  bool tty;
  drv_progress progress;
  double start, last_draw;
  size_t last_decile;
  bool bar_shown;
} batch;

/* ---- batch_inputs.c: the inputs, found by content, each a job ---- */
/* a/b as one path ("" a: b); malloc'd, NULL without memory */
char *batch_path_join(const char *a, const char *b);
/* The files under dir (rel under the root) in name order, each a job. */
void batch_walk(batch *b, const char *dir, const char *rel, const struct stat *outdir, int depth);
/* The files named in --files-from, each a job; 0 or an exit code (said). */
int batch_read_list(batch *b);
/* Jobs that would write one output: all but the first fail. */
void batch_find_collisions(batch *b);

#endif
