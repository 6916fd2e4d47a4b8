/*
 * docx.c: the letter as a WordprocessingML package (render_docx).
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <zip.h>

#include "../error.h"
#include "docxnum.h"
#include "render.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL NS_R "/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* A4 with 2 cm side margins: the text is 9638 twips wide. */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_SIDE 1134
#define MARGIN_TOP 1418
#define TEXT_W (PAGE_W - 2 * MARGIN_SIDE)

/* the layout tables' columns, as the letters have them */
static const int HEAD_COLS[3] = {1418, 3827, TEXT_W - 1418 - 3827};
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

typedef struct relation {
  char *target;
  const char *type; /* its last segment: "hyperlink", "image", "header" */
  bool external;
} relation;

/* One XML part being written, with its relationships. */
typedef struct story {
  char name[48]; /* word/document.xml */
  xmlBufferPtr xb;
  xmlTextWriterPtr w;
  relation *rels;
  size_t nrels, caprels;
} story;

typedef struct part {
  char name[64];
  unsigned char *data; /* malloc'd; handed to libzip */
  size_t len;
  const char *ctype; /* an Override content type, or NULL for the defaults */
} part;

typedef struct media {
  char *target;  /* as the letter names it */
  char name[64]; /* its part: word/media/image1.png */
} media;

enum { NOTE_FOOT, NOTE_END, NOTE_COMMENT, NOTE_KINDS };
enum { HF_KINDS = 6 }; /* header and footer, each default, first, even */

/* What is in force where the writing is. */
typedef struct now {
  bool bold, in_link, in_note;
  const char *rstyle;      /* a character style for the runs (Hyperlink) */
  const char *para_style;  /* the paragraph style of plain paragraphs here */
  int pending_mark;        /* a note's first paragraph opens with its mark: NOTE_* + 1 */
  const char *custom_mark; /* …or with this text */
  char last;               /* the last block written: 'p'aragraph, 't'able, 0 */
} now;

typedef struct dx {
  render *r;
  colette_status st;
  story *cur; /* the story runs and paragraphs go to */
  story doc;
  story notes[NOTE_KINDS];
  int nnotes[NOTE_KINDS];
  int auto_marks[NOTE_KINDS]; /* the notes Word numbers (a custom mark takes no number) */
  story hf[HF_KINDS];
  size_t hf_rel[HF_KINDS]; /* 1-based relationship of each in the document; 0: none */
  part *parts;
  size_t nparts, capparts;
  media *media;
  size_t nmedia, capmedia;
  docxnum *nums;
  size_t nnums, capnums;
  numfmt_cache *fmt;
  unsigned drawings;
  now now; /* what is in force where the writing is */
} dx;

static void nomem(dx *d) {
  if (d->st == COLETTE_OK)
    d->st = error_set(d->r->err, COLETTE_ERR_NOMEM, d->cur ? d->cur->name : NULL, "out of memory");
}

static bool grow(dx *d, void **v, size_t *cap, size_t n, size_t size) {
  if (n < *cap) return true;
  size_t c = *cap ? *cap * 2 : 8;
  void *p = realloc(*v, c * size);
  if (!p) {
    nomem(d);
    return false;
  }
  *v = p;
  *cap = c;
  return true;
}

/* ---- XML through the current story's writer ----------------------------------------------------
 */

static void ok(dx *d, int rc) {
  if (rc < 0) nomem(d);
}

static void el(dx *d, const char *name) {
  if (d->st == COLETTE_OK) ok(d, xmlTextWriterStartElement(d->cur->w, BAD_CAST name));
}

static void end(dx *d) {
  if (d->st == COLETTE_OK) ok(d, xmlTextWriterEndElement(d->cur->w));
}

static void at(dx *d, const char *name, const char *v) {
  if (d->st == COLETTE_OK && v)
    ok(d, xmlTextWriterWriteAttribute(d->cur->w, BAD_CAST name, BAD_CAST v));
}

static void ati(dx *d, const char *name, long v) {
  char s[24];
  snprintf(s, sizeof s, "%ld", v);
  at(d, name, s);
}

/* <name w:val="v"/> */
static void val(dx *d, const char *name, const char *v) {
  el(d, name);
  at(d, "w:val", v);
  end(d);
}

static void vali(dx *d, const char *name, long v) {
  el(d, name);
  ati(d, "w:val", v);
  end(d);
}

/* <name/> */
static void flag(dx *d, const char *name) {
  el(d, name);
  end(d);
}

/* Text content: s[0..n). */
static void text(dx *d, const char *s, size_t n) {
  if (d->st != COLETTE_OK || n == 0) return;
  char *z = malloc(n + 1);
  if (!z) {
    nomem(d);
    return;
  }
  memcpy(z, s, n);
  z[n] = '\0';
  ok(d, xmlTextWriterWriteString(d->cur->w, BAD_CAST z));
  free(z);
}

/* An element holding text: <name>s</name>. */
static void el_text(dx *d, const char *name, const char *s) {
  el(d, name);
  text(d, s, strlen(s));
  end(d);
}

/* ---- stories and parts ----------------------------------------------------------------------- */

static bool story_open(dx *d, story *s, const char *name) {
  snprintf(s->name, sizeof s->name, "%s", name);
  s->xb = xmlBufferCreate();
  s->w = s->xb ? xmlNewTextWriterMemory(s->xb, 0) : NULL;
  if (!s->w || xmlTextWriterStartDocument(s->w, "1.0", "UTF-8", "yes") < 0) {
    nomem(d);
    return false;
  }
  return true;
}

static void story_free(story *s) {
  if (s->w) xmlFreeTextWriter(s->w);
  if (s->xb) xmlBufferFree(s->xb);
  for (size_t i = 0; i < s->nrels; i++)
    free(s->rels[i].target);
  free(s->rels);
  memset(s, 0, sizeof *s);
}

/* A relationship of story s (1-based; found again if it is there), 0 when out of memory. */
static size_t rel_add(dx *d, story *s, const char *type, const char *target, bool external) {
  for (size_t i = 0; i < s->nrels; i++)
    if (strcmp(s->rels[i].type, type) == 0 && strcmp(s->rels[i].target, target) == 0) return i + 1;
  if (!grow(d, (void **)&s->rels, &s->caprels, s->nrels, sizeof *s->rels)) return 0;
  char *t = strdup(target);
  if (!t) {
    nomem(d);
    return 0;
  }
  s->rels[s->nrels] = (relation){t, type, external};
  return ++s->nrels;
}

static void rid(size_t n, char *out, size_t cap) { snprintf(out, cap, "rId%zu", n); }

/* A part of the package: a copy of data[0..len). */
static void part_add(dx *d, const char *name, const void *data, size_t len, const char *ctype) {
  if (d->st != COLETTE_OK ||
      !grow(d, (void **)&d->parts, &d->capparts, d->nparts, sizeof *d->parts))
    return;
  unsigned char *c = malloc(len ? len : 1);
  if (!c) {
    nomem(d);
    return;
  }
  memcpy(c, data, len);
  part *p = &d->parts[d->nparts++];
  snprintf(p->name, sizeof p->name, "%s", name);
  p->data = c;
  p->len = len;
  p->ctype = ctype;
}

