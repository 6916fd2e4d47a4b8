/*
 * catalog.c: loading the catalogue (ICU resource bundles linked into the
 * library, or the table compiled from them).  Writing and checking its
 * canonical forms is in catalog_format.c, matching in cmatch.c.
 */
#include "catalog_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udata.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/upluralrules.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "../error.h"
#include "catalog_table.h"

/* The compiled bundles, made by genrb, pkgdata and genccode (CMakeLists.txt). */
extern const char colette_catalog_dat[];
#define PACKAGE "colette_catalog"

static const char *const CLASS_NAMES[CAT_CLASSES] = {
    "label", "organization", "dateline",   "place",   "group",     "mode",      "docref",
    "role",  "subject",      "salutation", "closing", "deadlines", "enclosure", "annex",
    "kind",  "title",        "sentence",   "heading", "item",      "writer",    "country"};

static const char *const TYPE_NAMES[CAT_P_TYPES] = {"number", "count",     "id",   "text",
                                                    "date",   "daterange", "time", "group",
                                                    "place",  "email",     "url",  "phone"};

const char *cat_class_name(cat_class k) { return k < CAT_CLASSES ? CLASS_NAMES[k] : "?"; }

/* ---- small helpers ---------------------------------------------------------------- */

/* u (n units) as UTF-8, or NULL (out of memory, or an unpaired surrogate,
 * which u_strToUTF8 refuses too).  Converted here: ICU's conversion, asked
 * twice (the length, then the text) for each of the catalogue's strings,
 * was a fifth of making a context. */
char *cat_u8_dup(const UChar *u, int32_t n) {
  if (n < 0) n = u_strlen(u);
  char *s = malloc(3 * (size_t)n + 1); /* a unit is at most 3 bytes (a pair, 4 for 2) */
  if (!s) return NULL;
  size_t o = 0;
  for (int32_t i = 0; i < n;) {
    if (u[i] < 0x80) {
      s[o++] = (char)u[i++];
      continue;
    }
    UChar32 c;
    U16_NEXT(u, i, n, c);
    if (U_IS_SURROGATE(c)) {
      free(s);
      return NULL;
    }
    U8_APPEND_UNSAFE(s, o, c);
  }
  s[o] = '\0';
  char *t = realloc(s, o + 1);
  return t ? t : s;
}

/* A string resource as UTF-8, or NULL (absent, or out of memory: *nomem). */
static char *res_string(const UResourceBundle *b, const char *key, bool *nomem) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0;
  const UChar *u = ures_getStringByKey(b, key, &n, &e);
  if (U_FAILURE(e)) return NULL;
  char *s = cat_u8_dup(u, n);
  if (!s) *nomem = true;
  return s;
}

/* A time pattern of the settings into dst, left "" when absent; false
 * when it does not fit. */
/* A string setting into its fixed-size slot: false where it does not fit,
 * which the loader reports rather than cut a pattern short. */
static bool setting(const UResourceBundle *set, const char *key, char *dst, size_t size,
                    bool *nomem) {
  char *s = res_string(set, key, nomem);
  bool fits = !s || strlen(s) < size;
  if (s && fits) memcpy(dst, s, strlen(s) + 1);
  free(s);
  return fits;
}

/* ---- accessors --------------------------------------------------------------------- */

size_t cat_languages(const catalog *c) { return c->nlang; }
const char *cat_language_locale(const catalog *c, size_t i) {
  return c->locales[i][0] ? c->locales[i] : c->langs[i];
}
bool cat_language_first_ordinal(const catalog *c, size_t i) { return c->first_ordinal[i]; }
const char *cat_language_unnamed_group(const catalog *c, size_t i) { return c->unnamed_group[i]; }
const char *cat_language_range_text(const catalog *c, size_t i) { return c->range_text[i]; }
const char *cat_language_time_text(const catalog *c, size_t i) { return c->time_text[i]; }
const char *cat_language_time_range_text(const catalog *c, size_t i) {
  return c->time_range_text[i];
}
const char *cat_language_time_pattern(const catalog *c, size_t i) { return c->time_pattern[i]; }
const char *cat_language_hour_pattern(const catalog *c, size_t i) { return c->hour_pattern[i]; }
const char *cat_language(const catalog *c, size_t i) { return c->langs[i]; }

int cat_language_index(const catalog *c, const char *lang) {
  if (!lang) return -1;
  size_t n = strcspn(lang, "-_");
  for (size_t i = 0; i < c->nlang; i++)
    if (strlen(c->langs[i]) == n && strncmp(c->langs[i], lang, n) == 0) return (int)i;
  return -1;
}

