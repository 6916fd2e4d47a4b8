/*
 * render.c: colette_render (translate when asked, then one writer per
 * format) and the helpers the writers share: languages, plain text, the
 * dateline, dates and date ranges through ICU.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../context.h"
#include "../error.h"
#include "../letter/catalog.h"
#include "../letter/model.h"

static const char *const FORMAT_NAMES[COLETTE_FORMATS] = {"text", "html", "docx",  "pandoc-json",
                                                          "ics",  "json", "letter"};

const char *colette_format_name(colette_format f) {
  return f < COLETTE_FORMATS ? FORMAT_NAMES[f] : "";
}

colette_format colette_format_by_name(const char *name) {
  for (int f = 0; name && f < COLETTE_FORMATS; f++)
    if (strcmp(name, FORMAT_NAMES[f]) == 0) return (colette_format)f;
  return COLETTE_FORMATS;
}

void colette_render_options_default(colette_render_options *o) {
  memset(o, 0, sizeof *o);
  o->format = COLETTE_FORMAT_TEXT;
  o->width = 72;
}

/* ---- languages and text --------------------------------------------------------------- */

const char *render_lang(const render *r, const colette_node *n) {
  for (; n; n = colette_node_parent(n)) {
    const char *l = colette_node_attr(n, COLETTE_ATTR_LANG);
    if (l && *l) return l;
  }
  return r->lang ? r->lang : "und";
}

/* Primary subtags equal ("fr-CH" and "fr")? */
static bool same_language(const char *a, const char *b) {
  size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
  return na == nb && strncmp(a, b, na) == 0;
}

bool render_foreign(const render *r, const colette_node *n) {
  return !same_language(render_lang(r, n), r->lang ? r->lang : "und");
}

static void plain_into(const colette_node *n, buf *out) {
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_TEXT) {
      size_t len;
      const char *s = colette_node_literal(c, &len);
      buf_append(out, s, len);
    } else if (t == COLETTE_NODE_BREAK) {
      buf_putc(out, '\n');
    } else if (t != COLETTE_NODE_NOTE) {
      plain_into(c, out);
    }
  }
}

void render_plain(const colette_node *n, buf *out) { plain_into(n, out); }

/*
 * A label as shown: the letter's, but for a bullet Word draws from a
 * symbol font, which the label holds as that font's private-use code
 * (U+F0B7 is Symbol's bullet) and no other font shows: it becomes the
 * Unicode character the font draws there, or a bullet.  Fonts' facts, not
 * a locale's: ICU has no table of them.
 */