/* Write s's relationships as the part `name`. */
static void rels_part(dx *d, const char *name, const story *s) {
  story x;
  memset(&x, 0, sizeof x);
  story *was = d->cur;
  if (story_open(d, &x, name)) {
    d->cur = &x;
    el(d, "Relationships");
    at(d, "xmlns", NS_PKG_REL);
    for (size_t i = 0; i < s->nrels; i++) {
      char id[24], type[160];
      rid(i + 1, id, sizeof id);
      if (strchr(s->rels[i].type, '/'))
        snprintf(type, sizeof type, "%s", s->rels[i].type);
      else
        snprintf(type, sizeof type, REL "%s", s->rels[i].type);
      el(d, "Relationship");
      at(d, "Id", id);
      at(d, "Type", type);
      at(d, "Target", s->rels[i].target);
      if (s->rels[i].external) at(d, "TargetMode", "External");
      end(d);
    }
    end(d);
    if (d->st == COLETTE_OK) ok(d, xmlTextWriterEndDocument(x.w));
    xmlFreeTextWriter(x.w);
    x.w = NULL;
    if (d->st == COLETTE_OK)
      part_add(d, name, xmlBufferContent(x.xb), (size_t)xmlBufferLength(x.xb), NULL);
  }
  d->cur = was;
  story_free(&x);
}

/* End story s and make it a part (with its relationships' part). */
static void story_finish(dx *d, story *s, const char *ctype) {
  if (!s->w) return;
  if (d->st == COLETTE_OK) ok(d, xmlTextWriterEndDocument(s->w));
  xmlFreeTextWriter(s->w);
  s->w = NULL;
  if (d->st == COLETTE_OK)
    part_add(d, s->name, xmlBufferContent(s->xb), (size_t)xmlBufferLength(s->xb), ctype);
  if (s->nrels && d->st == COLETTE_OK) {
    /* word/header1.xml: word/_rels/header1.xml.rels */
    const char *slash = strrchr(s->name, '/');
    char name[96];
    if (slash)
      snprintf(name, sizeof name, "%.*s/_rels/%s.rels", (int)(slash - s->name), s->name, slash + 1);
    else
      snprintf(name, sizeof name, "_rels/%s.rels", s->name);
    rels_part(d, name, s);
  }
}

/* The root element of a WordprocessingML story, with the namespaces every one may use. */
static void story_root(dx *d, const char *name) {
  el(d, name);
  at(d, "xmlns:w", NS_W);
  at(d, "xmlns:r", NS_R);
  at(d, "xmlns:wp", NS_WP);
  at(d, "xmlns:a", NS_A);
  at(d, "xmlns:pic", NS_PIC);
}

/* ---- languages ------------------------------------------------------------------------------- */

