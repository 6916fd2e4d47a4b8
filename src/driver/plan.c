/* plan.c: chains planned over media types, cheapest first, and told as
 * the shell pipeline of filters that does the same. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../error.h"
#include "driver.h"

/* The requested options a filter declares, as bits. */
static unsigned option_mask(const drv_filter *f, const drv_request_opt *opts, size_t nopts) {
  unsigned m = 0;
  for (size_t i = 0; i < nopts; i++)
    for (size_t k = 0; k < VEC_LEN(f->options, drv_option); k++)
      if (strcmp(VEC_AT(f->options, drv_option, k).name, opts[i].name) == 0) m |= 1u << i;
  return m;
}

static bool reads(const drv_filter *f, const char *media) {
  for (size_t i = 0; i < VEC_LEN(f->inputs, char *); i++)
    if (strcmp(VEC_AT(f->inputs, char *, i), media) == 0) return true;
  return false;
}

/* A state of the search: a media type reached with some options passed. */
typedef struct state {
  const char *media;
  unsigned mask;
  unsigned cost, steps;
  long prev; /* index of the state before, -1 for the input */
  size_t filter, output;
  bool done;
} state;

/* Offer the state (media, mask) at cost/steps through filter/output from
 * prev: a new state, or a better way to one not yet settled. */
static void relax(buf *states, const char *media, unsigned mask, unsigned cost, unsigned steps,
                  long prev, size_t filter, size_t output) {
  size_t n = VEC_LEN(*states, state);
  for (size_t i = 0; i < n; i++) {
    state *s = &VEC_AT(*states, state, i);
    if (s->mask != mask || strcmp(s->media, media) != 0) continue;
    if (!s->done && (cost < s->cost || (cost == s->cost && steps < s->steps))) {
      s->cost = cost;
      s->steps = steps;
      s->prev = prev;
      s->filter = filter;
      s->output = output;
    }
    return;
  }
  state s = {media, mask, cost, steps, prev, filter, output, false};
  VEC_PUSH(*states, s);
}

/* Every usable chain filter's outputs from a state at `media`. */
static void expand(const drv_registry *r, buf *states, long from, const char *media, unsigned mask,
                   unsigned cost, unsigned steps, const drv_request_opt *opts, size_t nopts) {
  for (size_t f = 0; f < drv_filter_count(r); f++) {
    const drv_filter *flt = drv_filter_at(r, f);
    if (flt->many || !drv_filter_usable(flt) || !reads(flt, media)) continue;
    unsigned m = mask | option_mask(flt, opts, nopts);
    for (size_t o = 0; o < VEC_LEN(flt->outputs, drv_output); o++)
      relax(states, VEC_AT(flt->outputs, drv_output, o).media, m, cost + flt->cost, steps + 1, from,
            f, o);
  }
}

static colette_status search(const drv_registry *r, const char *from, const char *to,
                             const drv_request_opt *opts, size_t nopts, drv_plan *out) {
  unsigned full = nopts ? (1u << nopts) - 1 : 0;
  buf states = BUF_INIT;
  /* the input itself is no state: a chain has one step at least, so that a
   * letter to a letter goes through colette-render (and is written anew) */
  expand(r, &states, -1, from, 0, 0, 0, opts, nopts);
  long found = -1;
  for (;;) {
    long best = -1;
    for (size_t i = 0; i < VEC_LEN(states, state); i++) {
      const state *s = &VEC_AT(states, state, i);
      if (s->done) continue;
      if (best < 0) {
        best = (long)i;
        continue;
      }
      const state *b = &VEC_AT(states, state, best);
      if (s->cost < b->cost || (s->cost == b->cost && s->steps < b->steps)) best = (long)i;
    }
    if (best < 0) break;
    state *s = &VEC_AT(states, state, best);
    s->done = true;
    if (s->mask == full && strcmp(s->media, to) == 0) {
      found = best;
      break;
    }
    if (s->steps < DRV_MAX_STEPS) {
      state copy = *s; /* expand may move the array */
      expand(r, &states, best, copy.media, copy.mask, copy.cost, copy.steps, opts, nopts);
    }
  }
  colette_status st = COLETTE_ERR_STAGE;
  if (found >= 0 && buf_ok(&states)) {
    const state *s = &VEC_AT(states, state, found);
    out->n = s->steps;
    out->cost = s->cost;
    for (long i = found, k = (long)s->steps - 1; i >= 0 && k >= 0; k--) {
      const state *t = &VEC_AT(states, state, i);
      out->steps[k].filter = t->filter;
      out->steps[k].output = t->output;
      out->steps[k].out = t->media;
      out->steps[k].in = t->prev >= 0 ? VEC_AT(states, state, t->prev).media : from;
      i = t->prev;
    }
    /* the media strings belong to the registry, the states go */
    for (size_t k = 0; k < out->n; k++) {
      const drv_filter *f = drv_filter_at(r, out->steps[k].filter);
      out->steps[k].out = VEC_AT(f->outputs, drv_output, out->steps[k].output).media;
      for (size_t i = 0; i < VEC_LEN(f->inputs, char *); i++)
        if (strcmp(VEC_AT(f->inputs, char *, i), out->steps[k].in) == 0)
          out->steps[k].in = VEC_AT(f->inputs, char *, i);
    }
    st = COLETTE_OK;
  } else if (!buf_ok(&states)) {
    st = COLETTE_ERR_NOMEM;
  }
  buf_free(&states);
  return st;
}