const char *render_label_shown(const char *label, size_t *len, buf *tmp) {
  static const struct {
    unsigned cp;
    const char *as;
  } SYMBOLS[] = {
      {0xF0B7, "\xE2\x80\xA2"}, /* Symbol: bullet */
      {0xF0A7, "\xE2\x96\xAA"}, /* Wingdings: small black square */
      {0xF0D8, "\xE2\x9E\xA2"}, /* Wingdings: arrowhead */
      {0xF076, "\xE2\x9D\x96"}, /* Wingdings: diamond minus white X */
      {0xF0FC, "\xE2\x9C\x93"}, /* Wingdings: check mark */
      {0xF06E, "\xE2\x96\xA0"}, /* Wingdings: black square */
      {0xF06C, "\xE2\x97\x8F"}, /* Wingdings: black circle */
  };
  const unsigned char *s = (const unsigned char *)label;
  size_t n = *len, from = 0;
  bool copied = false;
  for (size_t i = 0; i + 2 < n; i++) {
    if (s[i] != 0xEE && s[i] != 0xEF) continue; /* U+E000 to U+F8FF begin so */
    unsigned cp = ((s[i] & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    if (cp < 0xE000 || cp > 0xF8FF) continue;
    const char *as = "\xE2\x80\xA2";
    for (size_t k = 0; k < sizeof SYMBOLS / sizeof *SYMBOLS; k++)
      if (SYMBOLS[k].cp == cp) as = SYMBOLS[k].as;
    if (!copied) buf_clear(tmp); /* the first one: the label is copied from here on */
    copied = true;
    buf_append(tmp, label + from, i - from);
    buf_puts(tmp, as);
    from = i + 3;
    i += 2;
  }
  if (!copied) return label; /* the common case: nothing to show otherwise, nothing copied */
  buf_append(tmp, label + from, n - from);
  *len = tmp->len;
  return tmp->data ? tmp->data : "";
}

const char *render_label(const colette_node *n) {
  const char *l = colette_node_attr(n, COLETTE_ATTR_LABEL);
  return l ? l : "";
}

static int lang_index(const render *r, const char *lang) {
  return r->cat ? cat_language_index(r->cat, lang) : -1;
}

bool render_words(render *r, const char *key, const char *lang, const char *const *values,
                  buf *out) {
  int li = lang_index(r, lang);
  const cat_entry *e = li >= 0 ? cat_entry_find(r->cat, key) : NULL;
  if (!e || (cat_entry_params(e) && !values)) return false;
  size_t before = out->len;
  colette_error ignored;
  if (cat_format(r->cat, e, (size_t)li, values, out, &ignored) != COLETTE_OK) {
    out->len = before;
    return false;
  }
  return out->len > before;
}

colette_status render_dateline(render *r, const colette_node *place, const colette_node *date,
                               buf *out) {
  buf p = BUF_INIT, d = BUF_INIT;
  if (place) render_plain(place, &p);
  const char *lang = render_lang(r, date);
  int li = lang_index(r, lang);
  const char *formula = colette_node_attr(date, COLETTE_ATTR_FORMULA);
  const cat_entry *e = r->cat ? cat_entry_find(r->cat, "dateline") : NULL;
  colette_status st = COLETTE_OK;
  /* a dateline the catalogue knows is written anew from its facts, in the
   * date's language: the place, then the date through ICU, in that
   * language's order and words ("Genève, le 8 juin 2020", "2021年7月20日，日内瓦") */
  if (p.len && li >= 0 && e && formula && strcmp(formula, "dateline") == 0 &&
      render_date(r->dates, colette_node_attr(date, COLETTE_ATTR_WHEN), lang, &d, r->err) ==
          COLETTE_OK &&
      buf_reserve(&p, 1) && buf_reserve(&d, 1)) {
    p.data[p.len] = d.data[d.len] = '\0';
    const char *values[CAT_MAX_PARAMS] = {NULL};
    for (size_t i = 0; i < cat_entry_params(e); i++)
      values[i] = cat_entry_param_type(e, i) == CAT_P_PLACE ? p.data : d.data;
    st = cat_format(r->cat, e, (size_t)li, values, out, r->err);
  } else { /* as written: the place, then the date's own text */
    buf_clear(&d);
    render_plain(date, &d);
    if (p.len) {
      buf_append(out, p.data, p.len);
      buf_puts(out, ", ");
    }
    buf_append(out, d.data ? d.data : "", d.len);
  }
  buf_free(&p);
  buf_free(&d);
  return st;
}

/* ---- rendering ------------------------------------------------------------------------------ */

typedef colette_status (*writer)(render *r, buf *out);

static int to_buf(void *ctx, const char *data, size_t len) {
  buf_append(ctx, data, len);
  return buf_ok(ctx) ? 0 : -1;
}

/* Letter XML: the model's own writer. */
static colette_status render_letter(render *r, buf *out) {
  colette_sink s = {to_buf, out};
  return colette_letter_write(r->l, s, r->err);
}

/* The writers built so far; a format without one is refused. */
static writer writer_of(colette_format f) {
  switch (f) {
  case COLETTE_FORMAT_LETTER: return render_letter;
  case COLETTE_FORMAT_PANDOC_JSON: return render_pandoc;
  case COLETTE_FORMAT_ICS: return render_ics;
  case COLETTE_FORMAT_JSON: return render_json;
  case COLETTE_FORMAT_DOCX: return render_docx;
  case COLETTE_FORMAT_HTML: return render_html;
  case COLETTE_FORMAT_TEXT: return render_text;
  default: return NULL;
  }
}

colette_status colette_render(const colette_letter *l, const colette_render_options *opts,
                              colette_sink sink, colette_render_report *report,
                              colette_error *err) {
  colette_render_options dflt;
  if (!opts) {
    colette_render_options_default(&dflt);
    opts = &dflt;
  }
  if (report) memset(report, 0, sizeof *report);
  if (!l) return error_set(err, COLETTE_ERR_INVALID, NULL, "no letter");
  writer w = writer_of(opts->format);
  if (!w)
    return error_set(err, COLETTE_ERR_INVALID, NULL, "no writer for the format '%s'",
                     colette_format_name(opts->format));
  const char *own = colette_node_attr(colette_letter_root(l), COLETTE_ATTR_LANG);
  colette_letter *translated = NULL;
  colette_context *mine = NULL, *ctx = opts->context;
  colette_status st = ctx ? COLETTE_OK : colette_context_new(&mine, err);
  if (st != COLETTE_OK) return st;
  if (!ctx) ctx = mine;
  if (opts->lang && *opts->lang && !(own && same_language(own, opts->lang))) {
    st = colette_letter_translate(l, opts->lang, ctx, &translated, report, err);
    if (st != COLETTE_OK) {
      colette_context_free(mine);
      return st;
    }
    l = translated;
  }
  render r;
  memset(&r, 0, sizeof r);
  r.l = l;
  r.opts = opts;
  r.err = err;
  r.lang = colette_node_attr(colette_letter_root(l), COLETTE_ATTR_LANG);
  if (!r.lang) r.lang = opts->lang ? opts->lang : "und";
  buf out = BUF_INIT;
  r.cat = ctx->cat;
  r.dates = ctx->dates;
  st = w(&r, &out);
  if (st == COLETTE_OK && !buf_ok(&out))
    st = error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  if (st == COLETTE_OK && sink.write(sink.ctx, out.data ? out.data : "", out.len) != 0)
    st = error_set(err, COLETTE_ERR_IO, NULL, "cannot write output");
  buf_free(&out);
  colette_letter_free(translated);
  colette_context_free(mine);
  return st;
}
