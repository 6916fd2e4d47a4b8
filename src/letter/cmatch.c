/*
 * cmatch.c: matching a line against the catalogue's recognised forms.
 *
 * A form is a sequence of tokens: literals (folded words, numbers, colons,
 * dashes, symbols) and typed parameter slots.  Matching walks the form and
 * the line together; a text slot takes as few tokens as lets the rest
 * match, so it backtracks, and every attempt has a step budget: a hostile
 * line cannot make it slow, it only fails to match.  The classes matched
 * anywhere in a line (places, groups, roles…) may not hold text slots, so
 * finding them is linear in the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "catalog_impl.h"

#define STEP_BUDGET 20000

/* ---- compiling the forms ------------------------------------------------------------- */

/* Classes whose forms are looked for anywhere in a text. */
static bool anywhere_class(cat_class k) {
  return k == CAT_PLACE || k == CAT_GROUP || k == CAT_MODE || k == CAT_DOCREF || k == CAT_ROLE ||
         k == CAT_KIND || k == CAT_TITLE;
}

static colette_status append_literal(cat_pattern *p, tokens *scratch, const char *s, size_t n) {
  tokens tmp = *scratch; /* its buffers, grown once for all the forms */
  colette_status st = tokens_scan(&tmp, s, n);
  for (size_t i = 0; st == COLETTE_OK && i < tmp.n; i++) {
    token k = tmp.v[i];
    size_t at = p->tok.arena.len;
    buf_append(&p->tok.arena, tokens_fold(&tmp, i), k.flen);
    if (!buf_ok(&p->tok.arena)) st = COLETTE_ERR_NOMEM;
    k.fold = at;
    if (p->tok.n == p->tok.cap) {
      size_t cap = p->tok.cap ? p->tok.cap * 2 : 16;
      token *v = realloc(p->tok.v, cap * sizeof *v);
      if (!v) {
        st = COLETTE_ERR_NOMEM;
        break;
      }
      p->tok.v = v;
      p->tok.cap = cap;
    }
    p->tok.v[p->tok.n++] = k;
    p->literals++;
  }
  *scratch = tmp;
  return st;
}

colette_status cat_compile_form(catalog *c, const cat_entry *e, size_t li, size_t form,
                                const char *part, colette_error *err) {
  if (c->np == c->capp) {
    size_t cap = c->capp ? c->capp * 2 : 256;
    cat_pattern *v = realloc(c->p, cap * sizeof *v);
    if (!v) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    c->p = v;
    c->capp = cap;
  }
  cat_pattern *p = &c->p[c->np++];
  memset(p, 0, sizeof *p);
  p->entry = e;
  p->lang = li;
  p->form = form;
  const char *s = e->lang[li].forms[form];
  colette_status st = COLETTE_OK;
  while (*s && st == COLETTE_OK) {
    const char *open = strchr(s, '{');
    const char *lit_end = open ? open : s + strlen(s);
    if (lit_end > s) st = append_literal(p, &c->scratch, s, (size_t)(lit_end - s));
    if (!open || st != COLETTE_OK) break;
    const char *close = strchr(open, '}');
    int idx = -1;
    for (size_t i = 0; close && i < e->nparams; i++)
      if (strlen(e->pname[i]) == (size_t)(close - open - 1) &&
          strncmp(e->pname[i], open + 1, (size_t)(close - open - 1)) == 0)
        idx = (int)i;
    if (idx < 0)
      return error_set(err, COLETTE_ERR_INVALID, part,
                       "entry %s: recognised form \"%s\" names an undeclared parameter", e->key,
                       e->lang[li].forms[form]);
    if (anywhere_class(e->cls) && e->ptype[idx] == CAT_P_TEXT)
      return error_set(err, COLETTE_ERR_INVALID, part,
                       "entry %s: a %s form cannot hold a text parameter ({%s})", e->key,
                       cat_class_name(e->cls), e->pname[idx]);
    if (tokens_push_slot(&p->tok, 0, idx) != COLETTE_OK)
      return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    s = close + 1;
  }
  if (st != COLETTE_OK) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  if (p->tok.n == 0)
    return error_set(err, COLETTE_ERR_INVALID, part, "entry %s: an empty recognised form", e->key);
  if (anywhere_class(e->cls) && p->literals == 0)
    return error_set(err, COLETTE_ERR_INVALID, part,
                     "entry %s: a %s form needs at least one word of its own", e->key,
                     cat_class_name(e->cls));
  return COLETTE_OK;
}

