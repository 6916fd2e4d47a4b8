/*
 * batch.c: a whole tree converted by N worker processes.
 *
 * The parent finds the inputs (by content), plans a chain per input type,
 * skips outputs newer than their inputs, hands out files one at a time
 * over a pipe per worker and reads back one fixed-size record per file;
 * it alone draws the progress, writes the log and the summary.  Workers
 * are processes, each with its own context: a crash costs one file (the
 * parent starts another worker), and nothing is shared but the pipes.
 * Outputs go through a temporary file renamed into place on success.  A
 * signal only sets a flag: workers stop between stages and never rename
 * an output made after it; the parent stops handing out files, waits for
 * the workers and prints the summary (exit 130).  Finding the inputs is
 * batch_inputs.c's.
 */
#define _GNU_SOURCE /* pipe2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../cli.h"
#include "../error.h"
#include "batch_impl.h"

/* The one process-wide state a signal handler may touch (the reason it is
 * a global): set by SIGINT or SIGTERM, read by the loops. */
static volatile sig_atomic_t stopping;

static void on_signal(int sig) {
  (void)sig;
  stopping = 1;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- a worker ---------------------------------------------------------------- */

static int mkdirs(const char *file) {
  char p[PATH_MAX];
  if (snprintf(p, sizeof p, "%s", file) >= (int)sizeof p) return ENAMETOOLONG;
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) return errno;
    *s = '/';
  }
  return 0;
}

/* The output written as colette-FILTER -o writes it: a temporary file
 * beside it, renamed into place only on success and only if no signal came
 * meanwhile. */
static int write_output(const char *path, const buf *data, char *made, char *msg, size_t msgsize) {
  /* made: the directory the last output went to (PATH_MAX bytes, "" at
   * first), which a tree's next outputs share: made once, not each time */
  const char *slash = strrchr(path, '/');
  size_t dlen = slash ? (size_t)(slash - path) : 0;
  if (!(dlen < PATH_MAX && strncmp(made, path, dlen) == 0 && made[dlen] == '\0')) {
    int e = mkdirs(path);
    if (e) {
      snprintf(msg, msgsize, "colette: %s: cannot create its directory: %s", path, strerror(e));
      made[0] = '\0';
      return COLETTE_EXIT_IO;
    }
    if (dlen < PATH_MAX) {
      memcpy(made, path, dlen);
      made[dlen] = '\0';
    }
  }
  char *text = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&text, &n);
  if (!m) return COLETTE_EXIT_NOMEM;
  cli c = {"colette", NULL, NULL, m};
  cli_output o;
  int code = COLETTE_EXIT_IO;
  if (cli_output_open(&o, &c, path)) {
    colette_sink s = cli_output_sink(&o);
    bool ok = s.write(s.ctx, data->data ? data->data : "", data->len) == 0;
    if (stopping) {
      cli_output_close(&o, false);
      code = 130;
    } else if (cli_output_close(&o, ok) && ok) {
      code = 0;
    }
  }
  fclose(m);
  if (code == 130)
    snprintf(msg, msgsize, "interrupted");
  else if (code && text) {
    while (n && text[n - 1] == '\n')
      text[--n] = '\0';
    snprintf(msg, msgsize, "%s", text);
  }
  free(text);
  return code;
}

static bool write_all(int fd, const void *p, size_t n) {
  const char *s = p;
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    s += w;
    n -= (size_t)w;
  }
  return true;
}

static void worker_main(batch *b, int jobs, int results) {
  drv_runner run;
  drv_runner_init(&run, b->reg, b->o->opts, b->o->nopts, &stopping);
  char made[PATH_MAX] = "";
  uint32_t index;
  for (;;) {
    ssize_t n = read(jobs, &index, sizeof index);
    if (n < 0 && errno == EINTR) {
      if (stopping) break;
      continue;
    }
    if (n != (ssize_t)sizeof index || index >= VEC_LEN(b->jobs, job)) break;
    const job *j = &VEC_AT(b->jobs, job, index);
    const plan_rec *p = &VEC_AT(b->plans, plan_rec, j->plan);
    double t0 = now_s();
    result_msg r;
    memset(&r, 0, sizeof r);
    r.index = index;
    buf out = BUF_INIT;
    drv_result res;
    r.exit = drv_run(&run, &p->plan, j->path, NULL, &out, NULL, &res);
    snprintf(r.message, sizeof r.message, "%s", res.message);
    if (r.exit == 0) r.exit = write_output(j->out, &out, made, r.message, sizeof r.message);
    buf_free(&out);
    r.ms = (uint32_t)((now_s() - t0) * 1000 + 0.5);
    if (!write_all(results, &r, sizeof r)) break;
    if (stopping) break;
  }
  drv_runner_free(&run);
}

