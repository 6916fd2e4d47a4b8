/*
 * docx.c: the letter as a WordprocessingML package (render_docx): its
 * stories' runs, paragraphs, lists and blocks; docx_head.c writes the head
 * and the page headers and footers, docx_table.c tables, docx_package.c
 * the parts every package has, and zips them.
 *
 * Every part is written with libxml2's xmlTextWriter into memory, and the
 * package is zipped by libzip into memory too, so a failure leaves nothing
 * half-written.  The layout is the one the ITU's letters have (the fixture
 * packages under fixtures/letters/NAME/word are Word's own):
 *
 *  - the head is a borderless layout table of three columns (label |
 *    value | addressees): the letterhead (the organisations) across and
 *    the dateline on the right (render_dateline) at the top; then one row
 *    per reference and per contact (a file reference without a label under
 *    the labelled reference), the addressees beside them in a cell merged
 *    down (w:vMerge), each one a "–<tab>" line under their label; the
 *    subject across in bold; what else the head holds in rows across;
 *  - page headers and footers (FURNITURE) are header and footer parts,
 *    one per kind and page (default, first, even);
 *  - the body block by block: headings in "heading N" styles, lists under
 *    numbering definitions that show each item's label (docxnum.c; the
 *    labels typed where none does), the key deadlines as a borderless
 *    table (date | – | action), tables with w:gridSpan and w:vMerge for
 *    their merged cells; each annex starts a page with its heading
 *    ("Annex heading") and titles ("Annex title");
 *  - every run carries the language of its node (render_lang), with
 *    w:eastAsia for Chinese; links are w:hyperlink with a relationship,
 *    and so are e-mail addresses and URLs; fields are w:fldSimple; notes
 *    go to footnotes.xml, endnotes.xml or comments.xml, at their reference;
 *  - an image is known only by its part's name and its alternative text:
 *    it is drawn as a small grey placeholder picture that carries the alt
 *    text (wp:docPr/@descr), so a reader's screen reader and colette-unpack
 *    both find it where the letter had it.
 *
 * docProps/core.xml holds the letter's metadata (title, creator, dates),
 * the language being the rendering's.
 */
#include <limits.h>

#include "docx_impl.h"

/* the deadlines table's columns, as the letters have them */
static const int DEADLINE_COLS[3] = {2268, 425, TEXT_W - 2268 - 425};

/* The placeholder picture: one light grey pixel, stretched. */
static const unsigned char PLACEHOLDER_PNG[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00,
    0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78,
    0xda, 0x63, 0xb8, 0x79, 0xf3, 0x26, 0x00, 0x05, 0x1a, 0x02, 0x8c, 0x8b, 0x4d, 0x4b,
    0x05, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
#define IMAGE_CX 914400L /* EMU: 2.54 cm by 1.27 cm */
#define IMAGE_CY 457200L

/* ---- runs ------------------------------------------------------------------------------------ */

/* w:rPr for a run in language lang, with the formatting in force. */
static void rpr(dx *d, const char *lang) {
  el(d, "w:rPr");
  if (d->now.rstyle) val(d, "w:rStyle", d->now.rstyle);
  bool zh = is_zh(lang);
  if (zh) { /* Chinese punctuation and quotes in the East Asian font */
    el(d, "w:rFonts");
    at(d, "w:hint", "eastAsia");
    end(d);
  }
  if (d->now.bold) {
    flag(d, "w:b");
    flag(d, "w:bCs");
  }
  el(d, "w:lang");
  at(d, "w:val", lang);
  if (zh) at(d, "w:eastAsia", lang);
  end(d);
  end(d);
}

/* A run of s[0..n) in lang: its tabs as w:tab, its line ends as w:br. */
void docx_run_text(dx *d, const char *lang, const char *s, size_t n) {
  if (n == 0) return;
  el(d, "w:r");
  rpr(d, lang);
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
      j++;
    if (j > i) {
      el(d, "w:t");
      at(d, "xml:space", "preserve");
      text(d, s + i, j - i);
      end(d);
    }
    if (j < n) flag(d, s[j] == '\t' ? "w:tab" : "w:br");
    i = j + 1;
  }
  end(d);
}