static bool is_zh(const char *lang) {
  return lang && strncmp(lang, "zh", 2) == 0 &&
         (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

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
static void run_text(dx *d, const char *lang, const char *s, size_t n) {
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

static void run_str(dx *d, const char *lang, const char *s) { run_text(d, lang, s, strlen(s)); }

static const char *lang_of(dx *d, const colette_node *n) { return render_lang(d->r, n); }

static void inlines(dx *d, const colette_node *n);
static void inline_node(dx *d, const colette_node *c);

/* n's inline content inside a w:hyperlink to href (an address, or #anchor). */
static void hyperlink(dx *d, const char *href, const colette_node *n) {
  if (d->now.in_link || !href || !*href) { /* Word has no link in a link */
    inlines(d, n);
    return;
  }
  el(d, "w:hyperlink");
  if (href[0] == '#') {
    at(d, "w:anchor", href + 1);
  } else {
    char id[24];
    rid(rel_add(d, d->cur, "hyperlink", href, true), id, sizeof id);
    at(d, "r:id", id);
  }
  at(d, "w:history", "1");
  const char *was = d->now.rstyle;
  d->now.in_link = true;
  d->now.rstyle = "Hyperlink";
  inlines(d, n);
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
  part_add(d, m->name, PLACEHOLDER_PNG, sizeof PLACEHOLDER_PNG, NULL);
  return m->name;
}

/* An image: the placeholder picture, with the letter's alternative text. */
static void image_run(dx *d, const colette_node *img) {
  const char *descr = colette_node_attr(img, COLETTE_ATTR_DESCR);
  const char *name = media_part(d, colette_node_attr(img, COLETTE_ATTR_TARGET));
  if (!name) return;
  char id[24], pic[32];
  rid(rel_add(d, d->cur, "image", name + 5, false), id, sizeof id); /* relative to word/ */
  unsigned n = ++d->drawings;
  snprintf(pic, sizeof pic, "Picture %u", n);
  el(d, "w:r");
  rpr(d, lang_of(d, img));
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

static void blocks(dx *d, const colette_node *parent);

/* A paragraph's properties. */
typedef struct pp {
  const char *style; /* NULL: the plain style in force */
  bool keep_next, page_break;
  int num, ilvl; /* numbering; num 0: none */
  int before;    /* spacing before (twips); 0: the style's */
  int left, hanging;
} pp;

#define PP(...) ((pp){__VA_ARGS__})

static void para_open(dx *d, pp p, const colette_node *n);
static void para_close(dx *d);

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
  if (!story_open(d, s, NOTE_PART[k])) return NULL;
  story *was = d->cur;
  d->cur = s;
  story_root(d, NOTE_ROOT[k]);
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
  const char *lang = lang_of(d, n);
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
    if (b.len > 3) run_text(d, lang, b.data, b.len);
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
  blocks(d, n);
  if (d->now.pending_mark) { /* a note without a paragraph still has its mark */
    para_open(d, PP(0), n);
    para_close(d);
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
    run_text(d, lang_of(d, c), s, len);
    return;
  }
  case COLETTE_NODE_BREAK:
    el(d, "w:r");
    rpr(d, lang_of(d, c));
    flag(d, "w:br");
    end(d);
    return;
  case COLETTE_NODE_EMAIL: {
    const char *v = colette_node_attr(c, COLETTE_ATTR_VALUE);
    buf href = BUF_INIT;
    if (v && *v) buf_printf(&href, "mailto:%s", v);
    hyperlink(d, buf_ok(&href) ? href.data : NULL, c);
    buf_free(&href);
    return;
  }
  case COLETTE_NODE_URL: hyperlink(d, colette_node_attr(c, COLETTE_ATTR_VALUE), c); return;
  case COLETTE_NODE_LINK: hyperlink(d, colette_node_attr(c, COLETTE_ATTR_HREF), c); return;
  case COLETTE_NODE_FIELD: {
    const char *instr = colette_node_attr(c, COLETTE_ATTR_INSTR);
    el(d, "w:fldSimple");
    at(d, "w:instr", instr ? instr : colette_node_attr(c, COLETTE_ATTR_TYPE));
    inlines(d, c);
    end(d);
    return;
  }
  case COLETTE_NODE_NOTE: note(d, c); return;
  case COLETTE_NODE_IMAGE: image_run(d, c); return;
  default: inlines(d, c); return; /* dates, times, numbers, references, sentences: their text */
  }
}

static void inlines(dx *d, const colette_node *n) {
  for (const colette_node *c = colette_node_first_child(n); c && d->st == COLETTE_OK;
       c = colette_node_next(c))
    inline_node(d, c);
}

/* ---- paragraphs ------------------------------------------------------------------------------ */

/* Open a paragraph; `n` is the node whose language its mark takes (may be NULL). */
static void para_open(dx *d, pp p, const colette_node *n) {
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
    const char *lang = lang_of(d, n);
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
    rpr(d, n ? lang_of(d, n) : d->r->lang);
    if (d->now.custom_mark) {
      el(d, "w:t");
      text(d, d->now.custom_mark, strlen(d->now.custom_mark));
      end(d);
    } else {
      flag(d, NOTE_MARK[k]);
    }
    end(d);
    d->now.rstyle = was;
    if (k != NOTE_COMMENT) run_str(d, n ? lang_of(d, n) : d->r->lang, " ");
    d->now.pending_mark = 0;
  }
}

static void para_close(dx *d) {
  end(d);
  d->now.last = 'p';
}

/* A paragraph holding n's inline content. */
static void para(dx *d, pp p, const colette_node *n) {
  para_open(d, p, n);
  inlines(d, n);
  para_close(d);
}

static void para_bold(dx *d, pp p, const colette_node *n) {
  bool was = d->now.bold;
  d->now.bold = true;
  para(d, p, n);
  d->now.bold = was;
}

/* ---- tables ---------------------------------------------------------------------------------- */

/* Open a table of ncols columns of the widths given; a layout table has no borders. */
static void tbl_open(dx *d, const int *widths, size_t ncols, bool layout) {
  long total = 0;
  for (size_t i = 0; i < ncols; i++)
    total += widths[i];
  el(d, "w:tbl");
  el(d, "w:tblPr");
  val(d, "w:tblStyle", layout ? "LayoutTable" : "TableGrid");
  el(d, "w:tblW");
  ati(d, "w:w", total);
  at(d, "w:type", "dxa");
  end(d);
  el(d, "w:tblLayout");
  at(d, "w:type", "fixed");
  end(d);
  el(d, "w:tblLook");
  at(d, "w:val", "04A0");
  at(d, "w:firstRow", layout ? "0" : "1");
  at(d, "w:lastRow", "0");
  at(d, "w:firstColumn", "0");
  at(d, "w:lastColumn", "0");
  at(d, "w:noHBand", "0");
  at(d, "w:noVBand", "1");
  end(d);
  end(d);
  el(d, "w:tblGrid");
  for (size_t i = 0; i < ncols; i++) {
    el(d, "w:gridCol");
    ati(d, "w:w", widths[i]);
    end(d);
  }
  end(d);
}

static void tbl_close(dx *d) {
  end(d);
  d->now.last = 't';
}

/* Open a row; `after` grid columns left empty at its end (w:gridAfter). */
static void row_open(dx *d, bool header, int after, long after_w) {
  el(d, "w:tr");
  if (header || after > 0) {
    el(d, "w:trPr");
    if (after > 0) {
      vali(d, "w:gridAfter", after);
      el(d, "w:wAfter");
      ati(d, "w:w", after_w);
      at(d, "w:type", "dxa");
      end(d);
    }
    if (header) flag(d, "w:tblHeader");
    end(d);
  }
}

enum { VM_NONE, VM_RESTART, VM_CONTINUE };

static void cell_open(dx *d, long width, int span, int vmerge) {
  el(d, "w:tc");
  el(d, "w:tcPr");
  el(d, "w:tcW");
  ati(d, "w:w", width);
  at(d, "w:type", "dxa");
  end(d);
  if (span > 1) vali(d, "w:gridSpan", span);
  if (vmerge == VM_RESTART) val(d, "w:vMerge", "restart");
  if (vmerge == VM_CONTINUE) flag(d, "w:vMerge");
  end(d);
  d->now.last = 0;
}

/* Close a cell, which must end with a paragraph. */
static void cell_close(dx *d) {
  if (d->now.last != 'p') {
    para_open(d, PP(0), NULL);
    para_close(d);
  }
  end(d);
}

/* One position of a table's grid in a row: a cell of the letter, the
 * continuation of one above that spans rows, or a filler. */
typedef struct slot {
  const colette_node *cell;
  int col, span, vmerge;
} slot;

typedef struct grid {
  slot *slots;
  size_t n, cap;
  size_t *row_start; /* rows + 1 */
  int *row_end;      /* the grid column each row ends at */
  int cols;
} grid;

static void grid_free(grid *g) {
  free(g->slots);
  free(g->row_start);
  free(g->row_end);
}

static int attr_int(const colette_node *n, colette_attr a, int lo, int hi) {
  const char *v = colette_node_attr(n, a);
  long x = v ? strtol(v, NULL, 10) : lo;
  return x < lo ? lo : x > hi ? hi : (int)x;
}

/* Lay a table's cells on a grid: each cell at the first column its row
 * leaves free, those above that span rows down taking theirs. */
static bool grid_make(dx *d, const colette_node *t, grid *g) {
  memset(g, 0, sizeof *g);
  size_t rows = 0;
  for (const colette_node *r = colette_node_first_child(t); r; r = colette_node_next(r))
    rows += colette_node_get_type(r) == COLETTE_NODE_ROW;
  g->row_start = calloc(rows + 1, sizeof *g->row_start);
  g->row_end = calloc(rows + 1, sizeof *g->row_end);
  int cap = 64;
  int *cover = calloc((size_t)cap, sizeof *cover), *cspan = calloc((size_t)cap, sizeof *cspan);
  int *fresh = calloc((size_t)cap, sizeof *fresh), *fspan = calloc((size_t)cap, sizeof *fspan);
  bool *cont = calloc((size_t)cap, sizeof *cont);
  bool good = g->row_start && g->row_end && cover && cspan && fresh && fspan && cont;
  size_t ri = 0;
#define SLOT(c, col_, span_, vm)                                                                   \
  do {                                                                                             \
    if (!grow(d, (void **)&g->slots, &g->cap, g->n, sizeof *g->slots)) {                           \
      good = false;                                                                                \
      break;                                                                                       \
    }                                                                                              \
    g->slots[g->n++] = (slot){c, col_, span_, vm};                                                 \
  } while (0)
  for (const colette_node *r = colette_node_first_child(t); r && good; r = colette_node_next(r)) {
    if (colette_node_get_type(r) != COLETTE_NODE_ROW) continue;
    g->row_start[ri] = g->n;
    memset(cont, 0, (size_t)cap * sizeof *cont);
    memset(fresh, 0, (size_t)cap * sizeof *fresh);
    int col = 0;
    for (const colette_node *c = colette_node_first_child(r); c && good; c = colette_node_next(c)) {
      if (colette_node_get_type(c) != COLETTE_NODE_CELL) continue;
      while (col < cap && cover[col] > 0 && good) {
        SLOT(NULL, col, cspan[col], VM_CONTINUE);
        cont[col] = true;
        col += cspan[col];
      }
      int cs = attr_int(c, COLETTE_ATTR_COLSPAN, 1, 63);
      int rs = attr_int(c, COLETTE_ATTR_ROWSPAN, 1, (int)rows);
      if (col + cs > cap) { /* wider than any letter's table: the cell is cut */
        cs = cap - col;
        if (cs <= 0) break;
      }
      SLOT(c, col, cs, rs > 1 ? VM_RESTART : VM_NONE);
      if (rs > 1) {
        fresh[col] = rs - 1;
        fspan[col] = cs;
      }
      col += cs;
    }
    /* the rows spanning down past the row's last cell, with fillers between */
    for (int k = col; k < cap && good;) {
      if (cover[k] > 0) {
        SLOT(NULL, k, cspan[k], VM_CONTINUE);
        cont[k] = true;
        k += cspan[k];
        col = k;
        continue;
      }
      int next = k;
      while (next < cap && cover[next] <= 0)
        next++;
      if (next >= cap) break;
      SLOT(NULL, k, next - k, VM_NONE);
      k = next;
    }
    if (g->n == g->row_start[ri] && good) { /* Word wants a cell in every row */
      SLOT(NULL, 0, 1, VM_NONE);
      col = 1;
    }
    g->row_end[ri] = col;
    if (col > g->cols) g->cols = col;
    for (int k = 0; k < cap; k++) {
      cover[k] = cover[k] > 0 && cont[k] ? cover[k] - 1 : 0;
      if (fresh[k] > 0) {
        cover[k] = fresh[k];
        cspan[k] = fspan[k];
      }
    }
    ri++;
  }
#undef SLOT
  if (g->row_start) g->row_start[ri] = g->n;
  free(cover);
  free(cspan);
  free(fresh);
  free(fspan);
  free(cont);
  if (!good) {
    nomem(d);
    grid_free(g);
    return false;
  }
  return true;
}

/* A table of the letter, its merged cells as w:gridSpan and w:vMerge. */
static void table(dx *d, const colette_node *t) {
  grid g;
  if (!grid_make(d, t, &g)) return;
  if (g.cols == 0) {
    grid_free(&g);
    return;
  }
  int *widths = malloc((size_t)g.cols * sizeof *widths);
  if (!widths) {
    nomem(d);
    grid_free(&g);
    return;
  }
  for (int i = 0; i < g.cols; i++)
    widths[i] = TEXT_W / g.cols;
  tbl_open(d, widths, (size_t)g.cols, false);
  size_t ri = 0;
  for (const colette_node *r = colette_node_first_child(t); r && d->st == COLETTE_OK;
       r = colette_node_next(r)) {
    if (colette_node_get_type(r) != COLETTE_NODE_ROW) continue;
    const char *h = colette_node_attr(r, COLETTE_ATTR_HEADER);
    int after = g.cols - g.row_end[ri];
    row_open(d, h && strcmp(h, "true") == 0, after, (long)after * widths[0]);
    for (size_t i = g.row_start[ri]; i < g.row_start[ri + 1]; i++) {
      const slot *s = &g.slots[i];
      cell_open(d, (long)s->span * widths[0], s->span, s->vmerge);
      if (s->cell) blocks(d, s->cell);
      cell_close(d);
    }
    end(d);
    ri++;
  }
  tbl_close(d);
  free(widths);
  grid_free(&g);
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
    items[i++] = (docxnum_item){label ? label : "", attr_int(c, COLETTE_ATTR_LEVEL, 1, INT_MAX),
                                lang_of(d, c)};
  }
  docxnum def;
  int num = 0;
  if (docxnum_infer(d->fmt, items, n, &def) &&
      grow(d, (void **)&d->nums, &d->capnums, d->nnums, sizeof *d->nums)) {
    d->nums[d->nnums++] = def;
    num = (int)d->nnums;
  }
  i = 0;
  for (const colette_node *c = colette_node_first_child(l); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    if (colette_node_get_type(c) != COLETTE_NODE_ITEM) continue;
    const docxnum_item *it = &items[i++];
    if (num) {
      para(d, PP(.style = "ListParagraph", .num = num, .ilvl = it->level - 1), c);
      continue;
    }
    int lv = it->level > 9 ? 9 : it->level;
    para_open(d, PP(.style = "ListParagraph", .left = 567 * lv, .hanging = *it->label ? 567 : 0),
              c);
    if (*it->label) {
      run_str(d, it->lang, it->label);
      run_str(d, it->lang, "\t");
    }
    inlines(d, c);
    para_close(d);
  }
  free(items);
}