/* ---- the parent ---------------------------------------------------------------- */

/* The length of the well-formed UTF-8 sequence at p, or 0. */
static int utf8_len(const unsigned char *p) {
  int n = p[0] < 0x80             ? 1
          : (p[0] & 0xE0) == 0xC0 ? 2
          : (p[0] & 0xF0) == 0xE0 ? 3
          : (p[0] & 0xF8) == 0xF0 ? 4
                                  : 0;
  if (n == 2 && p[0] < 0xC2) return 0; /* overlong */
  for (int i = 1; i < n; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  if (n == 3 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0))) return 0;
  if (n == 4 && ((p[0] == 0xF0 && p[1] < 0x90) || p[0] > 0xF4 || (p[0] == 0xF4 && p[1] >= 0x90)))
    return 0;
  return n;
}

/* A JSON string: UTF-8 kept, a byte that is no UTF-8 (a file name's) as
 * U+FFFD, so that every line of the log is valid JSON. */
static void json_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    int n = utf8_len(p);
    if (*p == '"' || *p == '\\')
      fprintf(f, "\\%c", *p);
    else if (*p == '\n')
      fputs("\\n", f);
    else if (*p == '\t')
      fputs("\\t", f);
    else if (*p < 0x20 || *p == 0x7f)
      fprintf(f, "\\u%04x", *p);
    else if (n == 0)
      fputs("\\ufffd", f);
    else
      fwrite(p, 1, (size_t)n, f);
    p += n ? n : 1;
  }
  fputc('"', f);
}

static void clear_bar(batch *b) {
  if (b->bar_shown) {
    fputs("\r\033[K", b->err);
    b->bar_shown = false;
  }
}

static void draw(batch *b, bool force) {
  if (b->progress == PROGRESS_NONE) return;
  size_t total = VEC_LEN(b->jobs, job);
  double t = now_s(), el = t - b->start;
  double rate = el > 0 ? (double)b->done / el : 0;
  double eta = rate > 0 ? (double)(total - b->done) / rate : 0;
  if (b->progress == PROGRESS_BAR) {
    if (!force && t - b->last_draw < 0.2) return; /* five redraws a second at most */
    b->last_draw = t;
    int width = 24, full = total ? (int)((double)width * (double)b->done / (double)total) : width;
    char bar[32];
    for (int i = 0; i < width; i++)
      bar[i] = i < full ? '#' : '-';
    bar[width] = '\0';
    fprintf(b->err, "\r\033[Kcolette: [%s] %zu/%zu %.0f/s ETA %d:%02d, %zu failed", bar, b->done,
            total, rate, (int)eta / 60, (int)eta % 60, b->failed);
    fflush(b->err);
    b->bar_shown = true;
  } else if (b->progress == PROGRESS_LINES) {
    size_t decile = total ? b->done * 10 / total : 10;
    if (!force && decile == b->last_decile) return;
    b->last_decile = decile;
    fprintf(b->err, "colette: %zu/%zu done, %.0f/s, ETA %.0f s, %zu failed\n", b->done, total, rate,
            eta, b->failed);
    fflush(b->err);
  }
}

static void record(batch *b, size_t index, int exit, unsigned ms, const char *message,
                   bool skipped) {
  job *j = &VEC_AT(b->jobs, job, index);
  j->status = skipped ? JOB_SKIPPED : exit == 0 ? JOB_OK : JOB_FAILED;
  b->done++;
  if (skipped)
    b->skipped++;
  else if (exit == 0)
    b->ok++;
  else if (exit == 130 && stopping)
    b->interrupted++;
  else {
    b->failed++;
    b->by_exit[exit & 0xff]++;
  }
  char tmp[32];
  const char *cls = skipped ? "ok" : drv_exit_class(exit, tmp, sizeof tmp);
  if (exit != 0 && !(exit == 130 && stopping) && b->progress != PROGRESS_NONE) {
    clear_bar(b);
    /* the filter's own line names the file when it read it: said once */
    if (message && strstr(message, j->path))
      fprintf(b->err, "colette: %s (exit %d, %s)\n", message, exit, cls);
    else
      fprintf(b->err, "colette: %s: %s (exit %d, %s)\n", j->path, message, exit, cls);
  }
  if (b->log) {
    fputs("{\"file\":", b->log);
    json_string(b->log, j->path);
    fprintf(b->log, ",\"status\":\"%s\",\"exit\":%d,\"class\":",
            skipped     ? "skipped"
            : exit == 0 ? "ok"
                        : "failed",
            exit);
    json_string(b->log, cls);
    fputs(",\"message\":", b->log);
    json_string(b->log, message ? message : "");
    fprintf(b->log, ",\"ms\":%u}\n", ms);
    fflush(b->log);
  }
  draw(b, false);
}

