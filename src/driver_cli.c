/* driver_cli.c: the colette command: the filters as one toolchain. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "driver/driver.h"
#include "error.h"

static void help(FILE *f) {
  fputs("Usage: colette COMMAND [ARG]...\n"
        "colette's filters as one toolchain: chains planned from the filters'\n"
        "manifests and run in one process, plugins, batches over whole trees.\n"
        "\n"
        "Commands:\n"
        "  convert [OPTION]... [IN|-]    IN (a DOCX, a flat or normalized document, a\n"
        "                                letter: told by its content) to a target\n"
        "  convert -r DIR -o OUTDIR [OPTION]...   every document under DIR\n"
        "  render [OPTION]... [IN|-]     colette-render's options, any input colette reads\n"
        "  compare [OPTION]... A B [C]...  colette-compare's, any inputs colette reads\n"
        "  filters [--targets]           the filters found: types, costs, options\n"
        "  exit-codes                    the exit codes and their classes\n"
        "  NAME [ARG]...                 the filter colette-NAME (unpack, normalize,\n"
        "                                map; or a plugin on PATH)\n"
        "  help [COMMAND]                a command's options\n"
        "\n"
        "  -h, --help      show this help and exit\n"
        "  -V, --version   show the version and exit\n"
        "\n"
        "See colette(1).\n",
        f);
}

static void help_convert(FILE *f) {
  fputs("Usage: colette convert [OPTION]... [IN|-]\n"
        "  or:  colette convert -r DIR -o OUTDIR [OPTION]...\n"
        "  or:  colette convert --files-from=LIST -o OUTDIR [OPTION]...\n"
        "Convert IN, told by its content, to the target through the cheapest chain\n"
        "of filters the manifests declare, run in one process.\n"
        "\n"
        "  -t, --to=TARGET      letter (default), flat, norm, text, html, docx,\n"
        "                       pandoc-json, ics, json, a type a plugin names, or a\n"
        "                       media type\n"
        "  -f, --from=TYPE      the input's type (default: told by its content)\n"
        "  -l, --lang=LANG      write in LANG (en, fr, zh…): --lang to the filter taking it\n"
        "  -O, --option=NAME[=VALUE]  pass --NAME[=VALUE] to the chain's filters that\n"
        "                       declare it (--changes=all, --width=60, --strict)\n"
        "  -o, --output=FILE    write FILE (only on success); with -r, the output tree\n"
        "      --explain        print the chain as the pipeline of filters, and exit\n"
        "  -r, --recursive      IN is a directory: convert every document under it\n"
        "      --files-from=LIST  convert the files LIST names, one a line (- : stdin)\n"
        "  -j, --jobs=N         batch: N worker processes (default: the processors)\n"
        "      --log=FILE       batch: a JSON line per file (- : standard output)\n"
        "      --force          batch: convert even where the output is newer\n"
        "      --progress=WHEN  batch: auto (default), bar, lines or none\n"
        "  -q, --quiet          batch: --progress=none\n"
        "  -h, --help           show this help and exit\n"
        "\n"
        "Exit status: 0 done; 2 usage; the failing filter's code (3 to 11, see\n"
        "colette exit-codes); 11 no chain to the target.  A batch: 0 every file\n"
        "converted or up to date, else the most common failure's code; 130\n"
        "interrupted.\n",
        f);
}

static void help_render(FILE *f) {
  fputs("Usage: colette render [OPTION]... [IN|-]\n"
        "colette-render on any input colette reads: a DOCX, a flat or normalized\n"
        "document, a letter; the chain to the letter runs first.\n"
        "\n"
        "  -l, --lang=LANG     en, fr, zh (or a tag such as fr-CH); default: the letter's\n"
        "  -t, --to=FORMAT     text (default), html, docx, pandoc-json, ics, json, letter\n"
        "  -w, --width=N       text: wrap at N columns (default 72)\n"
        "      --report        on stderr: the blocks written in the target language\n"
        "  -f, --from=TYPE     the input's type (default: told by its content)\n"
        "      --explain       print the chain as the pipeline of filters, and exit\n"
        "  -o, --output=FILE   write FILE (only on success)\n"
        "  -h, --help          show this help and exit\n",
        f);
}

static void help_compare(FILE *f) {
  fputs("Usage: colette compare [OPTION]... A B [C]...\n"
        "colette-compare on any inputs colette reads (DOCX included): each is\n"
        "converted to its letter in process, then the letters are compared.\n"
        "\n"
        "  -f, --format=FORMAT  text (default), json, xml or html\n"
        "  -o, --output=FILE    write the report to FILE\n"
        "  -h, --help           show this help and exit\n"
        "\n"
        "Exit status: 0 the versions agree; 1 they differ; 2 trouble.\n",
        f);
}

static void help_filters(FILE *f) {
  fputs("Usage: colette filters [--targets]\n"
        "The filters whose manifests colette found: where, what they read and write,\n"
        "their cost and options; then the type names.  --targets: the names\n"
        "colette convert -t takes, one a line.\n",
        f);
}

/* ---- shared -------------------------------------------------------------------- */

