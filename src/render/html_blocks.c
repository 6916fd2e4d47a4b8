/*
 * html_blocks.c: the HTML renderer's blocks (html.c has the document, its
 * text, languages and inline content): paragraphs and headings, lists whose
 * items show the letter's own labels, tables with their spans and header
 * rows, the key deadlines as a description list, the signature.
 */
#include <stdlib.h>
#include <string.h>

#include "html_impl.h"

/* ---- blocks ---------------------------------------------------------------------------------- */

/* A block of inline content: <tag class=cls lang?>…</tag> and a line end. */
void html_para(html *h, const char *tag, const char *cls, const colette_node *n, const char *ctx) {
  const char *in = html_open_tag(h, tag, cls, n, ctx);
  html_put(h, ">");
  html_inlines(h, n, in);
  buf_printf(h->out, "</%s>\n", tag);
}

static long level_of(const colette_node *n, long dflt) {
  const char *v = colette_node_attr(n, COLETTE_ATTR_LEVEL);
  long l = v ? strtol(v, NULL, 10) : 0;
  return l > 0 ? l : dflt;
}

static void heading(html *h, const colette_node *n, const char *ctx, int hoff) {
  long l = level_of(n, 1) + hoff;
  char tag[3] = {'h', (char)('0' + (l > 6 ? 6 : l)), '\0'};
  html_para(h, tag, NULL, n, ctx);
}

/* Is a label a number or a letter ("1.", "a)", "2.1", "一、") rather than
 * a bullet ("•", "o", "–") or nothing? */
static bool numbered(const char *label) {
  size_t chars = 0;
  for (const unsigned char *p = (const unsigned char *)label; *p; p++) {
    if (*p >= '0' && *p <= '9') return true;
    if ((*p & 0xC0) != 0x80) chars++;
  }
  return chars >= 2;
}

/* A label as shown (render_label_shown): a symbol font's bullet as the
 * Unicode character it draws, which an HTML font shows. */
static void label_text(html *h, const char *label) {
  buf tmp = BUF_INIT;
  size_t n = strlen(label);
  const char *shown = render_label_shown(label, &n, &tmp);
  if (!buf_ok(&tmp)) html_fail(h, COLETTE_ERR_NOMEM);
  html_text(h, shown, n);
  buf_free(&tmp);
}

/* The items from *i on whose level is at least `level`, as one list at
 * that level and lists nested in its items for the deeper ones. */
static void list_level(html *h, const colette_node **items, size_t n, size_t *i, long level,
                       const char *ctx) {
  bool ordered = false;
  for (size_t k = *i; k < n && level_of(items[k], 1) >= level; k++)
    if (level_of(items[k], 1) == level && numbered(render_label(items[k]))) ordered = true;
  html_put(h, ordered ? "<ol class=\"list\">\n" : "<ul class=\"list\">\n");
  while (*i < n && level_of(items[*i], 1) >= level) {
    const colette_node *it = items[*i];
    const char *in = ctx;
    if (level_of(it, 1) == level) {
      in = html_open_tag(h, "li", NULL, it, ctx);
      const char *label = render_label(it);
      char *end;
      long v = strtol(label, &end, 10);
      if (ordered && end != label && v >= 0 && (!*end || (strchr(".)", *end) && !end[1])))
        buf_xml_attr_int(h->out, "value", v);
      html_put(h, ">");
      if (*label) {
        html_put(h, "<span class=\"label\">");
        label_text(h, label);
        html_put(h, "</span> ");
      }
      html_inlines(h, it, in);
      (*i)++;
    } else { /* deeper than any item before it: an item holding only its list */
      html_put(h, "<li>");
    }
    if (*i < n && level_of(items[*i], 1) > level) html_put(h, "\n");
    while (*i < n && level_of(items[*i], 1) >
                         level) /* deeper items; a shallower run after a deeper one too */
      list_level(h, items, n, i, level_of(items[*i], 1), in);
    html_put(h, "</li>\n");
  }
  html_put(h, ordered ? "</ol>\n" : "</ul>\n");
}