/* Newer than its input: nothing to do (make's rule; --force does it all). */
static bool up_to_date(const job *j) {
  struct stat in, out;
  if (stat(j->out, &out) != 0 || stat(j->path, &in) != 0) return false;
  if (out.st_mtim.tv_sec != in.st_mtim.tv_sec) return out.st_mtim.tv_sec > in.st_mtim.tv_sec;
  return out.st_mtim.tv_nsec >= in.st_mtim.tv_nsec;
}

static bool spawn_worker(batch *b, worker *ws, unsigned n, worker *w) {
  int jp[2], rp[2];
  if (pipe2(jp, O_CLOEXEC) != 0) return false;
  if (pipe2(rp, O_CLOEXEC) != 0) {
    close(jp[0]);
    close(jp[1]);
    return false;
  }
  fflush(NULL); /* nothing buffered is written twice */
  pid_t pid = fork();
  if (pid < 0) {
    close(jp[0]);
    close(jp[1]);
    close(rp[0]);
    close(rp[1]);
    return false;
  }
  if (pid == 0) {
    /* the other workers' pipes are theirs: a copy held here would keep a
     * worker the parent lets go from ever seeing the end of its jobs */
    for (unsigned i = 0; i < n; i++) {
      if (ws[i].jobs >= 0) close(ws[i].jobs);
      if (ws[i].results >= 0) close(ws[i].results);
    }
    close(jp[1]);
    close(rp[0]);
    worker_main(b, jp[0], rp[1]);
    _exit(0); /* the parent's atexit handlers and stdio are the parent's */
  }
  close(jp[0]);
  close(rp[1]);
  w->pid = pid;
  w->jobs = jp[1];
  w->results = rp[0];
  w->busy = -1;
  w->got = 0;
  return true;
}

static void stop_worker(worker *w) {
  if (w->jobs >= 0) close(w->jobs);
  w->jobs = -1;
}

/* The next job to hand out, recording on the way those with nothing to
 * run: known failures, inputs with no chain, outputs up to date. */
static long next_job(batch *b, size_t *cursor) {
  while (*cursor < VEC_LEN(b->jobs, job)) {
    size_t i = (*cursor)++;
    job *j = &VEC_AT(b->jobs, job, i);
    const plan_rec *p = &VEC_AT(b->plans, plan_rec, j->plan);
    if (j->error)
      record(b, i, COLETTE_EXIT_USAGE, 0, j->error, false);
    else if (!p->ok)
      record(b, i, p->exit, 0, p->message, false);
    else if (!b->o->force && up_to_date(j))
      record(b, i, 0, 0, "", true);
    else
      return (long)i;
  }
  return -1;
}

static void summary(batch *b, double seconds) {
  /* the bar is left as the run ended (full, or where a signal stopped it),
   * however fast the run was, and the summary goes below it */
  if (b->progress == PROGRESS_BAR) {
    draw(b, true);
    fputc('\n', b->err);
    b->bar_shown = false;
  }
  size_t total = VEC_LEN(b->jobs, job);
  fprintf(b->err, "colette: %zu files: %zu converted, %zu skipped (up to date), %zu failed", total,
          b->ok, b->skipped, b->failed);
  if (stopping)
    fprintf(b->err, ", %zu interrupted, %zu not started", b->interrupted, total - b->done);
  fprintf(b->err, " in %.1f s (%.0f files/s)\n", seconds,
          seconds > 0 ? (double)(b->ok + b->failed) / seconds : 0);
  for (int code = 1; code < 256; code++) {
    if (!b->by_exit[code]) continue;
    char tmp[32];
    fprintf(b->err, "colette:   %zu %s (exit %d: %s)\n", b->by_exit[code],
            drv_exit_class(code, tmp, sizeof tmp), code, drv_exit_meaning(code));
  }
  if (b->ignored)
    fprintf(b->err, "colette: %zu other files left alone (not documents colette reads)\n",
            b->ignored);
}