static void print_warnings(const cli *c, const drv_registry *r) {
  const char *s = r->warnings.data;
  while (s && *s) {
    const char *e = strchr(s, '\n');
    int n = e ? (int)(e - s) : (int)strlen(s);
    fprintf(c->err, "%s: warning: %.*s\n", c->prog, n, s);
    s = e ? e + 1 : s + n;
  }
}

static int load(const cli *c, drv_registry *r, const char *argv0) {
  colette_error e;
  error_clear(&e);
  if (drv_registry_load(r, argv0, &e) != COLETTE_OK) {
    cli_error(c, NULL, "%s", e.message);
    return COLETTE_EXIT_NOMEM;
  }
  print_warnings(c, r);
  return 0;
}

/* A target or type as named on the command line: a type name, or a media
 * type (with a '/'); NULL after a usage message. */
static const char *media_of(const cli *c, const drv_registry *r, const char *s) {
  const drv_type *t = drv_type_find(r, s);
  if (t) return t->media;
  if (strchr(s, '/')) return s;
  buf names = BUF_INIT;
  for (size_t i = 0; i < VEC_LEN(r->types, drv_type); i++)
    buf_printf(&names, "%s%s", i ? ", " : "", VEC_AT(r->types, drv_type, i).name);
  cli_error(c, NULL, "unknown type '%s' (%s, or a media type)", s,
            names.data ? names.data : "no manifest found");
  buf_free(&names);
  return NULL;
}

/* The input's media type: --from, or its content.  The input is read
 * whole when it is the standard input (data), else only its first bytes. */
static int input_media(const cli *c, const drv_registry *r, const char *from, const char *input,
                       buf *data, const char **media) {
  if (from) {
    *media = media_of(c, r, from);
    if (!*media) return cli_usage_error(c);
  }
  bool from_stdin = !input || strcmp(input, "-") == 0;
  colette_error e;
  error_clear(&e);
  if (from_stdin) {
    if (buf_slurp(c->in, 1u << 30, data, &e) != COLETTE_OK) {
      cli_error(c, "-", "%s", e.message);
      return colette_status_exit(e.status);
    }
    if (!from) {
      size_t n = data->len < 4096 ? data->len : 4096;
      *media = drv_detect(data->data ? data->data : "", n, NULL, data->data, data->len);
    }
    return 0;
  }
  struct stat st;
  if (stat(input, &st) == 0 && S_ISDIR(st.st_mode)) {
    cli_error(c, input, "is a directory (colette convert -r DIR -o OUTDIR converts a tree)");
    return COLETTE_EXIT_USAGE;
  }
  FILE *f = fopen(input, "rb");
  if (!f) {
    cli_error(c, input, "cannot open: %s", strerror(errno));
    return COLETTE_EXIT_IO;
  }
  char head[4096];
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  if (!from) *media = drv_detect(head, n, input, NULL, 0);
  return 0;
}

/* Options for the chain: --lang and -O NAME[=VALUE]. */
typedef struct chain_opts {
  drv_request_opt v[DRV_MAX_OPTS];
  size_t n;
} chain_opts;