/* Index class k's patterns by their first token (cat_starts). */
static colette_status index_starts(catalog *c, cat_class k) {
  cat_starts *s = &c->starts[k];
  size_t n = c->nbyclass[k], size = 16;
  while (size < 2 * n)
    size *= 2;
  s->mask = size - 1;
  s->tab = malloc(size * sizeof *s->tab);
  s->pos = malloc((n ? n : 1) * sizeof *s->pos);
  s->slots = malloc((n ? n : 1) * sizeof *s->slots);
  if (!s->tab || !s->pos || !s->slots) return COLETTE_ERR_NOMEM;
  for (size_t i = 0; i < size; i++)
    s->tab[i] = (cat_first){0, CAT_TABLE_NONE, 0, 0};
  /* count each literal's patterns, then lay their lists out one after another */
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < n; i++) {
      const cat_pattern *p = &c->p[c->byclass[k][i]];
      if (p->tok.v[0].kind == TK_SLOT) {
        if (pass == 0) s->slots[s->nslots++] = (uint32_t)i;
        continue;
      }
      size_t h = p->tok.v[0].hash & s->mask;
      while (s->tab[h].rep != CAT_TABLE_NONE &&
             !tokens_equal(&c->p[s->tab[h].rep].tok, 0, &p->tok, 0))
        h = (h + 1) & s->mask;
      cat_first *f = &s->tab[h];
      if (f->rep == CAT_TABLE_NONE) *f = (cat_first){p->tok.v[0].hash, c->byclass[k][i], 0, 0};
      if (pass == 1) s->pos[f->at + f->n] = (uint32_t)i;
      f->n++;
    }
    if (pass == 1) break;
    uint32_t at = 0;
    for (size_t i = 0; i < size; i++) {
      s->tab[i].at = at;
      at += s->tab[i].n;
      s->tab[i].n = 0;
    }
  }
  return COLETTE_OK;
}

colette_status cat_index(catalog *c, colette_error *err) {
  tokens_free(&c->scratch); /* every form is compiled */
  for (size_t i = 0; i < c->np; i++)
    c->nbyclass[c->p[i].entry->cls]++;
  for (int k = 0; k < CAT_CLASSES; k++) {
    if (!c->nbyclass[k]) continue;
    if (!(c->byclass[k] = malloc(c->nbyclass[k] * sizeof *c->byclass[k])))
      return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    c->nbyclass[k] = 0;
  }
  for (size_t i = 0; i < c->np; i++) {
    cat_class k = c->p[i].entry->cls;
    c->byclass[k][c->nbyclass[k]++] = (uint32_t)i;
  }
  for (int k = 0; k < CAT_CLASSES; k++)
    if (c->nbyclass[k] && index_starts(c, (cat_class)k) != COLETTE_OK)
      return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  return COLETTE_OK;
}

void cat_index_free(catalog *c) {
  if (c->image) return;
  for (int k = 0; k < CAT_CLASSES; k++) {
    free(c->byclass[k]);
    free(c->starts[k].tab);
    free(c->starts[k].pos);
    free(c->starts[k].slots);
  }
}

const uint32_t *cat_starts_at(const catalog *c, cat_class k, const tokens *t, size_t ti,
                              size_t *n) {
  const cat_starts *s = &c->starts[k];
  *n = 0;
  if (!s->tab || ti >= t->n) return NULL;
  uint32_t hash = t->v[ti].hash;
  for (size_t h = hash & s->mask; s->tab[h].rep != CAT_TABLE_NONE; h = (h + 1) & s->mask) {
    const cat_first *f = &s->tab[h];
    if (f->hash == hash && tokens_equal(&c->p[f->rep].tok, 0, t, ti)) {
      *n = f->n;
      return s->pos + f->at;
    }
  }
  return NULL;
}