/* A worker killed while writing (SIGKILL cannot be caught) may leave its
 * temporary file, ".NAME.XXXXXX" beside the output: removed. */
static void remove_temporaries(const char *out) {
  const char *slash = strrchr(out, '/');
  const char *base = slash ? slash + 1 : out;
  buf dir = BUF_INIT, prefix = BUF_INIT;
  buf_printf(&dir, "%.*s", slash ? (int)(slash - out) : 1, slash ? out : ".");
  buf_printf(&prefix, ".%s.", base);
  DIR *d = dir.data ? opendir(dir.data) : NULL;
  struct dirent *e;
  while (d && prefix.data && (e = readdir(d))) {
    if (strlen(e->d_name) == prefix.len + 6 && strncmp(e->d_name, prefix.data, prefix.len) == 0) {
      char *p = batch_path_join(dir.data, e->d_name);
      if (p) unlink(p);
      free(p);
    }
  }
  if (d) closedir(d);
  buf_free(&dir);
  buf_free(&prefix);
}

/* Hand job j to worker w; false if its pipe is gone. */
static bool give(worker *w, long j) {
  uint32_t idx = (uint32_t)j;
  if (!write_all(w->jobs, &idx, sizeof idx)) return false;
  w->busy = j;
  return true;
}

static int run_workers(batch *b) {
  unsigned n = b->o->jobs ? b->o->jobs : 1;
  worker *ws = calloc(n, sizeof *ws);
  if (!ws) return COLETTE_EXIT_NOMEM;
  for (unsigned i = 0; i < n; i++) {
    ws[i].jobs = ws[i].results = -1;
    ws[i].busy = -1;
    ws[i].pid = -1;
  }
  size_t cursor = 0;
  unsigned live = 0;
  long pending = -1; /* a job taken from the queue, not yet handed out */
  int rc = 0;
  /* workers are started only while there is work for them */
  for (unsigned i = 0; i < n; i++) {
    if ((pending = next_job(b, &cursor)) < 0) break;
    if (!spawn_worker(b, ws, n, &ws[i])) {
      fprintf(b->err, "colette: cannot start a worker: %s\n", strerror(errno));
      break;
    }
    live++;
    if (give(&ws[i], pending)) pending = -1;
  }
  if (!live && pending >= 0) rc = COLETTE_EXIT_IO;
  bool stopped = false;
  while (live) {
    if (stopping && !stopped) {
      stopped = true;
      for (unsigned i = 0; i < n; i++) {
        stop_worker(&ws[i]);
        if (ws[i].pid > 0) kill(ws[i].pid, SIGTERM);
      }
    }
    struct pollfd p[256];
    unsigned map[256], np = 0;
    for (unsigned i = 0; i < n && np < 256; i++)
      if (ws[i].results >= 0) {
        p[np] = (struct pollfd){ws[i].results, POLLIN, 0};
        map[np++] = i;
      }
    int k = poll(p, np, 200);
    if (k < 0 && errno != EINTR) break;
    if (b->progress == PROGRESS_BAR) draw(b, false);
    if (k <= 0) continue;
    for (unsigned q = 0; q < np; q++) {
      if (!p[q].revents) continue;
      worker *w = &ws[map[q]];
      ssize_t got = read(w->results, (char *)&w->rec + w->got, sizeof w->rec - w->got);
      if (got < 0 && errno == EINTR) continue;
      if (got > 0) {
        w->got += (size_t)got;
        if (w->got < sizeof w->rec) continue;
        w->got = 0;
        w->rec.message[sizeof w->rec.message - 1] = '\0';
        if (w->rec.index < VEC_LEN(b->jobs, job))
          record(b, w->rec.index, w->rec.exit, w->rec.ms, w->rec.message, false);
        w->busy = -1;
        if (stopping) continue;
        if (pending < 0) pending = next_job(b, &cursor);
        if (pending >= 0 && give(w, pending))
          pending = -1;
        else if (pending < 0)
          stop_worker(w); /* nothing left: its read ends, it exits */
        continue;
      }
      /* the worker is gone: its job failed with it, unless it had none */
      close(w->results);
      w->results = -1;
      stop_worker(w);
      int status = 0;
      while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
      }
      w->pid = -1;
      live--;
      if (w->busy >= 0) {
        int code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : COLETTE_EXIT_INTERNAL;
        char msg[128];
        if (WIFSIGNALED(status))
          snprintf(msg, sizeof msg, "colette: the worker died of signal %d on this file",
                   WTERMSIG(status));
        else
          snprintf(msg, sizeof msg, "colette: the worker stopped on this file");
        remove_temporaries(VEC_AT(b->jobs, job, w->busy).out);
        record(b, (size_t)w->busy, stopping ? 130 : code, 0, msg, false);
        w->busy = -1;
      }
      if (stopping) continue;
      /* one bad file never stops the batch: another worker takes over */
      if (pending < 0) pending = next_job(b, &cursor);
      if (pending >= 0 && spawn_worker(b, ws, n, w)) {
        live++;
        if (give(w, pending)) pending = -1;
      }
    }
  }
  for (unsigned i = 0; i < n; i++) {
    if (ws[i].results >= 0) close(ws[i].results);
    stop_worker(&ws[i]);
    if (ws[i].pid > 0) waitpid(ws[i].pid, NULL, 0);
  }
  free(ws);
  if (!stopping && rc == 0 && (pending >= 0 || cursor < VEC_LEN(b->jobs, job))) {
    fprintf(b->err, "colette: no worker left to run the rest\n");
    rc = COLETTE_EXIT_IO;
  }
  return rc;
}

