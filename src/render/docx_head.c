/*
 * docx_head.c: the letter's head as the ITU's letters lay it out, a
 * borderless table of three columns (label | value | addressees), and the
 * page headers and footers (FURNITURE) as header and footer parts (see
 * docx.c for the whole package).
 */
#include "docx_impl.h"

/* the head's columns, as the letters have them */
static const int HEAD_COLS[3] = {1418, 3827, TEXT_W - 1418 - 3827};

/* ---- the head -------------------------------------------------------------------------------- */

/* A head fact's label, or an empty cell. */
static void label_para(dx *d, const colette_node *n) {
  const char *l = render_label(n);
  docx_para_open(d, PP(0), n);
  docx_run_str(d, docx_lang(d, n), l);
  docx_para_close(d);
}

/* A reference's or contact's value; an address is a link. */
static void value_para(dx *d, const colette_node *n) {
  const char *type = colette_node_attr(n, COLETTE_ATTR_TYPE);
  const char *v = colette_node_attr(n, COLETTE_ATTR_VALUE);
  docx_para_open(d, PP(0), n);
  if (colette_node_get_type(n) == COLETTE_NODE_CONTACT && type && v && *v &&
      (strcmp(type, "email") == 0 || strcmp(type, "web") == 0)) {
    buf href = BUF_INIT;
    buf_printf(&href, "%s%s", strcmp(type, "email") == 0 ? "mailto:" : "", v);
    if (!buf_ok(&href)) nomem(d);
    docx_hyperlink(d, href.data, n);
    buf_free(&href);
  } else {
    docx_inlines(d, n);
  }
  docx_para_close(d);
}

/* The addressees under their label, one "–<tab>" line each. */
static void addressees(dx *d, const colette_node *h) {
  for (const colette_node *a = colette_node_first_child(h); a; a = colette_node_next(a)) {
    if (colette_node_get_type(a) != COLETTE_NODE_ADDRESSEES) continue;
    if (*render_label(a)) label_para(d, a);
    for (const colette_node *e = colette_node_first_child(a); e && d->st == COLETTE_OK;
         e = colette_node_next(e)) {
      docx_para_open(d, PP(.style = "Addressee"), e);
      docx_run_str(d, docx_lang(d, e), "\xE2\x80\x93\t");
      docx_inlines(d, e);
      docx_para_close(d);
    }
  }
}

/* A row of the references and contacts: its label cell, then its value
 * cell left open for the caller's paragraphs. */
static void fact_row_open(dx *d, const colette_node *label, bool beside) {
  docx_row_open(d, false, 0, 0);
  docx_cell_open(d, HEAD_COLS[0], 1, VM_NONE);
  if (label) label_para(d, label);
  docx_cell_close(d);
  if (beside)
    docx_cell_open(d, HEAD_COLS[1], 1, VM_NONE);
  else
    docx_cell_open(d, HEAD_COLS[1] + HEAD_COLS[2], 2, VM_NONE);
}

/* …and its end: the addressees beside the first row, merged down the others. */
static void fact_row_close(dx *d, const colette_node *h, bool beside, bool *first) {
  docx_cell_close(d);
  if (beside) {
    docx_cell_open(d, HEAD_COLS[2], 1, *first ? VM_RESTART : VM_CONTINUE);
    if (*first) addressees(d, h);
    docx_cell_close(d);
  }
  end(d);
  *first = false;
}

static bool is_ref(const colette_node *n) { return colette_node_get_type(n) == COLETTE_NODE_REF; }

/*
 * The references, then the contacts, a row each, with the addressees
 * beside them.  A reference without a label (a file reference) goes under
 * the labelled one before it (or the first, when it comes before any), as
 * the letters set "SG17/XY" under "TSB Collective letter 12/17".
 */
