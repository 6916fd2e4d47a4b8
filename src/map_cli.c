/* map_cli.c: the colette-map command. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"

enum {
  OPT_HELP = CLI_OPT_HELP,
  OPT_VERSION = CLI_OPT_VERSION,
  OPT_OUTPUT = CLI_OPT_OUTPUT,
  OPT_FIRST_OWN = CLI_OPT_OWN - 1,
  OPT_STRICT,
  OPT_MAX_DEPTH,
  OPT_EXPLAIN
};

static const cli_option OPTIONS[] = {
    {"help", 'h', false, OPT_HELP},        {"version", 'V', false, OPT_VERSION},
    {"output", 'o', true, OPT_OUTPUT},     {"strict", 0, false, OPT_STRICT},
    {"max-depth", 0, true, OPT_MAX_DEPTH}, {"explain", 0, false, OPT_EXPLAIN},
    {NULL, 0, false, 0},
};

/* --explain: "colette-map: FILE:LINE: what: value [entry]" on the error stream. */
typedef struct explain_ctx {
  const cli *c;
  const char *name;
} explain_ctx;

static int explain_write(void *ctx, const char *data, size_t len) {
  explain_ctx *x = ctx;
  fprintf(x->c->err, "%s: %s:%.*s", x->c->prog, x->name, (int)len, data);
  return 0;
}

/* A warning, "LINE: message": "colette-map: FILE:LINE: warning: message". */
static int warning_write(void *ctx, const char *data, size_t len) {
  explain_ctx *x = ctx;
  char text[600];
  cli_warning_text(text, sizeof text, data, len);
  fprintf(x->c->err, "%s: %s:%s\n", x->c->prog, x->name, text);
  return 0;
}

static void help(FILE *f) {
  fputs("Usage: colette-map [OPTION]... [FILE|-]\n"
        "Map a normalized colette flat document (colette-unpack | colette-normalize)\n"
        "to the canonical letter XML (schemas/letter.rng): head, meeting, body,\n"
        "annexes, with dates, times, references and contacts as data.\n"
        "With no FILE, or when FILE is -, read standard input.\n"
        "\n"
        "  -o, --output=FILE   write FILE (only if mapping succeeds)\n"
        "      --strict        a document with no letter head is an error (exit 6)\n"
        "      --max-depth=N   element nesting allowed in the input (default 200)\n"
        "      --explain       on standard error, each fact found: the flat document's\n"
        "                      line it came from and the catalogue entry that matched\n"
        "  -h, --help          show this help and exit\n"
        "  -V, --version       show the version and exit\n"
        "\n"
        "A document that is not a letter maps to a body only, with a warning; a weekday\n"
        "written with a date and not its date's is marked conflict=\"weekday\", with one.\n"
        "Exit status: 0 done; 2 usage; 3 unreadable input or unwritable output;\n"
        "6 not a flat document, or no letter head with --strict; 7 malformed XML;\n"
        "8 a limit exceeded; 9 out of memory; 11 another stage's input (a DOCX, a flat\n"
        "document not normalized, a letter: the message says which filter reads it).\n",
        f);
}

int colette_map_main(int argc, char **argv, FILE *in, FILE *out, FILE *err) {
  cli c = {"colette-map", in, out, err};
  colette_map_options opts;
  colette_map_options_default(&opts);
  const char *input = NULL, *output = NULL, *arg;
  bool explain = false;
  cli_parser p;
  cli_parser_init(&p, argc, argv);
  int id;
  while ((id = cli_next(&c, &p, OPTIONS, &arg)) != -1) {
    uint64_t v;
    int r = cli_common(&c, id, arg, &input, &output, help);
    if (r >= 0) return r;
    if (r == CLI_HANDLED) continue;
    switch (id) {
    case OPT_STRICT: opts.strict = 1; break;
    case OPT_EXPLAIN: explain = true; break;
    case OPT_MAX_DEPTH:
      if (!cli_parse_size(arg, &v) || v > 100000) {
        cli_error(&c, NULL, "invalid number '%s'", arg);
        return cli_usage_error(&c);
      }
      opts.max_depth = (unsigned)v;
      break;
    default: return cli_usage_error(&c);
    }
  }
  const char *name;
  FILE *f;
  if (!cli_open_input(&c, input, &name, &f)) return COLETTE_EXIT_IO;
  cli_output o;
  if (!cli_output_open(&o, &c, output)) {
    cli_close_input(&c, f);
    return COLETTE_EXIT_IO;
  }
  colette_error e;
  error_clear(&e);
  colette_map_report report;
  explain_ctx ex = {&c, name};
  if (explain) {
    opts.explain.write = explain_write;
    opts.explain.ctx = &ex;
  }
  opts.warnings.write = warning_write;
  opts.warnings.ctx = &ex;
  colette_status st = colette_map_stream(f, &opts, cli_output_sink(&o), &report, &e);
  cli_close_input(&c, f);
  if (st != COLETTE_OK) {
    cli_output_close(&o, false);
    cli_report(&c, name, &e);
    return colette_status_exit(st);
  }
  if (!cli_output_close(&o, true)) return COLETTE_EXIT_IO;
  if (!report.is_letter)
    cli_error(&c, name, "warning: no letter head found (no salutation); mapped as a body only");
  return COLETTE_EXIT_OK;
}
