/*
 * catalog-table OUT.c: the catalogue compiled at build time
 * (src/letter/catalog_table.h says why and how it is used).  It opens the
 * catalogue from the bundles linked in, with no table of its own
 * (catalog_table_none.c), so every entry is checked and every form
 * compiled from its text; then writes what it loaded, and the index it
 * built, as C arrays.
 * Exit 0, or 1 (a message on stderr) when the catalogue does not load or
 * OUT cannot be written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "letter/catalog_impl.h"
#include "letter/catalog_table.h"

static int fail(const char *what, const char *why) {
  fprintf(stderr, "catalog-table: %s: %s\n", what, why);
  return 1;
}

/* The string pool: s appended with its NUL; its offset. */
static uint32_t put(buf *pool, const char *s) {
  uint32_t at = (uint32_t)pool->len;
  buf_append(pool, s, strlen(s) + 1);
  return at;
}

/* An array of bytes as C, 24 to a line. */
static void bytes(FILE *f, const char *type, const char *name, const char *s, size_t n) {
  fprintf(f, "static const %s %s[%zu] = {", type, name, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    fprintf(f, "%s%d,", i % 24 ? "" : "\n  ", (int)(signed char)s[i]);
  fprintf(f, "%s\n};\n\n", n ? "" : "0");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: catalog-table OUT.c\n");
    return 2;
  }
  catalog *c;
  colette_error err;
  if (cat_open_with(&c, false, &err) != COLETTE_OK) return fail("the catalogue", err.message);
  /* the body first, in memory: the arrays the structures point into are
   * declared before it with their sizes, known once it is written */
  char *body = NULL;
  size_t body_len = 0;
  FILE *f = open_memstream(&body, &body_len);
  if (!f) {
    cat_free(c);
    return fail(argv[1], "out of memory");
  }
  buf str = BUF_INIT, arena = BUF_INIT;
  size_t nforms = 0, nustr = 0;

  fprintf(f, "static const cat_table_language languages[] = {\n");
  for (size_t li = 0; li < c->nlang; li++) {
    uint32_t name = put(&str, c->langs[li]), locale = put(&str, c->locales[li]);
    uint32_t group = put(&str, c->unnamed_group[li]), range = put(&str, c->range_text[li]);
    uint32_t time = put(&str, c->time_pattern[li]), hour = put(&str, c->hour_pattern[li]);
    uint32_t ttext = put(&str, c->time_text[li]), trange = put(&str, c->time_range_text[li]);
    fprintf(f, "  {%uu, %uu, %uu, %uu, %uu, %uu, %uu, %uu, %d},\n", name, locale, group, range,
            time, hour, ttext, trange, c->first_ordinal[li] ? 1 : 0);
  }
  fprintf(f, "};\n\nstatic const cat_entry entries[] = {\n");
  for (size_t k = 0; k < c->n; k++) {
    const cat_entry *e = &c->e[k];
    fprintf(f, "  {.key = (char *)str + %uu, .cls = (cat_class)%d, ", put(&str, e->key),
            (int)e->cls);
    if (e->type) fprintf(f, ".type = (char *)str + %uu, ", put(&str, e->type));
    if (e->value) fprintf(f, ".value = (char *)str + %uu, ", put(&str, e->value));
    fprintf(f, ".rank = %d, .nparams = %zu, ", e->rank, e->nparams);
    if (e->nparams) { /* an empty initialiser is not C11 */
      fprintf(f, ".pname = {");
      for (size_t i = 0; i < e->nparams; i++)
        fprintf(f, "(char *)str + %uu,", put(&str, e->pname[i]));
      fprintf(f, "}, .ptype = {");
      for (size_t i = 0; i < e->nparams; i++)
        fprintf(f, "(cat_ptype)%d,", (int)e->ptype[i]);
      fprintf(f, "}, .popt = {");
      for (size_t i = 0; i < e->nparams; i++)
        fprintf(f, "%s,", e->popt[i] ? "true" : "false");
      fprintf(f, "}, ");
    }
    fprintf(f, ".lang = (cat_lang *)langs + %zu, .index = %zu},\n", k * c->nlang, k);
  }
  fprintf(f, "};\n\nstatic const cat_lang langs[] = {\n");
  for (size_t k = 0; k < c->n; k++)
    for (size_t li = 0; li < c->nlang; li++) {
      const cat_lang *l = &c->e[k].lang[li];
      fprintf(f, "  {(char *)str + %uu, (UChar *)ustr + %zuu, (char **)forms + %zuu, %zuu},\n",
              put(&str, l->canonical), nustr, nforms, l->nforms);
      nustr += (size_t)u_strlen(l->pattern) + 1;
      nforms += l->nforms;
    }
  fprintf(f, "};\n\nstatic char *const forms[] = {");
  nforms = 0;
  for (size_t k = 0; k < c->n; k++)
    for (size_t li = 0; li < c->nlang; li++)
      for (size_t i = 0; i < c->e[k].lang[li].nforms; i++, nforms++)
        fprintf(f, "%s(char *)str + %uu,", nforms % 6 ? "" : "\n  ",
                put(&str, c->e[k].lang[li].forms[i]));
  fprintf(f, "%s\n};\n\nstatic const UChar ustr[] = {", nforms ? "" : "NULL");
  nustr = 0;
  for (size_t k = 0; k < c->n; k++)
    for (size_t li = 0; li < c->nlang; li++)
      for (const UChar *u = c->e[k].lang[li].pattern;; u++) {
        fprintf(f, "%s%u,", nustr++ % 16 ? "" : "\n  ", (unsigned)*u);
        if (!*u) break;
      }
  fprintf(f, "%s\n};\n\nstatic const token tok[] = {\n", nustr ? "" : "0");
  size_t ntok = 0;
  for (size_t i = 0; i < c->np; i++)
    for (size_t k = 0; k < c->p[i].tok.n; k++, ntok++) {
      const token *t = &c->p[i].tok.v[k];
      fprintf(f, "  {(tkind)%d, %d, %zuu, %zuu, %zuu, %zuu, %d, %luu},\n", (int)t->kind,
              (int)t->cjk, t->start, t->end, t->fold, t->flen, t->slot, (unsigned long)t->hash);
    }
  if (!ntok) fprintf(f, "  {(tkind)0, 0, 0, 0, 0, 0, 0, 0}\n");
  fprintf(f, "};\n\nstatic const cat_pattern pat[] = {\n");
  ntok = 0;
  for (size_t i = 0; i < c->np; i++) {
    const cat_pattern *p = &c->p[i];
    fprintf(f,
            "  {{(token *)tok + %zuu, %zuu, 0, {(char *)arena + %zuu, %zuu, 0, false}}, entries + "
            "%zuu, %zuu, %zuu, %d},\n",
            ntok, p->tok.n, arena.len, p->tok.arena.len, p->entry->index, p->lang, p->form,
            p->literals);
    ntok += p->tok.n;
    buf_append(&arena, p->tok.arena.data ? p->tok.arena.data : "", p->tok.arena.len);
    buf_append(&arena, "", 1);
  }
  if (!c->np) fprintf(f, "  {{NULL, 0, 0, {NULL, 0, 0, false}}, NULL, 0, 0, 0}\n");
  fprintf(f, "};\n\n");
  bytes(f, "char", "str", str.data, str.len);
  bytes(f, "char", "arena", arena.data, arena.len);
  /* the first-token index cat_index built, class by class: the tables'
   * entries in `first`, the pattern lists and positions in `idx` */
  size_t nfirst = 0, nidx = 0;
  fprintf(f, "static const cat_table_class classes[] = {\n");
  for (int k = 0; k < CAT_CLASSES; k++) {
    const cat_starts *s = &c->starts[k];
    size_t n = c->nbyclass[k];
    if (!n) {
      fprintf(f, "  {0, 0, 0, 0, 0, 0, 0},\n");
      continue;
    }
    fprintf(f, "  {%zuu, %zuu, %zuu, %zuu, %zuu, %zuu, %zuu},\n", n, nidx, s->mask, nfirst,
            nidx + n, nidx + 2 * n - s->nslots, s->nslots);
    nfirst += s->mask + 1;
    nidx += 2 * n; /* byclass, then pos (n - nslots), then slots */
  }
  fprintf(f, "};\n\nstatic const cat_table_first first[] = {");
  nfirst = 0;
  for (int k = 0; k < CAT_CLASSES; k++)
    for (size_t i = 0; c->nbyclass[k] && i <= c->starts[k].mask; i++, nfirst++) {
      const cat_first *t = &c->starts[k].tab[i];
      fprintf(f, "%s{%luu,%luu,%luu,%luu},", nfirst % 4 ? "" : "\n  ", (unsigned long)t->hash,
              (unsigned long)t->rep, (unsigned long)t->at, (unsigned long)t->n);
    }
  fprintf(f, "%s\n};\n\nstatic const uint32_t idx[] = {", nfirst ? "" : "{0, 0, 0, 0}");
  nidx = 0;
  for (int k = 0; k < CAT_CLASSES; k++) {
    size_t n = c->nbyclass[k], nslots = c->starts[k].nslots;
    for (size_t i = 0; i < 2 * n; i++, nidx++) {
      uint32_t v = i < n                ? c->byclass[k][i]
                   : i < 2 * n - nslots ? c->starts[k].pos[i - n]
                                        : c->starts[k].slots[i - (2 * n - nslots)];
      fprintf(f, "%s%luu,", nidx % 12 ? "" : "\n  ", (unsigned long)v);
    }
  }
  fprintf(f, "%s\n};\n\n", nidx ? "" : "0");
  fprintf(f,
          "const cat_table colette_catalog_table = {%zu, %zu, %zu, languages, entries, pat, str,\n"
          "                                         classes, first, idx};\n",
          c->n, c->nlang, c->np);
  bool ok = buf_ok(&str) && buf_ok(&arena) && fclose(f) == 0 && body;
  FILE *out = ok ? fopen(argv[1], "w") : NULL;
  if (out) {
    fprintf(
        out,
        "/* Generated by scripts/catalog-table.c from the bundles in catalog/: do not edit.\n"
        " * %zu entries in %zu languages, %zu recognised forms (src/letter/catalog_table.h). */\n"
        "#include \"letter/catalog_impl.h\"\n\n",
        c->n, c->nlang, c->np);
    fprintf(out,
            "static const char str[%zu];\nstatic const char arena[%zu];\n"
            "static const UChar ustr[%zu];\nstatic const token tok[%zu];\n"
            "static const cat_lang langs[%zu];\nstatic char *const forms[%zu];\n"
            "static const cat_entry entries[%zu];\n\n",
            str.len ? str.len : 1, arena.len ? arena.len : 1, nustr ? nustr : 1, ntok ? ntok : 1,
            c->n * c->nlang != 0 ? c->n * c->nlang : 1, nforms ? nforms : 1, c->n ? c->n : 1);
    fwrite(body, 1, body_len, out);
    ok = !ferror(out);
    ok = fclose(out) == 0 && ok;
  } else {
    ok = false;
  }
  free(body);
  buf_free(&str);
  buf_free(&arena);
  cat_free(c);
  if (!ok) return fail(argv[1], "cannot be written");
  return 0;
}
