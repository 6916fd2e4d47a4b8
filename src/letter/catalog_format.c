/*
 * catalog_format.c: the catalogue's canonical forms written with ICU's
 * MessageFormat (cat_format, cat_format_derived), each compiled on first
 * use, and the build-time check that every form and setting is one ICU and
 * the renderer can use (cat_check_formats).  Loading is in catalog.c.
 */
#include "catalog_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/umsg.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "../error.h"

/* Language li's plural rules, opened on first use and kept. */
static UPluralRules *plural_rules(const catalog *c, size_t li, colette_error *err) {
  if (c->plural[li]) return c->plural[li];
  UErrorCode u = U_ZERO_ERROR;
  c->plural[li] = uplrules_open(c->langs[li], &u);
  if (U_FAILURE(u)) {
    if (c->plural && c->plural[li]) uplrules_close(c->plural[li]);
    c->plural[li] = NULL;
    error_set(err, COLETTE_ERR_INVALID, NULL, "no plural rules for %s (%s)", c->langs[li],
              u_errorName(u));
  }
  return c->plural[li];
}

/* ---- writing ---------------------------------------------------------------------------- */

static UChar *u16_dup(const char *s, int32_t *len) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8(NULL, 0, &n, s ? s : "", -1, &e);
  UChar *u = malloc(sizeof(UChar) * ((size_t)n + 1));
  if (!u) return NULL;
  e = U_ZERO_ERROR;
  u_strFromUTF8(u, n + 1, len, s ? s : "", -1, &e);
  return U_SUCCESS(e) ? u : (free(u), NULL);
}

/* e's MessageFormat in language li, compiled on first use and kept (a
 * context serves one thread at a time). */
static UMessageFormat *open_format(const catalog *c, const cat_entry *e, size_t li,
                                   colette_error *err) {
  UMessageFormat **f = &c->fmt[e->index * c->nlang + li];
  if (*f) return *f;
  UErrorCode u = U_ZERO_ERROR;
  *f = umsg_open(e->lang[li].pattern, -1, c->langs[li], NULL, &u);
  if (U_FAILURE(u)) {
    if (*f) umsg_close(*f);
    *f = NULL;
    error_set(err, COLETTE_ERR_INVALID, NULL,
              "entry %s: canonical form in %s is not a MessageFormat pattern (%s)", e->key,
              c->langs[li], u_errorName(u));
  }
  return *f;
}

/* What is wrong with a time pattern, or NULL.  ICU takes any pattern and
 * writes an unknown letter as nothing, so the check is ours: the fields (the
 * unquoted ASCII letters of ICU's date pattern syntax) must be an hour's, a
 * minute's or a day period's, a time must have its hour and, unless it is
 * the form on the hour, its minutes, and every quote must close. */
static const char *time_pattern_fault(const char *p, bool minutes) {
  bool hour = false, minute = false, quoted = false;
  for (; *p; p++) {
    if (*p == '\'') {
      quoted = !quoted; /* '' inside or outside a quote is a quote: two toggles */
      continue;
    }
    if (quoted || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) continue;
    if (strchr("HhKk", *p))
      hour = true;
    else if (*p == 'm')
      minute = true;
    else if (!strchr("aBb", *p))
      return "a field that is not an hour, a minute or a day period";
  }
  if (quoted) return "a quote that does not close";
  if (!hour) return "no hour";
  if (minutes && !minute) return "no minutes";
  return NULL;
}

/* What is wrong with a running-text setting (rangeInText, timeInText,
 * timeRangeInText), or NULL.  The renderer splices the values in at the
 * first {start} and {end}, so anything else would come out as it is
 * written, or the value would not come out at all: the pattern holds
 * {start} once and, for a range, {end} once after it, and no other brace. */
static const char *text_pattern_fault(const char *p, bool range) {
  const char *s = strstr(p, "{start}"), *e = strstr(p, "{end}");
  if (!s) return "no {start}";
  if (strstr(s + 1, "{start}")) return "{start} twice";
  if (range && !e) return "no {end}";
  if (!range && e) return "an {end} for a single value";
  if (e && (e < s || strstr(e + 1, "{end}"))) return "{end} before {start}, or twice";
  size_t braces = 0;
  for (const char *q = p; *q; q++)
    braces += *q == '{' || *q == '}';
  if (braces != (range ? 4u : 2u)) return "a brace that is not {start} or {end}";
  return NULL;
}