static void inline_node(dx *d, const colette_node *c);

/* n's inline content inside a w:hyperlink to href (an address, or #anchor). */
void docx_hyperlink(dx *d, const char *href, const colette_node *n) {
  if (d->now.in_link || !href || !*href) { /* Word has no link in a link */
    docx_inlines(d, n);
    return;
  }
  el(d, "w:hyperlink");
  if (href[0] == '#') {
    at(d, "w:anchor", href + 1);
  } else {
    char id[24];
    docx_rid(docx_rel_add(d, d->cur, "hyperlink", href, true), id, sizeof id);
    at(d, "r:id", id);
  }
  at(d, "w:history", "1");
  const char *was = d->now.rstyle;
  d->now.in_link = true;
  d->now.rstyle = "Hyperlink";
  docx_inlines(d, n);
  d->now.rstyle = was;
  d->now.in_link = false;
  end(d);
}

/* The media part that stands for the letter's image `target`; its name. */
static const char *media_part(dx *d, const char *target) {
  if (!target) target = "";
  for (size_t i = 0; i < d->nmedia; i++)
    if (strcmp(d->media[i].target, target) == 0) return d->media[i].name;
  if (!grow(d, (void **)&d->media, &d->capmedia, d->nmedia, sizeof *d->media)) return NULL;
  media *m = &d->media[d->nmedia];
  if (!(m->target = strdup(target))) {
    nomem(d);
    return NULL;
  }
  /* the letter's own name when it is a plain PNG name under word/media/ */
  const char *base = strncmp(target, "word/media/", 11) == 0 ? target + 11 : NULL;
  size_t bl = base ? strlen(base) : 0;
  bool plain =
      base && bl > 4 && bl < 40 && strcmp(base + bl - 4, ".png") == 0 &&
      strspn(base, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == bl;
  for (size_t i = 0; plain && i < d->nmedia; i++)
    plain = strcmp(d->media[i].name + 11, base) != 0;
  if (plain) {
    snprintf(m->name, sizeof m->name, "word/media/%s", base);
  } else { /* a name of ours that no other part has */
    for (size_t k = d->nmedia + 1, taken = 1; taken; k++) {
      snprintf(m->name, sizeof m->name, "word/media/colette-image%zu.png", k);
      taken = 0;
      for (size_t i = 0; i < d->nmedia && !taken; i++)
        taken = strcmp(d->media[i].name, m->name) == 0;
    }
  }
  d->nmedia++;
  docx_part_add(d, m->name, PLACEHOLDER_PNG, sizeof PLACEHOLDER_PNG, NULL);
  return m->name;
}

/* An image: the placeholder picture, with the letter's alternative text. */
static void image_run(dx *d, const colette_node *img) {
  const char *descr = colette_node_attr(img, COLETTE_ATTR_DESCR);
  const char *name = media_part(d, colette_node_attr(img, COLETTE_ATTR_TARGET));
  if (!name) return;
  char id[24], pic[32];
  docx_rid(docx_rel_add(d, d->cur, "image", name + 5, false), id,
           sizeof id); /* relative to word/ */
  unsigned n = ++d->drawings;
  snprintf(pic, sizeof pic, "Picture %u", n);
  el(d, "w:r");
  rpr(d, docx_lang(d, img));
  el(d, "w:drawing");
  el(d, "wp:inline");
  at(d, "distT", "0");
  at(d, "distB", "0");
  at(d, "distL", "0");
  at(d, "distR", "0");
  el(d, "wp:extent");
  ati(d, "cx", IMAGE_CX);
  ati(d, "cy", IMAGE_CY);
  end(d);
  el(d, "wp:docPr");
  ati(d, "id", (long)n);
  at(d, "name", pic);
  at(d, "descr", descr);
  end(d);
  el(d, "wp:cNvGraphicFramePr");
  el(d, "a:graphicFrameLocks");
  at(d, "noChangeAspect", "1");
  end(d);
  end(d);
  el(d, "a:graphic");
  el(d, "a:graphicData");
  at(d, "uri", NS_PIC);
  el(d, "pic:pic");
  el(d, "pic:nvPicPr");
  el(d, "pic:cNvPr");
  ati(d, "id", (long)n);
  at(d, "name", name + 11);
  at(d, "descr", descr);
  end(d);
  flag(d, "pic:cNvPicPr");
  end(d);
  el(d, "pic:blipFill");
  el(d, "a:blip");
  at(d, "r:embed", id);
  end(d);
  el(d, "a:stretch");
  flag(d, "a:fillRect");
  end(d);
  end(d);
  el(d, "pic:spPr");
  el(d, "a:xfrm");
  el(d, "a:off");
  at(d, "x", "0");
  at(d, "y", "0");
  end(d);
  el(d, "a:ext");
  ati(d, "cx", IMAGE_CX);
  ati(d, "cy", IMAGE_CY);
  end(d);
  end(d);
  el(d, "a:prstGeom");
  at(d, "prst", "rect");
  flag(d, "a:avLst");
  end(d);
  end(d);
  end(d); /* pic:pic */
  end(d);
  end(d);
  end(d); /* wp:inline */
  end(d);
  end(d);
}

static const char *const NOTE_PART[NOTE_KINDS] = {"word/footnotes.xml", "word/endnotes.xml",
                                                  "word/comments.xml"};
static const char *const NOTE_ROOT[NOTE_KINDS] = {"w:footnotes", "w:endnotes", "w:comments"};
static const char *const NOTE_EL[NOTE_KINDS] = {"w:footnote", "w:endnote", "w:comment"};
static const char *const NOTE_REF[NOTE_KINDS] = {"w:footnoteReference", "w:endnoteReference",
                                                 "w:commentReference"};
static const char *const NOTE_MARK[NOTE_KINDS] = {"w:footnoteRef", "w:endnoteRef",
                                                  "w:annotationRef"};
static const char *const NOTE_REF_STYLE[NOTE_KINDS] = {"FootnoteReference", "EndnoteReference",
                                                       "CommentReference"};
static const char *const NOTE_TEXT_STYLE[NOTE_KINDS] = {"FootnoteText", "EndnoteText",
                                                        "CommentText"};

/* The notes part of a kind, opened with its separators the first time. */
static story *notes_story(dx *d, int k) {
  story *s = &d->notes[k];
  if (s->w) return s;
  if (!docx_story_open(d, s, NOTE_PART[k])) return NULL;
  story *was = d->cur;
  d->cur = s;
  docx_story_root(d, NOTE_ROOT[k]);
  if (k != NOTE_COMMENT) { /* Word's separator and continuation separator */
    for (int i = -1; i <= 0; i++) {
      el(d, NOTE_EL[k]);
      at(d, "w:type", i < 0 ? "separator" : "continuationSeparator");
      ati(d, "w:id", i);
      el(d, "w:p");
      el(d, "w:r");
      flag(d, i < 0 ? "w:separator" : "w:continuationSeparator");
      end(d);
      end(d);
      end(d);
    }
  }
  d->cur = was;
  return s;
}

/* A note at its reference: the reference here, its blocks in its part. */
static void note(dx *d, const colette_node *n) {
  const char *type = colette_node_attr(n, COLETTE_ATTR_TYPE);
  int k = type && strcmp(type, "endnote") == 0   ? NOTE_END
          : type && strcmp(type, "comment") == 0 ? NOTE_COMMENT
                                                 : NOTE_FOOT;
  const char *lang = docx_lang(d, n);
  if (d->now.in_note) { /* a note in a note: Word has none; its text in brackets */
    buf b = BUF_INIT;
    buf_puts(&b, " [");
    for (const colette_node *c = colette_node_first_child(n); c; c = colette_node_next(c)) {
      render_plain(c, &b);
      buf_putc(&b, ' ');
    }
    if (b.len > 2) b.len--;
    buf_putc(&b, ']');
    if (!buf_ok(&b)) nomem(d);
    if (b.len > 3) docx_run_text(d, lang, b.data, b.len);
    buf_free(&b);
    return;
  }
  story *s = notes_story(d, k);
  if (!s) return;
  int id = k == NOTE_COMMENT ? d->nnotes[k]++ : ++d->nnotes[k];
  /* Word numbers notes itself, skipping those with a custom mark; a mark
   * that is not the next number is typed after the reference */
  const char *mark = colette_node_attr(n, COLETTE_ATTR_MARK);
  char auto_mark[16];
  snprintf(auto_mark, sizeof auto_mark, "%d", d->auto_marks[k] + 1);
  const char *custom = k != NOTE_COMMENT && mark && strcmp(mark, auto_mark) != 0 ? mark : NULL;
  if (!custom) d->auto_marks[k]++;
  const char *was_style = d->now.rstyle;
  d->now.rstyle = NOTE_REF_STYLE[k];
  el(d, "w:r");
  rpr(d, lang);
  el(d, NOTE_REF[k]);
  if (custom) at(d, "w:customMarkFollows", "1");
  ati(d, "w:id", id);
  end(d);
  if (custom) {
    el(d, "w:t");
    text(d, custom, strlen(custom));
    end(d);
  }
  end(d);
  /* the note itself, in its part, with nothing of the paragraph's formatting */
  now saved = d->now;
  story *was = d->cur;
  d->cur = s;
  d->now = (now){.in_note = true,
                 .para_style = NOTE_TEXT_STYLE[k],
                 .pending_mark = k + 1,
                 .custom_mark = custom};
  el(d, NOTE_EL[k]);
  ati(d, "w:id", id);
  if (k == NOTE_COMMENT) {
    at(d, "w:author", "colette");
    at(d, "w:initials", "c");
  }
  docx_blocks(d, n);
  if (d->now.pending_mark) { /* a note without a paragraph still has its mark */
    docx_para_open(d, PP(0), n);
    docx_para_close(d);
  }
  end(d);
  d->cur = was;
  d->now = saved;
  d->now.rstyle = was_style;
}

static void inline_node(dx *d, const colette_node *c) {
  switch (colette_node_get_type(c)) {
  case COLETTE_NODE_TEXT: {
    size_t len;
    const char *s = colette_node_literal(c, &len);
    docx_run_text(d, docx_lang(d, c), s, len);
    return;
  }
  case COLETTE_NODE_BREAK:
    el(d, "w:r");
    rpr(d, docx_lang(d, c));
    flag(d, "w:br");
    end(d);
    return;
  case COLETTE_NODE_EMAIL: {
    const char *v = colette_node_attr(c, COLETTE_ATTR_VALUE);
    buf href = BUF_INIT;
    if (v && *v) buf_printf(&href, "mailto:%s", v);
    docx_hyperlink(d, buf_ok(&href) ? href.data : NULL, c);
    buf_free(&href);
    return;
  }
  case COLETTE_NODE_URL: docx_hyperlink(d, colette_node_attr(c, COLETTE_ATTR_VALUE), c); return;
  case COLETTE_NODE_LINK: docx_hyperlink(d, colette_node_attr(c, COLETTE_ATTR_HREF), c); return;
  case COLETTE_NODE_FIELD: {
    const char *instr = colette_node_attr(c, COLETTE_ATTR_INSTR);
    el(d, "w:fldSimple");
    at(d, "w:instr", instr ? instr : colette_node_attr(c, COLETTE_ATTR_TYPE));
    docx_inlines(d, c);
    end(d);
    return;
  }
  case COLETTE_NODE_NOTE: note(d, c); return;
  case COLETTE_NODE_IMAGE: image_run(d, c); return;
  default:
    docx_inlines(d, c);
    return; /* dates, times, numbers, references, sentences: their text */
  }
}

void docx_inlines(dx *d, const colette_node *n) {
  for (const colette_node *c = colette_node_first_child(n); c && d->st == COLETTE_OK;
       c = colette_node_next(c))
    inline_node(d, c);
}

/* ---- paragraphs ------------------------------------------------------------------------------ */

/* Open a paragraph; `n` is the node whose language its mark takes (may be NULL). */
void docx_para_open(dx *d, pp p, const colette_node *n) {
  el(d, "w:p");
  el(d, "w:pPr");
  const char *sty = p.style ? p.style : d->now.para_style;
  if (sty) val(d, "w:pStyle", sty);
  if (p.keep_next) flag(d, "w:keepNext");
  if (p.page_break) flag(d, "w:pageBreakBefore");
  if (p.num) {
    el(d, "w:numPr");
    vali(d, "w:ilvl", p.ilvl);
    vali(d, "w:numId", p.num);
    end(d);
  }
  if (p.before > 0) {
    el(d, "w:spacing");
    ati(d, "w:before", p.before);
    end(d);
  }
  if (p.left || p.hanging) {
    el(d, "w:ind");
    ati(d, "w:left", p.left);
    if (p.hanging) ati(d, "w:hanging", p.hanging);
    end(d);
  }
  if (n) {
    const char *lang = docx_lang(d, n);
    el(d, "w:rPr");
    el(d, "w:lang");
    at(d, "w:val", lang);
    if (is_zh(lang)) at(d, "w:eastAsia", lang);
    end(d);
    end(d);
  }
  end(d);
  if (d->now.pending_mark) { /* a note's first paragraph: its mark, then a space */
    int k = d->now.pending_mark - 1;
    const char *was = d->now.rstyle;
    d->now.rstyle = NOTE_REF_STYLE[k];
    el(d, "w:r");
    rpr(d, n ? docx_lang(d, n) : d->r->lang);
    if (d->now.custom_mark) {
      el(d, "w:t");
      text(d, d->now.custom_mark, strlen(d->now.custom_mark));
      end(d);
    } else {
      flag(d, NOTE_MARK[k]);
    }
    end(d);
    d->now.rstyle = was;
    if (k != NOTE_COMMENT) docx_run_str(d, n ? docx_lang(d, n) : d->r->lang, " ");
    d->now.pending_mark = 0;
  }
}

void docx_para_close(dx *d) {
  end(d);
  d->now.last = 'p';
}

/* A paragraph holding n's inline content. */
void docx_para(dx *d, pp p, const colette_node *n) {
  docx_para_open(d, p, n);
  docx_inlines(d, n);
  docx_para_close(d);
}

void docx_para_bold(dx *d, pp p, const colette_node *n) {
  bool was = d->now.bold;
  d->now.bold = true;
  docx_para(d, p, n);
  d->now.bold = was;
}

/* ---- lists ----------------------------------------------------------------------------------- */

/* A list: under a numbering definition of its own that shows every item's
 * label when there is one (docxnum_infer), its labels typed before a tab
 * otherwise.  Each list has its own w:abstractNum rather than a w:num of a
 * shared one: every w:num of an abstract numbering shares its counters, and
 * LibreOffice and Word differ on how a w:startOverride restarts them. */
static void list(dx *d, const colette_node *l) {
  size_t n = 0;
  for (const colette_node *c = colette_node_first_child(l); c; c = colette_node_next(c))
    n += colette_node_get_type(c) == COLETTE_NODE_ITEM;
  if (n == 0) return;
  docxnum_item *items = calloc(n, sizeof *items);
  if (!items) {
    nomem(d);
    return;
  }
  size_t i = 0;
  for (const colette_node *c = colette_node_first_child(l); c; c = colette_node_next(c)) {
    if (colette_node_get_type(c) != COLETTE_NODE_ITEM) continue;
    const char *label = colette_node_attr(c, COLETTE_ATTR_LABEL);
    items[i++] = (docxnum_item){label ? label : "",
                                docx_attr_int(c, COLETTE_ATTR_LEVEL, 1, INT_MAX), docx_lang(d, c)};
  }
  docxnum def;
  int num = 0;
  if (docxnum_infer(d->fmt, items, n, &def) &&
      grow(d, (void **)&d->nums, &d->capnums, d->nnums, sizeof *d->nums)) {
    d->nums[d->nnums++] = def;
    num = (int)d->nnums;
  }
  i = 0;
  buf tmp = BUF_INIT;
  for (const colette_node *c = colette_node_first_child(l); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    if (colette_node_get_type(c) != COLETTE_NODE_ITEM) continue;
    const docxnum_item *it = &items[i++];
    if (num) {
      docx_para(d, PP(.style = "ListParagraph", .num = num, .ilvl = it->level - 1), c);
      continue;
    }
    int lv = it->level > 9 ? 9 : it->level;
    docx_para_open(
        d, PP(.style = "ListParagraph", .left = 567 * lv, .hanging = *it->label ? 567 : 0), c);
    if (*it->label) {
      /* typed, a symbol font's bullet has no font to draw it: the character
       * it draws instead (render_label_shown), as the text and HTML show */
      size_t len = strlen(it->label);
      const char *shown = render_label_shown(it->label, &len, &tmp);
      docx_run_str(d, it->lang, shown);
      docx_run_str(d, it->lang, "\t");
    }
    docx_inlines(d, c);
    docx_para_close(d);
  }
  if (!buf_ok(&tmp)) nomem(d);
  buf_free(&tmp);
  free(items);
}

/* ---- blocks ---------------------------------------------------------------------------------- */

static void signature(dx *d, const colette_node *s);
static void deadlines(dx *d, const colette_node *n);

void docx_block(dx *d, const colette_node *n) {
  switch (colette_node_get_type(n)) {
  case COLETTE_NODE_HEADING: {
    const char *lv = colette_node_attr(n, COLETTE_ATTR_LEVEL);
    char sty[16];
    if (lv)
      snprintf(sty, sizeof sty, "Heading%d", docx_attr_int(n, COLETTE_ATTR_LEVEL, 1, 9));
    else
      snprintf(sty, sizeof sty, "AnnexHeading");
    docx_para(d, PP(.style = sty, .keep_next = true), n);
    return;
  }
  case COLETTE_NODE_LIST: list(d, n); return;
  case COLETTE_NODE_TABLE: docx_table(d, n); return;
  case COLETTE_NODE_SALUTATION: docx_para(d, PP(.style = "Salutation"), n); return;
  case COLETTE_NODE_CLOSING: docx_para(d, PP(.style = "Closing"), n); return;
  case COLETTE_NODE_ENCLOSURE: docx_para(d, PP(.style = "Enclosure"), n); return;
  case COLETTE_NODE_SIGNATURE: signature(d, n); return;
  case COLETTE_NODE_DEADLINES: deadlines(d, n); return;
  case COLETTE_NODE_TITLE: docx_para(d, PP(.style = "AnnexTitle"), n); return;
  case COLETTE_NODE_IMAGE:
    docx_para_open(d, PP(0), n);
    image_run(d, n);
    docx_para_close(d);
    return;
  default: docx_para(d, PP(0), n); return; /* a paragraph, or text where it was found */
  }
}

void docx_blocks(dx *d, const colette_node *parent) {
  for (const colette_node *c = colette_node_first_child(parent); c && d->st == COLETTE_OK;
       c = colette_node_next(c))
    docx_block(d, c);
}

/* The signature: its picture, name, title and other lines, one paragraph each. */
static void signature(dx *d, const colette_node *s) {
  bool first = true;
  for (const colette_node *c = colette_node_first_child(s); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    pp p = PP(.style = "Signature", .before = first ? 480 : 0);
    if (colette_node_get_type(c) == COLETTE_NODE_IMAGE) {
      docx_para_open(d, p, c);
      image_run(d, c);
      docx_para_close(d);
    } else {
      docx_para(d, p, c);
    }
    first = false;
  }
}

/* Length of the blanks and dash that part a deadline's date from its
 * action (" – ", " - "), at the start of s; the dash in *dash, *dn (0: none). */
static size_t dash_len(const char *s, size_t n, const char **dash, size_t *dn) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  static const char *const DASHES[] = {
      "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x92", "-", "\xEF\xBC\x9A", ":"};
  *dn = 0;
  for (size_t k = 0; k < sizeof DASHES / sizeof *DASHES; k++) {
    size_t dl = strlen(DASHES[k]);
    if (n - i >= dl && memcmp(s + i, DASHES[k], dl) == 0) {
      *dash = s + i;
      *dn = dl;
      i += dl;
      break;
    }
  }
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

/* A deadline as a row: its date | the dash it has | its action. */
static void deadline_row(dx *d, const colette_node *dl) {
  const char *lang = docx_lang(d, dl);
  const colette_node *first = colette_node_first_child(dl);
  bool dated = first && colette_node_get_type(first) == COLETTE_NODE_DATE_VALUE;
  const colette_node *rest = dated ? colette_node_next(first) : first;
  const char *s = NULL, *dash = NULL;
  size_t len = 0, skip = 0, dn = 0;
  if (dated && rest && colette_node_get_type(rest) == COLETTE_NODE_TEXT) {
    s = colette_node_literal(rest, &len);
    const char *dsh;
    size_t n;
    size_t k = dash_len(s, len, &dsh, &n);
    if (n) { /* the blanks go with the dash; without one, the text stays whole */
      dash = dsh;
      dn = n;
      skip = k;
    }
  }
  docx_row_open(d, false, 0, 0);
  docx_cell_open(d, DEADLINE_COLS[0], 1, VM_NONE);
  if (dated) {
    docx_para(d, PP(0), first);
  } else { /* the date from its value, the action as written */
    buf b = BUF_INIT;
    if (render_date(d->r->dates, colette_node_attr(dl, COLETTE_ATTR_WHEN), lang, &b, d->r->err) !=
        COLETTE_OK) {
      buf_clear(&b);
      buf_puts(&b, colette_node_attr(dl, COLETTE_ATTR_WHEN));
    }
    if (!buf_ok(&b)) nomem(d);
    docx_para_open(d, PP(0), dl);
    docx_run_text(d, lang, b.data ? b.data : "", b.len);
    docx_para_close(d);
    buf_free(&b);
  }
  docx_cell_close(d);
  docx_cell_open(d, DEADLINE_COLS[1], 1, VM_NONE);
  docx_para_open(d, PP(0), dl);
  if (dash) docx_run_text(d, lang, dash, dn);
  docx_para_close(d);
  docx_cell_close(d);
  docx_cell_open(d, DEADLINE_COLS[2], 1, VM_NONE);
  docx_para_open(d, PP(0), dl);
  if (s) {
    docx_run_text(d, docx_lang(d, rest), s + skip, len - skip);
    rest = colette_node_next(rest);
  }
  for (; rest && d->st == COLETTE_OK; rest = colette_node_next(rest))
    inline_node(d, rest);
  docx_para_close(d);
  docx_cell_close(d);
  end(d);
}

/* The key deadlines: their title, then the deadlines as a borderless table. */
static void deadlines(dx *d, const colette_node *n) {
  const colette_node *c = colette_node_first_child(n);
  while (c && d->st == COLETTE_OK) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_TITLE) {
      docx_para_bold(d, PP(.keep_next = true), c);
      c = colette_node_next(c);
    } else if (t == COLETTE_NODE_DEADLINE) {
      docx_tbl_open(d, DEADLINE_COLS, 3, true);
      for (; c && colette_node_get_type(c) == COLETTE_NODE_DEADLINE; c = colette_node_next(c))
        deadline_row(d, c);
      docx_tbl_close(d);
    } else {
      docx_block(d, c);
      c = colette_node_next(c);
    }
  }
}