/* ---- the text ----------------------------------------------------------------------------- */

colette_status cat_text_set(cat_text *t, const char *s, size_t n, const match *spans,
                            size_t nspans) {
  t->s = s;
  t->n = n;
  t->spans = spans;
  t->nspans = spans ? nspans : 0;
  t->sorted = true;
  for (size_t i = 1; i < t->nspans && t->sorted; i++)
    t->sorted = spans[i - 1].start <= spans[i].start;
  return tokens_scan(&t->tok, s, n);
}

void cat_text_free(cat_text *t) { tokens_free(&t->tok); }

/* ---- matching ------------------------------------------------------------------------------- */

typedef struct mctx {
  const catalog *c;
  const cat_text *t;
  const cat_pattern *p;
  cat_mode mode;
  cat_arg args[CAT_MAX_PARAMS];
  size_t end; /* token after the match */
  long steps;
} mctx;

static bool best_at(const catalog *c, cat_class k, cat_mode mode, const cat_text *t, size_t ti,
                    long *steps, cat_match *out);
static bool best_at_of(const catalog *c, cat_class k, cat_mode mode, const cat_text *t, size_t ti,
                       long *steps, bool fixed, cat_match *out);

/* The recogniser's span of a kind that fits `type` starting in token ti. */
static const match *span_at(const cat_text *t, size_t ti, cat_ptype type) {
  const token *k = &t->tok.v[ti];
  size_t i = 0;
  if (t->sorted) { /* the first that starts in the token: a slot is tried at many tokens */
    size_t hi = t->nspans;
    while (i < hi) {
      size_t mid = i + (hi - i) / 2;
      if (t->spans[mid].start < k->start)
        i = mid + 1;
      else
        hi = mid;
    }
  }
  for (; i < t->nspans; i++) {
    const match *m = &t->spans[i];
    if (t->sorted && m->start >= k->end) break;
    if (m->start < k->start || m->start >= k->end) continue;
    bool complete = m->a[0] != '-' && (m->kind != M_DATERANGE || m->b[0] != '-');
    switch (type) {
    case CAT_P_DATE:
      if (m->kind == M_DATE && complete) return m;
      break;
    case CAT_P_DATERANGE:
      if ((m->kind == M_DATE || m->kind == M_DATERANGE) && complete) return m;
      break;
    case CAT_P_TIME:
      if (m->kind == M_TIME || m->kind == M_TIMERANGE) return m;
      break;
    case CAT_P_EMAIL:
      if (m->kind == M_EMAIL) return m;
      break;
    case CAT_P_URL:
      if (m->kind == M_URL) return m;
      break;
    case CAT_P_PHONE:
      if (m->kind == M_PHONE) return m;
      break;
    default: break;
    }
  }
  return NULL;
}

static void set_arg(mctx *m, int slot, size_t from, size_t to, const char *value) {
  cat_arg *a = &m->args[slot];
  a->start = m->t->tok.v[from].start;
  a->end = m->t->tok.v[to - 1].end;
  const char *v = value ? value : m->t->s + a->start;
  size_t n = value ? strlen(value) : a->end - a->start;
  if (n >= sizeof a->value) { /* the span keeps it whole; cut at a character */
    n = sizeof a->value - 1;
    while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
      n--;
  }
  a->cut = n < (value ? strlen(value) : a->end - a->start);
  a->vstart = a->vend = 0;
  memcpy(a->value, v, n);
  a->value[n] = '\0';
}