/* ---- blocks ---------------------------------------------------------------------------------- */

static void signature(dx *d, const colette_node *s);
static void deadlines(dx *d, const colette_node *n);

static void block(dx *d, const colette_node *n) {
  switch (colette_node_get_type(n)) {
  case COLETTE_NODE_HEADING: {
    const char *lv = colette_node_attr(n, COLETTE_ATTR_LEVEL);
    char sty[16];
    if (lv)
      snprintf(sty, sizeof sty, "Heading%d", attr_int(n, COLETTE_ATTR_LEVEL, 1, 9));
    else
      snprintf(sty, sizeof sty, "AnnexHeading");
    para(d, PP(.style = sty, .keep_next = true), n);
    return;
  }
  case COLETTE_NODE_LIST: list(d, n); return;
  case COLETTE_NODE_TABLE: table(d, n); return;
  case COLETTE_NODE_SALUTATION: para(d, PP(.style = "Salutation"), n); return;
  case COLETTE_NODE_CLOSING: para(d, PP(.style = "Closing"), n); return;
  case COLETTE_NODE_ENCLOSURE: para(d, PP(.style = "Enclosure"), n); return;
  case COLETTE_NODE_SIGNATURE: signature(d, n); return;
  case COLETTE_NODE_DEADLINES: deadlines(d, n); return;
  case COLETTE_NODE_TITLE: para(d, PP(.style = "AnnexTitle"), n); return;
  case COLETTE_NODE_IMAGE:
    para_open(d, PP(0), n);
    image_run(d, n);
    para_close(d);
    return;
  default: para(d, PP(0), n); return; /* a paragraph, or text where it was found */
  }
}

static void blocks(dx *d, const colette_node *parent) {
  for (const colette_node *c = colette_node_first_child(parent); c && d->st == COLETTE_OK;
       c = colette_node_next(c))
    block(d, c);
}

/* The signature: its picture, name, title and other lines, one paragraph each. */
static void signature(dx *d, const colette_node *s) {
  bool first = true;
  for (const colette_node *c = colette_node_first_child(s); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    pp p = PP(.style = "Signature", .before = first ? 480 : 0);
    if (colette_node_get_type(c) == COLETTE_NODE_IMAGE) {
      para_open(d, p, c);
      image_run(d, c);
      para_close(d);
    } else {
      para(d, p, c);
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
  const char *lang = lang_of(d, dl);
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
  row_open(d, false, 0, 0);
  cell_open(d, DEADLINE_COLS[0], 1, VM_NONE);
  if (dated) {
    para(d, PP(0), first);
  } else { /* the date from its value, the action as written */
    buf b = BUF_INIT;
    if (render_date(d->r->dates, colette_node_attr(dl, COLETTE_ATTR_WHEN), lang, &b, d->r->err) !=
        COLETTE_OK) {
      buf_clear(&b);
      buf_puts(&b, colette_node_attr(dl, COLETTE_ATTR_WHEN));
    }
    if (!buf_ok(&b)) nomem(d);
    para_open(d, PP(0), dl);
    run_text(d, lang, b.data ? b.data : "", b.len);
    para_close(d);
    buf_free(&b);
  }
  cell_close(d);
  cell_open(d, DEADLINE_COLS[1], 1, VM_NONE);
  para_open(d, PP(0), dl);
  if (dash) run_text(d, lang, dash, dn);
  para_close(d);
  cell_close(d);
  cell_open(d, DEADLINE_COLS[2], 1, VM_NONE);
  para_open(d, PP(0), dl);
  if (s) {
    run_text(d, lang_of(d, rest), s + skip, len - skip);
    rest = colette_node_next(rest);
  }
  for (; rest && d->st == COLETTE_OK; rest = colette_node_next(rest))
    inline_node(d, rest);
  para_close(d);
  cell_close(d);
  end(d);
}

/* The key deadlines: their title, then the deadlines as a borderless table. */
static void deadlines(dx *d, const colette_node *n) {
  const colette_node *c = colette_node_first_child(n);
  while (c && d->st == COLETTE_OK) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_TITLE) {
      para_bold(d, PP(.keep_next = true), c);
      c = colette_node_next(c);
    } else if (t == COLETTE_NODE_DEADLINE) {
      tbl_open(d, DEADLINE_COLS, 3, true);
      for (; c && colette_node_get_type(c) == COLETTE_NODE_DEADLINE; c = colette_node_next(c))
        deadline_row(d, c);
      tbl_close(d);
    } else {
      block(d, c);
      c = colette_node_next(c);
    }
  }
}

/* ---- the head -------------------------------------------------------------------------------- */

/* A head fact's label, or an empty cell. */
static void label_para(dx *d, const colette_node *n) {
  const char *l = render_label(n);
  para_open(d, PP(0), n);
  run_str(d, lang_of(d, n), l);
  para_close(d);
}