static void list(html *h, const colette_node *n, const char *ctx) {
  size_t count = 0, i = 0;
  long min = 0;
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c)) {
    long l = level_of(c, 1);
    if (!count++ || l < min) min = l;
  }
  if (!count) return;
  const colette_node **items = malloc(count * sizeof *items);
  if (!items) {
    html_fail(h, COLETTE_ERR_NOMEM);
    return;
  }
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c))
    items[i++] = c;
  i = 0;
  list_level(h, items, count, &i, min, ctx);
  free(items);
}

/* A cell's span, at least 1, at most what HTML honours (1000 columns,
 * 65534 rows). */
static size_t span_of(const colette_node *c, colette_attr a) {
  const char *v = colette_node_attr(c, a);
  long k = v ? strtol(v, NULL, 10) : 1, max = a == COLETTE_ATTR_COLSPAN ? 1000 : 65534;
  return k < 1 ? 1 : k > max ? (size_t)max : (size_t)k;
}

static bool header_row(const colette_node *row) {
  const char *v = colette_node_attr(row, COLETTE_ATTR_HEADER);
  return v && strcmp(v, "true") == 0;
}

/*
 * A table, laid out first as HTML's table model lays it (each cell anchored
 * at the first column its row leaves free of cells spanning down into it),
 * so that what the model calls an error is not written: a row where no
 * cell begins (every cell of a Word row merged into the row above) is left
 * out and the spans across it shortened, and likewise a column where no
 * cell begins (a grid column only spanned over).  The leading header rows
 * are the thead unless a cell spans down out of them (spans do not cross
 * row groups); a header row after others is a row of <th> in the tbody.
 */
static void table(html *h, const colette_node *n, const char *ctx) {
  size_t nrows = 0, ncells = 0, width = 0, cap = 0;
  for (const colette_node *r = colette_node_first_child(n); r; r = colette_node_next(r), nrows++)
    for (const colette_node *c = colette_node_first_child(r); c; c = colette_node_next(c))
      ncells++;
  size_t *at = malloc((ncells + 1) * sizeof *at);     /* each cell's column */
  size_t *rowpre = calloc(nrows + 1, sizeof *rowpre); /* rows with cells before row y */
  size_t *busy = NULL, *colpre = NULL;                /* the row a column is free from */
  bool *anchored = NULL;
  if (!at || !rowpre) goto nomem;
  size_t y = 0, k = 0;
  for (const colette_node *r = colette_node_first_child(n); r; r = colette_node_next(r), y++) {
    size_t x = 0;
    for (const colette_node *c = colette_node_first_child(r); c; c = colette_node_next(c)) {
      while (x < width && busy[x] > y)
        x++;
      size_t cs = span_of(c, COLETTE_ATTR_COLSPAN), rs = span_of(c, COLETTE_ATTR_ROWSPAN);
      if (x + cs > cap) {
        size_t ncap = 2 * (x + cs);
        size_t *nb = realloc(busy, ncap * sizeof *nb);
        bool *na = nb ? realloc(anchored, ncap * sizeof *na) : NULL;
        if (nb) busy = nb;
        if (!na) goto nomem;
        anchored = na;
        memset(busy + cap, 0, (ncap - cap) * sizeof *busy);
        memset(anchored + cap, 0, (ncap - cap) * sizeof *anchored);
        cap = ncap;
      }
      at[k++] = x;
      anchored[x] = true;
      for (size_t i = x; i < x + cs; i++)
        busy[i] = y + rs;
      x += cs;
      if (x > width) width = x;
    }
    rowpre[y + 1] = rowpre[y] + (colette_node_first_child(r) != NULL);
  }
  if (!(colpre = calloc(width + 1, sizeof *colpre))) goto nomem;
  for (size_t x = 0; x < width; x++)
    colpre[x + 1] = colpre[x] + anchored[x];
  size_t heads = 0; /* leading header rows, and whether one of their cells spans out */
  for (const colette_node *r = colette_node_first_child(n); r && header_row(r);
       r = colette_node_next(r))
    heads++;
  y = k = 0;
  for (const colette_node *r = colette_node_first_child(n); r && y < heads;
       r = colette_node_next(r), y++)
    for (const colette_node *c = colette_node_first_child(r); c; c = colette_node_next(c))
      if (y + span_of(c, COLETTE_ATTR_ROWSPAN) > heads) heads = 0;
  html_put(h, "<table class=\"table\">\n");
  enum { NONE, HEAD, BODY } part = NONE;
  y = k = 0;
  for (const colette_node *r = colette_node_first_child(n); r; r = colette_node_next(r), y++) {
    if (!colette_node_first_child(r)) continue;
    bool head = y < heads;
    if (part != (head ? HEAD : BODY))
      html_put(h, part == NONE ? (head ? "<thead>\n" : "<tbody>\n") : "</thead>\n<tbody>\n");
    part = head ? HEAD : BODY;
    html_put(h, "<tr>\n");
    for (const colette_node *c = colette_node_first_child(r); c; c = colette_node_next(c), k++) {
      const char *tag = header_row(r) ? "th" : "td";
      size_t x = at[k], x2 = x + span_of(c, COLETTE_ATTR_COLSPAN);
      size_t y2 = y + span_of(c, COLETTE_ATTR_ROWSPAN);
      size_t cs = colpre[x2 > width ? width : x2] - colpre[x];
      size_t rs = rowpre[y2 > nrows ? nrows : y2] - rowpre[y];
      buf_printf(h->out, "<%s", tag);
      if (cs > 1) buf_xml_attr_int(h->out, "colspan", (long)cs);
      if (rs > 1) buf_xml_attr_int(h->out, "rowspan", (long)rs);
      html_put(h, ">");
      if (colette_node_first_child(c)) {
        html_put(h, "\n");
        html_blocks(h, c, ctx, 1);
      }
      buf_printf(h->out, "</%s>\n", tag);
    }
    html_put(h, "</tr>\n");
  }
  html_put(h, part == HEAD   ? "</thead>\n</table>\n"
              : part == BODY ? "</tbody>\n</table>\n"
                             : "</table>\n");
  goto done;
nomem:
  html_fail(h, COLETTE_ERR_NOMEM);
done:
  free(at);
  free(rowpre);
  free(busy);
  free(anchored);
  free(colpre);
}