static bool add_opt(const cli *c, chain_opts *o, const char *name, const char *value) {
  for (size_t i = 0; i < o->n; i++)
    if (strcmp(o->v[i].name, name) == 0) { /* the last one given wins */
      o->v[i].value = value;
      return true;
    }
  if (o->n == DRV_MAX_OPTS) {
    cli_error(c, NULL, "at most %d options for the chain", DRV_MAX_OPTS);
    return false;
  }
  o->v[o->n++] = (drv_request_opt){name, value};
  return true;
}

/* -O NAME=VALUE: name and value split in place (argv's own memory). */
static bool add_O(const cli *c, chain_opts *o, char *arg) {
  while (arg[0] == '-')
    arg++;
  char *eq = strchr(arg, '=');
  if (eq) *eq = '\0';
  if (!*arg) {
    cli_error(c, NULL, "-O takes NAME or NAME=VALUE");
    return false;
  }
  return add_opt(c, o, arg, eq ? eq + 1 : NULL);
}

static int plan_or_fail(const cli *c, const drv_registry *r, const char *from, const char *to,
                        const chain_opts *o, const char *name, drv_plan *p) {
  colette_error e;
  error_clear(&e);
  colette_status st = drv_plan_make(r, from, to, o->v, o->n, p, &e);
  if (st == COLETTE_OK) return 0;
  cli_error(c, name, "%s", e.message);
  return colette_status_exit(st);
}

/* Print what a run said ("colette: FILE: colette-map: …"): the filter's
 * own line names the file when it read it, so the file is said once. */
static void say(const cli *c, const char *name, const char *message) {
  if (!message || !*message) return;
  const char *s = message;
  while (*s) {
    const char *e = strchr(s, '\n');
    int n = e ? (int)(e - s) : (int)strlen(s);
    char path[PATH_MAX + 2];
    snprintf(path, sizeof path, "%s:", name);
    const char *hit = strcmp(name, "-") != 0 ? strstr(s, path) : NULL;
    if (hit && hit < s + n)
      fprintf(c->err, "%s: %.*s\n", c->prog, n, s);
    else
      fprintf(c->err, "%s: %s: %.*s\n", c->prog, name, n, s);
    s = e ? e + 1 : s + n;
  }
}

/* Write the output held in memory, with SIGINT and SIGTERM held back
 * meanwhile: the file is whole, or it is not there. */