int drv_batch(const drv_registry *reg, const drv_batch_options *o, FILE *in, FILE *out, FILE *err) {
  batch b;
  memset(&b, 0, sizeof b);
  b.reg = reg;
  b.o = o;
  b.in = in;
  b.out = out;
  b.err = err;
  stopping = 0;
  struct sigaction sa, old_int, old_term, old_pipe;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal; /* no SA_RESTART: poll and read return EINTR */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  struct sigaction ign;
  memset(&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ign, &old_pipe);

  int rc = 0;
  struct stat od;
  bool have_od = stat(o->outdir, &od) == 0;
  if (o->root) {
    struct stat st;
    if (stat(o->root, &st) != 0 || !S_ISDIR(st.st_mode)) {
      fprintf(err, "colette: %s: %s\n", o->root,
              errno && !S_ISDIR(st.st_mode) ? strerror(errno) : "not a directory");
      rc = COLETTE_EXIT_IO;
      goto done;
    }
    batch_walk(&b, o->root, "", have_od ? &od : NULL, 0);
  }
  if (o->files_from && (rc = batch_read_list(&b)) != 0) goto done;
  if (!buf_ok(&b.jobs) || !buf_ok(&b.plans)) {
    fprintf(err, "colette: out of memory\n");
    rc = COLETTE_EXIT_NOMEM;
    goto done;
  }
  batch_find_collisions(&b);
  if (o->log) {
    b.log = strcmp(o->log, "-") == 0 ? out : fopen(o->log, "a");
    if (!b.log) {
      fprintf(err, "colette: %s: cannot open: %s\n", o->log, strerror(errno));
      rc = COLETTE_EXIT_IO;
      goto done;
    }
  }
  b.tty = isatty(fileno(err));
  b.progress = o->progress;
  if (b.progress == PROGRESS_AUTO) b.progress = b.tty ? PROGRESS_BAR : PROGRESS_LINES;
  b.start = now_s();
  b.last_decile = 0;
  rc = run_workers(&b);
  summary(&b, now_s() - b.start);
  if (rc == 0) {
    if (stopping)
      rc = 130;
    else if (b.failed) {
      /* the most common failure's code; a tie goes to the smaller code */
      size_t most = 0;
      for (int c = 1; c < 256; c++)
        if (b.by_exit[c] > most) {
          most = b.by_exit[c];
          rc = c;
        }
    }
  }
  if (b.log && b.log != out && fclose(b.log) != 0) {
    fprintf(err, "colette: %s: write error\n", o->log);
    if (!rc) rc = COLETTE_EXIT_IO;
  }
done:
  for (size_t i = 0; i < VEC_LEN(b.jobs, job); i++) {
    job *j = &VEC_AT(b.jobs, job, i);
    free(j->path);
    free(j->out);
    free(j->error);
  }
  buf_free(&b.jobs);
  buf_free(&b.plans);
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  sigaction(SIGPIPE, &old_pipe, NULL);
  return rc;
}
