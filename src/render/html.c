/*
 * html.c: the letter as one standalone HTML5 document (render_html): its
 * text, languages, inline content, head, annexes and notes; html_blocks.c
 * writes the blocks.
 *
 * The head is a letterhead: its organizations, the dateline, and a table
 * of its labelled facts (references, addressees as a list, contacts as
 * tel: and mailto: links, the subject); the body follows in <main>, each
 * annex in a <section id="annex-…">, the notes as footnotes linked both
 * ways, then the page footers.  Lists are real <ol>/<ul> whose items show
 * the letter's own labels; tables are real tables with their spans and
 * header rows; typed values are <time datetime> and links.
 *
 * Languages: HTML inherits lang through the tree, so an element gets
 * lang="…" wherever its language differs from the one it inherits in the
 * HTML written so far (the document's at the root).  That marks every
 * block render_foreign sees, and also a sentence in the document's language
 * inside a paragraph kept in another.
 *
 * Nothing external: one embedded style (screen, print on A4, a CJK font
 * stack), no script, no image file (the model has a picture's part name,
 * not its bytes: its description stands in its place).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../error.h"
#include "html_impl.h"

/* The embedded style.  The CJK stacks name the Noto and Source Han faces
 * Debian and most systems ship, then the platforms' own, then serif; the
 * Latin stack ends in CJK faces too, for Han text not marked as such. */
static const char STYLE[] =
    ":root{color-scheme:light}\n"
    "html{line-height:1.4;color:#000;background:#fff}\n"
    /* every element that names its language starts again from the Latin
     * stack (a block in English inside a Chinese letter), the CJK ones below
     * override it: :lang() matches what inherits the language too */
    "[lang]{font-family:\"Times New Roman\",\"Liberation Serif\",\"Noto Serif\","
    "\"DejaVu Serif\",\"Noto Serif CJK SC\",\"Source Han Serif SC\",serif}\n"
    ":lang(zh){font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Source Han Sans CN\","
    "\"Noto Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",\"Noto Serif CJK SC\","
    "\"Source Han Serif SC\",\"SimSun\",\"Songti SC\",serif}\n"
    ":lang(zh-Hant),:lang(zh-TW),:lang(zh-HK),:lang(zh-MO){font-family:\"Noto Sans CJK TC\","
    "\"Source Han Sans TC\",\"Source Han Sans TW\",\"PingFang TC\",\"Microsoft JhengHei\","
    "\"Noto Serif CJK TC\",\"PMingLiU\",serif}\n"
    ":lang(ja){font-family:\"Noto Sans CJK JP\",\"Source Han Sans JP\",\"Hiragino Sans\","
    "\"Yu Gothic\",\"Noto Serif CJK JP\",serif}\n"
    ":lang(ko){font-family:\"Noto Sans CJK KR\",\"Source Han Sans KR\",\"Apple SD Gothic Neo\","
    "\"Malgun Gothic\",\"Noto Serif CJK KR\",serif}\n"
    "body{max-width:48em;margin:2em auto;padding:0 1.5em}\n"
    "header.head{margin-bottom:2em}\n"
    ".organization{margin:0;font-weight:bold}\n"
    ".dateline{text-align:right}\n"
    "table.facts{border-collapse:collapse;margin:1em 0}\n"
    "table.facts th,table.facts td{text-align:left;vertical-align:top;padding:.1em 1em .1em 0}\n"
    "table.facts th{font-weight:normal;white-space:nowrap}\n"
    "table.facts td.subject{font-weight:bold}\n"
    "ul.addressees{list-style:none;margin:0;padding:0}\n"
    ".list{list-style:none;margin:.5em 0;padding:0}\n"
    ".list li{margin-left:2.5em}\n"
    ".list li>.label{display:inline-block;min-width:2em;margin-left:-2.5em;padding-right:.5em}\n"
    ".list .list{margin:0}\n"
    "table.table{border-collapse:collapse;margin:1em 0}\n"
    "table.table th,table.table td{border:1px solid #888;padding:.2em .4em;vertical-align:top}\n"
    "table.table th{background:#eee}\n"
    "td>p,th>p{margin:.2em 0}\n"
    "dl.dates{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em}\n"
    "dl.dates dt{font-weight:bold}\n"
    "dl.dates dd{margin:0}\n"
    ".sep{display:none}\n"
    ".signature{margin-top:2em}\n"
    ".signature p{margin:.2em 0}\n"
    ".image{display:inline-block;border:1px dashed #999;padding:0 .3em;font-size:.85em;"
    "color:#555}\n"
    "section.annex{margin-top:3em;border-top:1px solid #ccc}\n"
    "hgroup p{font-weight:bold;margin:.3em 0}\n"
    ".noteref{line-height:0}\n"
    "section.notes{margin-top:3em;border-top:1px solid #999;font-size:.9em}\n"
    "section.notes ol{list-style:none;padding:0}\n"
    "section.notes li{position:relative;padding-left:2em}\n"
    "section.notes .noteback{position:absolute;left:0}\n"
    "section.notes li>p:first-of-type{margin-top:0}\n"
    "header.furniture,footer.furniture{font-size:.8em;color:#444}\n"
    "footer.furniture{margin-top:3em;border-top:1px solid #ccc}\n"
    "@page{size:A4;margin:20mm 20mm 25mm}\n"
    "@media print{\n"
    "body{max-width:none;margin:0;padding:0}\n"
    "a,a:visited{color:inherit;text-decoration:none}\n"
    "section.annex{break-before:page;border-top:none;margin-top:0}\n"
    "h1,h2,h3,h4,h5,h6,hgroup{break-after:avoid}\n"
    "tr,dl.dates dt,dl.dates dd{break-inside:avoid}\n"
    "dl.dates dt{break-after:avoid}\n"
    "table.table th{background:none}\n"
    "}\n";