static int write_out(const cli *c, const char *output, const buf *data) {
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  sigprocmask(SIG_BLOCK, &set, &old);
  cli_output o;
  int rc = COLETTE_EXIT_IO;
  if (cli_output_open(&o, c, output)) {
    colette_sink s = cli_output_sink(&o);
    bool ok = s.write(s.ctx, data->data ? data->data : "", data->len) == 0;
    rc = cli_output_close(&o, ok) && ok ? COLETTE_EXIT_OK : COLETTE_EXIT_IO;
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  return rc;
}

/* ---- convert and render --------------------------------------------------------- */

enum {
  OPT_TO = CLI_OPT_OWN,
  OPT_FROM,
  OPT_LANG,
  OPT_OPTION,
  OPT_EXPLAIN,
  OPT_RECURSIVE,
  OPT_FILES_FROM,
  OPT_JOBS,
  OPT_LOG,
  OPT_FORCE,
  OPT_PROGRESS,
  OPT_QUIET,
  OPT_WIDTH,
  OPT_REPORT,
  OPT_FORMAT,
  OPT_TARGETS
};

static const cli_option CONVERT_OPTIONS[] = {
    {"help", 'h', false, CLI_OPT_HELP},
    {"output", 'o', true, CLI_OPT_OUTPUT},
    {"to", 't', true, OPT_TO},
    {"from", 'f', true, OPT_FROM},
    {"lang", 'l', true, OPT_LANG},
    {"option", 'O', true, OPT_OPTION},
    {"explain", 0, false, OPT_EXPLAIN},
    {"recursive", 'r', false, OPT_RECURSIVE},
    {"files-from", 0, true, OPT_FILES_FROM},
    {"jobs", 'j', true, OPT_JOBS},
    {"log", 0, true, OPT_LOG},
    {"force", 0, false, OPT_FORCE},
    {"progress", 0, true, OPT_PROGRESS},
    {"quiet", 'q', false, OPT_QUIET},
    {NULL, 0, false, 0},
};

static const cli_option RENDER_OPTIONS[] = {
    {"help", 'h', false, CLI_OPT_HELP},
    {"output", 'o', true, CLI_OPT_OUTPUT},
    {"to", 't', true, OPT_TO},
    {"from", 'f', true, OPT_FROM},
    {"lang", 'l', true, OPT_LANG},
    {"width", 'w', true, OPT_WIDTH},
    {"report", 0, false, OPT_REPORT},
    {"explain", 0, false, OPT_EXPLAIN},
    {NULL, 0, false, 0},
};

static unsigned processors(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 && n < 256 ? (unsigned)n : 1;
}

/* One input through its chain to the output (or the standard output). */
static int convert_one(const cli *c, const drv_registry *r, const char *input, const char *output,
                       const char *from, const char *to, const chain_opts *o, bool explain,
                       bool report) {
  buf data = BUF_INIT, out = BUF_INIT;
  const char *media = NULL;
  const char *name = input && strcmp(input, "-") != 0 ? input : "-";
  int rc;
  if (explain && from) { /* nothing to read: the pipeline is told from the types */
    media = media_of(c, r, from);
    rc = media ? 0 : cli_usage_error(c);
  } else {
    rc = input_media(c, r, from, input, &data, &media);
  }
  drv_plan p;
  if (rc == 0) rc = plan_or_fail(c, r, media, to, o, name, &p);
  if (rc == 0 && explain) {
    buf line = BUF_INIT;
    drv_plan_explain(r, &p, o->v, o->n, input, output, &line);
    fputs(line.data ? line.data : "\n", c->out);
    buf_free(&line);
    rc = fflush(c->out) == 0 ? 0 : COLETTE_EXIT_IO;
  } else if (rc == 0) {
    drv_runner run;
    drv_runner_init(&run, r, o->v, o->n, NULL);
    drv_result res;
    bool from_stdin = strcmp(name, "-") == 0;
    rc = drv_run(&run, &p, from_stdin ? NULL : input, &data, &out, NULL, &res);
    drv_runner_free(&run);
    say(c, name, res.message);
    if (rc == 0) rc = write_out(c, output, &out);
    if (rc == 0 && report && res.reported) {
      const char *lang = NULL;
      for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->v[i].name, "lang") == 0) lang = o->v[i].value;
      fprintf(c->err, "%s: %s: %lu blocks: %lu written in %s, %lu kept in their own language\n",
              c->prog, name, res.report.blocks, res.report.translated,
              lang ? lang : "the letter's language", res.report.kept);
    }
  }
  buf_free(&data);
  buf_free(&out);
  return rc;
}

