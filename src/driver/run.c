/* run.c: a chain run in one process: colette's own filters as library
 * calls, each stage's output handed to the next in memory (the flat
 * document as bytes, the letter as its model), others as subprocesses. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../cli.h"
#include "../error.h"
#include "driver.h"

void drv_runner_init(drv_runner *run, const drv_registry *reg, const drv_request_opt *opts,
                     size_t nopts, const volatile sig_atomic_t *stop) {
  memset(run, 0, sizeof *run);
  run->reg = reg;
  run->opts = opts;
  run->nopts = nopts;
  run->stop = stop;
}

void drv_runner_free(drv_runner *run) {
  if (!run) return;
  colette_context_free(run->ctx);
  run->ctx = NULL;
}

/* What flows between stages: bytes of a media type, a letter model, or the
 * input file not yet read. */
typedef struct datum {
  buf bytes;
  colette_letter *letter;
  const char *path;
} datum;

static int fail_with(drv_result *res, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_with(drv_result *res, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(res->message, sizeof res->message, fmt, ap);
  va_end(ap);
  return res->exit = code;
}

/* The line the filter itself would print ("colette-map: -:66:12: …"),
 * made by the filters' own cli_report. */
static void stage_message(drv_result *res, const char *filter, const char *name,
                          const colette_error *e) {
  char *text = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&text, &n);
  if (m) {
    cli c = {filter, NULL, NULL, m};
    cli_report(&c, name, e);
    fclose(m);
  }
  if (text) {
    while (n && text[n - 1] == '\n')
      text[--n] = '\0';
    snprintf(res->message, sizeof res->message, "%s", text);
  } else {
    snprintf(res->message, sizeof res->message, "%s: %s", filter, e->message);
  }
  free(text);
}

/* The map stage's warnings: how many, and the first as colette-map
 * prints it after "FILE:" ("LINE: warning: message"). */
typedef struct warnings {
  size_t n;
  char first[400];
} warnings;

static int warning_write(void *ctx, const char *data, size_t len) {
  warnings *w = ctx;
  if (!w->n++) cli_warning_text(w->first, sizeof w->first, data, len);
  return 0;
}

static int to_buf(void *ctx, const char *data, size_t len) {
  buf_append(ctx, data, len);
  return buf_ok(ctx) ? 0 : -1;
}

/* The datum as bytes: the file read, or the letter written. */
static colette_status as_bytes(datum *d, colette_error *e) {
  if (d->path) {
    FILE *f = fopen(d->path, "rb");
    if (!f) return error_set(e, COLETTE_ERR_IO, NULL, "cannot open: %s", strerror(errno));
    colette_status st = buf_slurp(f, 1u << 30, &d->bytes, e);
    fclose(f);
    if (st != COLETTE_OK) return st;
    d->path = NULL;
  } else if (d->letter) {
    buf_clear(&d->bytes);
    colette_sink s = {to_buf, &d->bytes};
    colette_status st = colette_letter_write(d->letter, s, e);
    if (st != COLETTE_OK) return st;
    colette_letter_free(d->letter);
    d->letter = NULL;
  }
  return COLETTE_OK;
}

/* The options of colette's filters that run in process, from the step's
 * arguments (--NAME=VALUE as the manifests write them).  false for an
 * argument the library call has no field for: the filter then runs as a
 * subprocess, which takes all of its own. */
typedef struct inproc {
  colette_unpack_options unpack;
  colette_normalize_options normalize;
  colette_map_options map;
  colette_render_options render;
} inproc;