/* Bytes of the separator between a deadline's date and its action
 * (" – ", " - ", ": ", "："), or 0. */
static size_t separator(const char *s, size_t n) {
  static const char *const SPACES[] = {" ", "\xC2\xA0", "\xE2\x80\xAF", "\t"};
  static const char *const MARKS[] = {"\xE2\x80\x93", "\xE2\x80\x94", "-", ":", "\xEF\xBC\x9A"};
  size_t i = 0;
  bool dashed = false;
  for (;;) {
    size_t k = 0;
    for (size_t j = 0; !k && j < sizeof SPACES / sizeof *SPACES; j++)
      if (n - i >= strlen(SPACES[j]) && memcmp(s + i, SPACES[j], strlen(SPACES[j])) == 0)
        k = strlen(SPACES[j]);
    for (size_t j = 0; !k && !dashed && j < sizeof MARKS / sizeof *MARKS; j++)
      if (n - i >= strlen(MARKS[j]) && memcmp(s + i, MARKS[j], strlen(MARKS[j])) == 0) {
        k = strlen(MARKS[j]);
        dashed = true;
      }
    if (!k) return i;
    i += k;
  }
}

/* A deadline: its date as the term (the date it begins with, else its own
 * WHEN written in its language), the action as the description, the
 * separator between them kept in the text but not shown. */
