/*
 * normalize_lang.c: the document's languages for colette-normalize: the
 * table of the language tags it meets (interned, so a paragraph records an
 * index, not a string), and the resolution after pass 1, which gives every
 * paragraph and container its language from what its text says, its
 * marks, its neighbours and the document (see normalize.c for the passes).
 */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "lang.h"
#include "normalize.h"

/* ---- the string table ------------------------------------------------------------------------ */

static size_t hash(const char *s) { return hash_bytes(HASH_SEED, s, strlen(s)); }

/* The index of s in the document's strings, added if new; -1 for none
 * (or out of memory).  A hash table: every paragraph's marks may be a
 * language of their own. */
int norm_intern(norm *n, const char *s) {
  if (!s || !*s) return -1;
  if (2 * (n->nstrings + 1) > n->nslots) {
    size_t ns = n->nslots ? 2 * n->nslots : 64;
    int32_t *v = malloc(ns * sizeof *v);
    if (!v) {
      norm_nomem(n);
      return -1;
    }
    for (size_t i = 0; i < ns; i++)
      v[i] = -1;
    for (size_t k = 0; k < n->nstrings; k++) {
      size_t i = hash(n->strings[k]) & (ns - 1);
      while (v[i] >= 0)
        i = (i + 1) & (ns - 1);
      v[i] = (int32_t)k;
    }
    free(n->slots);
    n->slots = v;
    n->nslots = ns;
  }
  size_t i = hash(s) & (n->nslots - 1);
  for (; n->slots[i] >= 0; i = (i + 1) & (n->nslots - 1))
    if (strcmp(n->strings[n->slots[i]], s) == 0) return n->slots[i];
  if (n->nstrings == n->capstrings) {
    size_t cap = n->capstrings ? n->capstrings * 2 : 16;
    char **v = realloc(n->strings, cap * sizeof *v);
    if (!v) {
      norm_nomem(n);
      return -1;
    }
    n->strings = v;
    n->capstrings = cap;
  }
  n->strings[n->nstrings] = strdup(s);
  if (!n->strings[n->nstrings]) {
    norm_nomem(n);
    return -1;
  }
  n->slots[i] = (int32_t)n->nstrings;
  return (int)n->nstrings++;
}

/* ---- resolving languages after pass 1 ------------------------------------------------------ */

/* base ("en") with the region the marks or the document give it when they
 * are of the same language ("en-GB"). */
static int with_region(norm *n, const char *base, int marks) {
  if (marks >= 0 && lang_same(norm_str(n, marks), base)) return marks;
  if (n->doc_lang[0] && lang_same(n->doc_lang, base)) return norm_intern(n, n->doc_lang);
  return norm_intern(n, base);
}

static bool decided(const pinfo *p) { return p->kind == LANG_SCRIPT || p->kind == LANG_CLASSIFIED; }

typedef struct marks_script {
  bool known;
  char script[8];
} marks_script;

