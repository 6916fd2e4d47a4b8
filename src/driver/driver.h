/*
 * driver.h: the colette driver (private): the filters' manifests, chains
 * planned over media types from them, a chain run in one process, and the
 * batch over a tree.
 *
 * A filter is declared by a manifest, a text file of one "key value" per
 * line that a shell-script author can write (colette(1) documents it):
 *
 *     description a letter as text, HTML, DOCX… (free text)
 *     input MEDIA-TYPE              one per type the filter reads
 *     output MEDIA-TYPE [ARG]...    one per type it writes, with the
 *                                   arguments that select it (--to=text)
 *     cost N                        what a run costs, relative (CUPS' sense)
 *     option --NAME[=META] TEXT     an option the driver may pass it
 *     type NAME MEDIA-TYPE EXT      a name for `colette convert -t NAME`
 *                                   and the extension of its files
 *     inputs many                   reads two or more inputs (compare):
 *                                   never a step of a chain
 *
 * Manifests are named FILTER.manifest.  colette-unpack, colette-normalize,
 * colette-map, colette-render and colette-compare run in process (library
 * calls, each stage's output handed to the next in memory); any other
 * filter is an executable of that name, beside colette or on PATH, run as
 * a subprocess from standard input to standard output.
 */
#ifndef COLETTE_DRIVER_H
#define COLETTE_DRIVER_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "../buf.h"
#include "../colette.h"

/* The media types colette's own filters read and write. */
#define MT_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define MT_DOCM "application/vnd.ms-word.document.macroEnabled.12"
#define MT_DOTX "application/vnd.openxmlformats-officedocument.wordprocessingml.template"
#define MT_DOTM "application/vnd.ms-word.template.macroEnabled.12"
#define MT_FLAT "application/x-colette-flat+xml"
#define MT_NORM "application/x-colette-normalized+xml"
#define MT_LETTER "application/x-colette-letter+xml"

/* Arrays grow in a buf (the house's one growable-array helper). */
#define VEC_LEN(b, T) ((b).len / sizeof(T))
#define VEC_AT(b, T, i) (((T *)(void *)(b).data)[i])
#define VEC_PUSH(b, v) buf_append(&(b), (const char *)&(v), sizeof(v))

typedef enum drv_builtin {
  BUILTIN_NONE = 0, /* an executable, run as a subprocess */
  BUILTIN_UNPACK,
  BUILTIN_NORMALIZE,
  BUILTIN_MAP,
  BUILTIN_RENDER,
  BUILTIN_COMPARE
} drv_builtin;

typedef struct drv_output {
  char *media;
  buf args; /* char *: the arguments that select this output */
} drv_output;

typedef struct drv_option {
  char *name; /* "lang": passed as --lang=VALUE */
  char *meta; /* "LANG"; NULL for a flag (--strict) */
  char *text;
} drv_option;

typedef struct drv_filter {
  char *name;     /* "colette-render" */
  char *manifest; /* the file it was read from */
  char *description;
  buf inputs;  /* char *: media types */
  buf outputs; /* drv_output */
  buf options; /* drv_option */
  unsigned cost;
  bool many;          /* inputs many: not a step of a chain */
  drv_builtin builtin;
  char *exe; /* the executable found (NULL: none; a built-in needs none) */
} drv_filter;

typedef struct drv_type {
  char *name, *media, *ext;
} drv_type;

typedef struct drv_registry {
  buf filters;    /* drv_filter, sorted by name */
  buf types;      /* drv_type, in the order declared */
  buf dirs;       /* char *: manifest directories searched, in order */
  char *self_dir; /* the colette executable's directory, or NULL */
  buf warnings;   /* bad manifests: one line each, "FILE:LINE: message\n" */
} drv_registry;

/* Find the manifests (COLETTE_FILTERS_PATH, then ../share/colette/filters
 * and share/colette/filters beside the executable, then
 * ../share/colette/filters beside every PATH directory), read them, and
 * resolve the executable of each filter colette does not carry.  argv0
 * helps when /proc/self/exe is not there.  A bad manifest is a warning
 * (r->warnings), not a failure. */
colette_status drv_registry_load(drv_registry *r, const char *argv0, colette_error *err);
/* Resolve the built-in filters' executables too, for a pipeline that
 * names them (--explain) or a command run as its own program.  Not done
 * by the load: a chain run in process needs none, and searching PATH for
 * each was a twentieth of a whole convert of a letter. */
void drv_registry_find_exes(drv_registry *r);
void drv_registry_free(drv_registry *r);
size_t drv_filter_count(const drv_registry *r);
const drv_filter *drv_filter_at(const drv_registry *r, size_t i);
const drv_filter *drv_filter_by_name(const drv_registry *r, const char *name);
/* A type by its name ("letter") or its media type; NULL if none.  A media
 * type no manifest names gets no record: *media is then the argument. */
const drv_type *drv_type_find(const drv_registry *r, const char *name_or_media);
/* The extension of a media type's files (".letter.xml"), or ".out". */
const char *drv_type_ext(const drv_registry *r, const char *media);
/* The short name of a media type ("letter"), or the media type itself. */
const char *drv_type_name(const drv_registry *r, const char *media);
/* Is the filter usable as a step (built-in, or its executable found)? */
bool drv_filter_usable(const drv_filter *f);

/* ---- detection -------------------------------------------------------- */