/* ---- the document ---------------------------------------------------------------------------- */

/* An annex: a new page, its heading and titles, its blocks. */
static void annex(dx *d, const colette_node *a) {
  bool first = true;
  for (const colette_node *c = colette_node_first_child(a); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_HEADING && !colette_node_attr(c, COLETTE_ATTR_LEVEL)) {
      docx_para(d, PP(.style = "AnnexHeading", .keep_next = true, .page_break = first), c);
    } else {
      if (first) { /* an annex without a heading still starts a page */
        docx_para_open(d, PP(.page_break = true), NULL);
        docx_para_close(d);
      }
      docx_block(d, c);
    }
    first = false;
  }
}

static void sect_pr(dx *d) {
  static const char *const PAGES[3] = {"default", "first", "even"};
  el(d, "w:sectPr");
  for (int i = 0; i < HF_KINDS; i++) {
    if (!d->hf_rel[i]) continue;
    char id[24];
    docx_rid(d->hf_rel[i], id, sizeof id);
    el(d, i >= 3 ? "w:footerReference" : "w:headerReference");
    at(d, "w:type", PAGES[i % 3]);
    at(d, "r:id", id);
    end(d);
  }
  if (d->notes[NOTE_END].name[0]) { /* endnotes numbered 1, 2… as footnotes are (Word: i, ii…) */
    el(d, "w:endnotePr");
    val(d, "w:numFmt", "decimal");
    end(d);
  }
  el(d, "w:pgSz");
  ati(d, "w:w", PAGE_W);
  ati(d, "w:h", PAGE_H);
  end(d);
  el(d, "w:pgMar");
  ati(d, "w:top", MARGIN_TOP);
  ati(d, "w:right", MARGIN_SIDE);
  ati(d, "w:bottom", MARGIN_TOP);
  ati(d, "w:left", MARGIN_SIDE);
  ati(d, "w:header", 567);
  ati(d, "w:footer", 567);
  ati(d, "w:gutter", 0);
  end(d);
  if (d->hf_rel[1] || d->hf_rel[4]) flag(d, "w:titlePg");
  end(d);
}