/* A reference's or contact's value; an address is a link. */
static void value_para(dx *d, const colette_node *n) {
  const char *type = colette_node_attr(n, COLETTE_ATTR_TYPE);
  const char *v = colette_node_attr(n, COLETTE_ATTR_VALUE);
  para_open(d, PP(0), n);
  if (colette_node_get_type(n) == COLETTE_NODE_CONTACT && type && v && *v &&
      (strcmp(type, "email") == 0 || strcmp(type, "web") == 0)) {
    buf href = BUF_INIT;
    buf_printf(&href, "%s%s", strcmp(type, "email") == 0 ? "mailto:" : "", v);
    if (!buf_ok(&href)) nomem(d);
    hyperlink(d, href.data, n);
    buf_free(&href);
  } else {
    inlines(d, n);
  }
  para_close(d);
}

/* The addressees under their label, one "–<tab>" line each. */
static void addressees(dx *d, const colette_node *h) {
  for (const colette_node *a = colette_node_first_child(h); a; a = colette_node_next(a)) {
    if (colette_node_get_type(a) != COLETTE_NODE_ADDRESSEES) continue;
    if (*render_label(a)) label_para(d, a);
    for (const colette_node *e = colette_node_first_child(a); e && d->st == COLETTE_OK;
         e = colette_node_next(e)) {
      para_open(d, PP(.style = "Addressee"), e);
      run_str(d, lang_of(d, e), "\xE2\x80\x93\t");
      inlines(d, e);
      para_close(d);
    }
  }
}

/* A row of the references and contacts: its label cell, then its value
 * cell left open for the caller's paragraphs. */
static void fact_row_open(dx *d, const colette_node *label, bool beside) {
  row_open(d, false, 0, 0);
  cell_open(d, HEAD_COLS[0], 1, VM_NONE);
  if (label) label_para(d, label);
  cell_close(d);
  if (beside)
    cell_open(d, HEAD_COLS[1], 1, VM_NONE);
  else
    cell_open(d, HEAD_COLS[1] + HEAD_COLS[2], 2, VM_NONE);
}

/* …and its end: the addressees beside the first row, merged down the others. */
static void fact_row_close(dx *d, const colette_node *h, bool beside, bool *first) {
  cell_close(d);
  if (beside) {
    cell_open(d, HEAD_COLS[2], 1, *first ? VM_RESTART : VM_CONTINUE);
    if (*first) addressees(d, h);
    cell_close(d);
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
    row_open(d, false, 0, 0);
    cell_open(d, HEAD_COLS[0] + HEAD_COLS[1], 2, VM_NONE);
    cell_close(d);
    cell_open(d, HEAD_COLS[2], 1, VM_NONE);
    addressees(d, h);
    cell_close(d);
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
  row_open(d, false, 0, 0);
  cell_open(d, TEXT_W, 3, VM_NONE);
  block(d, n);
  cell_close(d);
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
  row_open(d, false, 0, 0);
  cell_open(d, HEAD_COLS[0] + HEAD_COLS[1], 2, VM_NONE);
  cell_close(d);
  cell_open(d, HEAD_COLS[2], 1, VM_NONE);
  if (date) {
    buf b = BUF_INIT;
    if (render_dateline(d->r, place, date, &b) != COLETTE_OK) {
      buf_clear(&b);
      render_plain(date, &b);
    }
    if (!buf_ok(&b)) nomem(d);
    para_open(d, PP(0), date);
    run_text(d, lang_of(d, date), b.data ? b.data : "", b.len);
    para_close(d);
    buf_free(&b);
  } else {
    para(d, PP(0), place);
  }
  cell_close(d);
  end(d);
}

/*
 * The head as a layout table: the letterhead (the organisations) and the
 * dateline at the top, as letters have them; then, in the order the
 * letter gives them, the references, contacts and addressees (where the
 * first of them stood), the subject, and what else the head holds.
 */
static void head(dx *d, const colette_node *h) {
  bool orgs = false, contacts = false, any = false;
  for (const colette_node *c = colette_node_first_child(h); c; c = colette_node_next(c)) {
    any |= colette_node_get_type(c) != COLETTE_NODE_FURNITURE;
    orgs |= colette_node_get_type(c) == COLETTE_NODE_ORGANIZATION;
  }
  if (!any) return;
  tbl_open(d, HEAD_COLS, 3, true);
  if (orgs) {
    row_open(d, false, 0, 0);
    cell_open(d, TEXT_W, 3, VM_NONE);
    for (const colette_node *o = colette_node_first_child(h); o; o = colette_node_next(o))
      if (colette_node_get_type(o) == COLETTE_NODE_ORGANIZATION) para_bold(d, PP(0), o);
    cell_close(d);
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
      row_open(d, false, 0, 0);
      cell_open(d, HEAD_COLS[0], 1, VM_NONE);
      label_para(d, c);
      cell_close(d);
      cell_open(d, HEAD_COLS[1] + HEAD_COLS[2], 2, VM_NONE);
      para_bold(d, PP(0), c);
      cell_close(d);
      end(d);
      break;
    default: wide_row(d, c); break;
    }
  }
  tbl_close(d);
}

/* Page headers and footers: one part per kind and page, in the order the letter gives them. */
static void furniture(dx *d, const colette_node *h) {
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
      if (!story_open(d, s, name)) return;
      d->cur = s;
      story_root(d, footer ? "w:ftr" : "w:hdr");
      d->hf_rel[footer * 3 + pg] =
          rel_add(d, &d->doc, footer ? "footer" : "header", name + 5, false);
    }
    d->cur = s;
    const char *ps = d->now.para_style;
    d->now.para_style = footer ? "Footer" : "Header";
    d->now.last = last[footer * 3 + pg];
    blocks(d, f);
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
    story_finish(d, s, i >= 3 ? CT_WML "footer+xml" : CT_WML "header+xml");
  }
  d->now.last = 0;
}

/* ---- the document ---------------------------------------------------------------------------- */