/* ---- text and attributes --------------------------------------------------------------------- */

/* The length of a character HTML forbids in its input though XML allows it
 * (a carriage return, a C1 control, a noncharacter) at s, else 0. */
static size_t forbidden(const unsigned char *s, size_t n) {
  if (s[0] == '\r') return 1;
  if (s[0] == 0xC2 && n >= 2 && s[1] >= 0x80 && s[1] <= 0x9F) return 2;
  if (s[0] == 0xEF && n >= 3 &&
      ((s[1] == 0xB7 && s[2] >= 0x90 && s[2] <= 0xAF) || (s[1] == 0xBF && s[2] >= 0xBE)))
    return 3;
  if (s[0] >= 0xF0 && s[0] <= 0xF4 && n >= 4 && (s[1] & 0x0F) == 0x0F && s[2] == 0xBF &&
      s[3] >= 0xBE)
    return 4;
  return 0;
}

/* s as HTML may hold it: a carriage return as a line feed, the other
 * forbidden characters as U+FFFD.  Returns s itself when nothing changes,
 * else tmp's copy; *len is the length. */
static const char *fit(const char *s, size_t *len, buf *tmp) {
  size_t n = *len, i = 0, from = 0;
  for (; i < n; i++)
    if (((unsigned char)s[i] == '\r' || (unsigned char)s[i] >= 0xC2) &&
        forbidden((const unsigned char *)s + i, n - i))
      break;
  if (i == n) return s;
  while (i < n) {
    size_t k = forbidden((const unsigned char *)s + i, n - i);
    if (!k) {
      i++;
      continue;
    }
    buf_append(tmp, s + from, i - from);
    buf_puts(tmp, k == 1 ? "\n" : "\xEF\xBF\xBD");
    i += k;
    from = i;
  }
  buf_append(tmp, s + from, n - from);
  *len = tmp->len;
  return tmp->data ? tmp->data : "";
}

void html_text(html *h, const char *s, size_t n) {
  buf tmp = BUF_INIT;
  const char *t = fit(s, &n, &tmp);
  buf_xml_text(h->out, t, n);
  buf_free(&tmp);
}

