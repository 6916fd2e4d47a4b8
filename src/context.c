/* context.c: a context: the catalogue, the recognisers and the date
 * formats, made once for many letters. */
#include "context.h"

#include <stdlib.h>

#include "error.h"
#include "lang.h"
#include "sentences.h"

colette_status colette_context_new(colette_context **out, colette_error *err) {
  *out = NULL;
  colette_context *c = calloc(1, sizeof *c);
  if (!c) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  colette_status st = cat_open(&c->cat, err);
  if (st == COLETTE_OK && (!(c->rec = recogniser_new()) || !(c->dates = render_dates_new(c->cat))))
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory (or ICU's data missing)");
  if (st != COLETTE_OK) {
    colette_context_free(c);
    return st;
  }
  /* "en@ss=standard": no break after the abbreviations CLDR lists ("e.g.",
   * "Mr."); without the iterator, formulae match whole paragraphs only */
  c->sentences = sentences_new("en");
  c->folds = tokens_folds_new(); /* a cache: none, and words are folded each time */
  *out = c;
  return COLETTE_OK;
}

struct lang_classifier *context_classifier(colette_context *c) {
  if (!c->lc) c->lc = lang_classifier_new();
  return c->lc;
}

void colette_context_free(colette_context *c) {
  if (!c) return;
  lang_classifier_free(c->lc);
  tokens_folds_free(c->folds);
  sentences_free(c->sentences);
  render_dates_free(c->dates);
  recogniser_free(c->rec);
  cat_free(c->cat);
  free(c);
}