static int cmd_convert(const cli *c, int argc, char **argv, bool render) {
  const char *input = NULL, *output = NULL, *arg, *to = render ? "text" : "letter", *from = NULL;
  const char *files_from = NULL, *log = NULL;
  bool explain = false, recursive = false, force = false, report = false;
  unsigned jobs = 0;
  drv_progress progress = PROGRESS_AUTO;
  chain_opts o = {.n = 0};
  cli_parser p;
  cli_parser_init(&p, argc, argv);
  int id;
  while ((id = cli_next(c, &p, render ? RENDER_OPTIONS : CONVERT_OPTIONS, &arg)) != -1) {
    int rr = cli_common(c, id, arg, &input, &output, render ? help_render : help_convert);
    if (rr >= 0) return rr;
    if (rr == CLI_HANDLED) continue;
    switch (id) {
    case OPT_TO: to = arg; break;
    case OPT_FROM: from = arg; break;
    case OPT_LANG:
      if (!add_opt(c, &o, "lang", arg)) return cli_usage_error(c);
      break;
    case OPT_WIDTH:
      if (!add_opt(c, &o, "width", arg)) return cli_usage_error(c);
      break;
    case OPT_OPTION:
      if (!add_O(c, &o, (char *)arg)) return cli_usage_error(c);
      break;
    case OPT_EXPLAIN: explain = true; break;
    case OPT_RECURSIVE: recursive = true; break;
    case OPT_FILES_FROM: files_from = arg; break;
    case OPT_LOG: log = arg; break;
    case OPT_FORCE: force = true; break;
    case OPT_REPORT: report = true; break;
    case OPT_QUIET: progress = PROGRESS_NONE; break;
    case OPT_PROGRESS:
      if (strcmp(arg, "auto") == 0)
        progress = PROGRESS_AUTO;
      else if (strcmp(arg, "bar") == 0)
        progress = PROGRESS_BAR;
      else if (strcmp(arg, "lines") == 0)
        progress = PROGRESS_LINES;
      else if (strcmp(arg, "none") == 0)
        progress = PROGRESS_NONE;
      else {
        cli_error(c, NULL, "--progress takes auto, bar, lines or none, not '%s'", arg);
        return cli_usage_error(c);
      }
      break;
    case OPT_JOBS: {
      uint64_t v;
      if (!cli_parse_size(arg, &v) || v < 1 || v > 256) {
        cli_error(c, NULL, "--jobs takes a number from 1 to 256, not '%s'", arg);
        return cli_usage_error(c);
      }
      jobs = (unsigned)v;
      break;
    }
    default: return cli_usage_error(c);
    }
  }
  drv_registry r;
  int rc = load(c, &r, argv[0]);
  if (rc) return rc;
  if (explain) drv_registry_find_exes(&r);
  const char *to_media = media_of(c, &r, to);
  if (!to_media) {
    drv_registry_free(&r);
    return cli_usage_error(c);
  }
  bool batch = recursive || files_from;
  if (batch) {
    if (!output || strcmp(output, "-") == 0 || (recursive && !input) || (!recursive && input) ||
        explain) {
      cli_error(c, NULL,
                explain ? "--explain tells one input's chain, not a batch's"
                : !output || strcmp(output, "-") == 0 ? "a batch writes a tree: -o OUTDIR"
                : recursive                           ? "-r takes the directory to convert"
                                                      : "--files-from or IN, not both");
      drv_registry_free(&r);
      return cli_usage_error(c);
    }
    const char *from_media = from ? media_of(c, &r, from) : NULL;
    if (from && !from_media) {
      drv_registry_free(&r);
      return cli_usage_error(c);
    }
    drv_batch_options b = {.root = recursive ? input : NULL,
                           .files_from = files_from,
                           .outdir = output,
                           .to = to_media,
                           .from = from_media,
                           .jobs = jobs ? jobs : processors(),
                           .log = log,
                           .force = force,
                           .progress = progress,
                           .opts = o.v,
                           .nopts = o.n};
    rc = drv_batch(&r, &b, c->in, c->out, c->err);
  } else {
    rc = convert_one(c, &r, input, output, from, to_media, &o, explain, report);
  }
  drv_registry_free(&r);
  return rc;
}

/* ---- compare ---------------------------------------------------------------------- */

static const cli_option COMPARE_OPTIONS[] = {
    {"help", 'h', false, CLI_OPT_HELP},
    {"output", 'o', true, CLI_OPT_OUTPUT},
    {"format", 'f', true, OPT_FORMAT},
    {NULL, 0, false, 0},
};

#define MAX_VERSIONS 64