static const char *value_of(const char *arg, const char *name) {
  size_t n = strlen(name);
  return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

/* 0: all understood; -1: one the call cannot take; else a usage exit. */
static int parse_inproc(drv_builtin b, const buf *args, inproc *o, drv_result *res,
                        const char *filter) {
  for (size_t i = 0; i < VEC_LEN(*args, char *); i++) {
    const char *a = VEC_AT(*args, char *, i), *v;
    if (b == BUILTIN_UNPACK && (v = value_of(a, "--changes"))) {
      if (strcmp(v, "accept") == 0)
        o->unpack.changes = COLETTE_CHANGES_ACCEPT;
      else if (strcmp(v, "reject") == 0)
        o->unpack.changes = COLETTE_CHANGES_REJECT;
      else if (strcmp(v, "all") == 0)
        o->unpack.changes = COLETTE_CHANGES_ALL;
      else
        return fail_with(res, COLETTE_EXIT_USAGE,
                         "%s: --changes takes accept, reject or all, not '%s'", filter, v);
    } else if (b == BUILTIN_NORMALIZE && (v = value_of(a, "--form"))) {
      if (strcmp(v, "nfc") == 0)
        o->normalize.form = COLETTE_FORM_NFC;
      else if (strcmp(v, "nfkc") == 0)
        o->normalize.form = COLETTE_FORM_NFKC;
      else
        return fail_with(res, COLETTE_EXIT_USAGE, "%s: --form takes nfc or nfkc, not '%s'", filter,
                         v);
    } else if (b == BUILTIN_NORMALIZE && strcmp(a, "--plain-spaces") == 0) {
      o->normalize.plain_spaces = 1;
    } else if (b == BUILTIN_MAP && strcmp(a, "--strict") == 0) {
      o->map.strict = 1;
    } else if (b == BUILTIN_RENDER && (v = value_of(a, "--to"))) {
      o->render.format = colette_format_by_name(v);
      if (o->render.format == COLETTE_FORMATS)
        return fail_with(res, COLETTE_EXIT_USAGE,
                         "%s: unknown format '%s' (text, html, docx, pandoc-json, ics, json or "
                         "letter)",
                         filter, v);
    } else if (b == BUILTIN_RENDER && (v = value_of(a, "--lang"))) {
      if (!*v || strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") != strlen(v))
        return fail_with(res, COLETTE_EXIT_USAGE, "%s: invalid language '%s'", filter, v);
      o->render.lang = v;
    } else if (b == BUILTIN_RENDER && (v = value_of(a, "--width"))) {
      uint64_t w;
      if (!cli_parse_size(v, &w) || w < 20 || w > 10000)
        return fail_with(res, COLETTE_EXIT_USAGE, "%s: invalid width '%s' (20 to 10000)", filter,
                         v);
      o->render.width = (unsigned)w;
    } else {
      return -1;
    }
  }
  return 0;
}

static colette_status need_context(drv_runner *run, colette_error *e) {
  if (run->ctx) return COLETTE_OK;
  return colette_context_new(&run->ctx, e);
}

/* A filter run as a subprocess on d (bytes, or the input file as its
 * operand when it is the first stage), its output in d->bytes. */
static int run_external(drv_runner *run, const drv_filter *f, const buf *args, datum *d,
                        drv_result *res) {
  colette_error e;
  error_clear(&e);
  if (!f->exe) return fail_with(res, COLETTE_EXIT_INTERNAL, "%s: not found on PATH", f->name);
  if (!d->path && as_bytes(d, &e) != COLETTE_OK) {
    stage_message(res, f->name, "-", &e);
    return res->exit = colette_status_exit(e.status);
  }
  size_t n = VEC_LEN(*args, char *);
  char **argv = calloc(n + 3, sizeof *argv);
  if (!argv) return fail_with(res, COLETTE_EXIT_NOMEM, "%s: out of memory", f->name);
  argv[0] = f->name;
  for (size_t i = 0; i < n; i++)
    argv[i + 1] = VEC_AT(*args, char *, i);
  if (d->path) argv[n + 1] = (char *)d->path;
  buf out = BUF_INIT, errs = BUF_INIT;
  int code = drv_spawn(f->exe, argv, d->bytes.data ? d->bytes.data : "", d->bytes.len, !d->path,
                       &out, &errs, run->stop, &e);
  free(argv);
  if (code == 0) {
    buf_free(&d->bytes);
    d->bytes = out;
    d->path = NULL;
    /* what it said on success (a warning) is passed on */
    if (errs.len) {
      while (errs.len && errs.data[errs.len - 1] == '\n')
        errs.data[--errs.len] = '\0';
      snprintf(res->message, sizeof res->message, "%s", errs.data);
    }
  } else if (code < 0) {
    snprintf(res->message, sizeof res->message, "%s: %s", f->name, e.message);
    code = colette_status_exit(e.status);
    buf_free(&out);
  } else {
    /* its last line is its message; an exit without one is said so */
    while (errs.len && errs.data[errs.len - 1] == '\n')
      errs.data[--errs.len] = '\0';
    const char *last = errs.data ? strrchr(errs.data, '\n') : NULL;
    last = last ? last + 1 : errs.data;
    if (last && *last)
      snprintf(res->message, sizeof res->message, "%s", last);
    else if (code > 128)
      snprintf(res->message, sizeof res->message, "%s: killed by signal %d", f->name, code - 128);
    else
      snprintf(res->message, sizeof res->message, "%s: failed (exit %d)", f->name, code);
    buf_free(&out);
  }
  buf_free(&errs);
  return res->exit = code;
}

/* A DOCX up to this size is read whole and unpacked from memory: one
 * read, where libzip's file source seeks and reads each part's header and
 * data (a letter's DOCX: 4 calls instead of some 25). */
#define SLURP_MAX (64u << 20)

/* The file at path read whole into b (buf_slurp, as as_bytes reads) when
 * it is a regular file of at most SLURP_MAX bytes; false otherwise, or
 * when it cannot be read (b empty): colette_unpack_file then opens it,
 * and says what is wrong. */
static bool slurp_small(const char *path, buf *b) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  struct stat st;
  colette_error e;
  bool ok = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
            (uint64_t)st.st_size <= SLURP_MAX && buf_slurp(f, SLURP_MAX, b, &e) == COLETTE_OK;
  fclose(f);
  if (!ok) buf_clear(b);
  return ok;
}

/* One of colette's filters as a library call. */
static int run_builtin(drv_runner *run, const drv_filter *f, const inproc *o, datum *d, bool first,
                       drv_result *res) {
  const char *name = first && d->path ? d->path : "-";
  colette_error e;
  error_clear(&e);
  colette_status st = COLETTE_OK;
  buf out = BUF_INIT;
  colette_sink sink = {to_buf, &out};
  switch (f->builtin) {
  case BUILTIN_UNPACK: {
    colette_unpack_options u = o->unpack;
    u.source_name = d->path; /* as colette-unpack FILE names its base name */
    if (d->path && slurp_small(d->path, &d->bytes))
      st = colette_unpack_memory(d->bytes.data, d->bytes.len, &u, sink, &e);
    else if (d->path)
      st = colette_unpack_file(d->path, &u, sink, &e);
    else if ((st = as_bytes(d, &e)) == COLETTE_OK)
      st = colette_unpack_memory(d->bytes.data ? d->bytes.data : "", d->bytes.len, &u, sink, &e);
    break;
  }
  case BUILTIN_NORMALIZE:
    if ((st = as_bytes(d, &e)) == COLETTE_OK) {
      /* the run's context, once a stage has made it (a chain to map or
       * further, from its first file on): its language classifier is made
       * once rather than for each file */
      colette_normalize_options no = o->normalize;
      no.context = run->ctx;
      st = colette_normalize_memory(d->bytes.data, d->bytes.len, &no, sink, NULL, &e);
    }
    break;
  case BUILTIN_MAP: {
    colette_letter *l = NULL;
    colette_map_options m = o->map;
    colette_map_report rep;
    warnings w = {0, ""};
    m.warnings = (colette_sink){warning_write, &w};
    if ((st = as_bytes(d, &e)) == COLETTE_OK && (st = need_context(run, &e)) == COLETTE_OK) {
      m.context = run->ctx;
      st = colette_map_doc(d->bytes.data ? d->bytes.data : "", d->bytes.len, &m, &l, &rep, &e);
    }
    if (st != COLETTE_OK) break;
    buf_free(&d->bytes);
    d->letter = l;
    d->path = NULL;
    /* one line, as the batch's log has one a file: the filter's first
     * warning, and how many more it would print */
    if (!rep.is_letter)
      snprintf(res->message, sizeof res->message,
               "%s: %s: warning: no letter head found (no salutation); mapped as a body only",
               f->name, name);
    else if (w.n)
      snprintf(res->message, sizeof res->message, "%s: %s:%s%s", f->name, name, w.first,
               w.n > 1 ? " (and more: colette-map prints them all)" : "");
    return 0;
  }
  case BUILTIN_RENDER: {
    colette_letter *own = NULL;
    const colette_letter *l = d->letter;
    if (!l) {
      if ((st = as_bytes(d, &e)) == COLETTE_OK)
        st = colette_letter_read(d->bytes.data ? d->bytes.data : "", d->bytes.len, name, &own, &e);
      l = own;
    }
    colette_render_options r = o->render;
    if (st == COLETTE_OK && (st = need_context(run, &e)) == COLETTE_OK) {
      r.context = run->ctx;
      st = colette_render(l, &r, sink, &res->report, &e);
      res->reported = st == COLETTE_OK;
    }
    colette_letter_free(own);
    if (st == COLETTE_OK) {
      colette_letter_free(d->letter);
      d->letter = NULL;
    }
    break;
  }
  default: st = error_set(&e, COLETTE_ERR_INVALID, NULL, "not a chain filter");
  }
  if (st != COLETTE_OK) {
    buf_free(&out);
    stage_message(res, f->name, name, &e);
    return res->exit = colette_status_exit(st);
  }
  buf_free(&d->bytes);
  d->bytes = out;
  d->path = NULL;
  return 0;
}

static void datum_free(datum *d) {
  buf_free(&d->bytes);
  colette_letter_free(d->letter);
  memset(d, 0, sizeof *d);
}

int drv_run(drv_runner *run, const drv_plan *plan, const char *path, buf *data, buf *out,
            colette_letter **letter, drv_result *res) {
  memset(res, 0, sizeof *res);
  if (letter) *letter = NULL;
  datum d;
  memset(&d, 0, sizeof d);
  d.path = path;
  if (!path && data) {
    d.bytes = *data; /* taken over */
    memset(data, 0, sizeof *data);
  }
  int code = 0;
  for (size_t i = 0; i < plan->n && code == 0; i++) {
    if (run->stop && *run->stop) {
      code = fail_with(res, 130, "interrupted");
      break;
    }
    const drv_filter *f = drv_filter_at(run->reg, plan->steps[i].filter);
    buf args = BUF_INIT;
    drv_step_args(run->reg, plan, i, run->opts, run->nopts, &args);
    inproc o;
    colette_unpack_options_default(&o.unpack);
    colette_normalize_options_default(&o.normalize);
    colette_map_options_default(&o.map);
    colette_render_options_default(&o.render);
    int p = f->builtin != BUILTIN_NONE ? parse_inproc(f->builtin, &args, &o, res, f->name) : -1;
    if (p > 0)
      code = p;
    else if (p == 0)
      code = run_builtin(run, f, &o, &d, i == 0, res);
    else
      code = run_external(run, f, &args, &d, res);
    drv_args_free(&args);
  }
  if (code == 0) {
    colette_error e;
    error_clear(&e);
    if (letter && d.letter) {
      *letter = d.letter;
      d.letter = NULL;
    } else if (letter && strcmp(plan->to, MT_LETTER) == 0) {
      colette_status st = as_bytes(&d, &e);
      if (st == COLETTE_OK)
        st = colette_letter_read(d.bytes.data ? d.bytes.data : "", d.bytes.len, "-", letter, &e);
      if (st != COLETTE_OK) {
        stage_message(res, "colette", "-", &e);
        code = res->exit = colette_status_exit(st);
      }
    } else if (as_bytes(&d, &e) != COLETTE_OK) {
      stage_message(res, "colette", "-", &e);
      code = res->exit = colette_status_exit(e.status);
    } else {
      buf_free(out);
      *out = d.bytes;
      memset(&d.bytes, 0, sizeof d.bytes);
    }
  }
  datum_free(&d);
  return res->exit = code;
}
