/* compare_cli.c: the colette-compare command.  Its exit codes are diff's and
 * cmp's: 0 the versions agree, 1 they differ, 2 trouble of any kind. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"

enum {
  OPT_HELP = CLI_OPT_HELP,
  OPT_VERSION = CLI_OPT_VERSION,
  OPT_OUTPUT = CLI_OPT_OUTPUT,
  OPT_FIRST_OWN = CLI_OPT_OWN - 1,
  OPT_FORMAT
};

static const cli_option OPTIONS[] = {
    {"help", 'h', false, OPT_HELP},
    {"version", 'V', false, OPT_VERSION},
    {"output", 'o', true, OPT_OUTPUT},
    {"format", 'f', true, OPT_FORMAT},
    {NULL, 0, false, 0},
};

#define MAX_VERSIONS 64

static void help(FILE *f) {
  fputs("Usage: colette-compare [OPTION]... A B [C]...\n"
        "Compare colette letters (from colette-map) that are language versions of one\n"
        "letter, and report every fact on which they disagree: the date, the\n"
        "reference, contacts, addressees, the meeting, the deadlines, the signatory,\n"
        "the annexes and their agendas, and every typed value of the paragraphs they\n"
        "align (dates, times, addresses, references, numbers), compared as values.\n"
        "One of the files may be - (standard input).\n"
        "\n"
        "  -f, --format=FORMAT  text (default), json, xml or html\n"
        "  -o, --output=FILE    write the report to FILE\n"
        "  -h, --help           show this help and exit\n"
        "  -V, --version        show the version and exit\n"
        "\n"
        "Exit status: 0 the versions agree; 1 they differ; 2 trouble (usage, an\n"
        "unreadable or invalid input, an unwritable output).\n",
        f);
}

int colette_compare_main(int argc, char **argv, FILE *in, FILE *out, FILE *err) {
  cli c = {"colette-compare", in, out, err};
  colette_report_format fmt = COLETTE_REPORT_TEXT;
  const char *inputs[MAX_VERSIONS], *output = NULL, *arg;
  size_t n = 0;
  int stdin_uses = 0;
  cli_parser p;
  cli_parser_init(&p, argc, argv);
  int id;
  while ((id = cli_next(&c, &p, OPTIONS, &arg)) != -1) {
    if (id == 0) { /* operands: the versions */
      if (n == MAX_VERSIONS) {
        cli_error(&c, NULL, "at most %d versions", MAX_VERSIONS);
        return cli_usage_error(&c);
      }
      stdin_uses += strcmp(arg, "-") == 0;
      inputs[n++] = arg;
      continue;
    }
    const char *unused = NULL;
    int r = cli_common(&c, id, arg, &unused, &output, help);
    if (r >= 0) return r == COLETTE_EXIT_OK ? 0 : 2;
    if (r == CLI_HANDLED) continue;
    if (id == OPT_FORMAT) {
      if ((fmt = colette_report_format_by_name(arg)) == COLETTE_REPORTS) {
        cli_error(&c, NULL, "unknown format '%s' (text, json, xml or html)", arg);
        cli_usage_error(&c);
        return 2;
      }
      continue;
    }
    cli_usage_error(&c);
    return 2;
  }
  if (n < 2 || stdin_uses > 1) {
    cli_error(&c, NULL, n < 2 ? "two letters or more to compare" : "standard input once at most");
    cli_usage_error(&c);
    return 2;
  }
  colette_letter *letters[MAX_VERSIONS] = {NULL};
  int rc = 2;
  colette_error e;
  colette_diff *ds = NULL;
  for (size_t v = 0; v < n; v++) {
    const char *name;
    FILE *f;
    if (!cli_open_input(&c, inputs[v], &name, &f)) goto done;
    error_clear(&e);
    colette_status st = colette_letter_read_file(f, name, &letters[v], &e);
    cli_close_input(&c, f);
    if (st != COLETTE_OK) {
      cli_report(&c, name, &e);
      goto done;
    }
  }
  error_clear(&e);
  if (colette_compare((const colette_letter *const *)letters, inputs, n, &ds, &e) != COLETTE_OK) {
    cli_report(&c, NULL, &e);
    goto done;
  }
  cli_output o;
  if (!cli_output_open(&o, &c, output)) goto done;
  colette_status st = colette_diff_write(ds, fmt, cli_output_sink(&o), &e);
  if (st != COLETTE_OK) {
    cli_output_close(&o, false);
    cli_report(&c, NULL, &e);
    goto done;
  }
  if (!cli_output_close(&o, true)) goto done;
  rc = colette_diff_count(ds) ? 1 : 0;
done:
  colette_diff_free(ds);
  for (size_t v = 0; v < n; v++)
    colette_letter_free(letters[v]);
  return rc;
}