static int cmd_compare(const cli *c, int argc, char **argv) {
  colette_report_format fmt = COLETTE_REPORT_TEXT;
  const char *inputs[MAX_VERSIONS], *output = NULL, *arg;
  size_t n = 0;
  int stdin_uses = 0;
  cli_parser p;
  cli_parser_init(&p, argc, argv);
  int id;
  while ((id = cli_next(c, &p, COMPARE_OPTIONS, &arg)) != -1) {
    if (id == 0) {
      if (n == MAX_VERSIONS) {
        cli_error(c, NULL, "at most %d versions", MAX_VERSIONS);
        cli_usage_error(c);
        return 2;
      }
      stdin_uses += strcmp(arg, "-") == 0;
      inputs[n++] = arg;
      continue;
    }
    const char *unused = NULL;
    int rr = cli_common(c, id, arg, &unused, &output, help_compare);
    if (rr >= 0) return rr == COLETTE_EXIT_OK ? 0 : 2;
    if (rr == CLI_HANDLED) continue;
    if (id == OPT_FORMAT) {
      if ((fmt = colette_report_format_by_name(arg)) != COLETTE_REPORTS) continue;
      cli_error(c, NULL, "unknown format '%s' (text, json, xml or html)", arg);
    }
    cli_usage_error(c);
    return 2;
  }
  if (n < 2 || stdin_uses > 1) {
    cli_error(c, NULL, n < 2 ? "two letters or more to compare" : "standard input once at most");
    cli_usage_error(c);
    return 2;
  }
  drv_registry r;
  if (load(c, &r, argv[0])) return 2;
  colette_letter *letters[MAX_VERSIONS] = {NULL};
  colette_diff *ds = NULL;
  int rc = 2;
  drv_runner run;
  chain_opts none = {.n = 0};
  drv_runner_init(&run, &r, none.v, 0, NULL); /* one context for every version */
  for (size_t v = 0; v < n; v++) {
    buf data = BUF_INIT, out = BUF_INIT;
    const char *media = NULL;
    const char *name = strcmp(inputs[v], "-") != 0 ? inputs[v] : "-";
    int e = input_media(c, &r, NULL, inputs[v], &data, &media);
    drv_plan pl;
    if (e == 0) e = plan_or_fail(c, &r, media, MT_LETTER, &none, name, &pl);
    if (e == 0) {
      drv_result res;
      e = drv_run(&run, &pl, strcmp(name, "-") == 0 ? NULL : inputs[v], &data, &out, &letters[v],
                  &res);
      say(c, name, res.message);
    }
    buf_free(&data);
    buf_free(&out);
    if (e) goto done;
  }
  colette_error err;
  error_clear(&err);
  if (colette_compare((const colette_letter *const *)letters, inputs, n, &ds, &err) != COLETTE_OK) {
    cli_report(c, NULL, &err);
    goto done;
  }
  {
    cli_output o;
    if (!cli_output_open(&o, c, output)) goto done;
    colette_status st = colette_diff_write(ds, fmt, cli_output_sink(&o), &err);
    if (st != COLETTE_OK) {
      cli_output_close(&o, false);
      cli_report(c, NULL, &err);
      goto done;
    }
    if (!cli_output_close(&o, true)) goto done;
  }
  rc = colette_diff_count(ds) ? 1 : 0;
done:
  drv_runner_free(&run);
  colette_diff_free(ds);
  for (size_t v = 0; v < n; v++)
    colette_letter_free(letters[v]);
  drv_registry_free(&r);
  return rc;
}

/* ---- filters, exit-codes ------------------------------------------------------------ */