static void contact_rows(dx *d, const colette_node *h) {
  bool beside = false, first = true;
  const colette_node *first_labelled = NULL;
  size_t facts = 0;
  for (const colette_node *c = colette_node_first_child(h); c; c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    beside |= t == COLETTE_NODE_ADDRESSEES;
    facts += t == COLETTE_NODE_REF || t == COLETTE_NODE_CONTACT;
    if (!first_labelled && is_ref(c) && *render_label(c)) first_labelled = c;
  }
  if (facts == 0) { /* the addressees alone, on the right */
    docx_row_open(d, false, 0, 0);
    docx_cell_open(d, HEAD_COLS[0] + HEAD_COLS[1], 2, VM_NONE);
    docx_cell_close(d);
    docx_cell_open(d, HEAD_COLS[2], 1, VM_NONE);
    addressees(d, h);
    docx_cell_close(d);
    end(d);
    return;
  }
  if (!first_labelled) { /* references without labels: one row */
    bool any = false;
    for (const colette_node *c = colette_node_first_child(h); c; c = colette_node_next(c)) {
      if (!is_ref(c)) continue;
      if (!any) fact_row_open(d, NULL, beside);
      any = true;
      value_para(d, c);
    }
    if (any) fact_row_close(d, h, beside, &first);
  }
  for (const colette_node *c = colette_node_first_child(h); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    if (!is_ref(c) || !*render_label(c)) continue;
    fact_row_open(d, c, beside);
    value_para(d, c);
    const colette_node *x;
    if (c == first_labelled) /* those before any labelled one, in their order */
      for (x = colette_node_first_child(h); x != c; x = colette_node_next(x))
        if (is_ref(x)) value_para(d, x);
    for (x = colette_node_next(c); x && !(is_ref(x) && *render_label(x)); x = colette_node_next(x))
      if (is_ref(x)) value_para(d, x);
    fact_row_close(d, h, beside, &first);
  }
  for (const colette_node *c = colette_node_first_child(h); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    if (colette_node_get_type(c) != COLETTE_NODE_CONTACT) continue;
    fact_row_open(d, c, beside);
    value_para(d, c);
    fact_row_close(d, h, beside, &first);
  }
}

/* A row across the head's three columns, holding block n. */
static void wide_row(dx *d, const colette_node *n) {
  docx_row_open(d, false, 0, 0);
  docx_cell_open(d, TEXT_W, 3, VM_NONE);
  docx_block(d, n);
  docx_cell_close(d);
  end(d);
}

/* The dateline row: the place and date as render_dateline writes them, on the right. */
static void dateline_row(dx *d, const colette_node *h) {
  const colette_node *place = NULL, *date = NULL;
  for (const colette_node *c = colette_node_first_child(h); c; c = colette_node_next(c)) {
    if (!place && colette_node_get_type(c) == COLETTE_NODE_PLACE) place = c;
    if (!date && colette_node_get_type(c) == COLETTE_NODE_DATE) date = c;
  }
  if (!place && !date) return;
  docx_row_open(d, false, 0, 0);
  docx_cell_open(d, HEAD_COLS[0] + HEAD_COLS[1], 2, VM_NONE);
  docx_cell_close(d);
  docx_cell_open(d, HEAD_COLS[2], 1, VM_NONE);
  if (date) {
    buf b = BUF_INIT;
    if (render_dateline(d->r, place, date, &b) != COLETTE_OK) {
      buf_clear(&b);
      render_plain(date, &b);
    }
    if (!buf_ok(&b)) nomem(d);
    docx_para_open(d, PP(0), date);
    docx_run_text(d, docx_lang(d, date), b.data ? b.data : "", b.len);
    docx_para_close(d);
    buf_free(&b);
  } else {
    docx_para(d, PP(0), place);
  }
  docx_cell_close(d);
  end(d);
}

/*
 * The head as a layout table: the letterhead (the organisations) and the
 * dateline at the top, as letters have them; then, in the order the
 * letter gives them, the references, contacts and addressees (where the
 * first of them stood), the subject, and what else the head holds.
 */