static void document(dx *d) {
  const colette_node *root = colette_letter_root(d->r->l);
  const colette_node *h = colette_letter_find(d->r->l, COLETTE_NODE_HEAD);
  if (!docx_story_open(d, &d->doc, "word/document.xml")) return;
  if (h) docx_furniture(d, h);
  d->cur = &d->doc;
  docx_story_root(d, "w:document");
  el(d, "w:body");
  for (const colette_node *c = colette_node_first_child(root); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_HEAD: docx_head(d, c); break;
    case COLETTE_NODE_BODY: docx_blocks(d, c); break;
    case COLETTE_NODE_ANNEX: annex(d, c); break;
    default: break; /* the metadata go to docProps; the meeting is data */
    }
  }
  if (d->now.last != 'p') { /* Word ends a document with a paragraph */
    docx_para_open(d, PP(0), NULL);
    docx_para_close(d);
  }
  sect_pr(d);
  end(d);
  end(d);
}

colette_status render_docx(render *r, buf *out) {
  dx d;
  memset(&d, 0, sizeof d);
  d.r = r;
  d.cur = &d.doc;
  if (!(d.fmt = numfmt_cache_new()))
    return error_set(r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  document(&d);
  d.cur = &d.doc;
  /* the document's relationships: what its text links to, then its parts */
  docx_rel_add(&d, &d.doc, "styles", "styles.xml", false);
  docx_rel_add(&d, &d.doc, "settings", "settings.xml", false);
  if (d.nnums) docx_rel_add(&d, &d.doc, "numbering", "numbering.xml", false);
  static const char *const NOTE_REL[NOTE_KINDS] = {"footnotes", "endnotes", "comments"};
  for (int k = 0; k < NOTE_KINDS; k++)
    if (d.notes[k].name[0]) docx_rel_add(&d, &d.doc, NOTE_REL[k], NOTE_PART[k] + 5, false);
  docx_story_finish(&d, &d.doc, CT_WML "document.main+xml");
  docx_story_finish(&d, &d.notes[NOTE_FOOT], CT_WML "footnotes+xml");
  docx_story_finish(&d, &d.notes[NOTE_END], CT_WML "endnotes+xml");
  docx_story_finish(&d, &d.notes[NOTE_COMMENT], CT_WML "comments+xml");
  docx_package_parts(&d);
  colette_status st = d.st;
  if (st == COLETTE_OK) st = docx_zip(&d, out);
  docx_story_free(&d.doc);
  for (int k = 0; k < NOTE_KINDS; k++)
    docx_story_free(&d.notes[k]);
  for (int k = 0; k < HF_KINDS; k++)
    docx_story_free(&d.hf[k]);
  for (size_t i = 0; i < d.nparts; i++)
    free(d.parts[i].data);
  free(d.parts);
  for (size_t i = 0; i < d.nmedia; i++)
    free(d.media[i].target);
  free(d.media);
  free(d.nums);
  numfmt_cache_free(d.fmt);
  return st;
}