const char *cat_arg_value(const cat_match *cm, size_t p, buf *out) {
  const cat_arg *a = &cm->args[p];
  cat_ptype type = cat_entry_param_type(cm->entry, p);
  if (a->vend > a->vstart && cm->src && (type == CAT_P_URL || type == CAT_P_EMAIL)) {
    match x;
    memset(&x, 0, sizeof x);
    x.kind = type == CAT_P_URL ? M_URL : M_EMAIL;
    x.start = a->vstart;
    x.end = a->vend;
    return match_value(&x, cm->src, out);
  }
  if (a->cut && cm->src)
    buf_append(out, cm->src + a->start, a->end - a->start);
  else
    buf_puts(out, a->value);
  if (!buf_reserve(out, 0)) return NULL;
  out->data[out->len] = '\0';
  return out->data;
}

static bool at_end(const mctx *m, size_t ti) {
  if (m->mode != CAT_WHOLE) return true;
  for (; ti < m->t->tok.n; ti++)
    if (m->t->tok.v[ti].kind != TK_COLON) return false;
  return true;
}

static bool walk(mctx *m, size_t pi, size_t ti);

/* Is token s a symbol folded to c? */
static bool sym_is(const tokens *t, size_t s, char c) {
  return s < t->n && t->v[s].kind == TK_SYM && t->v[s].flen == 1 && tokens_fold(t, s)[0] == c;
}

/* The token after a country's name at ti, or in brackets there ("(Thaïlande)"),
 * or 0 when none is. */
static size_t country_after(mctx *m, size_t ti) {
  const tokens *tt = &m->t->tok;
  bool bracket = sym_is(tt, ti, '(');
  cat_match c;
  if (!best_at(m->c, CAT_COUNTRY, CAT_PREFIX, m->t, ti + bracket, &m->steps, &c)) return 0;
  if (!bracket) return c.tend;
  return sym_is(tt, c.tend, ')') ? c.tend + 1 : 0;
}

static bool slot(mctx *m, size_t pi, size_t ti) {
  const token *pk = &m->p->tok.v[pi];
  const cat_entry *e = m->p->entry;
  cat_ptype type = e->ptype[pk->slot];
  const tokens *tt = &m->t->tok;
  size_t n = tt->n;
  if (ti >= n) return false;
  const token *k = &tt->v[ti];
  switch (type) {
  case CAT_P_NUMBER:
  case CAT_P_COUNT: {
    if (k->kind != TK_NUM) return false;
    const char *d = tokens_fold(tt, ti);
    size_t len = k->flen;
    while (len > 1 && *d == '0')
      d++, len--;
    char v[32];
    snprintf(v, sizeof v, "%.*s", (int)(len < 30 ? len : 30), d);
    set_arg(m, pk->slot, ti, ti + 1, v);
    return walk(m, pi + 1, ti + 1);
  }
  case CAT_P_ID: {
    bool ok = (k->kind == TK_WORD && !k->cjk && k->end - k->start <= 4) ||
              (k->kind == TK_NUM && k->flen <= 3);
    if (!ok) return false;
    set_arg(m, pk->slot, ti, ti + 1, NULL);
    return walk(m, pi + 1, ti + 1);
  }
  case CAT_P_TEXT: {
    if (pi + 1 == m->p->tok.n) { /* last: the rest of the line */
      size_t end = n;
      /* the line's closing colon is no part of the free words (the
       * salutation's "：", a label's ":") */
      while (end > ti && m->mode != CAT_ANYWHERE && tt->v[end - 1].kind == TK_COLON)
        end--;
      if (end == ti) return false;
      set_arg(m, pk->slot, ti, end, NULL);
      return walk(m, pi + 1, end);
    }
    for (size_t end = ti + 1; end <= n; end++) {
      if (++m->steps > STEP_BUDGET) return false;
      set_arg(m, pk->slot, ti, end, NULL);
      if (walk(m, pi + 1, end)) return true;
    }
    return false;
  }
  case CAT_P_GROUP:
  case CAT_P_PLACE: {
    cat_match sub;
    if (best_at(m->c, type == CAT_P_GROUP ? CAT_GROUP : CAT_PLACE, CAT_PREFIX, m->t, ti, &m->steps,
                &sub)) {
      set_arg(m, pk->slot, ti, sub.tend, sub.value);
      if (walk(m, pi + 1, sub.tend)) return true;
      /* a known place and its country, ICU's name ("Bangkok, Thailand",
       * "Bangkok (Thaïlande)", "曼谷，泰国"): the place, its words all */
      size_t end = type == CAT_P_PLACE ? country_after(m, sub.tend) : 0;
      if (end) {
        set_arg(m, pk->slot, ti, end, sub.value);
        if (walk(m, pi + 1, end)) return true;
      }
    }
    if (type == CAT_P_GROUP) return false;
    /* a place the catalogue does not know: a few words (a few more Chinese
     * characters, one word each), kept as text with no key */
    size_t most = tt->v[ti].cjk ? 10 : 4;
    for (size_t end = ti + 1; end <= n && end <= ti + most; end++) {
      if (++m->steps > STEP_BUDGET) return false;
      if (tt->v[end - 1].kind != TK_WORD) break;
      set_arg(m, pk->slot, ti, end, "");
      if (walk(m, pi + 1, end)) return true;
    }
    return false;
  }
  default: {
    const match *s = span_at(m->t, ti, type);
    if (!s) return false;
    size_t end = ti;
    while (end < n && tt->v[end].start < s->end)
      end++;
    char v[200];
    if (s->kind == M_DATERANGE || s->kind == M_TIMERANGE)
      snprintf(v, sizeof v, "%s/%s", s->a, s->b);
    else if (type == CAT_P_DATERANGE)
      snprintf(v, sizeof v, "%s/%s", s->a, s->a);
    else
      snprintf(v, sizeof v, "%s", s->a);
    set_arg(m, pk->slot, ti, end, v);
    if (s->kind == M_EMAIL || s->kind == M_URL) { /* s->a may be cut: its bytes make it whole */
      m->args[pk->slot].vstart = s->start;
      m->args[pk->slot].vend = s->end;
    }
    return walk(m, pi + 1, end);
  }
  }
}

