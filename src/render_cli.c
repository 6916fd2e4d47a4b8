/* render_cli.c: the colette-render command. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"

enum {
  OPT_HELP = CLI_OPT_HELP,
  OPT_VERSION = CLI_OPT_VERSION,
  OPT_OUTPUT = CLI_OPT_OUTPUT,
  OPT_FIRST_OWN = CLI_OPT_OWN - 1,
  OPT_LANG,
  OPT_TO,
  OPT_WIDTH,
  OPT_REPORT
};

static const cli_option OPTIONS[] = {
    {"help", 'h', false, OPT_HELP},   {"version", 'V', false, OPT_VERSION},
    {"output", 'o', true, OPT_OUTPUT}, {"lang", 'l', true, OPT_LANG},
    {"to", 't', true, OPT_TO},        {"width", 'w', true, OPT_WIDTH},
    {"report", 0, false, OPT_REPORT}, {NULL, 0, false, 0},
};

static void help(FILE *f) {
  fputs("Usage: colette-render [OPTION]... [FILE|-]\n"
        "Write a colette letter (from colette-map) as text, HTML, DOCX, pandoc JSON,\n"
        "iCalendar or JSON, in its own language or in another: every formula the\n"
        "catalogue knows in that language, the rest kept in its own and marked.\n"
        "With no FILE, or when FILE is -, read standard input.\n"
        "\n"
        "  -l, --lang=LANG     en, fr, zh (or a tag such as fr-CH); default: the letter's\n"
        "  -t, --to=FORMAT     text (default), html, docx, pandoc-json, ics, json,\n"
        "                      letter (letter XML again, translated with --lang)\n"
        "  -w, --width=N       text: wrap at N columns (default 72)\n"
        "      --report        on stderr: the blocks written in the target language\n"
        "                      and those kept in their own\n"
        "  -o, --output=FILE   write FILE (only if rendering succeeds); - is stdout\n"
        "  -h, --help          show this help and exit\n"
        "  -V, --version       show the version and exit\n"
        "\n"
        "Exit status: 0 done; 2 usage (an unknown format or language); 3 unreadable\n"
        "input or unwritable output; 6 not a letter; 7 malformed XML or a letter of\n"
        "a wrong structure; 9 out of memory; 11 another stage's input (a DOCX, a flat\n"
        "document: the message says which filter reads it).\n",
        f);
}

int colette_render_main(int argc, char **argv, FILE *in, FILE *out, FILE *err) {
  cli c = {"colette-render", in, out, err};
  colette_render_options opts;
  colette_render_options_default(&opts);
  const char *input = NULL, *output = NULL, *arg;
  bool report = false;
  cli_parser p;
  cli_parser_init(&p, argc, argv);
  int id;
  while ((id = cli_next(&c, &p, OPTIONS, &arg)) != -1) {
    uint64_t v;
    int r = cli_common(&c, id, arg, &input, &output, help);
    if (r >= 0) return r;
    if (r == CLI_HANDLED) continue;
    switch (id) {
    case OPT_LANG:
      if (!*arg || strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") !=
                       strlen(arg)) {
        cli_error(&c, NULL, "invalid language '%s'", arg);
        return cli_usage_error(&c);
      }
      opts.lang = arg;
      break;
    case OPT_TO:
      opts.format = colette_format_by_name(arg);
      if (opts.format == COLETTE_FORMATS) {
        cli_error(&c, NULL,
                  "unknown format '%s' (text, html, docx, pandoc-json, ics, json or letter)",
                  arg);
        return cli_usage_error(&c);
      }
      break;
    case OPT_WIDTH:
      if (!cli_parse_size(arg, &v) || v < 20 || v > 10000) {
        cli_error(&c, NULL, "invalid width '%s' (20 to 10000)", arg);
        return cli_usage_error(&c);
      }
      opts.width = (unsigned)v;
      break;
    case OPT_REPORT: report = true; break;
    default: return cli_usage_error(&c);
    }
  }
  const char *name;
  FILE *f;
  if (!cli_open_input(&c, input, &name, &f)) return COLETTE_EXIT_IO;
  colette_error e;
  error_clear(&e);
  colette_letter *l = NULL;
  colette_status st = colette_letter_read_file(f, name, &l, &e);
  cli_close_input(&c, f);
  if (st != COLETTE_OK) {
    cli_report(&c, name, &e);
    return colette_status_exit(st);
  }
  cli_output o;
  if (!cli_output_open(&o, &c, output)) {
    colette_letter_free(l);
    return COLETTE_EXIT_IO;
  }
  colette_render_report rep;
  st = colette_render(l, &opts, cli_output_sink(&o), &rep, &e);
  colette_letter_free(l);
  if (st != COLETTE_OK) {
    cli_output_close(&o, false);
    cli_report(&c, name, &e);
    return colette_status_exit(st);
  }
  if (!cli_output_close(&o, true)) return COLETTE_EXIT_IO;
  if (report)
    fprintf(err,
            "colette-render: %s: %lu blocks: %lu written in %s, %lu in part (their formulae), "
            "%lu kept in their own language\n",
            name, rep.blocks, rep.translated, opts.lang ? opts.lang : "the letter's language",
            rep.mixed, rep.kept);
  return COLETTE_EXIT_OK;
}