/* The media type of an input from its first bytes (head, n bytes) and,
 * for a ZIP, the package's main part (read from path, or from data when
 * path is NULL).  Anything that is no colette XML is routed to the filter
 * whose message names it best: a ZIP, an OLE file or unknown bytes to
 * colette-unpack (DOCX), XML of another vocabulary to colette-normalize. */
const char *drv_detect(const void *head, size_t n, const char *path, const void *data,
                       size_t len);

/* ---- planning --------------------------------------------------------- */

#define DRV_MAX_STEPS 16
#define DRV_MAX_OPTS 16

/* An option asked for: passed as --NAME=VALUE (or --NAME) to every filter
 * of the chain that declares it; at least one must. */
typedef struct drv_request_opt {
  const char *name;
  const char *value; /* NULL: a flag */
} drv_request_opt;

typedef struct drv_step {
  size_t filter; /* index in the registry */
  size_t output; /* index in the filter's outputs */
  const char *in, *out;
} drv_step;

typedef struct drv_plan {
  drv_step steps[DRV_MAX_STEPS];
  size_t n;
  unsigned cost;
  const char *from, *to;
} drv_plan;

/*
 * The cheapest chain of one filter or more from media type `from` to `to`
 * that passes every requested option to some filter (Dijkstra over (type,
 * options passed); ties go to fewer steps, then to filters in name order).
 * COLETTE_ERR_STAGE with a message when there is none.
 */
colette_status drv_plan_make(const drv_registry *r, const char *from, const char *to,
                             const drv_request_opt *opts, size_t nopts, drv_plan *out,
                             colette_error *err);
/* The arguments of step i (the output's, then the options it takes), as
 * malloc'd strings in args (char *); the caller frees them. */
void drv_step_args(const drv_registry *r, const drv_plan *p, size_t i, const drv_request_opt *opts,
                   size_t nopts, buf *args);
void drv_args_free(buf *args);
/* The chain as the equivalent shell pipeline of filters, one line
 * ("colette-unpack 'in.docx' | colette-normalize | colette-map"): input
 * NULL or "-" reads standard input; output NULL is standard output. */
void drv_plan_explain(const drv_registry *r, const drv_plan *p, const drv_request_opt *opts,
                      size_t nopts, const char *input, const char *output, buf *out);
/* Append s quoted for a POSIX shell (as is when it needs no quotes). */
void drv_shell_quote(buf *out, const char *s);

/* ---- running a chain -------------------------------------------------- */

typedef struct drv_runner {
  const drv_registry *reg;
  colette_context *ctx; /* made at the first letter that needs it; owned */
  const drv_request_opt *opts;
  size_t nopts;
  const volatile sig_atomic_t *stop; /* set: stop between stages (may be NULL) */
} drv_runner;

void drv_runner_init(drv_runner *run, const drv_registry *reg, const drv_request_opt *opts,
                     size_t nopts, const volatile sig_atomic_t *stop);
void drv_runner_free(drv_runner *run);

typedef struct drv_result {
  int exit;           /* 0, or the exit code of the filter that failed */
  char message[1024]; /* "colette-map: 66:12: message", a warning, or "" */
  colette_render_report report;
  bool reported; /* colette-render ran in process: report is its own */
} drv_result;

/*
 * Run plan on an input: a file (path) or, when path is NULL, data (which
 * the run may take over: it is freed with the run's buffers).  On success
 * the output is in *out, or, when letter is not NULL and the chain ends in
 * a letter, the model in *letter (the caller's, colette_letter_free).
 * Returns the exit code (also in res->exit); res->message says why.
 */
int drv_run(drv_runner *run, const drv_plan *plan, const char *path, buf *data, buf *out,
            colette_letter **letter, drv_result *res);

/* A subprocess: exe with argv (NULL-terminated), its standard input fed
 * from in (or /dev/null when feed is false), its output into out, its
 * messages into errs.  Returns its exit code, 128+N when signal N ended
 * it, or -1 when it could not be started (err says why). */
int drv_spawn(const char *exe, char *const argv[], const char *in, size_t len, bool feed, buf *out,
              buf *errs, const volatile sig_atomic_t *stop, colette_error *err);

/* ---- exit classes ------------------------------------------------------ */

/* "not-zip" for 4, "ok" for 0, "signal" past 128, "exit-N" for others. */
const char *drv_exit_class(int code, char *tmp, size_t tmpsize);
/* A one-line meaning ("not a ZIP, or a damaged one"), or "". */
const char *drv_exit_meaning(int code);

/* ---- batch --------------------------------------------------------------- */

typedef enum drv_progress { PROGRESS_AUTO = 0, PROGRESS_BAR, PROGRESS_LINES, PROGRESS_NONE } drv_progress;

typedef struct drv_batch_options {
  const char *root;       /* -r DIR, or NULL */
  const char *files_from; /* --files-from FILE ("-": the input stream), or NULL */
  const char *outdir;
  const char *to; /* the target's media type */
  const char *from; /* --from: every input's media type, or NULL: detected */
  unsigned jobs;
  const char *log; /* --log FILE, or NULL */
  bool force;
  drv_progress progress;
  const drv_request_opt *opts;
  size_t nopts;
} drv_batch_options;

/* The batch; returns the exit code (0: every file converted or skipped;
 * the most common failure's code; 130 when interrupted). */
int drv_batch(const drv_registry *reg, const drv_batch_options *o, FILE *in, FILE *out, FILE *err);

#endif
