/*
 * colette-catalog: check the catalogue linked into libcolette, or try it
 * on lines of text (a tool for whoever edits the .txt files of catalog/).
 *
 *   colette-catalog check
 *       load and check every entry in every language (cat_open does the
 *       checking), then write every canonical form with sample parameter
 *       values; exit 1 on the first failure, with its message.
 *   colette-catalog match [CLASS...]
 *       for each line of standard input, print the formulae it matches:
 *       of every class (or the named ones), as a whole line, from its
 *       start, and anywhere in it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/error.h"
#include "../../src/letter/catalog.h"
#include "../../src/letter/recognise.h"

static const char *sample(cat_ptype t) {
  switch (t) {
  case CAT_P_NUMBER: return "17";
  case CAT_P_COUNT: return "2";
  case CAT_P_ID: return "A";
  case CAT_P_TEXT: return "(text)";
  case CAT_P_DATE: return "(date)";
  case CAT_P_DATERANGE: return "(dates)";
  case CAT_P_TIME: return "(time)";
  case CAT_P_GROUP: return "(group)";
  case CAT_P_PLACE: return "(place)";
  case CAT_P_EMAIL: return "tsb@itu.int";
  case CAT_P_URL: return "http://itu.int";
  case CAT_P_PHONE: return "+41 22 730 5111";
  default: return "?";
  }
}

static int check(const catalog *c) {
  buf out = BUF_INIT;
  colette_error err;
  int forms = 0;
  for (size_t i = 0; i < cat_entries(c); i++) {
    const cat_entry *e = cat_entry_at(c, i);
    const char *values[CAT_MAX_PARAMS];
    for (size_t p = 0; p < cat_entry_params(e); p++)
      values[p] = sample(cat_entry_param_type(e, p));
    for (size_t l = 0; l < cat_languages(c); l++) {
      buf_clear(&out);
      error_clear(&err);
      /* only a label may be empty: a language that writes none there */
      if (cat_format(c, e, l, values, &out, &err) != COLETTE_OK ||
          (out.len == 0 && cat_entry_class(e) != CAT_LABEL)) {
        fprintf(stderr, "colette-catalog: %s (%s): %s\n", cat_entry_key(e), cat_language(c, l),
                err.message[0] ? err.message : "empty canonical form");
        buf_free(&out);
        return 1;
      }
      printf("%s\t%s\t%s\n", cat_entry_key(e), cat_language(c, l), out.len ? out.data : "");
      forms += (int)cat_entry_forms(e, l);
    }
  }
  buf_free(&out);
  fprintf(stderr, "colette-catalog: %zu entries in %zu languages, %d recognised forms: ok\n",
          cat_entries(c), cat_languages(c), forms);
  return 0;
}

static void show(const catalog *c, const cat_match *m, const char *how, const char *line) {
  printf("  %-8s %-30s [%s] \"%.*s\"", how, cat_entry_key(m->entry),
         cat_language(c, m->lang), (int)(m->end - m->start), line + m->start);
  if (m->value[0]) printf(" value=%s", m->value);
  for (size_t p = 0; p < cat_entry_params(m->entry); p++)
    if (m->args[p].end > m->args[p].start || m->args[p].value[0])
      printf(" %s=%s", cat_entry_param_name(m->entry, p), m->args[p].value);
  printf("\n");
}

static int try_lines(const catalog *c, int argc, char **argv) {
  recogniser *r = recogniser_new();
  if (!r) return 1;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  cat_text t = CAT_TEXT_INIT;
  match spans[256];
  while ((n = getline(&line, &cap, stdin)) > 0) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    size_t ns = recognise(r, line, (size_t)n, 0, 0, spans, 256);
    cat_text_set(&t, line, (size_t)n, spans, ns);
    printf("%s\n", line);
    for (int k = 0; k < CAT_CLASSES; k++) {
      bool wanted = argc == 0;
      for (int a = 0; a < argc; a++)
        wanted |= strcmp(argv[a], cat_class_name((cat_class)k)) == 0;
      if (!wanted) continue;
      cat_match m;
      if (cat_match_best(c, (cat_class)k, CAT_WHOLE, &t, 0, &m))
        show(c, &m, "whole", line);
      else if (cat_match_best(c, (cat_class)k, CAT_PREFIX, &t, 0, &m))
        show(c, &m, "prefix", line);
      cat_match all[32];
      size_t na = cat_match_all(c, (cat_class)k, &t, all, 32);
      for (size_t i = 0; i < na; i++)
        show(c, &all[i], "anywhere", line);
    }
  }
  cat_text_free(&t);
  free(line);
  recogniser_free(r);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2 || (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "match") != 0)) {
    fprintf(stderr, "Usage: colette-catalog check | match [CLASS...]\n");
    return 2;
  }
  catalog *c = NULL;
  colette_error err;
  error_clear(&err);
  if (cat_open(&c, &err) != COLETTE_OK || cat_check_formats(c, &err) != COLETTE_OK) {
    cat_free(c);
    fprintf(stderr, "colette-catalog: %s%s%s\n", err.part, err.part[0] ? ": " : "", err.message);
    return 1;
  }
  int rc = strcmp(argv[1], "check") == 0 ? check(c) : try_lines(c, argc - 2, argv + 2);
  cat_free(c);
  return rc;
}