/* An annex: a new page, its heading and titles, its blocks. */
static void annex(dx *d, const colette_node *a) {
  bool first = true;
  for (const colette_node *c = colette_node_first_child(a); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    colette_node_type t = colette_node_get_type(c);
    if (t == COLETTE_NODE_HEADING && !colette_node_attr(c, COLETTE_ATTR_LEVEL)) {
      para(d, PP(.style = "AnnexHeading", .keep_next = true, .page_break = first), c);
    } else {
      if (first) { /* an annex without a heading still starts a page */
        para_open(d, PP(.page_break = true), NULL);
        para_close(d);
      }
      block(d, c);
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
    rid(d->hf_rel[i], id, sizeof id);
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
  if (!story_open(d, &d->doc, "word/document.xml")) return;
  if (h) furniture(d, h);
  d->cur = &d->doc;
  story_root(d, "w:document");
  el(d, "w:body");
  for (const colette_node *c = colette_node_first_child(root); c && d->st == COLETTE_OK;
       c = colette_node_next(c)) {
    switch (colette_node_get_type(c)) {
    case COLETTE_NODE_HEAD: head(d, c); break;
    case COLETTE_NODE_BODY: blocks(d, c); break;
    case COLETTE_NODE_ANNEX: annex(d, c); break;
    default: break; /* the metadata go to docProps; the meeting is data */
    }
  }
  if (d->now.last != 'p') { /* Word ends a document with a paragraph */
    para_open(d, PP(0), NULL);
    para_close(d);
  }
  sect_pr(d);
  end(d);
  end(d);
}

/* ---- styles, numbering, settings ------------------------------------------------------------- */

enum {
  S_DEFAULT = 1,
  S_BOLD = 2,
  S_CENTER = 4,
  S_KEEP = 8,
  S_SUPER = 16,
  S_LINK = 32,
  S_QFORMAT = 64
};

typedef struct style_def {
  const char *type, *id, *name, *based_on;
  unsigned flags;
  int before, after, outline, size, left, hanging;
} style_def;

/* Negative numbers: not set. */
static const style_def STYLES[] = {
    {"paragraph", "Normal", "Normal", NULL, S_DEFAULT | S_QFORMAT, 120, -1, -1, -1, -1, -1},
    {"paragraph", "Title", "Title", "Normal", S_BOLD | S_CENTER | S_QFORMAT, 240, 240, -1, 32, -1,
     -1},
    {"paragraph", "Heading1", "heading 1", "Normal", S_BOLD | S_KEEP | S_QFORMAT, 280, -1, 0, 28,
     -1, -1},
    {"paragraph", "Heading2", "heading 2", "Heading1", S_QFORMAT, 200, -1, 1, 24, -1, -1},
    {"paragraph", "Heading3", "heading 3", "Heading2", S_QFORMAT, 160, -1, 2, 24, -1, -1},
    {"paragraph", "Heading4", "heading 4", "Heading3", S_QFORMAT, -1, -1, 3, -1, -1, -1},
    {"paragraph", "Heading5", "heading 5", "Heading4", S_QFORMAT, -1, -1, 4, -1, -1, -1},
    {"paragraph", "Heading6", "heading 6", "Heading4", S_QFORMAT, -1, -1, 5, -1, -1, -1},
    {"paragraph", "Heading7", "heading 7", "Heading4", S_QFORMAT, -1, -1, 6, -1, -1, -1},
    {"paragraph", "Heading8", "heading 8", "Heading4", S_QFORMAT, -1, -1, 7, -1, -1, -1},
    {"paragraph", "Heading9", "heading 9", "Heading4", S_QFORMAT, -1, -1, 8, -1, -1, -1},
    {"paragraph", "AnnexHeading", "Annex heading", "Normal", S_BOLD | S_CENTER | S_KEEP | S_QFORMAT,
     480, -1, 0, 28, -1, -1},
    {"paragraph", "AnnexTitle", "Annex title", "Title", S_QFORMAT, 240, 280, -1, 28, -1, -1},
    {"paragraph", "ListParagraph", "List Paragraph", "Normal", S_QFORMAT, 80, -1, -1, -1, 720, -1},
    {"paragraph", "Addressee", "Addressee", "Normal", 0, 0, -1, -1, -1, 284, 284},
    {"paragraph", "Salutation", "Salutation", "Normal", 0, 360, -1, -1, -1, -1, -1},
    {"paragraph", "Closing", "Closing", "Normal", 0, 240, -1, -1, -1, -1, -1},
    {"paragraph", "Signature", "Signature", "Normal", 0, 0, -1, -1, -1, -1, -1},
    {"paragraph", "Enclosure", "Enclosure", "Normal", 0, 480, -1, -1, -1, -1, -1},
    {"paragraph", "Header", "header", "Normal", S_CENTER, 0, -1, -1, 18, -1, -1},
    {"paragraph", "Footer", "footer", "Normal", S_CENTER, 0, -1, -1, 16, -1, -1},
    {"paragraph", "FootnoteText", "footnote text", "Normal", 0, 60, -1, -1, 20, 284, 284},
    {"paragraph", "EndnoteText", "endnote text", "Normal", 0, 60, -1, -1, 20, 284, 284},
    {"paragraph", "CommentText", "annotation text", "Normal", 0, -1, -1, -1, 20, -1, -1},
    {"character", "DefaultParagraphFont", "Default Paragraph Font", NULL, S_DEFAULT, -1, -1, -1, -1,
     -1, -1},
    {"character", "Hyperlink", "Hyperlink", "DefaultParagraphFont", S_LINK, -1, -1, -1, -1, -1, -1},
    {"character", "FootnoteReference", "footnote reference", "DefaultParagraphFont", S_SUPER, -1,
     -1, -1, -1, -1, -1},
    {"character", "EndnoteReference", "endnote reference", "DefaultParagraphFont", S_SUPER, -1, -1,
     -1, -1, -1, -1},
    {"character", "CommentReference", "annotation reference", "DefaultParagraphFont", 0, -1, -1, -1,
     16, -1, -1},
};

static void style_ppr(dx *d, const style_def *s) {
  el(d, "w:pPr");
  if (s->flags & S_KEEP) {
    flag(d, "w:keepNext");
    flag(d, "w:keepLines");
  }
  if (s->before >= 0 || s->after >= 0) {
    el(d, "w:spacing");
    if (s->before >= 0) ati(d, "w:before", s->before);
    if (s->after >= 0) ati(d, "w:after", s->after);
    end(d);
  }
  if (s->left >= 0) {
    el(d, "w:ind");
    ati(d, "w:left", s->left);
    if (s->hanging >= 0) ati(d, "w:hanging", s->hanging);
    end(d);
  }
  if (s->flags & S_CENTER) val(d, "w:jc", "center");
  if (s->outline >= 0) vali(d, "w:outlineLvl", s->outline);
  end(d);
}

static void style_rpr(dx *d, const style_def *s) {
  if (!(s->flags & (S_BOLD | S_SUPER | S_LINK)) && s->size < 0) return;
  el(d, "w:rPr");
  if (s->flags & S_BOLD) {
    flag(d, "w:b");
    flag(d, "w:bCs");
  }
  if (s->flags & S_LINK) val(d, "w:color", "0000FF");
  if (s->size >= 0) {
    vali(d, "w:sz", s->size);
    vali(d, "w:szCs", s->size);
  }
  if (s->flags & S_LINK) val(d, "w:u", "single");
  if (s->flags & S_SUPER) val(d, "w:vertAlign", "superscript");
  end(d);
}

static void table_style(dx *d, const char *id, const char *name, bool dflt, bool borders) {
  el(d, "w:style");
  at(d, "w:type", "table");
  if (dflt) at(d, "w:default", "1");
  at(d, "w:styleId", id);
  val(d, "w:name", name);
  if (!dflt) val(d, "w:basedOn", "TableNormal");
  el(d, "w:pPr");
  el(d, "w:spacing");
  at(d, "w:before", borders ? "60" : "0");
  at(d, "w:after", borders ? "60" : "0");
  end(d);
  end(d);
  el(d, "w:tblPr");
  el(d, "w:tblInd");
  at(d, "w:w", "0");
  at(d, "w:type", "dxa");
  end(d);
  static const char *const SIDES[] = {"w:top",   "w:left",    "w:bottom",
                                      "w:right", "w:insideH", "w:insideV"};
  if (!dflt) {
    el(d, "w:tblBorders");
    for (size_t i = 0; i < sizeof SIDES / sizeof *SIDES; i++) {
      el(d, SIDES[i]);
      at(d, "w:val", borders ? "single" : "none");
      at(d, "w:sz", borders ? "4" : "0");
      at(d, "w:space", "0");
      at(d, "w:color", "auto");
      end(d);
    }
    end(d);
  }
  el(d, "w:tblCellMar");
  static const char *const MAR[] = {"w:top", "w:left", "w:bottom", "w:right"};
  for (size_t i = 0; i < 4; i++) {
    el(d, MAR[i]);
    at(d, "w:w", i % 2 ? "85" : "0");
    at(d, "w:type", "dxa");
    end(d);
  }
  end(d);
  end(d);
  end(d);
}

static void styles_part(dx *d) {
  story s;
  memset(&s, 0, sizeof s);
  if (!story_open(d, &s, "word/styles.xml")) return;
  story *was = d->cur;
  d->cur = &s;
  const char *lang = d->r->lang;
  el(d, "w:styles");
  at(d, "xmlns:w", NS_W);
  el(d, "w:docDefaults");
  el(d, "w:rPrDefault");
  el(d, "w:rPr");
  el(d, "w:rFonts");
  at(d, "w:ascii", "Times New Roman");
  at(d, "w:eastAsia", "SimSun");
  at(d, "w:hAnsi", "Times New Roman");
  at(d, "w:cs", "Times New Roman");
  end(d);
  vali(d, "w:sz", 24);
  vali(d, "w:szCs", 24);
  el(d, "w:lang");
  at(d, "w:val", lang);
  at(d, "w:eastAsia", is_zh(lang) ? lang : "zh-CN");
  at(d, "w:bidi", "ar-SA");
  end(d);
  end(d);
  end(d);
  el(d, "w:pPrDefault");
  end(d);
  end(d);
  for (size_t i = 0; i < sizeof STYLES / sizeof *STYLES; i++) {
    const style_def *sd = &STYLES[i];
    el(d, "w:style");
    at(d, "w:type", sd->type);
    if (sd->flags & S_DEFAULT) at(d, "w:default", "1");
    at(d, "w:styleId", sd->id);
    val(d, "w:name", sd->name);
    if (sd->based_on) val(d, "w:basedOn", sd->based_on);
    if (strcmp(sd->type, "paragraph") == 0 && strcmp(sd->id, "Normal") != 0)
      val(d, "w:next", "Normal");
    if (sd->flags & S_QFORMAT) flag(d, "w:qFormat");
    if (strcmp(sd->type, "paragraph") == 0) style_ppr(d, sd);
    style_rpr(d, sd);
    end(d);
  }
  table_style(d, "TableNormal", "Normal Table", true, false);
  table_style(d, "TableGrid", "Table Grid", false, true);
  table_style(d, "LayoutTable", "Layout Table", false, false);
  el(d, "w:style");
  at(d, "w:type", "numbering");
  at(d, "w:default", "1");
  at(d, "w:styleId", "NoList");
  val(d, "w:name", "No List");
  end(d);
  end(d);
  d->cur = was;
  story_finish(d, &s, CT_WML "styles+xml");
  story_free(&s);
}

static void numbering_part(dx *d) {
  if (!d->nnums) return;
  story s;
  memset(&s, 0, sizeof s);
  if (!story_open(d, &s, "word/numbering.xml")) return;
  story *was = d->cur;
  d->cur = &s;
  el(d, "w:numbering");
  at(d, "xmlns:w", NS_W);
  for (size_t i = 0; i < d->nnums; i++) {
    el(d, "w:abstractNum");
    ati(d, "w:abstractNumId", (long)i);
    val(d, "w:multiLevelType", "multilevel");
    for (int k = 0; k < DOCXNUM_LEVELS; k++) {
      const docxnum_level *lv = &d->nums[i].lv[k];
      char dflt[8];
      snprintf(dflt, sizeof dflt, "%%%d.", k + 1);
      el(d, "w:lvl");
      ati(d, "w:ilvl", k);
      vali(d, "w:start", lv->used ? lv->start : 1);
      val(d, "w:numFmt", lv->used ? lv->fmt : "decimal");
      if (lv->used && !*lv->text) val(d, "w:suff", "nothing");
      val(d, "w:lvlText", lv->used ? lv->text : dflt);
      val(d, "w:lvlJc", "left");
      el(d, "w:pPr");
      el(d, "w:ind");
      ati(d, "w:left", 567L * (k + 1));
      ati(d, "w:hanging", 567);
      end(d);
      end(d);
      if (lv->symbol) {
        el(d, "w:rPr");
        el(d, "w:rFonts");
        at(d, "w:ascii", "Symbol");
        at(d, "w:hAnsi", "Symbol");
        at(d, "w:hint", "default");
        end(d);
        end(d);
      }
      end(d);
    }
    end(d);
  }
  for (size_t i = 0; i < d->nnums; i++) {
    el(d, "w:num");
    ati(d, "w:numId", (long)i + 1);
    vali(d, "w:abstractNumId", (long)i);
    end(d);
  }
  end(d);
  d->cur = was;
  story_finish(d, &s, CT_WML "numbering+xml");
  story_free(&s);
}

static void settings_part(dx *d) {
  story s;
  memset(&s, 0, sizeof s);
  if (!story_open(d, &s, "word/settings.xml")) return;
  story *was = d->cur;
  d->cur = &s;
  el(d, "w:settings");
  at(d, "xmlns:w", NS_W);
  el(d, "w:zoom");
  at(d, "w:percent", "100");
  end(d);
  vali(d, "w:defaultTabStop", 794);
  if (d->hf_rel[2] || d->hf_rel[5]) flag(d, "w:evenAndOddHeaders");
  val(d, "w:characterSpacingControl", "doNotCompress");
  for (int k = 0; k < 2; k++) {
    if (!d->notes[k].name[0]) continue;
    el(d, k ? "w:endnotePr" : "w:footnotePr");
    if (k) val(d, "w:numFmt", "decimal");
    for (int i = -1; i <= 0; i++) {
      el(d, k ? "w:endnote" : "w:footnote");
      ati(d, "w:id", i);
      end(d);
    }
    end(d);
  }
  el(d, "w:compat");
  el(d, "w:compatSetting");
  at(d, "w:name", "compatibilityMode");
  at(d, "w:uri", "http://schemas.microsoft.com/office/word");
  at(d, "w:val", "15");
  end(d);
  end(d);
  el(d, "w:themeFontLang");
  at(d, "w:val", d->r->lang);
  at(d, "w:eastAsia", is_zh(d->r->lang) ? d->r->lang : "zh-CN");
  end(d);
  end(d);
  d->cur = was;
  story_finish(d, &s, CT_WML "settings+xml");
  story_free(&s);
}

/* ---- docProps -------------------------------------------------------------------------------- */

/* A W3CDTF date-time (2020-06-08T09:05:00Z), as core.xml requires? */
static bool w3cdtf(const char *v) {
  size_t n = strlen(v);
  if (n < 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i = 0; i < n; i++)
    if (!strchr("0123456789-:TZ.+", v[i])) return false;
  return true;
}

static void core_part(dx *d) {
  static const struct {
    const char *prop, *el;
  } CORE[] = {
      {"title", "dc:title"},
      {"subject", "dc:subject"},
      {"creator", "dc:creator"},
      {"keywords", "cp:keywords"},
      {"description", "dc:description"},
      {"lastModifiedBy", "cp:lastModifiedBy"},
      {"revision", "cp:revision"},
      {"lastPrinted", "cp:lastPrinted"},
      {"created", "dcterms:created"},
      {"modified", "dcterms:modified"},
      {"category", "cp:category"},
      {"contentStatus", "cp:contentStatus"},
      {"identifier", "dc:identifier"},
      {"version", "cp:version"},
  };
  const colette_node *meta = colette_letter_find(d->r->l, COLETTE_NODE_METADATA);
  story s;
  memset(&s, 0, sizeof s);
  if (!story_open(d, &s, "docProps/core.xml")) return;
  story *was = d->cur;
  d->cur = &s;
  el(d, "cp:coreProperties");
  at(d, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  at(d, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  at(d, "xmlns:dcterms", "http://purl.org/dc/terms/");
  at(d, "xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
  at(d, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  for (size_t i = 0; i < sizeof CORE / sizeof *CORE; i++) {
    for (const colette_node *p = meta ? colette_node_first_child(meta) : NULL; p;
         p = colette_node_next(p)) {
      const char *name = colette_node_attr(p, COLETTE_ATTR_NAME);
      if (!name || strcmp(name, CORE[i].prop) != 0) continue;
      char *v = colette_node_text(p);
      if (!v) {
        nomem(d);
        break;
      }
      bool date =
          strncmp(CORE[i].el, "dcterms:", 8) == 0 || strcmp(CORE[i].prop, "lastPrinted") == 0;
      if (!date || w3cdtf(v)) {
        el(d, CORE[i].el);
        if (strncmp(CORE[i].el, "dcterms:", 8) == 0) at(d, "xsi:type", "dcterms:W3CDTF");
        text(d, v, strlen(v));
        end(d);
      }
      colette_free(v);
      break;
    }
  }
  el_text(d, "dc:language", d->r->lang); /* the rendering's, not the source's */
  end(d);
  d->cur = was;
  story_finish(d, &s, "application/vnd.openxmlformats-package.core-properties+xml");
  story_free(&s);
}

static void app_part(dx *d) {
  const colette_node *meta = colette_letter_find(d->r->l, COLETTE_NODE_METADATA);
  story s;
  memset(&s, 0, sizeof s);
  if (!story_open(d, &s, "docProps/app.xml")) return;
  story *was = d->cur;
  d->cur = &s;
  el(d, "Properties");
  at(d, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  el_text(d, "Application", "colette");
  /* who the letter is from; the counts of the source (pages, words) are not this document's */
  static const char *const KEEP[] = {"Manager", "Company"};
  for (size_t i = 0; i < 2; i++)
    for (const colette_node *p = meta ? colette_node_first_child(meta) : NULL; p;
         p = colette_node_next(p)) {
      const char *name = colette_node_attr(p, COLETTE_ATTR_NAME);
      if (!name || strcmp(name, KEEP[i]) != 0) continue;
      char *v = colette_node_text(p);
      if (!v) {
        nomem(d);
        break;
      }
      el_text(d, KEEP[i], v);
      colette_free(v);
      break;
    }
  end(d);
  d->cur = was;
  story_finish(d, &s, "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  story_free(&s);
}

/* [Content_Types].xml for the parts made, and _rels/.rels. */
static void package_parts(dx *d) {
  story s;
  memset(&s, 0, sizeof s);
  if (!story_open(d, &s, "[Content_Types].xml")) return;
  story *was = d->cur;
  d->cur = &s;
  el(d, "Types");
  at(d, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  static const char *const DEFAULTS[][2] = {
      {"rels", "application/vnd.openxmlformats-package.relationships+xml"},
      {"xml", "application/xml"},
      {"png", "image/png"}};
  for (size_t i = 0; i < 3; i++) {
    el(d, "Default");
    at(d, "Extension", DEFAULTS[i][0]);
    at(d, "ContentType", DEFAULTS[i][1]);
    end(d);
  }
  for (size_t i = 0; i < d->nparts; i++) {
    if (!d->parts[i].ctype) continue;
    char name[72];
    snprintf(name, sizeof name, "/%s", d->parts[i].name);
    el(d, "Override");
    at(d, "PartName", name);
    at(d, "ContentType", d->parts[i].ctype);
    end(d);
  }
  end(d);
  d->cur = was;
  story_finish(d, &s, NULL);
  story_free(&s);

  story p;
  memset(&p, 0, sizeof p);
  rel_add(d, &p, "officeDocument", "word/document.xml", false);
  rel_add(d, &p,
          "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
          "docProps/core.xml", false);
  rel_add(d, &p, "extended-properties", "docProps/app.xml", false);
  rels_part(d, "_rels/.rels", &p);
  story_free(&p);
}

/* ---- the package ----------------------------------------------------------------------------- */

/* Rank of a part in the ZIP: the content types first, as Word writes them. */
static int part_rank(const char *name) {
  if (strcmp(name, "[Content_Types].xml") == 0) return 0;
  if (strcmp(name, "_rels/.rels") == 0) return 1;
  if (strcmp(name, "word/document.xml") == 0) return 2;
  if (strncmp(name, "word/", 5) == 0) return 3;
  return 4;
}

static int part_cmp(const void *a, const void *b) {
  const part *x = a, *y = b;
  int rx = part_rank(x->name), ry = part_rank(y->name);
  return rx != ry ? rx - ry : strcmp(x->name, y->name);
}

static colette_status zip_failure(dx *d, zip_error_t *ze) {
  return error_set(d->r->err,
                   zip_error_code_zip(ze) == ZIP_ER_MEMORY ? COLETTE_ERR_NOMEM : COLETTE_ERR_IO,
                   NULL, "cannot write the DOCX package (%s)", zip_error_strerror(ze));
}

/* The parts zipped into out, in memory, with a fixed time stamp so that
 * the same letter gives the same bytes. */
static colette_status zip_parts(dx *d, buf *out) {
  qsort(d->parts, d->nparts, sizeof *d->parts, part_cmp);
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  colette_status st = COLETTE_OK;
  if (!z) {
    st = zip_failure(d, &ze);
    if (src) zip_source_free(src);
    zip_error_fini(&ze);
    return st;
  }
  zip_source_keep(src);
  for (size_t i = 0; i < d->nparts && st == COLETTE_OK; i++) {
    part *p = &d->parts[i];
    zip_source_t *s = zip_source_buffer(z, p->data, p->len, 1);
    if (!s) {
      st = error_set(d->r->err, COLETTE_ERR_NOMEM, p->name, "out of memory");
      break;
    }
    p->data = NULL; /* libzip's now */
    zip_int64_t idx = zip_file_add(z, p->name, s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(s);
      st = error_set(d->r->err, COLETTE_ERR_IO, p->name, "cannot add to the package (%s)",
                     zip_strerror(z));
      break;
    }
    zip_file_set_mtime(z, (zip_uint64_t)idx, 315532800, 0); /* 1980-01-01 */
  }
  if (st != COLETTE_OK) {
    zip_discard(z);
  } else if (zip_close(z) != 0) {
    st = zip_failure(d, zip_get_error(z));
    zip_discard(z);
  }
  zip_stat_t zs;
  zip_stat_init(&zs);
  if (st == COLETTE_OK && (zip_source_open(src) != 0 || zip_source_stat(src, &zs) != 0))
    st = zip_failure(d, zip_source_error(src));
  if (st == COLETTE_OK) {
    if (!buf_reserve(out, (size_t)zs.size)) {
      st = error_set(d->r->err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    } else {
      zip_int64_t n = zip_source_read(src, out->data + out->len, zs.size);
      if (n < 0 || (zip_uint64_t)n != zs.size)
        st = zip_failure(d, zip_source_error(src));
      else
        out->len += (size_t)n;
    }
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&ze);
  return st;
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
  rel_add(&d, &d.doc, "styles", "styles.xml", false);
  rel_add(&d, &d.doc, "settings", "settings.xml", false);
  if (d.nnums) rel_add(&d, &d.doc, "numbering", "numbering.xml", false);
  static const char *const NOTE_REL[NOTE_KINDS] = {"footnotes", "endnotes", "comments"};
  for (int k = 0; k < NOTE_KINDS; k++)
    if (d.notes[k].name[0]) rel_add(&d, &d.doc, NOTE_REL[k], NOTE_PART[k] + 5, false);
  story_finish(&d, &d.doc, CT_WML "document.main+xml");
  story_finish(&d, &d.notes[NOTE_FOOT], CT_WML "footnotes+xml");
  story_finish(&d, &d.notes[NOTE_END], CT_WML "endnotes+xml");
  story_finish(&d, &d.notes[NOTE_COMMENT], CT_WML "comments+xml");
  styles_part(&d);
  numbering_part(&d);
  settings_part(&d);
  core_part(&d);
  app_part(&d);
  package_parts(&d);
  colette_status st = d.st;
  if (st == COLETTE_OK) st = zip_parts(&d, out);
  story_free(&d.doc);
  for (int k = 0; k < NOTE_KINDS; k++)
    story_free(&d.notes[k]);
  for (int k = 0; k < HF_KINDS; k++)
    story_free(&d.hf[k]);
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
