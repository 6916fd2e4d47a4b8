/*
 * fuzz_render: letter XML through colette_render, in every format and in
 * the letter's own language or another.  The first byte chooses: its
 * value modulo 7 the format, divided by 7 modulo 4 the language (the
 * letter's own, en, fr, zh); the rest is the letter.  What the reader
 * accepts every writer must write (or report a limit or memory), and:
 * a rendering as letter XML reads again; a DOCX rendering is a package
 * colette-unpack converts.  One context serves every run (as the driver's
 * workers do), so the catalogue's forms are compiled once.
 */
#include "fuzz.h"

static colette_context *ctx; /* the harness's, for the process's life */

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  colette_error err;
  if (colette_context_new(&ctx, &err) != COLETTE_OK) {
    fprintf(stderr, "fuzz_render: no context: %s\n", err.message);
    abort();
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  if (size < 1) return 0;
  static const char *const langs[] = {NULL, "en", "fr", "zh"};
  colette_render_options o;
  colette_render_options_default(&o);
  o.format = (colette_format)(data[0] % 7);
  o.lang = langs[(data[0] / 7) % 4];
  o.context = ctx;
  colette_letter *l = NULL, *again = NULL;
  colette_error err;
  fuzz_out out = {0}, flat = {0};
  if (colette_letter_read((const char *)data + 1, size - 1, "fuzz.xml", &l, &err) != COLETTE_OK)
    goto done;
  colette_render_report rep;
  colette_status st = colette_render(l, &o, fuzz_sink(&out), &rep, &err);
  FUZZ_CHECK(st == COLETTE_OK || st == COLETTE_ERR_LIMIT || st == COLETTE_ERR_NOMEM,
             "a letter read does not render as %s in %s: %s", colette_format_name(o.format),
             o.lang ? o.lang : "its language", err.message);
  if (st != COLETTE_OK) goto done;
  FUZZ_CHECK(rep.translated + rep.mixed + rep.kept <= rep.blocks,
             "the report counts more blocks written and kept (%lu + %lu + %lu) than blocks (%lu)",
             rep.translated, rep.mixed, rep.kept, rep.blocks);
  if (o.format == COLETTE_FORMAT_LETTER)
    FUZZ_CHECK(colette_letter_read(out.data, out.len, "rendered.xml", &again, &err) == COLETTE_OK,
               "a letter rendered does not read back: line %d: %s", err.line, err.message);
  if (o.format == COLETTE_FORMAT_DOCX) {
    st = colette_unpack_memory(out.data, out.len, NULL, fuzz_sink(&flat), &err);
    FUZZ_CHECK(st == COLETTE_OK || st == COLETTE_ERR_LIMIT, "a DOCX rendered does not unpack: %s",
               err.message);
  }
done:
  colette_letter_free(l);
  colette_letter_free(again);
  fuzz_out_free(&out);
  fuzz_out_free(&flat);
  return 0;
}