void norm_resolve(norm *n) {
  marks_script *ms = NULL;
  size_t np = n->np;
  long *prev = malloc((np + 1) * sizeof *prev), *next = malloc((np + 1) * sizeof *next);
  long *prev_latin = malloc((np + 1) * sizeof *prev), *next_latin = malloc((np + 1) * sizeof *next);
  if (!prev || !next || !prev_latin || !next_latin) {
    norm_nomem(n);
    goto done;
  }
  int latn = norm_intern(n, "Latn");
  for (size_t i = 0; i < np; i++) {
    pinfo *p = &n->p[i];
    if (!decided(p)) continue;
    p->final = with_region(n, norm_str(n, p->lang), p->marks);
  }
  long last = -1, last_latin = -1;
  for (size_t i = 0; i < np; i++) {
    prev[i] = last;
    prev_latin[i] = last_latin;
    if (decided(&n->p[i])) {
      last = (long)i;
      if (n->p[i].script == latn) last_latin = (long)i;
    }
  }
  last = last_latin = -1;
  for (size_t i = np; i-- > 0;) {
    next[i] = last;
    next_latin[i] = last_latin;
    if (decided(&n->p[i])) {
      last = (long)i;
      if (n->p[i].script == latn) last_latin = (long)i;
    }
  }
  /* unsure text: its hint, its marks if they are of its script, a Latin
   * neighbour; neutral text waits for the neighbour pass below */
  /* the script of each paragraph's marks, asked of ICU once per marks */
  size_t nmarks = n->nstrings;
  ms = calloc(nmarks + 1, sizeof *ms);
  if (!ms) {
    norm_nomem(n);
    goto done;
  }
  for (size_t i = 0; i < np; i++) {
    pinfo *p = &n->p[i];
    if (decided(p) || p->kind != LANG_UNSURE) continue;
    char script[8];
    if (p->marks >= 0 && (size_t)p->marks < nmarks) {
      marks_script *m = &ms[p->marks];
      if (!m->known) lang_script_of(norm_str(n, p->marks), m->script, sizeof m->script);
      m->known = true;
      memcpy(script, m->script, sizeof script);
    } else {
      lang_script_of(norm_str(n, p->marks), script, sizeof script);
    }
    long nbl = prev_latin[i] >= 0 ? prev_latin[i] : next_latin[i];
    bool latin = p->script >= 0 && p->script == latn;
    if (p->lang >= 0)
      p->final = with_region(n, norm_str(n, p->lang), p->marks);
    else if (p->marks >= 0 && p->script >= 0 && strcmp(script, norm_str(n, p->script)) == 0)
      p->final = p->marks;
    else if (latin && nbl >= 0)
      p->final = n->p[nbl].final;
  }
  /* the rest: the nearest decided paragraph, before first; else the nearest
   * paragraph with a language; else their own marks; else the document's.
   * (Never the main language computed below: it would change on a second
   * run, and normalizing must be idempotent.) */
  int doc = n->doc_lang[0] ? norm_intern(n, n->doc_lang) : -1;
  for (size_t i = 0; i < np; i++) {
    pinfo *p = &n->p[i];
    if (p->final >= 0 || decided(p)) continue;
    long nb = prev[i] >= 0 ? prev[i] : next[i];
    if (nb >= 0) p->final = n->p[nb].final;
  }
  long last_any = -1;
  for (size_t i = 0; i < np; i++) {
    if (n->p[i].final < 0 && last_any >= 0) n->p[i].final = n->p[last_any].final;
    if (n->p[i].final >= 0) last_any = (long)i;
  }
  for (size_t i = np; i-- > 0;) {
    if (n->p[i].final < 0 && last_any >= 0) n->p[i].final = n->p[last_any].final;
    if (n->p[i].final >= 0) last_any = (long)i;
  }
  for (size_t i = 0; i < np; i++)
    if (n->p[i].final < 0) n->p[i].final = n->p[i].marks >= 0 ? n->p[i].marks : doc;
  /* containers: the language of most of their letters */
  for (size_t k = 0; k < n->nc; k++) {
    cinfo *c = &n->c[k];
    c->final = -1;
    long best = -1;
    for (size_t i = c->first; i < c->end && i < np; i++) {
      if (c->final < 0) c->final = n->p[i].final;
      long sum = 0;
      for (size_t j = c->first; j < c->end && j < np; j++)
        if (n->p[j].final == n->p[i].final) sum += n->p[j].letters;
      if (sum > best) {
        best = sum;
        c->final = n->p[i].final;
      }
      if (c->end - c->first > 64) break; /* long containers: the first 64 decide */
    }
  }
  /* the document: the language of most letters of the body */
  n->root_final = n->doc_lang[0] ? norm_intern(n, n->doc_lang) : -1;
  long *sums = calloc(n->nstrings + 1, sizeof *sums);
  if (!sums) {
    norm_nomem(n);
    goto done;
  }
  long best = 0;
  for (size_t i = 0; i < np; i++)
    if (n->p[i].body && n->p[i].final >= 0) sums[n->p[i].final] += n->p[i].letters;
  for (size_t s = 0; s < n->nstrings; s++)
    if (sums[s] > best) {
      best = sums[s];
      n->root_final = (int)s;
    }
  free(sums);
done:
  free(ms);
  free(prev);
  free(next);
  free(prev_latin);
  free(next_latin);
}

void norm_count_langs(norm *n) {
  if (!n->stats) return;
  for (size_t i = 0; i < n->np; i++) {
    pinfo *p = &n->p[i];
    if (p->kind == LANG_SCRIPT)
      n->stats->lang_script++;
    else if (p->kind == LANG_CLASSIFIED || (p->kind == LANG_UNSURE && p->lang >= 0))
      n->stats->lang_classifier++;
    else if (p->final >= 0 && p->final == p->marks)
      n->stats->lang_marks++;
    else
      n->stats->lang_neighbours++;
  }
}