void html_attr(html *h, const char *name, const char *v) {
  if (!v) return;
  buf tmp = BUF_INIT;
  size_t n = strlen(v);
  const char *t = fit(v, &n, &tmp);
  buf_xml_attr_n(h->out, name, t, n);
  buf_free(&tmp);
}

/* Does href begin with a scheme a reader may follow from a letter? (No
 * javascript:, data: or file:; an anchor of the DOCX is no anchor here.) */
static bool followable(const char *href) {
  static const char *const SCHEMES[] = {"http:", "https:", "ftp:", "mailto:", "tel:"};
  for (size_t i = 0; i < sizeof SCHEMES / sizeof *SCHEMES; i++)
    if (strncasecmp(href, SCHEMES[i], strlen(SCHEMES[i])) == 0) return true;
  return false;
}

/* ` href="prefix value"`, the bytes a URL may not hold as they are
 * percent-encoded (spaces, controls, quotes, angle brackets…) and those
 * past ASCII too, as a browser does (a host's it decodes, then IDNA). */
static void href(html *h, const char *prefix, const char *v) {
  buf u = BUF_INIT;
  buf_puts(&u, prefix);
  for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
    if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>`{}|\\^", *p))
      buf_printf(&u, "%%%02X", *p);
    else
      buf_putc(&u, (char)*p);
  }
  html_attr(h, "href", u.data ? u.data : "");
  if (!buf_ok(&u)) html_fail(h, COLETTE_ERR_NOMEM);
  buf_free(&u);
}

/* ---- languages ------------------------------------------------------------------------------- */

/* Primary subtags equal ("fr-CH" and "fr")? */
static bool same_lang(const char *a, const char *b) {
  size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
  return na == nb && strncasecmp(a, b, na) == 0;
}

/* Is a language written right to left? */
static bool rtl(const char *lang) {
  static const char *const RTL[] = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"};
  for (size_t i = 0; i < sizeof RTL / sizeof *RTL; i++)
    if (same_lang(lang, RTL[i])) return true;
  return false;
}

/* ` lang="…"` (and dir when the direction changes) where n's language
 * differs from ctx, the language inherited there.  Returns the language in
 * force inside the element. */
static const char *lang(html *h, const colette_node *n, const char *ctx) {
  const char *l = render_lang(h->r, n);
  if (same_lang(l, ctx)) return ctx;
  html_attr(h, "lang", l);
  if (rtl(l) != rtl(ctx)) html_attr(h, "dir", rtl(l) ? "rtl" : "ltr");
  return l;
}

/* "<tag class=cls" with n's language where it differs from ctx; the caller
 * adds attributes and ">".  Returns the language in force inside. */
const char *html_open_tag(html *h, const char *tag, const char *cls, const colette_node *n,
                          const char *ctx) {
  buf_putc(h->out, '<');
  html_put(h, tag);
  if (cls) html_attr(h, "class", cls);
  return n ? lang(h, n, ctx) : ctx;
}

/* ---- inline ---------------------------------------------------------------------------------- */

/* A picture: its description in its place (the model has no bytes of it),
 * else its part's name, else what the rendering's language calls a
 * picture (writer.picture; English's where the catalogue has none). */
void html_image(html *h, const colette_node *n) {
  const char *d = colette_node_attr(n, COLETTE_ATTR_DESCR);
  const char *t = colette_node_attr(n, COLETTE_ATTR_TARGET);
  buf word = BUF_INIT;
  if (!d || !*d) d = t && strrchr(t, '/') ? strrchr(t, '/') + 1 : t;
  if (!d || !*d) {
    if (!render_words(h->r, "writer.picture", h->r->lang, NULL, &word) &&
        !render_words(h->r, "writer.picture", "en", NULL, &word))
      buf_puts(&word, "image");
    d = word.data ? word.data : "image";
  }
  html_put(h, "<span class=\"image\" role=\"img\"");
  html_attr(h, "aria-label", d);
  html_put(h, ">");
  html_text(h, d, strlen(d));
  html_put(h, "</span>");
  buf_free(&word);
}

/* A note's mark as the letter shows it, else its number here. */
static void mark(html *h, const colette_node *n, size_t number) {
  const char *m = colette_node_attr(n, COLETTE_ATTR_MARK);
  if (m && *m)
    html_text(h, m, strlen(m));
  else
    buf_printf(h->out, "%zu", number);
}

/* A note's reference: its mark, linked to the note at the end and back. */
static void noteref(html *h, const colette_node *n) {
  if (h->nnotes == h->capnotes) {
    size_t cap = h->capnotes ? 2 * h->capnotes : 8;
    const colette_node **v = realloc(h->notes, cap * sizeof *v);
    if (!v) {
      html_fail(h, COLETTE_ERR_NOMEM);
      return;
    }
    h->notes = v;
    h->capnotes = cap;
  }
  h->notes[h->nnotes++] = n;
  buf_printf(h->out,
             "<sup class=\"noteref\"><a href=\"#note-%zu\" id=\"noteref-%zu\" "
             "role=\"doc-noteref\">",
             h->nnotes, h->nnotes);
  mark(h, n, h->nnotes);
  html_put(h, "</a></sup>");
}

/* An element with a typed value: "<tag class=cls" + lang, the caller's
 * attributes through `a1`, `v1`…, then the content. */
static void typed(html *h, const char *tag, const char *cls, const colette_node *n, const char *ctx,
                  const char *a1, const char *v1, const char *a2, const char *v2) {
  const char *in = html_open_tag(h, tag, cls, n, ctx);
  if (a1 && v1) html_attr(h, a1, v1);
  if (a2 && v2) html_attr(h, a2, v2);
  html_put(h, ">");
  html_inlines(h, n, in);
  buf_printf(h->out, "</%s>", tag);
}

/* Does n hold a link of its own (so that it cannot be wrapped in one)? */
static bool holds_link(const colette_node *n) {
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_EMAIL || t == COLETTE_NODE_PHONE || t == COLETTE_NODE_URL ||
        t == COLETTE_NODE_LINK || t == COLETTE_NODE_NOTE || holds_link(c))
      return true;
  }
  return false;
}

/* A link to a followable address, else the text with the address kept (and
 * so where the text holds a link of its own: links do not nest). */
static void link_to(html *h, const colette_node *n, const char *ctx, const char *prefix,
                    const char *v) {
  if (v && *v && (*prefix || followable(v)) && !holds_link(n)) {
    const char *in = html_open_tag(h, "a", NULL, n, ctx);
    href(h, prefix, v);
    html_put(h, ">");
    html_inlines(h, n, in);
    html_put(h, "</a>");
  } else {
    typed(h, "span", "link", n, ctx, "data-href", v, NULL, NULL);
  }
}

void html_inline_node(html *h, const colette_node *c, const char *ctx) {
  const char *end;
  switch (colette_node_get_type(c)) {
  case COLETTE_NODE_TEXT: {
    size_t len;
    const char *s = colette_node_literal(c, &len);
    html_text(h, s, len);
    return;
  }
  case COLETTE_NODE_BREAK: html_put(h, "<br>"); return;
  case COLETTE_NODE_IMAGE: html_image(h, c); return;
  case COLETTE_NODE_NOTE: noteref(h, c); return;
  case COLETTE_NODE_DATE_VALUE:
    typed(h, "time", NULL, c, ctx, "datetime", colette_node_attr(c, COLETTE_ATTR_WHEN), NULL, NULL);
    return;
  case COLETTE_NODE_TIME:
    if ((end = colette_node_attr(c, COLETTE_ATTR_END)))
      typed(h, "span", "time", c, ctx, "data-start", colette_node_attr(c, COLETTE_ATTR_START),
            "data-end", end);
    else
      typed(h, "time", NULL, c, ctx, "datetime", colette_node_attr(c, COLETTE_ATTR_START), NULL,
            NULL);
    return;
  case COLETTE_NODE_DATERANGE:
    typed(h, "span", "daterange", c, ctx, "data-start", colette_node_attr(c, COLETTE_ATTR_START),
          "data-end", colette_node_attr(c, COLETTE_ATTR_END));
    return;
  case COLETTE_NODE_DOCREF:
    typed(h, "span", "docref", c, ctx, "data-type", colette_node_attr(c, COLETTE_ATTR_TYPE),
          "data-id", colette_node_attr(c, COLETTE_ATTR_ID));
    return;
  case COLETTE_NODE_EMAIL:
    link_to(h, c, ctx, "mailto:", colette_node_attr(c, COLETTE_ATTR_VALUE));
    return;
  case COLETTE_NODE_PHONE:
    link_to(h, c, ctx, "tel:", colette_node_attr(c, COLETTE_ATTR_VALUE));
    return;
  case COLETTE_NODE_URL: link_to(h, c, ctx, "", colette_node_attr(c, COLETTE_ATTR_VALUE)); return;
  case COLETTE_NODE_LINK: link_to(h, c, ctx, "", colette_node_attr(c, COLETTE_ATTR_HREF)); return;
  default: /* a sentence, a field (its result): a span only where the language changes */
    if (same_lang(render_lang(h->r, c), ctx)) {
      html_inlines(h, c, ctx);
    } else {
      typed(h, "span", NULL, c, ctx, NULL, NULL, NULL, NULL);
    }
    return;
  }
}

void html_inlines(html *h, const colette_node *n, const char *ctx) {
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c))
    html_inline_node(h, c, ctx);
}

/* ---- the head -------------------------------------------------------------------------------- */

static bool is_fact(colette_node_type t) {
  return t == COLETTE_NODE_REF || t == COLETTE_NODE_CONTACT || t == COLETTE_NODE_SUBJECT ||
         t == COLETTE_NODE_ADDRESSEES;
}

/* A labelled fact as a row: the label as written (in the language of the
 * letter's template, the document's), the value in its own. */
static void fact(html *h, const colette_node *n, const char *ctx) {
  const char *label = render_label(n);
  colette_node_type t = colette_node_get_type(n);
  html_put(h, "<tr>");
  if (*label) {
    html_put(h, "<th scope=\"row\">");
    html_text(h, label, strlen(label));
    html_put(h, "</th>\n");
  } else {
    html_put(h, "<td></td>\n");
  }
  const char *in = html_open_tag(h, "td", t == COLETTE_NODE_SUBJECT ? "subject" : NULL, n, ctx);
  html_put(h, ">");
  const char *type = colette_node_attr(n, COLETTE_ATTR_TYPE);
  const char *value = colette_node_attr(n, COLETTE_ATTR_VALUE);
  if (t == COLETTE_NODE_ADDRESSEES) {
    html_put(h, "\n<ul class=\"addressees\">\n");
    for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c))
      html_para(h, "li", NULL, c, in);
    html_put(h, "</ul>\n");
  } else if (t == COLETTE_NODE_CONTACT && type && value && *value && !holds_link(n) &&
             strcmp(type, "fax") != 0) {
    link_to(h, n, in,
            strcmp(type, "tel") == 0     ? "tel:"
            : strcmp(type, "email") == 0 ? "mailto:"
                                         : "",
            value);
  } else {
    html_inlines(h, n, in);
  }
  html_put(h, "</td></tr>\n");
}

/* The dateline as render_dateline writes it, its date as a <time>. */
static void dateline(html *h, const colette_node *place, const colette_node *date,
                     const char *ctx) {
  buf d = BUF_INIT;
  colette_status st = render_dateline(h->r, place, date, &d);
  if (st != COLETTE_OK) html_fail(h, st);
  html_open_tag(h, "p", "dateline", date, ctx);
  const char *when = colette_node_attr(date, COLETTE_ATTR_WHEN);
  html_put(h, ">");
  if (when) {
    html_put(h, "<time");
    html_attr(h, "datetime", when);
    html_put(h, ">");
  }
  html_text(h, d.data ? d.data : "", d.len);
  html_put(h, when ? "</time></p>\n" : "</p>\n");
  buf_free(&d);
}

static void head(html *h, const colette_node *hd, const char *ctx) {
  html_put(h, "<header class=\"head\">\n");
  bool facts = false;
  for (const colette_node *c = colette_node_first_child(hd); c; c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_FURNITURE) continue; /* at the top and the bottom of the page */
    if (is_fact(t)) {
      if (!facts) html_put(h, "<table class=\"facts\">\n");
      facts = true;
      fact(h, c, ctx);
      continue;
    }
    if (facts) html_put(h, "</table>\n");
    facts = false;
    const colette_node *next = colette_node_next(c);
    if (t == COLETTE_NODE_ORGANIZATION) {
      html_para(h, "p", "organization", c, ctx);
    } else if (t == COLETTE_NODE_PLACE && next &&
               colette_node_get_type(next) == COLETTE_NODE_DATE) {
      dateline(h, c, next, ctx);
      c = next;
    } else if (t == COLETTE_NODE_PLACE) {
      html_para(h, "p", "place", c, ctx);
    } else if (t == COLETTE_NODE_DATE) {
      dateline(h, NULL, c, ctx);
    } else {
      html_block(h, c, ctx, 1);
    }
  }
  if (facts) html_put(h, "</table>\n");
  html_put(h, "</header>\n");
}

/* ---- page headers and footers ---------------------------------------------------------------- */

/* Does n hold words outside its fields, or a picture? */
static bool worded(const colette_node *n) {
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_IMAGE) return true;
    if (t == COLETTE_NODE_FIELD) continue;
    if (t == COLETTE_NODE_TEXT) {
      size_t len;
      const unsigned char *s = (const unsigned char *)colette_node_literal(c, &len);
      for (size_t i = 0; i < len; i++) {
        if ((s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
          return true;
        /* past ASCII, all but the general punctuation (dashes, bullets) */
        if (s[i] >= 0xC0 &&
            !(s[i] == 0xE2 && i + 1 < len && (s[i + 1] == 0x80 || s[i + 1] == 0x81)))
          return true;
      }
    } else if (worded(c)) {
      return true;
    }
  }
  return false;
}

static bool holds_field(const colette_node *n) {
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c))
    if (colette_node_get_type(c) == COLETTE_NODE_FIELD || holds_field(c)) return true;
  return false;
}

/* The page headers (footer false) or footers of the head in one <header>
 * or <footer>.  A page number alone is left out, and says so: one
 * continuous page has no page numbers. */
static void furniture(html *h, const colette_node *hd, bool footer, const char *ctx) {
  const char *tag = footer ? "footer" : "header";
  bool opened = false;
  for (const colette_node *c = hd ? colette_node_first_child(hd) : NULL; c;
       c = colette_node_next(c)) {
    if (colette_node_get_type(c) != COLETTE_NODE_FURNITURE) continue;
    const char *type = colette_node_attr(c, COLETTE_ATTR_TYPE);
    const char *page = colette_node_attr(c, COLETTE_ATTR_PAGE);
    if ((type && strcmp(type, "footer") == 0) != footer) continue;
    if (!colette_node_first_child(c)) continue;
    if (holds_field(c) && !worded(c)) {
      buf_printf(h->out,
                 "<!-- a page %s (%s pages) left out: only a page number, which one "
                 "continuous page does not have -->\n",
                 tag,
                 page && strcmp(page, "first") == 0  ? "first"
                 : page && strcmp(page, "even") == 0 ? "even"
                                                     : "default");
      continue;
    }
    if (!opened) buf_printf(h->out, "<%s class=\"furniture\">\n", tag);
    opened = true;
    html_put(h, "<div");
    html_attr(h, "data-page", page ? page : "default");
    html_put(h, ">\n");
    html_blocks(h, c, ctx, 1);
    html_put(h, "</div>\n");
  }
  if (opened) buf_printf(h->out, "</%s>\n", tag);
}

/* ---- annexes, notes, the document ------------------------------------------------------------ */

static void annex(html *h, const colette_node *a, const char *ctx) {
  const char *id = colette_node_attr(a, COLETTE_ATTR_ID);
  size_t same = 0, nth = 1;
  for (const colette_node *p = colette_node_previous(a); p; p = colette_node_previous(p)) {
    const char *pid = colette_node_attr(p, COLETTE_ATTR_ID);
    if (colette_node_get_type(p) != COLETTE_NODE_ANNEX) continue;
    nth++;
    if (id && pid && strcmp(id, pid) == 0) same++;
  }
  buf anchor = BUF_INIT;
  buf_puts(&anchor, "annex-");
  if (id && *id)
    for (const char *p = id; *p; p++)
      buf_putc(&anchor, strchr(" \t\n\f\r", *p) ? '-' : *p);
  else
    buf_printf(&anchor, "%zu", nth);
  if (same) buf_printf(&anchor, "-%zu", same + 1);
  const char *in = html_open_tag(h, "section", "annex", a, ctx);
  html_attr(h, "id", anchor.data ? anchor.data : "annex");
  if (!buf_ok(&anchor)) html_fail(h, COLETTE_ERR_NOMEM);
  buf_free(&anchor);
  html_put(h, ">\n");
  const colette_node *c = colette_node_first_child(a), *hd = NULL;
  if (c && colette_node_get_type(c) == COLETTE_NODE_HEADING &&
      !colette_node_attr(c, COLETTE_ATTR_LEVEL)) {
    hd = c;
    c = colette_node_next(c);
  }
  bool titles = c && colette_node_get_type(c) == COLETTE_NODE_TITLE;
  if (titles) html_put(h, "<hgroup>\n");
  if (hd) {
    html_para(h, "h2", NULL, hd, in);
  } else if (titles) {
    html_para(h, "h2", NULL, c, in);
    c = colette_node_next(c);
  }
  for (; c && colette_node_get_type(c) == COLETTE_NODE_TITLE; c = colette_node_next(c))
    html_para(h, "p", NULL, c, in);
  if (titles) html_put(h, "</hgroup>\n");
  for (; c; c = colette_node_next(c))
    html_block(h, c, in, 2);
  html_put(h, "</section>\n");
}

/* The notes at the end, each linked back to its reference (a note's own
 * notes join the list as it is written). */
static void notes(html *h, const char *ctx) {
  if (!h->nnotes) return;
  html_put(h, "<section class=\"notes\" role=\"doc-endnotes\">\n<ol>\n");
  for (size_t i = 0; i < h->nnotes; i++) {
    const colette_node *n = h->notes[i];
    const char *type = colette_node_attr(n, COLETTE_ATTR_TYPE);
    const char *in =
        html_open_tag(h, "li", type && strcmp(type, "comment") == 0 ? "comment" : NULL, n, ctx);
    buf_printf(h->out,
               " id=\"note-%zu\"><a class=\"noteback\" href=\"#noteref-%zu\" "
               "role=\"doc-backlink\">",
               i + 1, i + 1);
    mark(h, n, i + 1);
    html_put(h, "</a>\n");
    html_blocks(h, n, in, 1);
    html_put(h, "</li>\n");
  }
  html_put(h, "</ol>\n</section>\n");
}

/* A property of the source document, or NULL. */
static const char *property(const colette_node *root, const char *name, const colette_node **node) {
  const colette_node *m = NULL;
  for (const colette_node *c = colette_node_first_child(root); c && !m; c = colette_node_next(c))
    if (colette_node_get_type(c) == COLETTE_NODE_METADATA) m = c;
  for (const colette_node *p = m ? colette_node_first_child(m) : NULL; p;
       p = colette_node_next(p)) {
    const char *pn = colette_node_attr(p, COLETTE_ATTR_NAME);
    if (pn && strcmp(pn, name) == 0) {
      if (node) *node = p;
      return colette_node_first_child(p) ? colette_node_literal(colette_node_first_child(p), NULL)
                                         : "";
    }
  }
  return NULL;
}

/* <title>: the subject, else the source's title, its reference, its file
 * name; white space collapsed. */
static void title(html *h, const colette_node *root, const char *ctx) {
  const colette_node *from = colette_letter_find(h->r->l, COLETTE_NODE_SUBJECT);
  buf t = BUF_INIT, clean = BUF_INIT;
  if (from) render_plain(from, &t);
  const char *p;
  if (!t.len && (p = property(root, "title", NULL))) {
    buf_puts(&t, p);
    from = NULL;
  }
  if (!t.len && (from = colette_letter_find(h->r->l, COLETTE_NODE_REF))) render_plain(from, &t);
  if (!t.len && (p = colette_node_attr(root, COLETTE_ATTR_SOURCE))) buf_puts(&t, p);
  if (!t.len) buf_puts(&t, "letter");
  bool space = false;
  for (size_t i = 0; i < t.len; i++) {
    bool ws = strchr(" \t\n\r\f", t.data[i]) != NULL;
    if (!ws && space && clean.len) buf_putc(&clean, ' ');
    if (!ws) buf_putc(&clean, t.data[i]);
    space = ws;
  }
  html_open_tag(h, "title", NULL, from, ctx);
  html_put(h, ">");
  html_text(h, clean.data ? clean.data : "", clean.len);
  html_put(h, "</title>\n");
  if (!buf_ok(&t) || !buf_ok(&clean)) html_fail(h, COLETTE_ERR_NOMEM);
  buf_free(&t);
  buf_free(&clean);
}

static void meta(html *h, const char *name, const char *content) {
  if (!content || !*content) return;
  html_put(h, "<meta");
  html_attr(h, "name", name);
  html_attr(h, "content", content);
  html_put(h, ">\n");
}

colette_status render_html(render *r, buf *out) {
  html hh = {r, out, COLETTE_OK, NULL, 0, 0}, *h = &hh;
  const colette_node *root = colette_letter_root(r->l);
  const colette_node *hd = colette_letter_find(r->l, COLETTE_NODE_HEAD);
  const char *doc = r->lang ? r->lang : "und";
  html_put(h, "<!DOCTYPE html>\n<html");
  html_attr(h, "lang", doc);
  if (rtl(doc)) html_attr(h, "dir", "rtl");
  html_put(h, ">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  title(h, root, doc);
  meta(h, "generator", "colette " COLETTE_VERSION);
  meta(h, "author", property(root, "creator", NULL));
  meta(h, "keywords", property(root, "keywords", NULL));
  html_put(h, "<style>\n");
  html_put(h, STYLE);
  html_put(h, "</style>\n</head>\n<body>\n");
  furniture(h, hd, false, doc);
  if (hd) head(h, hd, doc);
  html_put(h, "<main>\n");
  for (const colette_node *c = colette_node_first_child(root); c; c = colette_node_next(c)) {
    if (colette_node_get_type(c) == COLETTE_NODE_BODY) html_blocks(h, c, doc, 1);
    if (colette_node_get_type(c) == COLETTE_NODE_ANNEX) annex(h, c, doc);
  }
  html_put(h, "</main>\n");
  /* the footers before the notes, so that their notes are in the list */
  buf foot = BUF_INIT;
  h->out = &foot;
  furniture(h, hd, true, doc);
  h->out = out;
  notes(h, doc);
  buf_append(out, foot.data ? foot.data : "", foot.len);
  if (!buf_ok(&foot)) html_fail(h, COLETTE_ERR_NOMEM);
  buf_free(&foot);
  html_put(h, "</body>\n</html>\n");
  free(h->notes);
  if (h->st == COLETTE_ERR_NOMEM) error_set(r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  return h->st;
}
