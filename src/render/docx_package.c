/*
 * docx_package.c: the parts of colette-render's DOCX that every package
 * has, and the package itself (docx_impl.h): the stories' parts and
 * relationships, styles.xml (the letter's paragraph and character styles),
 * numbering.xml (docxnum.c's definitions), settings.xml, docProps (the
 * letter's metadata), [Content_Types].xml, and the zip, written by libzip
 * into memory so that a failure leaves nothing half-written.
 */
#include <zip.h>

#include "docx_impl.h"

/* ---- stories and parts ----------------------------------------------------------------------- */

bool docx_story_open(dx *d, story *s, const char *name) {
  snprintf(s->name, sizeof s->name, "%s", name);
  s->xb = xmlBufferCreate();
  s->w = s->xb ? xmlNewTextWriterMemory(s->xb, 0) : NULL;
  if (!s->w || xmlTextWriterStartDocument(s->w, "1.0", "UTF-8", "yes") < 0) {
    nomem(d);
    return false;
  }
  return true;
}

void docx_story_free(story *s) {
  if (s->w) xmlFreeTextWriter(s->w);
  if (s->xb) xmlBufferFree(s->xb);
  for (size_t i = 0; i < s->nrels; i++)
    free(s->rels[i].target);
  free(s->rels);
  memset(s, 0, sizeof *s);
}

/* A relationship of story s (1-based; found again if it is there), 0 when out of memory. */
size_t docx_rel_add(dx *d, story *s, const char *type, const char *target, bool external) {
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

void docx_rid(size_t n, char *out, size_t cap) { snprintf(out, cap, "rId%zu", n); }

/* A part of the package: a copy of data[0..len). */
void docx_part_add(dx *d, const char *name, const void *data, size_t len, const char *ctype) {
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
void docx_rels_part(dx *d, const char *name, const story *s) {
  story x;
  memset(&x, 0, sizeof x);
  story *was = d->cur;
  if (docx_story_open(d, &x, name)) {
    d->cur = &x;
    el(d, "Relationships");
    at(d, "xmlns", NS_PKG_REL);
    for (size_t i = 0; i < s->nrels; i++) {
      char id[24], type[160];
      docx_rid(i + 1, id, sizeof id);
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
      docx_part_add(d, name, xmlBufferContent(x.xb), (size_t)xmlBufferLength(x.xb), NULL);
  }
  d->cur = was;
  docx_story_free(&x);
}

/* End story s and make it a part (with its relationships' part). */
void docx_story_finish(dx *d, story *s, const char *ctype) {
  if (!s->w) return;
  if (d->st == COLETTE_OK) ok(d, xmlTextWriterEndDocument(s->w));
  xmlFreeTextWriter(s->w);
  s->w = NULL;
  if (d->st == COLETTE_OK)
    docx_part_add(d, s->name, xmlBufferContent(s->xb), (size_t)xmlBufferLength(s->xb), ctype);
  if (s->nrels && d->st == COLETTE_OK) {
    /* word/header1.xml: word/_rels/header1.xml.rels */
    const char *slash = strrchr(s->name, '/');
    char name[96];
    if (slash)
      snprintf(name, sizeof name, "%.*s/_rels/%s.rels", (int)(slash - s->name), s->name, slash + 1);
    else
      snprintf(name, sizeof name, "_rels/%s.rels", s->name);
    docx_rels_part(d, name, s);
  }
}

/* The root element of a WordprocessingML story, with the namespaces every one may use. */
void docx_story_root(dx *d, const char *name) {
  el(d, name);
  at(d, "xmlns:w", NS_W);
  at(d, "xmlns:r", NS_R);
  at(d, "xmlns:wp", NS_WP);
  at(d, "xmlns:a", NS_A);
  at(d, "xmlns:pic", NS_PIC);
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
  if (!docx_story_open(d, &s, "word/styles.xml")) return;
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
  docx_story_finish(d, &s, CT_WML "styles+xml");
  docx_story_free(&s);
}

static void numbering_part(dx *d) {
  if (!d->nnums) return;
  story s;
  memset(&s, 0, sizeof s);
  if (!docx_story_open(d, &s, "word/numbering.xml")) return;
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
  docx_story_finish(d, &s, CT_WML "numbering+xml");
  docx_story_free(&s);
}

static void settings_part(dx *d) {
  story s;
  memset(&s, 0, sizeof s);
  if (!docx_story_open(d, &s, "word/settings.xml")) return;
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
  docx_story_finish(d, &s, CT_WML "settings+xml");
  docx_story_free(&s);
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
  if (!docx_story_open(d, &s, "docProps/core.xml")) return;
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
  docx_story_finish(d, &s, "application/vnd.openxmlformats-package.core-properties+xml");
  docx_story_free(&s);
}

static void app_part(dx *d) {
  const colette_node *meta = colette_letter_find(d->r->l, COLETTE_NODE_METADATA);
  story s;
  memset(&s, 0, sizeof s);
  if (!docx_story_open(d, &s, "docProps/app.xml")) return;
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
  docx_story_finish(d, &s, "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  docx_story_free(&s);
}

/* [Content_Types].xml for the parts made, and _rels/.rels. */
static void content_parts(dx *d) {
  story s;
  memset(&s, 0, sizeof s);
  if (!docx_story_open(d, &s, "[Content_Types].xml")) return;
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
  docx_story_finish(d, &s, NULL);
  docx_story_free(&s);

  story p;
  memset(&p, 0, sizeof p);
  docx_rel_add(d, &p, "officeDocument", "word/document.xml", false);
  docx_rel_add(
      d, &p,
      "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
      "docProps/core.xml", false);
  docx_rel_add(d, &p, "extended-properties", "docProps/app.xml", false);
  docx_rels_part(d, "_rels/.rels", &p);
  docx_story_free(&p);
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
colette_status docx_zip(dx *d, buf *out) {
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

void docx_package_parts(dx *d) {
  styles_part(d);
  numbering_part(d);
  settings_part(d);
  core_part(d);
  app_part(d);
  content_parts(d);
}