static int cmd_filters(const cli *c, int argc, char **argv) {
  static const cli_option opts[] = {
      {"help", 'h', false, CLI_OPT_HELP}, {"targets", 0, false, OPT_TARGETS}, {NULL, 0, false, 0}};
  bool targets = false;
  const char *arg, *none = NULL, *unused = NULL;
  cli_parser p;
  cli_parser_init(&p, argc, argv);
  int id;
  while ((id = cli_next(c, &p, opts, &arg)) != -1) {
    if (id == 0) {
      cli_error(c, NULL, "filters takes no operand");
      return cli_usage_error(c);
    }
    int rr = cli_common(c, id, arg, &none, &unused, help_filters);
    if (rr >= 0) return rr;
    if (rr == CLI_HANDLED) continue;
    if (id == OPT_TARGETS) targets = true;
  }
  drv_registry r;
  int rc = load(c, &r, argv[0]);
  if (rc) return rc;
  FILE *out = c->out;
  if (targets) {
    for (size_t i = 0; i < VEC_LEN(r.types, drv_type); i++)
      fprintf(out, "%s\n", VEC_AT(r.types, drv_type, i).name);
  } else {
    if (!drv_filter_count(&r)) fputs("no filter manifests found (see colette(1), FILES)\n", out);
    for (size_t i = 0; i < drv_filter_count(&r); i++) {
      const drv_filter *f = drv_filter_at(&r, i);
      fprintf(out, "%s: ", f->name);
      if (f->builtin != BUILTIN_NONE)
        fputs("built in, runs in process", out);
      else if (f->exe)
        fprintf(out, "%s, runs as a subprocess", f->exe);
      else
        fputs("not found beside colette or on PATH: not used", out);
      fprintf(out, "; cost %u%s\n", f->cost,
              f->many ? "; two inputs or more, not a chain step" : "");
      if (f->description) fprintf(out, "  %s\n", f->description);
      fprintf(out, "  manifest %s\n", f->manifest);
      for (size_t k = 0; k < VEC_LEN(f->inputs, char *); k++)
        for (size_t m = 0; m < VEC_LEN(f->outputs, drv_output); m++) {
          const drv_output *op = &VEC_AT(f->outputs, drv_output, m);
          fprintf(out, "  %s -> %s", VEC_AT(f->inputs, char *, k), op->media);
          for (size_t a = 0; a < VEC_LEN(op->args, char *); a++)
            fprintf(out, " %s", VEC_AT(op->args, char *, a));
          fputc('\n', out);
        }
      for (size_t k = 0; k < VEC_LEN(f->options, drv_option); k++) {
        const drv_option *op = &VEC_AT(f->options, drv_option, k);
        fprintf(out, "  option --%s%s%s  %s\n", op->name, op->meta ? "=" : "",
                op->meta ? op->meta : "", op->text ? op->text : "");
      }
    }
    fputs("types:\n", out);
    for (size_t i = 0; i < VEC_LEN(r.types, drv_type); i++) {
      const drv_type *t = &VEC_AT(r.types, drv_type, i);
      fprintf(out, "  %-12s %-74s %s\n", t->name, t->media, t->ext);
    }
  }
  drv_registry_free(&r);
  return fflush(out) == 0 ? 0 : COLETTE_EXIT_IO;
}

static int cmd_exit_codes(const cli *c) {
  static const int codes[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 130};
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
    char tmp[32];
    fprintf(c->out, "%d\t%s\t%s\n", codes[i], drv_exit_class(codes[i], tmp, sizeof tmp),
            drv_exit_meaning(codes[i]));
  }
  fputs("128+N\tsignal-N\ta filter killed by signal N\n", c->out);
  return fflush(c->out) == 0 ? 0 : COLETTE_EXIT_IO;
}

/* colette's own filters: what it is when called by their names (links to
 * it), and what `colette NAME` runs in process. */
static const struct {
  const char *name;
  int (*main)(int, char **, FILE *, FILE *, FILE *);
} AS_FILTER[] = {{"colette-unpack", colette_unpack_main},
                 {"colette-normalize", colette_normalize_main},
                 {"colette-map", colette_map_main},
                 {"colette-render", colette_render_main},
                 {"colette-compare", colette_compare_main}};

/* colette NAME ARGS: colette's own filters in process, others (colette-NAME
 * beside colette or on PATH) in their place, as git runs git-NAME. */
