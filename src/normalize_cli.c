/* normalize_cli.c: the colette-normalize command. */
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
  OPT_FORM,
  OPT_PLAIN,
  OPT_STATS,
  OPT_MAX_DEPTH
};

static const cli_option OPTIONS[] = {
    {"help", 'h', false, OPT_HELP},        {"version", 'V', false, OPT_VERSION},
    {"output", 'o', true, OPT_OUTPUT},     {"form", 0, true, OPT_FORM},
    {"plain-spaces", 0, false, OPT_PLAIN}, {"stats", 0, false, OPT_STATS},
    {"max-depth", 0, true, OPT_MAX_DEPTH}, {NULL, 0, false, 0},
};

static void help(FILE *f) {
  fputs("Usage: colette-normalize [OPTION]... [FILE|-]\n"
        "Normalize a colette flat document (from colette-unpack): Unicode form,\n"
        "invisible debris, spaces, identifiers, widths, spans; and give every\n"
        "paragraph, cell and note its language (xml:lang), the document its main one.\n"
        "With no FILE, or when FILE is -, read standard input.\n"
        "\n"
        "  -o, --output=FILE     write FILE (only if normalization succeeds)\n"
        "      --form=FORM       nfc (default) or nfkc\n"
        "      --plain-spaces    make every no-break space a plain space\n"
        "      --stats           report on stderr what was changed, by kind\n"
        "      --max-depth=N     element nesting allowed in the input (default 200)\n"
        "  -h, --help            show this help and exit\n"
        "  -V, --version         show the version and exit\n"
        "\n"
        "Exit status: 0 done; 2 usage; 3 unreadable input or unwritable output;\n"
        "6 not a flat document; 7 malformed XML; 8 a limit exceeded; 9 out of memory;\n"
        "11 another stage's input (a DOCX, a letter: the message says which filter).\n",
        f);
}

static void print_stats(FILE *f, const colette_normalize_stats *s) {
  fprintf(f,
          "colette-normalize: paragraphs %lu\n"
          "colette-normalize: unicode-normalized %lu\n"
          "colette-normalize: debris-removed %lu\n"
          "colette-normalize: spaces-collapsed %lu\n"
          "colette-normalize: spaces-trimmed %lu\n"
          "colette-normalize: nbsp-made-plain %lu\n"
          "colette-normalize: nbsp-kept %lu\n"
          "colette-normalize: identifiers-made-ascii %lu\n"
          "colette-normalize: widths-made-half %lu\n"
          "colette-normalize: spans-merged %lu\n"
          "colette-normalize: spans-dropped %lu\n"
          "colette-normalize: language-by-script %lu\n"
          "colette-normalize: language-by-classifier %lu\n"
          "colette-normalize: language-by-marks %lu\n"
          "colette-normalize: language-by-neighbours %lu\n",
          s->paragraphs, s->unicode_normalized, s->debris_removed, s->spaces_collapsed,
          s->spaces_trimmed, s->nbsp_plain, s->nbsp_kept, s->identifiers_ascii, s->widths,
          s->spans_merged, s->spans_dropped, s->lang_script, s->lang_classifier, s->lang_marks,
          s->lang_neighbours);
}

int colette_normalize_main(int argc, char **argv, FILE *in, FILE *out, FILE *err) {
  cli c = {"colette-normalize", in, out, err};
  colette_normalize_options opts;
  colette_normalize_options_default(&opts);
  const char *input = NULL, *output = NULL, *arg;
  bool stats = false;
  cli_parser p;
  cli_parser_init(&p, argc, argv);
  int id;
  while ((id = cli_next(&c, &p, OPTIONS, &arg)) != -1) {
    uint64_t v;
    int r = cli_common(&c, id, arg, &input, &output, help);
    if (r >= 0) return r;
    if (r == CLI_HANDLED) continue;
    switch (id) {
    case OPT_FORM:
      if (strcmp(arg, "nfc") == 0)
        opts.form = COLETTE_FORM_NFC;
      else if (strcmp(arg, "nfkc") == 0)
        opts.form = COLETTE_FORM_NFKC;
      else {
        cli_error(&c, NULL, "--form takes nfc or nfkc, not '%s'", arg);
        return cli_usage_error(&c);
      }
      break;
    case OPT_PLAIN: opts.plain_spaces = 1; break;
    case OPT_STATS: stats = true; break;
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
  /* The library reads its input twice: a pipe is spooled to a temporary
   * file first (disk, not memory, holds a large document). */
  FILE *spool = NULL;
  if (fseek(f, 0, SEEK_CUR) != 0) {
    spool = tmpfile();
    char chunk[1 << 16];
    size_t n;
    while (spool && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
      if (fwrite(chunk, 1, n, spool) != n) {
        fclose(spool);
        spool = NULL;
      }
    if (!spool || ferror(f) || fflush(spool) != 0) {
      cli_error(&c, name, "cannot read into a temporary file: %s", strerror(errno));
      if (spool) fclose(spool);
      cli_close_input(&c, f);
      return COLETTE_EXIT_IO;
    }
  }
  cli_output o;
  if (!cli_output_open(&o, &c, output)) {
    if (spool) fclose(spool);
    cli_close_input(&c, f);
    return COLETTE_EXIT_IO;
  }
  colette_error e;
  error_clear(&e);
  colette_normalize_stats s;
  colette_status st =
      colette_normalize_stream(spool ? spool : f, &opts, cli_output_sink(&o), &s, &e);
  if (spool) fclose(spool);
  cli_close_input(&c, f);
  if (st != COLETTE_OK) {
    cli_output_close(&o, false);
    cli_report(&c, name, &e);
    return colette_status_exit(st);
  }
  if (!cli_output_close(&o, true)) return COLETTE_EXIT_IO;
  if (stats) print_stats(err, &s);
  return COLETTE_EXIT_OK;
}