void docx_head(dx *d, const colette_node *h) {
  bool orgs = false, contacts = false, any = false;
  for (const colette_node *c = colette_node_first_child(h); c; c = colette_node_next(c)) {
    any |= colette_node_get_type(c) != COLETTE_NODE_FURNITURE;
    orgs |= colette_node_get_type(c) == COLETTE_NODE_ORGANIZATION;
  }
  if (!any) return;
  docx_tbl_open(d, HEAD_COLS, 3, true);
  if (orgs) {
    docx_row_open(d, false, 0, 0);
    docx_cell_open(d, TEXT_W, 3, VM_NONE);
    for (const colette_node *o = colette_node_first_child(h); o; o = colette_node_next(o))
      if (colette_node_get_type(o) == COLETTE_NODE_ORGANIZATION) docx_para_bold(d, PP(0), o);
    docx_cell_close(d);
    end(d);
  }
  dateline_row(d, h);
  for (const colette_node *c = colette_node_first_child(h); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_ORGANIZATION:
    case COLETTE_NODE_PLACE:
    case COLETTE_NODE_DATE:
    case COLETTE_NODE_FURNITURE: break;
    case COLETTE_NODE_REF:
    case COLETTE_NODE_CONTACT:
    case COLETTE_NODE_ADDRESSEES:
      if (contacts) break;
      contacts = true;
      contact_rows(d, h);
      break;
    case COLETTE_NODE_SUBJECT:
      docx_row_open(d, false, 0, 0);
      docx_cell_open(d, HEAD_COLS[0], 1, VM_NONE);
      label_para(d, c);
      docx_cell_close(d);
      docx_cell_open(d, HEAD_COLS[1] + HEAD_COLS[2], 2, VM_NONE);
      docx_para_bold(d, PP(0), c);
      docx_cell_close(d);
      end(d);
      break;
    default: wide_row(d, c); break;
    }
  }
  docx_tbl_close(d);
}

/* Page headers and footers: one part per kind and page, in the order the letter gives them. */
void docx_furniture(dx *d, const colette_node *h) {
  static const char *const PAGES[3] = {"default", "first", "even"};
  int count[2] = {0, 0};
  char last[HF_KINDS] = {0};
  for (const colette_node *f = colette_node_first_child(h); f && d->st == COLETTE_OK;
       f = colette_node_next(f)) {
    if (colette_node_get_type(f) != COLETTE_NODE_FURNITURE) continue;
    const char *type = colette_node_attr(f, COLETTE_ATTR_TYPE);
    const char *page = colette_node_attr(f, COLETTE_ATTR_PAGE);
    int footer = type && strcmp(type, "footer") == 0;
    int pg = 0;
    for (int i = 0; i < 3; i++)
      if (page && strcmp(page, PAGES[i]) == 0) pg = i;
    story *s = &d->hf[footer * 3 + pg];
    story *was = d->cur;
    if (!s->w) {
      char name[48];
      snprintf(name, sizeof name, "word/%s%d.xml", footer ? "footer" : "header", ++count[footer]);
      if (!docx_story_open(d, s, name)) return;
      d->cur = s;
      docx_story_root(d, footer ? "w:ftr" : "w:hdr");
      d->hf_rel[footer * 3 + pg] =
          docx_rel_add(d, &d->doc, footer ? "footer" : "header", name + 5, false);
    }
    d->cur = s;
    const char *ps = d->now.para_style;
    d->now.para_style = footer ? "Footer" : "Header";
    d->now.last = last[footer * 3 + pg];
    docx_blocks(d, f);
    last[footer * 3 + pg] = d->now.last;
    d->now.para_style = ps;
    d->cur = was;
  }
  for (int i = 0; i < HF_KINDS; i++) { /* a part must end with a paragraph */
    story *s = &d->hf[i];
    if (!s->w) continue;
    story *was = d->cur;
    d->cur = s;
    if (last[i] != 'p') {
      el(d, "w:p");
      end(d);
    }
    end(d);
    d->cur = was;
    docx_story_finish(d, s, i >= 3 ? CT_WML "footer+xml" : CT_WML "header+xml");
  }
  d->now.last = 0;
}