static int cmd_filter(const cli *c, int argc, char **argv) {
  const char *name = argv[0];
  buf prog = BUF_INIT;
  buf_printf(&prog, "colette-%s", name);
  for (size_t i = 0; prog.data && i < sizeof AS_FILTER / sizeof *AS_FILTER; i++)
    if (strcmp(prog.data, AS_FILTER[i].name) == 0) {
      buf_free(&prog);
      return AS_FILTER[i].main(argc, argv, c->in, c->out, c->err);
    }
  drv_registry r;
  int rc = load(c, &r, NULL);
  if (rc) {
    buf_free(&prog);
    return rc;
  }
  drv_registry_find_exes(&r);
  const drv_filter *f = drv_filter_by_name(&r, prog.data);
  char *exe = f && f->exe ? strdup(f->exe) : NULL;
  if (!exe && strchr(name, '/') == NULL) {
    const char *path = getenv("PATH");
    for (const char *s = path; s && !exe;) {
      const char *e = strchr(s, ':');
      size_t n = e ? (size_t)(e - s) : strlen(s);
      buf p = BUF_INIT;
      buf_printf(&p, "%.*s/%s", (int)n, n ? s : ".", prog.data);
      if (p.data && access(p.data, X_OK) == 0)
        exe = p.data;
      else
        buf_free(&p);
      s = e ? e + 1 : NULL;
    }
  }
  drv_registry_free(&r);
  if (!exe) {
    cli_error(c, NULL, "'%s' is no colette command, and no %s was found on PATH", name, prog.data);
    buf_free(&prog);
    return cli_usage_error(c);
  }
  fflush(c->out);
  fflush(c->err);
  argv[0] = prog.data;
  execv(exe, argv);
  cli_error(c, NULL, "cannot run %s: %s", exe, strerror(errno));
  free(exe);
  buf_free(&prog);
  return COLETTE_EXIT_IO;
}

int colette_driver_main(int argc, char **argv, FILE *in, FILE *out, FILE *err) {
  /* one program for all: a filter's start is the driver's, whose libraries
   * are linked in (ICU's symbols bound at every start of a dynamic filter
   * cost it 2 to 3 ms, three times a pipeline) */
  const char *called = argc > 0 && argv[0] ? strrchr(argv[0], '/') : NULL;
  called = called ? called + 1 : argc > 0 && argv[0] ? argv[0] : "";
  for (size_t i = 0; i < sizeof AS_FILTER / sizeof *AS_FILTER; i++)
    if (strcmp(called, AS_FILTER[i].name) == 0) return AS_FILTER[i].main(argc, argv, in, out, err);
  cli c = {"colette", in, out, err};
  cli_pin_timezone();
  if (argc < 2) {
    fputs("Usage: colette COMMAND [ARG]...\n", err);
    return cli_usage_error(&c);
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
    help(out);
    return fflush(out) == 0 ? 0 : COLETTE_EXIT_IO;
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    fprintf(out, "colette %s\n", COLETTE_VERSION);
    return fflush(out) == 0 ? 0 : COLETTE_EXIT_IO;
  }
  if (strcmp(cmd, "help") == 0) {
    const char *what = argc > 2 ? argv[2] : "";
    void (*h)(FILE *) = strcmp(what, "convert") == 0   ? help_convert
                        : strcmp(what, "render") == 0  ? help_render
                        : strcmp(what, "compare") == 0 ? help_compare
                        : strcmp(what, "filters") == 0 ? help_filters
                                                       : help;
    h(out);
    return fflush(out) == 0 ? 0 : COLETTE_EXIT_IO;
  }
  if (cmd[0] == '-') {
    cli_error(&c, NULL, "a command first, not '%s'", cmd);
    return cli_usage_error(&c);
  }
  /* the command's own argv: argv[0] stays colette's own path, so the
   * manifests are found beside it */
  char **sub = argv + 1;
  int subc = argc - 1;
  char *self = argv[0];
  int rc;
  if (strcmp(cmd, "convert") == 0 || strcmp(cmd, "render") == 0) {
    sub[0] = self;
    rc = cmd_convert(&c, subc, sub, strcmp(cmd, "render") == 0);
    sub[0] = (char *)cmd;
  } else if (strcmp(cmd, "compare") == 0) {
    sub[0] = self;
    rc = cmd_compare(&c, subc, sub);
    sub[0] = (char *)cmd;
  } else if (strcmp(cmd, "filters") == 0) {
    sub[0] = self;
    rc = cmd_filters(&c, subc, sub);
    sub[0] = (char *)cmd;
  } else if (strcmp(cmd, "exit-codes") == 0) {
    rc = cmd_exit_codes(&c);
  } else {
    rc = cmd_filter(&c, subc, sub);
  }
  return rc;
}