static bool walk(mctx *m, size_t pi, size_t ti) {
  if (++m->steps > STEP_BUDGET) return false;
  const tokens *pt = &m->p->tok, *tt = &m->t->tok;
  if (pi == pt->n) {
    if (!at_end(m, ti)) return false;
    m->end = ti;
    return true;
  }
  const token *pk = &pt->v[pi];
  if (pk->kind == TK_SLOT) return slot(m, pi, ti);
  if (ti < tt->n && tokens_equal(pt, pi, tt, ti)) return walk(m, pi + 1, ti + 1);
  /* a colon that ends a form may be left out */
  if (pk->kind == TK_COLON && pi + 1 == pt->n) return walk(m, pi + 1, ti);
  return false;
}

/* Is a better than b? */
static bool better(const cat_match *a, const cat_pattern *pa, const cat_match *b,
                   const cat_pattern *pb) {
  size_t la = a->tend - a->tstart, lb = b->tend - b->tstart;
  if (la != lb) return la > lb;
  if (a->entry->rank != b->entry->rank) return a->entry->rank < b->entry->rank;
  if (pa->literals != pb->literals) return pa->literals > pb->literals;
  return false; /* the first in catalogue order stays */
}

static void fill_value(const cat_entry *e, cat_match *out) {
  out->value[0] = '\0';
  if (!e->value) return;
  size_t o = 0;
  for (const char *v = e->value; *v && o + 1 < sizeof out->value;) {
    if (*v == '{') {
      size_t n = strcspn(v + 1, "}");
      for (size_t i = 0; i < e->nparams; i++)
        if (strlen(e->pname[i]) == n && strncmp(e->pname[i], v + 1, n) == 0)
          o += (size_t)snprintf(out->value + o, sizeof out->value - o, "%s", out->args[i].value);
      if (o >= sizeof out->value) o = sizeof out->value - 1;
      v += n + (v[n + 1] ? 2 : 1);
      continue;
    }
    out->value[o++] = *v++;
  }
  out->value[o] = '\0';
}