colette_status cat_check_formats(const catalog *c, colette_error *err) {
  for (size_t k = 0; k < c->n; k++)
    for (size_t li = 0; li < c->nlang; li++)
      if (!open_format(c, &c->e[k], li, err)) return COLETTE_ERR_INVALID;
  for (size_t li = 0; li < c->nlang; li++)
    for (int k = 0; k < 2; k++) {
      const char *p = k ? c->hour_pattern[li] : c->time_pattern[li];
      const char *why = *p ? time_pattern_fault(p, k == 0) : NULL;
      if (why)
        return error_set(err, COLETTE_ERR_INVALID, NULL, "catalog/%s.txt: settings.%s \"%s\": %s",
                         c->langs[li], k ? "timeOnTheHour" : "timePattern", p, why);
    }
  for (size_t li = 0; li < c->nlang; li++) {
    const struct {
      const char *name, *p;
      bool range;
    } set[] = {{"rangeInText", c->range_text[li], true},
               {"timeInText", c->time_text[li], false},
               {"timeRangeInText", c->time_range_text[li], true}};
    for (size_t k = 0; k < sizeof set / sizeof *set; k++) {
      const char *why = *set[k].p ? text_pattern_fault(set[k].p, set[k].range) : NULL;
      if (why)
        return error_set(err, COLETTE_ERR_INVALID, NULL, "catalog/%s.txt: settings.%s \"%s\": %s",
                         c->langs[li], set[k].name, set[k].p, why);
    }
  }
  return COLETTE_OK;
}

colette_status cat_format(const catalog *c, const cat_entry *e, size_t lang,
                          const char *const *values, buf *out, colette_error *err) {
  return cat_format_derived(c, e, lang, values, NULL, out, err);
}

colette_status cat_format_derived(const catalog *c, const cat_entry *e, size_t lang,
                                  const char *const *values, const char *const *derived, buf *out,
                                  colette_error *err) {
  enum { N = 2 * CAT_MAX_PARAMS };
  UChar *arg[N] = {NULL};
  UChar empty[1] = {0};
  UChar *res = NULL;
  colette_status st = COLETTE_OK;
  if (lang >= c->nlang) return error_set(err, COLETTE_ERR_INVALID, NULL, "no such language");
  for (size_t i = 0; i < e->nparams; i++) {
    int32_t n;
    if (!(arg[i] = u16_dup(values ? values[i] : NULL, &n))) goto nomem;
    if (e->ptype[i] == CAT_P_GROUP) { /* NAME_kind: the group's entry, sg or wp */
      if (!(arg[CAT_MAX_PARAMS + i] = u16_dup(derived && derived[i] ? derived[i] : "other", &n)))
        goto nomem;
      continue;
    }
    if (e->ptype[i] == CAT_P_DATERANGE || e->ptype[i] == CAT_P_TIME) {
      /* NAME_text: the caller's, else the range or time */
      const char *t = derived && derived[i] ? derived[i] : values ? values[i] : NULL;
      if (!(arg[CAT_MAX_PARAMS + i] = u16_dup(t, &n))) goto nomem;
      continue;
    }
    if (e->ptype[i] != CAT_P_COUNT) continue;
    UChar kw[32];
    UErrorCode u = U_ZERO_ERROR;
    double v = values && values[i] ? atof(values[i]) : 0;
    const UPluralRules *rules = plural_rules(c, lang, err);
    if (!rules) {
      st = COLETTE_ERR_INVALID;
      goto done;
    }
    int32_t k = uplrules_select(rules, v, kw, 32, &u);
    if (U_FAILURE(u)) k = 0;
    if (!(arg[CAT_MAX_PARAMS + i] = malloc(sizeof(UChar) * ((size_t)k + 1)))) goto nomem;
    memcpy(arg[CAT_MAX_PARAMS + i], kw, sizeof(UChar) * (size_t)k);
    arg[CAT_MAX_PARAMS + i][k] = 0;
  }
  for (int i = 0; i < N; i++)
    if (!arg[i]) arg[i] = empty;
  UErrorCode u = U_ZERO_ERROR;
  UMessageFormat *f = open_format(c, e, lang, err);
  if (!f) {
    st = COLETTE_ERR_INVALID;
    goto done;
  }
  int32_t need = umsg_format(f, NULL, 0, &u, arg[0], arg[1], arg[2], arg[3], arg[4], arg[5], arg[6],
                             arg[7], arg[8], arg[9], arg[10], arg[11]);
  if (u != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(u)) {
    st =
        error_set(err, COLETTE_ERR_INVALID, NULL, "%s: cannot format (%s)", e->key, u_errorName(u));
    goto done;
  }
  if (!(res = malloc(sizeof(UChar) * ((size_t)need + 1)))) goto nomem;
  u = U_ZERO_ERROR;
  umsg_format(f, res, need + 1, &u, arg[0], arg[1], arg[2], arg[3], arg[4], arg[5], arg[6], arg[7],
              arg[8], arg[9], arg[10], arg[11]);
  char *s = U_SUCCESS(u) ? cat_u8_dup(res, need) : NULL;
  if (!s) goto nomem;
  buf_puts(out, s);
  free(s);
  if (!buf_ok(out)) goto nomem;
  goto done;
nomem:
  st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
done:
  for (int i = 0; i < N; i++)
    if (arg[i] != empty) free(arg[i]);
  free(res);
  return st;
}
