/* unpack_cli.c: the colette-unpack command. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"

enum {
  OPT_HELP = 1,
  OPT_VERSION,
  OPT_OUTPUT,
  OPT_CHANGES,
  OPT_MAX_PART,
  OPT_MAX_TOTAL,
  OPT_MAX_ENTRIES,
  OPT_MIN_RATIO,
  OPT_MAX_DEPTH
};

static const cli_option OPTIONS[] = {
    {"help", 'h', false, OPT_HELP},
    {"version", 'V', false, OPT_VERSION},
    {"output", 'o', true, OPT_OUTPUT},
    {"changes", 0, true, OPT_CHANGES},
    {"max-part-size", 0, true, OPT_MAX_PART},
    {"max-total-size", 0, true, OPT_MAX_TOTAL},
    {"max-entries", 0, true, OPT_MAX_ENTRIES},
    {"min-inflate-ratio", 0, true, OPT_MIN_RATIO},
    {"max-depth", 0, true, OPT_MAX_DEPTH},
    {NULL, 0, false, 0},
};

static void help(FILE *f) {
  fputs("Usage: colette-unpack [OPTION]... [FILE|-]\n"
        "Convert a DOCX (also .docm, .dotx, .dotm; transitional or strict OOXML)\n"
        "to colette's flat document XML (schemas/flat.rng) on standard output.\n"
        "With no FILE, or when FILE is -, read standard input.\n"
        "\n"
        "  -o, --output=FILE         write FILE (only if the conversion succeeds)\n"
        "      --changes=MODE        tracked changes: accept (default), reject, all\n"
        "      --max-part-size=N     bytes one part may inflate to (default 256M)\n"
        "      --max-total-size=N    bytes all parts may inflate to (default 1G)\n"
        "      --max-entries=N       entries in the ZIP directory (default 10000)\n"
        "      --min-inflate-ratio=R smallest compressed/inflated ratio (default 0.01)\n"
        "      --max-depth=N         element nesting in any XML part (default 200)\n"
        "  -h, --help                show this help and exit\n"
        "  -V, --version             show the version and exit\n"
        "\n"
        "Sizes take K, M or G suffixes; 0 means no limit.\n"
        "Exit status: 0 converted; 2 usage; 3 unreadable input or unwritable\n"
        "output; 4 not a ZIP (or a damaged one); 5 OLE/CFB container (encrypted\n"
        "package or legacy .doc); 6 no Word document in the ZIP; 7 malformed XML;\n"
        "8 a limit exceeded; 9 out of memory; 11 another stage's input (a flat\n"
        "document or a letter: the message says which filter reads it).\n",
        f);
}

int colette_unpack_main(int argc, char **argv, FILE *in, FILE *out, FILE *err) {
  cli c = {"colette-unpack", in, out, err};
  cli_pin_timezone();
  colette_unpack_options opts;
  colette_unpack_options_default(&opts);
  const char *input = NULL, *output = NULL, *arg;
  cli_parser p;
  cli_parser_init(&p, argc, argv);
  int id;
  while ((id = cli_next(&c, &p, OPTIONS, &arg)) != -1) {
    uint64_t v;
    int r = cli_common(&c, id, arg, &input, &output, help);
    if (r >= 0) return r;
    if (r == CLI_HANDLED) continue;
    switch (id) {
    case OPT_CHANGES:
      if (strcmp(arg, "accept") == 0)
        opts.changes = COLETTE_CHANGES_ACCEPT;
      else if (strcmp(arg, "reject") == 0)
        opts.changes = COLETTE_CHANGES_REJECT;
      else if (strcmp(arg, "all") == 0)
        opts.changes = COLETTE_CHANGES_ALL;
      else {
        cli_error(&c, NULL, "--changes takes accept, reject or all, not '%s'", arg);
        return cli_usage_error(&c);
      }
      break;
    case OPT_MAX_PART:
    case OPT_MAX_TOTAL:
    case OPT_MAX_ENTRIES:
    case OPT_MAX_DEPTH:
      if (!cli_parse_size(arg, &v) || (id == OPT_MAX_DEPTH && v > 100000)) {
        cli_error(&c, NULL, "invalid number '%s'", arg);
        return cli_usage_error(&c);
      }
      if (id == OPT_MAX_PART)
        opts.limits.max_part_size = v;
      else if (id == OPT_MAX_TOTAL)
        opts.limits.max_total_size = v;
      else if (id == OPT_MAX_ENTRIES)
        opts.limits.max_entries = v;
      else
        opts.limits.max_depth = (unsigned)v;
      break;
    case OPT_MIN_RATIO: {
      char *end;
      double ratio = strtod(arg, &end);
      if (*end || end == arg || !(ratio >= 0 && ratio < 1)) {
        cli_error(&c, NULL, "--min-inflate-ratio takes a number from 0 to 1, not '%s'", arg);
        return cli_usage_error(&c);
      }
      opts.limits.min_inflate_ratio = ratio;
      break;
    }
    default: return cli_usage_error(&c);
    }
  }
  bool from_stdin = !input || strcmp(input, "-") == 0;
  const char *name = from_stdin ? "-" : input;
  opts.source_name = from_stdin ? NULL : input;

  cli_output o;
  if (!cli_output_open(&o, &c, output)) return COLETTE_EXIT_IO;
  colette_error e;
  error_clear(&e);
  colette_status st;
  if (from_stdin) {
    buf data = BUF_INIT;
    st = buf_slurp(in, opts.limits.max_total_size, &data, &e);
    if (st == COLETTE_OK)
      st = colette_unpack_memory(data.data ? data.data : "", data.len, &opts, cli_output_sink(&o),
                                 &e);
    buf_free(&data);
  } else {
    st = colette_unpack_file(input, &opts, cli_output_sink(&o), &e);
  }
  if (st != COLETTE_OK) {
    cli_output_close(&o, false);
    cli_report(&c, name, &e);
    return colette_status_exit(st);
  }
  return cli_output_close(&o, true) ? COLETTE_EXIT_OK : COLETTE_EXIT_IO;
}