/* The best match of class k whose first token is ti. */
/* Does the pattern hold a text parameter (free words, not a typed value)? */
static bool has_text_slot(const cat_pattern *p) {
  for (size_t i = 0; i < p->tok.n; i++)
    if (p->tok.v[i].kind == TK_SLOT && p->entry->ptype[p->tok.v[i].slot] == CAT_P_TEXT) return true;
  return false;
}

static bool best_at(const catalog *c, cat_class k, cat_mode mode, const cat_text *t, size_t ti,
                    long *steps, cat_match *out) {
  return best_at_of(c, k, mode, t, ti, steps, false, out);
}

/* best_at, of the patterns without a text parameter only when fixed. */
static bool best_at_of(const catalog *c, cat_class k, cat_mode mode, const cat_text *t, size_t ti,
                       long *steps, bool fixed, cat_match *out) {
  bool found = false;
  const cat_pattern *bestp = NULL;
  /* only the patterns that can start at ti: those whose first literal is
   * ti's token and those that start with a slot, merged in catalogue order */
  size_t nlit, nslot = c->starts[k].nslots;
  const uint32_t *lit = cat_starts_at(c, k, &t->tok, ti, &nlit), *slots = c->starts[k].slots;
  for (size_t a = 0, b = 0; a < nlit || b < nslot;) {
    size_t pos = b >= nslot || (a < nlit && lit[a] < slots[b]) ? lit[a++] : slots[b++];
    const cat_pattern *p = &c->p[c->byclass[k][pos]];
    if (fixed && has_text_slot(p)) continue;
    /* each argument emptied, not the whole context (most of a kilobyte, and
     * a line tries hundreds of forms): a form need not name every
     * parameter of its entry, and the one it leaves out reads as empty */
    mctx m;
    m.c = c;
    m.t = t;
    m.p = p;
    m.mode = mode;
    m.end = 0;
    m.steps = 0;
    for (size_t ai = 0; ai < CAT_MAX_PARAMS; ai++) {
      cat_arg *g = &m.args[ai];
      g->start = g->end = g->vstart = g->vend = 0;
      g->value[0] = '\0';
      g->cut = false;
    }
    bool ok = walk(&m, 0, ti) && m.end > ti; /* a budget per form */
    *steps += m.steps;
    if (!ok) continue;
    cat_match cand;
    memset(&cand, 0, sizeof cand);
    cand.entry = p->entry;
    cand.src = t->s;
    cand.lang = p->lang;
    cand.form = p->form;
    cand.tstart = ti;
    cand.tend = m.end;
    cand.start = t->tok.v[ti].start;
    cand.end = t->tok.v[m.end - 1].end;
    memcpy(cand.args, m.args, sizeof cand.args);
    if (!found || better(&cand, p, out, bestp)) {
      *out = cand;
      bestp = p;
      found = true;
    }
  }
  if (found) fill_value(out->entry, out);
  return found;
}

bool cat_match_best(const catalog *c, cat_class k, cat_mode mode, const cat_text *t, size_t from,
                    cat_match *out) {
  long steps = 0;
  if (mode != CAT_ANYWHERE) return from < t->tok.n && best_at(c, k, mode, t, from, &steps, out);
  for (size_t ti = from; ti < t->tok.n; ti++) {
    steps = 0;
    if (best_at(c, k, CAT_ANYWHERE, t, ti, &steps, out)) return true;
  }
  return false;
}

bool cat_match_best_fixed(const catalog *c, cat_class k, cat_mode mode, const cat_text *t,
                          cat_match *out) {
  long steps = 0;
  return mode != CAT_ANYWHERE && t->tok.n && best_at_of(c, k, mode, t, 0, &steps, true, out);
}

size_t cat_match_all(const catalog *c, cat_class k, const cat_text *t, cat_match *out, size_t max) {
  return cat_match_all_from(c, k, t, 0, out, max);
}

size_t cat_match_all_from(const catalog *c, cat_class k, const cat_text *t, size_t from,
                          cat_match *out, size_t max) {
  size_t count = 0;
  while (count < max && cat_match_best(c, k, CAT_ANYWHERE, t, from, &out[count]))
    from = out[count++].tend;
  return count;
}
