/* context.h: what a context holds (private): what is made once and used
 * by every call that is given it. */
#ifndef COLETTE_CONTEXT_H
#define COLETTE_CONTEXT_H

#include "colette.h"
#include "letter/catalog.h"
#include "letter/recognise.h"
#include "render/render.h"

struct colette_context {
  catalog *cat;                     /* the catalogue, loaded and checked */
  recogniser *rec;                  /* ICU's month and weekday names, token space */
  render_dates *dates;              /* ICU's date formats per language, made as asked */
  struct sentence_breaker *sentences;      /* ICU's sentence breaks, en@ss=standard's (or NULL) */
  struct lang_classifier *lc;       /* colette_normalize's, made when first asked */
  tokens_folds *folds;              /* the catalogue cut's folded words (or NULL) */
};

/* context_classifier (lang.h): the context's classifier, made on first use. */

#endif