static void deadline(html *h, const colette_node *d, const char *ctx) {
  const char *in = html_open_tag(h, "dt", NULL, d, ctx);
  html_put(h, ">");
  const colette_node *c = colette_node_first_child(d);
  const char *when = colette_node_attr(d, COLETTE_ATTR_WHEN);
  bool lead = c && colette_node_get_type(c) == COLETTE_NODE_DATE_VALUE;
  if (lead) {
    html_inline_node(h, c, in);
    c = colette_node_next(c);
  } else {
    html_put(h, "<time");
    html_attr(h, "datetime", when);
    html_put(h, ">");
    buf date = BUF_INIT;
    if (when &&
        render_date(h->r->dates, when, render_lang(h->r, d), &date, h->r->err) == COLETTE_OK)
      html_text(h, date.data ? date.data : "", date.len);
    else if (when)
      html_text(h, when, strlen(when));
    buf_free(&date);
    html_put(h, "</time>");
  }
  html_put(h, "</dt>\n");
  html_open_tag(h, "dd", NULL, d, ctx);
  html_put(h, ">");
  if (lead && c && colette_node_get_type(c) == COLETTE_NODE_TEXT) {
    size_t len, k;
    const char *s = colette_node_literal(c, &len);
    if ((k = separator(s, len)) > 0) {
      html_put(h, "<span class=\"sep\">");
      html_text(h, s, k);
      html_put(h, "</span>");
    }
    html_text(h, s + k, len - k);
    c = colette_node_next(c);
  }
  for (; c; c = colette_node_next(c))
    html_inline_node(h, c, in);
  html_put(h, "</dd>\n");
}

static void deadlines(html *h, const colette_node *n, const char *ctx) {
  const char *in = html_open_tag(h, "div", "deadlines", n, ctx);
  html_put(h, ">\n");
  bool dl = false;
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_DEADLINE) {
      if (!dl) html_put(h, "<dl class=\"dates\">\n");
      dl = true;
      deadline(h, c, in);
      continue;
    }
    if (dl) html_put(h, "</dl>\n");
    dl = false;
    if (t == COLETTE_NODE_TITLE)
      html_para(h, "p", "deadlines-title", c, in);
    else
      html_block(h, c, in, 1);
  }
  if (dl) html_put(h, "</dl>\n");
  html_put(h, "</div>\n");
}

static void signature(html *h, const colette_node *n, const char *ctx) {
  html_put(h, "<div class=\"signature\">\n");
  for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_NAME: html_para(h, "p", "name", c, ctx); break;
    case COLETTE_NODE_TITLE: html_para(h, "p", "title", c, ctx); break;
    case COLETTE_NODE_IMAGE:
      html_put(h, "<p>");
      html_image(h, c);
      html_put(h, "</p>\n");
      break;
    default: html_para(h, "p", NULL, c, ctx); break;
    }
  }
  html_put(h, "</div>\n");
}

/* One block; hoff is added to heading levels (1 in the body, 2 in an annex,
 * whose own heading is an h2). */
void html_block(html *h, const colette_node *n, const char *ctx, int hoff) {
  switch (colette_node_get_type(n)) {
  case COLETTE_NODE_PARAGRAPH: html_para(h, "p", NULL, n, ctx); return;
  case COLETTE_NODE_HEADING: heading(h, n, ctx, hoff); return;
  case COLETTE_NODE_LIST: list(h, n, ctx); return;
  case COLETTE_NODE_TABLE: table(h, n, ctx); return;
  case COLETTE_NODE_SALUTATION: html_para(h, "p", "salutation", n, ctx); return;
  case COLETTE_NODE_CLOSING: html_para(h, "p", "closing", n, ctx); return;
  case COLETTE_NODE_ENCLOSURE: html_para(h, "p", "enclosure", n, ctx); return;
  case COLETTE_NODE_DEADLINES: deadlines(h, n, ctx); return;
  case COLETTE_NODE_SIGNATURE: signature(h, n, ctx); return;
  case COLETTE_NODE_TITLE: html_para(h, "p", "title", n, ctx); return;
  default: html_para(h, "div", NULL, n, ctx); return; /* no other block holds content */
  }
}

void html_blocks(html *h, const colette_node *parent, const char *ctx, int hoff) {
  for (const colette_node *c = colette_node_first_child(parent); c; c = colette_node_next(c))
    html_block(h, c, ctx, hoff);
}