colette_status drv_plan_make(const drv_registry *r, const char *from, const char *to,
                             const drv_request_opt *opts, size_t nopts, drv_plan *out,
                             colette_error *err) {
  memset(out, 0, sizeof *out);
  out->from = from;
  out->to = to;
  if (nopts > DRV_MAX_OPTS)
    return error_set(err, COLETTE_ERR_INVALID, NULL, "at most %d options", DRV_MAX_OPTS);
  colette_status st = search(r, from, to, opts, nopts, out);
  if (st == COLETTE_OK || st == COLETTE_ERR_NOMEM)
    return st == COLETTE_OK ? st : error_set(err, st, NULL, "out of memory");
  drv_plan without;
  if (nopts && search(r, from, to, NULL, 0, &without) == COLETTE_OK) {
    buf names = BUF_INIT;
    for (size_t i = 0; i < nopts; i++)
      buf_printf(&names, "%s--%s", i ? ", " : "", opts[i].name);
    error_set(err, COLETTE_ERR_STAGE, NULL,
              "no chain of filters from %s to %s takes %s (see colette filters)",
              drv_type_name(r, from), drv_type_name(r, to), names.data ? names.data : "");
    buf_free(&names);
    return COLETTE_ERR_STAGE;
  }
  return error_set(err, COLETTE_ERR_STAGE, NULL,
                   "no chain of filters from %s to %s (see colette filters)",
                   drv_type_name(r, from), drv_type_name(r, to));
}

void drv_step_args(const drv_registry *r, const drv_plan *p, size_t i, const drv_request_opt *opts,
                   size_t nopts, buf *args) {
  const drv_filter *f = drv_filter_at(r, p->steps[i].filter);
  const drv_output *o = &VEC_AT(f->outputs, drv_output, p->steps[i].output);
  for (size_t k = 0; k < VEC_LEN(o->args, char *); k++) {
    char *a = strdup(VEC_AT(o->args, char *, k));
    if (a) VEC_PUSH(*args, a);
  }
  unsigned m = option_mask(f, opts, nopts);
  for (size_t k = 0; k < nopts; k++) {
    if (!(m & (1u << k))) continue;
    buf a = BUF_INIT;
    buf_printf(&a, "--%s", opts[k].name);
    if (opts[k].value) buf_printf(&a, "=%s", opts[k].value);
    if (a.data) VEC_PUSH(*args, a.data);
  }
}

void drv_args_free(buf *args) {
  for (size_t i = 0; i < VEC_LEN(*args, char *); i++)
    free(VEC_AT(*args, char *, i));
  buf_free(args);
}

void drv_shell_quote(buf *out, const char *s) {
  bool plain = *s != '\0';
  for (const char *p = s; *p && plain; p++)
    plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./:,+@%", *p);
  if (plain) {
    buf_puts(out, s);
    return;
  }
  buf_putc(out, '\'');
  for (const char *p = s; *p; p++) {
    if (*p == '\'')
      buf_puts(out, "'\\''");
    else
      buf_putc(out, *p);
  }
  buf_putc(out, '\'');
}

/* The command a pipeline names a filter by: its bare name when PATH finds
 * the same file, its path otherwise (a moved prefix not on PATH). */
static void command_name(buf *out, const drv_filter *f) {
  if (!f->exe) {
    buf_puts(out, f->name);
    return;
  }
  const char *path = getenv("PATH");
  struct stat a, b;
  bool same = false;
  if (path && stat(f->exe, &a) == 0) {
    for (const char *s = path; !same;) {
      const char *e = strchr(s, ':');
      size_t n = e ? (size_t)(e - s) : strlen(s);
      buf p = BUF_INIT;
      buf_printf(&p, "%.*s/%s", (int)n, n ? s : ".", f->name);
      if (p.data && stat(p.data, &b) == 0 && access(p.data, X_OK) == 0) {
        same = a.st_dev == b.st_dev && a.st_ino == b.st_ino;
        buf_free(&p);
        break; /* the first one PATH finds is the one the shell runs */
      }
      buf_free(&p);
      if (!e) break;
      s = e + 1;
    }
  }
  if (same)
    buf_puts(out, f->name);
  else
    drv_shell_quote(out, f->exe);
}

void drv_plan_explain(const drv_registry *r, const drv_plan *p, const drv_request_opt *opts,
                      size_t nopts, const char *input, const char *output, buf *out) {
  for (size_t i = 0; i < p->n; i++) {
    const drv_filter *f = drv_filter_at(r, p->steps[i].filter);
    if (i) buf_puts(out, " | ");
    command_name(out, f);
    buf args = BUF_INIT;
    drv_step_args(r, p, i, opts, nopts, &args);
    for (size_t k = 0; k < VEC_LEN(args, char *); k++) {
      buf_putc(out, ' ');
      drv_shell_quote(out, VEC_AT(args, char *, k));
    }
    drv_args_free(&args);
    if (i == 0 && input && strcmp(input, "-") != 0) {
      buf_putc(out, ' ');
      if (input[0] == '-') buf_puts(out, "./"); /* not an option */
      drv_shell_quote(out, input);
    }
    if (i + 1 == p->n && output && strcmp(output, "-") != 0) {
      /* colette's filters write -o FILE only on success, as colette does */
      buf_puts(out, f->builtin != BUILTIN_NONE ? " -o " : " > ");
      if (output[0] == '-' && f->builtin != BUILTIN_NONE) buf_puts(out, "./");
      drv_shell_quote(out, output);
    }
  }
  buf_putc(out, '\n');
}