size_t cat_entries(const catalog *c) { return c->n; }
const cat_entry *cat_entry_at(const catalog *c, size_t i) { return &c->e[i]; }

const cat_entry *cat_entry_find(const catalog *c, const char *key) {
  size_t lo = 0, hi = c->n; /* entries are sorted by key (ICU tables are) */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int r = strcmp(c->e[mid].key, key);
    if (r == 0) return &c->e[mid];
    if (r < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

const char *cat_entry_key(const cat_entry *e) { return e->key; }
cat_class cat_entry_class(const cat_entry *e) { return e->cls; }
const char *cat_entry_type(const cat_entry *e) { return e->type; }
const char *cat_entry_value(const cat_entry *e) { return e->value ? e->value : ""; }
int cat_entry_rank(const cat_entry *e) { return e->rank; }
size_t cat_entry_params(const cat_entry *e) { return e->nparams; }
const char *cat_entry_param_name(const cat_entry *e, size_t i) { return e->pname[i]; }
cat_ptype cat_entry_param_type(const cat_entry *e, size_t i) { return e->ptype[i]; }
bool cat_entry_param_optional(const cat_entry *e, size_t i) { return e->popt[i]; }
const char *cat_entry_canonical(const cat_entry *e, size_t lang) { return e->lang[lang].canonical; }
size_t cat_entry_forms(const cat_entry *e, size_t lang) { return e->lang[lang].nforms; }
const char *cat_entry_form(const cat_entry *e, size_t lang, size_t i) {
  return e->lang[lang].forms[i];
}

/* ---- loading root: classes, parameters, values ---------------------------------------- */

static int param_index(const cat_entry *e, const char *name, size_t n) {
  for (size_t i = 0; i < e->nparams; i++)
    if (strlen(e->pname[i]) == n && strncmp(e->pname[i], name, n) == 0) return (int)i;
  return -1;
}

static colette_status load_root_entry(cat_entry *e, UResourceBundle *r, colette_error *err) {
  bool nomem = false;
  e->key = strdup(ures_getKey(r));
  char *cls = res_string(r, "class", &nomem);
  e->type = res_string(r, "type", &nomem);
  e->value = res_string(r, "value", &nomem);
  if (!e->key || nomem) {
    free(cls);
    return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  }
  e->cls = CAT_CLASSES;
  for (int k = 0; cls && k < CAT_CLASSES; k++)
    if (strcmp(cls, CLASS_NAMES[k]) == 0) e->cls = (cat_class)k;
  free(cls);
  if (e->cls == CAT_CLASSES)
    return error_set(err, COLETTE_ERR_INVALID, "catalog/root.txt",
                     "entry %s: missing or unknown class", e->key);
  UErrorCode u = U_ZERO_ERROR;
  e->rank = 1;
  UResourceBundle *rank = ures_getByKey(r, "rank", NULL, &u);
  if (U_SUCCESS(u)) e->rank = ures_getInt(rank, &u);
  ures_close(rank);
  u = U_ZERO_ERROR;
  UResourceBundle *params = ures_getByKey(r, "params", NULL, &u);
  colette_status st = COLETTE_OK;
  for (int32_t i = 0; U_SUCCESS(u) && i < ures_getSize(params); i++) {
    int32_t n = 0;
    const UChar *p = ures_getStringByIndex(params, i, &n, &u);
    char *s = U_SUCCESS(u) ? cat_u8_dup(p, n) : NULL;
    char *colon = s ? strchr(s, ':') : NULL;
    if (!s || !colon || e->nparams == CAT_MAX_PARAMS) {
      free(s);
      st = error_set(err, COLETTE_ERR_INVALID, "catalog/root.txt",
                     "entry %s: parameter %d is not name:type (at most %d)", e->key, (int)i,
                     CAT_MAX_PARAMS);
      break;
    }
    *colon = '\0';
    size_t tl = strlen(colon + 1);
    bool optional = tl > 1 && colon[tl] == '?'; /* "who:text?" */
    if (optional) colon[tl] = '\0';
    int type = -1;
    for (int t = 0; t < CAT_P_TYPES; t++)
      if (strcmp(colon + 1, TYPE_NAMES[t]) == 0) type = t;
    if (type < 0 || param_index(e, s, strlen(s)) >= 0) {
      st = error_set(err, COLETTE_ERR_INVALID, "catalog/root.txt",
                     "entry %s: parameter %s: unknown type '%s' or repeated name", e->key, s,
                     colon + 1);
      free(s);
      break;
    }
    e->pname[e->nparams] = s;
    e->popt[e->nparams] = optional;
    e->ptype[e->nparams++] = (cat_ptype)type;
  }
  ures_close(params);
  if (st == COLETTE_OK && e->value)
    for (const char *p = e->value; (p = strchr(p, '{')); p++) {
      size_t n = strcspn(p + 1, "}");
      if (param_index(e, p + 1, n) < 0)
        return error_set(err, COLETTE_ERR_INVALID, "catalog/root.txt",
                         "entry %s: value names an undeclared parameter", e->key);
    }
  return st;
}

/* ---- loading a language: canonical form and recognised forms ------------------------------ */

#define MAX_EXPANSIONS 256 /* of one written form */

colette_status cat_expand_form(const char *f, char ***v, size_t *n, size_t *cap, const char *part,
                               const char *key, colette_error *err) {
  const char *open = strchr(f, '[');
  const char *close = open ? strchr(open, ']') : strchr(f, ']');
  if (!open && !close) { /* one form */
    if (*n == *cap) {
      size_t c = *cap ? 2 * *cap : 8;
      char **w = realloc(*v, c * sizeof *w);
      if (!w) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
      *v = w;
      *cap = c;
    }
    if (!((*v)[*n] = strdup(f))) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    (*n)++;
    return COLETTE_OK;
  }
  if (!open || !close || memchr(open + 1, '[', (size_t)(close - open - 1)))
    return error_set(err, COLETTE_ERR_INVALID, part,
                     "entry %s: form '%s' has an unmatched or "
                     "nested bracket",
                     key, f);
  bool optional = !memchr(open + 1, '|', (size_t)(close - open - 1));
  size_t pre = (size_t)(open - f), rest = strlen(close + 1);
  for (const char *a = open + 1;;) {
    const char *bar = a;
    while (bar < close && *bar != '|')
      bar++;
    size_t alen = (size_t)(bar - a);
    char *g = malloc(pre + alen + rest + 1);
    if (!g) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    memcpy(g, f, pre);
    memcpy(g + pre, a, alen);
    memcpy(g + pre + alen, close + 1, rest + 1);
    colette_status st = cat_expand_form(g, v, n, cap, part, key, err);
    free(g);
    if (st != COLETTE_OK) return st;
    if (*n > MAX_EXPANSIONS)
      return error_set(err, COLETTE_ERR_INVALID, part,
                       "entry %s: a form stands for more than %d forms", key, MAX_EXPANSIONS);
    if (bar >= close) break;
    a = bar + 1;
  }
  if (optional) { /* [a]: a, or nothing */
    char *g = malloc(pre + rest + 1);
    if (!g) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    memcpy(g, f, pre);
    memcpy(g + pre, close + 1, rest + 1);
    colette_status st = cat_expand_form(g, v, n, cap, part, key, err);
    free(g);
    if (st != COLETTE_OK) return st;
  }
  return COLETTE_OK;
}

/*
 * Rewrite a MessageFormat pattern's named arguments to numbers (the C API
 * formats numbered arguments): parameter i is {i}; NAME_plural of a count
 * parameter i, and NAME_kind of a group parameter i, are
 * {CAT_MAX_PARAMS + i}, as is NAME_text of a date range or time parameter
 * i (the range or time as running text says it).  The pattern is walked as MessageFormat reads it:
 * message text (an apostrophe before a syntax character quotes, ICU's
 * default mode), arguments, and the sub-messages of select and plural
 * arguments, which are text again.  Sets used[i] for every parameter
 * named.  False on an unknown name (in bad) or a pattern it cannot read.
 */
typedef struct mfw {
  const cat_entry *e;
  const UChar *in;
  int32_t n, i;
  UChar *out;
  int32_t o, cap;
  bool *used;
  char *bad;
  size_t badn;
  bool ok;
} mfw;

static void mf_put(mfw *m, UChar c) {
  if (m->o + 1 < m->cap)
    m->out[m->o++] = c;
  else
    m->ok = false;
}

static bool mf_ident(UChar c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static void mf_spaces(mfw *m) {
  while (m->i < m->n && (m->in[m->i] == ' ' || m->in[m->i] == '\t' || m->in[m->i] == '\n'))
    mf_put(m, m->in[m->i++]);
}

static void mf_text(mfw *m, bool nested);

static void mf_arg(mfw *m) {
  mf_put(m, m->in[m->i++]); /* '{' */
  mf_spaces(m);
  int32_t a = m->i;
  while (m->i < m->n && mf_ident(m->in[m->i]))
    m->i++;
  char name[64];
  size_t len = (size_t)(m->i - a);
  if (len == 0 || len >= sizeof name) {
    m->ok = false;
    return;
  }
  for (size_t k = 0; k < len; k++)
    name[k] = (char)m->in[a + (int32_t)k];
  name[len] = '\0';
  int idx = param_index(m->e, name, len);
  if (idx < 0 && len > 7 && strcmp(name + len - 7, "_plural") == 0) {
    int base = param_index(m->e, name, len - 7);
    if (base >= 0 && m->e->ptype[base] == CAT_P_COUNT) idx = CAT_MAX_PARAMS + base;
  }
  if (idx < 0 && len > 5 && strcmp(name + len - 5, "_kind") == 0) {
    int base = param_index(m->e, name, len - 5);
    if (base >= 0 && m->e->ptype[base] == CAT_P_GROUP) idx = CAT_MAX_PARAMS + base;
  }
  if (idx < 0 && len > 5 && strcmp(name + len - 5, "_text") == 0) {
    int base = param_index(m->e, name, len - 5);
    if (base >= 0 && (m->e->ptype[base] == CAT_P_DATERANGE || m->e->ptype[base] == CAT_P_TIME)) {
      idx = CAT_MAX_PARAMS + base;
      m->used[base] = true; /* the range or time itself, written as running text */
    }
  }
  if (idx < 0) {
    snprintf(m->bad, m->badn, "%s", name);
    m->ok = false;
    return;
  }
  if (idx < CAT_MAX_PARAMS) m->used[idx] = true;
  char num[8];
  int k = snprintf(num, sizeof num, "%d", idx);
  for (int d = 0; d < k; d++)
    mf_put(m, (UChar)num[d]);
  mf_spaces(m);
  if (m->i < m->n && m->in[m->i] == '}') {
    mf_put(m, m->in[m->i++]);
    return;
  }
  if (m->i >= m->n || m->in[m->i] != ',') {
    m->ok = false;
    return;
  }
  mf_put(m, m->in[m->i++]);
  mf_spaces(m);
  int32_t t = m->i;
  while (m->i < m->n && mf_ident(m->in[m->i]))
    mf_put(m, m->in[m->i++]);
  int32_t tl = m->i - t;
  bool cases = (tl == 6 && (m->in[t] == 's' || m->in[t] == 'p')) || tl == 13; /* select, plural,
                                                                             selectordinal */
  if (!cases) { /* number, date…: their style up to the closing brace */
    while (m->i < m->n && m->in[m->i] != '}')
      mf_put(m, m->in[m->i++]);
    if (m->i < m->n) mf_put(m, m->in[m->i++]);
    return;
  }
  mf_spaces(m);
  if (m->i < m->n && m->in[m->i] == ',') mf_put(m, m->in[m->i++]);
  while (m->ok && m->i < m->n) { /* keyword {message} … } */
    mf_spaces(m);
    if (m->in[m->i] == '}') {
      mf_put(m, m->in[m->i++]);
      return;
    }
    while (m->i < m->n && m->in[m->i] != '{' && m->in[m->i] != ' ')
      mf_put(m, m->in[m->i++]); /* a keyword, =1, offset:1 */
    mf_spaces(m);
    if (m->i >= m->n || m->in[m->i] != '{') {
      m->ok = false;
      return;
    }
    mf_put(m, m->in[m->i++]);
    mf_text(m, true);
    if (m->i >= m->n) {
      m->ok = false;
      return;
    }
    mf_put(m, m->in[m->i++]); /* the sub-message's '}' */
  }
  m->ok = false;
}

static void mf_text(mfw *m, bool nested) {
  bool quoted = false;
  while (m->ok && m->i < m->n) {
    UChar ch = m->in[m->i];
    if (ch == '\'') {
      if (m->i + 1 < m->n && m->in[m->i + 1] == '\'') { /* '' is an apostrophe */
        mf_put(m, ch);
        mf_put(m, m->in[m->i + 1]);
        m->i += 2;
        continue;
      }
      if (quoted)
        quoted = false;
      else if (m->i + 1 < m->n && (m->in[m->i + 1] == '{' || m->in[m->i + 1] == '}' ||
                                   m->in[m->i + 1] == '#' || m->in[m->i + 1] == '|'))
        quoted = true;
      mf_put(m, ch);
      m->i++;
      continue;
    }
    if (!quoted && ch == '}' && nested) return;
    if (!quoted && ch == '{') {
      mf_arg(m);
      continue;
    }
    mf_put(m, ch);
    m->i++;
  }
}

static bool number_arguments(const cat_entry *e, const UChar *in, int32_t n, UChar *out,
                             int32_t cap, bool *used, char *bad, size_t badn) {
  mfw m = {e, in, n, 0, out, 0, cap, used, bad, badn, true};
  mf_text(&m, false);
  if (m.o < cap) out[m.o] = 0;
  if (!m.ok && !bad[0]) snprintf(bad, badn, "(a malformed pattern)");
  return m.ok;
}

static colette_status country_language(catalog *c, cat_entry *e, size_t li, const char *part,
                                       colette_error *err);

static colette_status load_language(catalog *c, size_t li, UResourceBundle *entries,
                                    colette_error *err) {
  char part[64];
  snprintf(part, sizeof part, "catalog/%s.txt", c->langs[li]);
  /* every key of the language must be root's */
  int32_t size = ures_getSize(entries);
  for (int32_t i = 0; i < size; i++) {
    UErrorCode u = U_ZERO_ERROR;
    UResourceBundle *r = ures_getByIndex(entries, i, NULL, &u);
    const char *key = U_SUCCESS(u) ? ures_getKey(r) : NULL;
    bool known = key && cat_entry_find(c, key);
    colette_status st = known ? COLETTE_OK
                              : error_set(err, COLETTE_ERR_INVALID, part,
                                          "entry %s is not in catalog/root.txt", key ? key : "?");
    ures_close(r);
    if (st != COLETTE_OK) return st;
  }
  for (size_t k = 0; k < c->n; k++) {
    cat_entry *e = &c->e[k];
    cat_lang *l = &e->lang[li];
    if (e->cls == CAT_COUNTRY) { /* ICU's, not the bundle's */
      colette_status st = country_language(c, e, li, part, err);
      if (st != COLETTE_OK) return st;
      continue;
    }
    UErrorCode u = U_ZERO_ERROR;
    UResourceBundle *r = ures_getByKey(entries, e->key, NULL, &u);
    if (U_FAILURE(u)) {
      ures_close(r);
      return error_set(err, COLETTE_ERR_INVALID, part, "entry %s is missing", e->key);
    }
    int32_t n = 0;
    const UChar *canon = ures_getStringByKey(r, "canonical", &n, &u);
    if (U_FAILURE(u)) {
      ures_close(r);
      return error_set(err, COLETTE_ERR_INVALID, part, "entry %s has no canonical form", e->key);
    }
    l->canonical = cat_u8_dup(canon, n);
    l->pattern = malloc(sizeof(UChar) * (size_t)(2 * n + 64));
    if (!l->canonical || !l->pattern) {
      ures_close(r);
      return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    }
    bool used[CAT_MAX_PARAMS] = {false};
    char bad[64] = "";
    if (!number_arguments(e, canon, n, l->pattern, 2 * n + 64, used, bad, sizeof bad)) {
      ures_close(r);
      return error_set(err, COLETTE_ERR_INVALID, part,
                       "entry %s: canonical form names '%s', which root does not declare", e->key,
                       bad);
    }
    for (size_t p = 0; p < e->nparams; p++)
      if (!used[p] && !e->popt[p]) {
        ures_close(r);
        return error_set(err, COLETTE_ERR_INVALID, part,
                         "entry %s: canonical form lacks parameter {%s}", e->key, e->pname[p]);
      }
    /* the MessageFormat is compiled on first use (open_format): mapping a
     * letter formats none, and cat_check_formats at build time has
     * compiled every one */
    UResourceBundle *forms = ures_getByKey(r, "recognise", NULL, &u);
    int32_t nf = U_SUCCESS(u) ? ures_getSize(forms) : 0;
    if (e->cls == CAT_WRITER) { /* written, never read: nothing to recognise */
      ures_close(forms);
      ures_close(r);
      if (nf > 0)
        return error_set(err, COLETTE_ERR_INVALID, part,
                         "entry %s: a writer's words are not recognised ('recognise' given)",
                         e->key);
      continue;
    }
    if (nf <= 0 || ures_getType(forms) != URES_ARRAY) {
      ures_close(forms);
      ures_close(r);
      return error_set(err, COLETTE_ERR_INVALID, part,
                       "entry %s: 'recognise' must be an array of at least one form", e->key);
    }
    colette_status st = COLETTE_OK;
    size_t cap = 0;
    for (int32_t f = 0; f < nf && st == COLETTE_OK; f++) {
      const UChar *s = ures_getStringByIndex(forms, f, &n, &u);
      char *form = U_SUCCESS(u) ? cat_u8_dup(s, n) : NULL;
      if (!form) {
        st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
        break;
      }
      size_t first = l->nforms;
      st = cat_expand_form(form, &l->forms, &l->nforms, &cap, part, e->key, err);
      free(form);
      for (size_t x = first; x < l->nforms && st == COLETTE_OK; x++)
        st = cat_compile_form(c, e, li, x, part, err);
    }
    ures_close(forms);
    ures_close(r);
    if (st != COLETTE_OK) return st;
  }
  return COLETTE_OK;
}

/* ---- countries: ICU's names, not the catalogue's ----------------------------------------------
 */

static int by_key(const void *a, const void *b) {
  return strcmp(((const cat_entry *)a)->key, ((const cat_entry *)b)->key);
}

/* Class country's entries, one a region ICU knows (uloc_getISOCountries),
 * appended to c's: country.TH, value TH.  Their words are ICU's display
 * names in each language (country_language), not typed in the catalogue:
 * "Bangkok, Thailand", "Bangkok (Thaïlande)" are one place. */
static colette_status add_countries(catalog *c, colette_error *err) {
  const char *const *iso = uloc_getISOCountries();
  size_t n = 0;
  while (iso && iso[n])
    n++;
  cat_entry *v = realloc(c->e, (c->n + n) * sizeof *v);
  if (!v) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  c->e = v;
  for (size_t i = 0; i < n; i++) {
    cat_entry *e = &c->e[c->n];
    memset(e, 0, sizeof *e);
    e->index = c->n++;
    e->cls = CAT_COUNTRY;
    size_t len = strlen(iso[i]);
    e->key = malloc(len + 9);
    e->value = strdup(iso[i]);
    if (!e->key || !e->value) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    snprintf(e->key, len + 9, "country.%s", iso[i]);
  }
  /* among the others by key, as cat_entry_find bisects (no pattern points
   * at an entry yet) */
  qsort(c->e, c->n, sizeof *c->e, by_key);
  for (size_t k = 0; k < c->n; k++)
    c->e[k].index = k;
  return COLETTE_OK;
}

/* Country e in language li: ICU's name of its region in the language's
 * locale, its canonical form and the one form recognised. */
static colette_status country_language(catalog *c, cat_entry *e, size_t li, const char *part,
                                       colette_error *err) {
  cat_lang *l = &e->lang[li];
  char region[16];
  snprintf(region, sizeof region, "und_%s", e->value);
  UChar name[128];
  UErrorCode u = U_ZERO_ERROR;
  int32_t n = uloc_getDisplayCountry(region, c->locales[li], name, 128, &u);
  if (U_FAILURE(u) || n <= 0 || n >= 128) { /* none: the code, as ICU writes an unknown one */
    n = (int32_t)strlen(e->value);
    u_charsToUChars(e->value, name, n);
  }
  l->canonical = cat_u8_dup(name, n);
  l->pattern = malloc(sizeof(UChar) * (size_t)(2 * n + 64));
  l->forms = malloc(sizeof *l->forms);
  if (!l->canonical || !l->pattern || !l->forms || !(l->forms[0] = strdup(l->canonical)))
    return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  l->nforms = 1;
  bool used[CAT_MAX_PARAMS] = {false};
  char bad[64] = "";
  if (!number_arguments(e, name, n, l->pattern, 2 * n + 64, used, bad, sizeof bad))
    return error_set(err, COLETTE_ERR_INVALID, part, "%s: ICU's name names '%s'", e->key, bad);
  return cat_compile_form(c, e, li, 0, part, err);
}

/* ---- open and free ------------------------------------------------------------------------ */

static colette_status open_package(UResourceBundle **out, const char *locale, colette_error *err) {
  UErrorCode u = U_ZERO_ERROR;
  udata_setAppData(PACKAGE, colette_catalog_dat, &u); /* the first call registers, later ones
                                                          are no-ops with a warning */
  u = U_ZERO_ERROR;
  *out = ures_openDirect(PACKAGE, locale, &u);
  if (U_FAILURE(u)) {
    ures_close(*out);
    *out = NULL;
    return error_set(err, COLETTE_ERR_INVALID, NULL, "catalogue '%s' cannot be opened: %s", locale,
                     u_errorName(u));
  }
  return COLETTE_OK;
}

/* Room for the plural rules and the MessageFormats (made as asked); then
 * the index of the patterns: the table's, or built. */
static colette_status finish(catalog *c, const cat_table *tb, colette_error *err) {
  if (!(c->plural = calloc(CAT_MAX_LANGS, sizeof *c->plural)) ||
      !(c->fmt = calloc(c->n * c->nlang + 1, sizeof *c->fmt)))
    return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  if (!tb) return cat_index(c, err);
  for (int k = 0; k < CAT_CLASSES; k++) {
    const cat_table_class *t = &tb->classes[k];
    c->nbyclass[k] = t->nbyclass;
    if (!t->nbyclass) continue;
    /* the table is never written: the casts only fit the built index's types */
    c->byclass[k] = (uint32_t *)tb->idx + t->byclass;
    cat_starts *s = &c->starts[k];
    s->tab = (cat_first *)tb->first + t->first;
    s->mask = t->mask;
    s->pos = (uint32_t *)tb->idx + t->pos;
    s->slots = (uint32_t *)tb->idx + t->slots;
    s->nslots = t->nslots;
  }
  return COLETTE_OK;
}

static colette_status load(catalog *c, colette_error *err) {
  UResourceBundle *root = NULL, *entries = NULL;
  colette_status st = open_package(&root, "root", err);
  if (st != COLETTE_OK) return st;
  UErrorCode u = U_ZERO_ERROR;
  entries = ures_getByKey(root, "entries", NULL, &u);
  int32_t size = U_SUCCESS(u) ? ures_getSize(entries) : 0;
  if (size <= 0) {
    st = error_set(err, COLETTE_ERR_INVALID, "catalog/root.txt", "no entries");
    goto done;
  }
  c->e = calloc((size_t)size, sizeof *c->e);
  if (!c->e) {
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    goto done;
  }
  for (int32_t i = 0; i < size && st == COLETTE_OK; i++) {
    UResourceBundle *r = ures_getByIndex(entries, i, NULL, &u);
    c->e[c->n].index = c->n;
    st = U_SUCCESS(u) ? load_root_entry(&c->e[c->n++], r, err)
                      : error_set(err, COLETTE_ERR_INVALID, "catalog/root.txt", "unreadable entry");
    ures_close(r);
  }
  if (st == COLETTE_OK) st = add_countries(c, err);
  if (st != COLETTE_OK) goto done;
  /* the languages: every locale the package lists (res_index) but root */
  UEnumeration *en = ures_openAvailableLocales(PACKAGE, &u);
  const char *loc;
  while (U_SUCCESS(u) && (loc = uenum_next(en, NULL, &u)))
    if (strcmp(loc, "root") != 0 && c->nlang < CAT_MAX_LANGS)
      snprintf(c->langs[c->nlang++], sizeof c->langs[0], "%s", loc);
  uenum_close(en);
  if (c->nlang == 0) {
    st = error_set(err, COLETTE_ERR_INVALID, NULL, "the catalogue has no language");
    goto done;
  }
  for (size_t k = 0; k < c->n; k++)
    if (!(c->e[k].lang = calloc(c->nlang, sizeof *c->e[k].lang))) {
      st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
      goto done;
    }
  for (size_t li = 0; li < c->nlang && st == COLETTE_OK; li++) {
    UResourceBundle *b = NULL, *be = NULL;
    st = open_package(&b, c->langs[li], err);
    if (st == COLETTE_OK) {
      u = U_ZERO_ERROR;
      UResourceBundle *set = ures_getByKey(b, "settings", NULL, &u);
      bool nomem = false;
      const struct {
        const char *key;
        char *dst;
        size_t size;
      } str[] = {
          {"locale", c->locales[li], sizeof c->locales[li]},
          {"unnamedGroup", c->unnamed_group[li], sizeof c->unnamed_group[li]},
          {"rangeInText", c->range_text[li], sizeof c->range_text[li]},
          {"timeInText", c->time_text[li], sizeof c->time_text[li]},
          {"timeRangeInText", c->time_range_text[li], sizeof c->time_range_text[li]},
          {"timePattern", c->time_pattern[li], sizeof c->time_pattern[li]},
          {"timeOnTheHour", c->hour_pattern[li], sizeof c->hour_pattern[li]},
      };
      size_t too_long = sizeof str / sizeof *str;
      for (size_t k = 0; U_SUCCESS(u) && k < sizeof str / sizeof *str; k++)
        if (!setting(set, str[k].key, str[k].dst, str[k].size, &nomem)) too_long = k;
      if (too_long < sizeof str / sizeof *str) {
        ures_close(set);
        ures_close(b);
        st = error_set(err, COLETTE_ERR_INVALID, NULL,
                       "catalog/%s.txt: settings.%s is longer than %zu bytes", c->langs[li],
                       str[too_long].key, str[too_long].size - 1);
        break;
      }
      u = U_ZERO_ERROR;
      UResourceBundle *ord = ures_getByKey(set, "firstDayOrdinal", NULL, &u);
      if (U_SUCCESS(u)) c->first_ordinal[li] = ures_getInt(ord, &u) != 0;
      ures_close(ord);
      ures_close(set);
      u = U_ZERO_ERROR;
      be = ures_getByKey(b, "entries", NULL, &u);
      st = nomem          ? error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory")
           : U_SUCCESS(u) ? load_language(c, li, be, err)
                          : error_set(err, COLETTE_ERR_INVALID, NULL, "catalog/%s.txt: no entries",
                                      c->langs[li]);
    }
    ures_close(be);
    ures_close(b);
  }
  if (st == COLETTE_OK) st = finish(c, NULL, err);
done:
  ures_close(entries);
  ures_close(root);
  return st;
}

/* The catalogue compiled at build time (catalog_table.h): the entries,
 * their languages and the patterns are the table's, which the generator
 * wrote from a catalogue loaded and checked by load(). */
static colette_status load_table(catalog *c, const cat_table *tb, colette_error *err) {
  c->image = true;
  if (tb->nlang == 0 || tb->nlang > CAT_MAX_LANGS)
    return error_set(err, COLETTE_ERR_INVALID, NULL, "the compiled catalogue has %zu languages",
                     tb->nlang);
  c->nlang = tb->nlang;
  for (size_t li = 0; li < c->nlang; li++) {
    const cat_table_language *t = &tb->languages[li];
    snprintf(c->langs[li], sizeof c->langs[li], "%s", tb->str + t->name);
    snprintf(c->locales[li], sizeof c->locales[li], "%s", tb->str + t->locale);
    snprintf(c->unnamed_group[li], sizeof c->unnamed_group[li], "%s", tb->str + t->unnamed_group);
    snprintf(c->range_text[li], sizeof c->range_text[li], "%s", tb->str + t->range_text);
    snprintf(c->time_text[li], sizeof c->time_text[li], "%s", tb->str + t->time_text);
    snprintf(c->time_range_text[li], sizeof c->time_range_text[li], "%s",
             tb->str + t->time_range_text);
    snprintf(c->time_pattern[li], sizeof c->time_pattern[li], "%s", tb->str + t->time_pattern);
    snprintf(c->hour_pattern[li], sizeof c->hour_pattern[li], "%s", tb->str + t->hour_pattern);
    c->first_ordinal[li] = t->first_ordinal != 0;
  }
  /* the table is never written: the casts only fit the loaded catalogue's
   * types, whose memory cat_free frees when it is its own */
  c->e = (cat_entry *)tb->e;
  c->n = tb->nentries;
  c->p = (cat_pattern *)tb->p;
  c->np = c->capp = tb->np;
  return finish(c, tb, err);
}

colette_status cat_open(catalog **out, colette_error *err) { return cat_open_with(out, true, err); }

colette_status cat_open_with(catalog **out, bool table, colette_error *err) {
  *out = NULL;
  catalog *c = calloc(1, sizeof *c);
  if (!c) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  const cat_table *tb = &colette_catalog_table;
  colette_status st = table && tb->nentries ? load_table(c, tb, err) : load(c, err);
  if (st != COLETTE_OK) {
    cat_free(c);
    return st;
  }
  *out = c;
  return COLETTE_OK;
}

void cat_free(catalog *c) {
  if (!c) return;
  tokens_free(&c->scratch);
  for (size_t i = 0; c->fmt && i < c->n * c->nlang; i++)
    if (c->fmt[i]) umsg_close(c->fmt[i]);
  free(c->fmt);
  for (size_t li = 0; li < c->nlang; li++)
    if (c->plural && c->plural[li]) uplrules_close(c->plural[li]);
  free(c->plural);
  cat_index_free(c);
  if (!c->image) { /* else the rest is the table's */
    for (size_t k = 0; k < c->n; k++) {
      cat_entry *e = &c->e[k];
      free(e->key);
      free(e->type);
      free(e->value);
      for (size_t p = 0; p < e->nparams; p++)
        free(e->pname[p]);
      for (size_t li = 0; e->lang && li < c->nlang; li++) {
        cat_lang *l = &e->lang[li];
        free(l->canonical);
        free(l->pattern);
        for (size_t f = 0; f < l->nforms; f++)
          free(l->forms[f]);
        free(l->forms);
      }
      free(e->lang);
    }
    free(c->e);
    for (size_t i = 0; i < c->np; i++)
      tokens_free(&c->p[i].tok);
    free(c->p);
  }
  free(c);
}
