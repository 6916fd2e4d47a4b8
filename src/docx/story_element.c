/*
 * story_element.c: what each element does in the streaming reader
 * (story.c): WordprocessingML's (w:) paragraphs, runs, tables, breaks,
 * tabs, notes, changes and properties; then those of the other
 * vocabularies a story holds (math, markup compatibility, drawings, VML).
 * Each returns what the stream does next: read inside, skip, or capture
 * a small subtree whole (properties) for story_w_properties.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../error.h"
#include "../flat.h"
#include "story_impl.h"

static bool changes_hide(story *st, bool deletion) {
  colette_changes m = st->doc->changes;
  return deletion ? m == COLETTE_CHANGES_ACCEPT : m == COLETTE_CHANGES_REJECT;
}

static void open_change(story *st, int key, bool deletion) {
  if (st->doc->changes != COLETTE_CHANGES_ALL) return; /* transparent */
  para *p = story_current_para(st);
  if (!p) return;
  char author[128], date[64];
  bool ha = story_attr(st, "author", author, sizeof author);
  bool hd = story_attr(st, "date", date, sizeof date);
  int serial = story_inline_open(st, p, deletion ? I_DEL : I_INS,
                                 story_make_start(deletion ? FLAT_DEL : FLAT_INS, FLAT_A_AUTHOR,
                                                  ha ? author : NULL, FLAT_A_DATE, hd ? date : NULL,
                                                  NULL, NULL),
                                 false);
  frame *f = story_push(st, F_INLINE, key);
  if (f) {
    f->u.in.p = p;
    f->u.in.serial = serial;
    f->u.in.role = 'w';
  }
}

/* A property block captured whole (w:pPr, w:rPr of a run, w:sectPr, w:tcPr,
 * w:trPr, w:tblPr, w:tblGrid): what it sets, into the frame it belongs to. */
void story_w_properties(story *st, const xmlpart_node *n) {
  const char *name = n->local;
  if (strcmp(name, "pPr") == 0) {
    frame *f = &st->frames[st->top_struct];
    if (n && f->kind == F_PARA) {
      story_read_ppr(st, f->u.p, n);
      const xmlpart_node *sect = xn_child(n, "sectPr");
      if (sect) story_read_sectpr(st, sect);
    }
    return;
  }
  if (strcmp(name, "rPr") == 0) {
    {
      {
        runfmt direct;
        runfmt_unset(&direct);
        runfmt_read(&direct, n);
        const xmlpart_node *rs = xn_child(n, "rStyle");
        if (rs && xn_attr(rs, "val")) styles_runfmt(st->doc->styles, xn_attr(rs, "val"), &direct);
        runfmt_inherit(&direct, story_top(st)->u.run);
        *story_top(st)->u.run = direct;
      }
    }
    return;
  }
  if (strcmp(name, "sectPr") == 0) {
    if (n) story_read_sectpr(st, n);
    return;
  }
  if (strcmp(name, "tcPr") == 0) {
    frame *f = &st->frames[st->top_struct];
    if (n && f->kind == F_CELL) {
      tcell *c = story_cell_of(f);
      trow *row = &f->u.pos.t->rows[f->u.pos.row];
      const xmlpart_node *x;
      if ((x = xn_child(n, "gridSpan"))) {
        int span = story_int_val(x, 1);
        c->colspan = span < 1 ? 1 : span > 1000 ? 1000 : span;
      }
      if ((x = xn_child(n, "vMerge"))) {
        const char *mv = xn_attr(x, "val");
        c->vmerge = mv && strcmp(mv, "restart") == 0 ? 1 : 2;
      }
      if ((x = xn_child(n, "hMerge"))) {
        /* legacy horizontal merge: a continuation widens the cell before */
        const char *mv = xn_attr(x, "val");
        if (!(mv && strcmp(mv, "restart") == 0) && f->u.pos.cell > 0) {
          tcell *prev = &row->cells[f->u.pos.cell - 1];
          prev->colspan += c->colspan;
          c->colspan = 0; /* marks the merged-away cell, see F_CELL pop */
        }
      }
    }
    return;
  }
  if (strcmp(name, "trPr") == 0) {
    frame *f = &st->frames[st->top_struct];
    if (n && f->kind == F_ROW) {
      trow *row = &f->u.pos.t->rows[f->u.pos.row];
      row->header = xn_onoff(xn_child(n, "tblHeader"));
      const xmlpart_node *x;
      if ((x = xn_child(n, "gridBefore"))) {
        int g = story_int_val(x, 0);
        if (g > 0 && g < 1000 && row->n == 0) row->next_col = g;
      }
      if ((x = xn_child(n, "gridAfter"))) {
        int g = story_int_val(x, 0);
        if (g > 0 && g < 1000) row->grid_after = g;
      }
    }
    return;
  }
  if (strcmp(name, "tblPr") == 0) {
    frame *f = &st->frames[st->top_struct];
    const xmlpart_node *s = n ? xn_child(n, "tblStyle") : NULL;
    if (s && f->kind == F_TABLE && xn_attr(s, "val"))
      str_copy(f->u.t->style, sizeof f->u.t->style, xn_attr(s, "val"));
    const xmlpart_node *cap = n ? xn_child(n, "tblCaption") : NULL;
    const xmlpart_node *desc = n ? xn_child(n, "tblDescription") : NULL;
    if (f->kind == F_TABLE && cap && xn_attr(cap, "val") && !f->u.t->caption)
      f->u.t->caption = strdup(xn_attr(cap, "val"));
    if (f->kind == F_TABLE && desc && xn_attr(desc, "val") && !f->u.t->description)
      f->u.t->description = strdup(xn_attr(desc, "val"));
    return;
  }
  if (strcmp(name, "tblGrid") == 0) {
    frame *f = &st->frames[st->top_struct];
    if (n && f->kind == F_TABLE) {
      int cols = 0;
      for (const xmlpart_node *c = n->first; c; c = c->next)
        cols += xn_is(c, "gridCol");
      f->u.t->grid_cols = cols;
    }
    return;
  }
}

int story_w_element(story *st, const char *name, int depth, bool empty) {
  int key = 2 * depth;
  char v[256];
  switch (name[0]) {
  case 'b':
    if (strcmp(name, "br") == 0) {
      story_attr(st, "type", v, sizeof v);
      story_emit_empty(st, FLAT_BR, FLAT_A_TYPE, v[0] && strcmp(v, "textWrapping") != 0 ? v : NULL,
                       NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "bookmarkStart") == 0) {
      if (!story_attr(st, "name", v, sizeof v)) return NEXT_READ;
      frame *f = &st->frames[st->top_struct];
      if (f->kind == F_PARA && !story_instr_target(st)) {
        story_emit_empty(st, FLAT_ANCHOR, FLAT_A_NAME, v, NULL, NULL);
      } else if (st->n_pending < 1024) {
        if (st->n_pending == st->cap_pending) {
          size_t cap = st->cap_pending ? st->cap_pending * 2 : 8;
          char **a = realloc(st->pending_anchors, cap * sizeof *a);
          if (!a) {
            story_nomem(st);
            return NEXT_READ;
          }
          st->pending_anchors = a;
          st->cap_pending = cap;
        }
        st->pending_anchors[st->n_pending] = strdup(v);
        if (st->pending_anchors[st->n_pending]) st->n_pending++;
      }
      return NEXT_READ;
    }
    break;
  case 'c':
    if (strcmp(name, "cr") == 0) {
      story_emit_empty(st, FLAT_BR, NULL, NULL, NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "commentReference") == 0) {
      story_attr(st, "id", v, sizeof v);
      story_emit_empty(st, FLAT_COMMENTREF, FLAT_A_ID, v, NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "comment") == 0 && st->kind == STORY_COMMENTS && !empty) {
      char id[32], author[128], date[64], initials[32];
      story_attr(st, "id", id, sizeof id);
      bool ha = story_attr(st, "author", author, sizeof author);
      bool hd = story_attr(st, "date", date, sizeof date);
      bool hi = story_attr(st, "initials", initials, sizeof initials);
      buf *out = st->doc->out;
      buf_puts(out, "<" FLAT_COMMENT);
      buf_xml_attr(out, FLAT_A_ID, id);
      if (ha) buf_xml_attr(out, FLAT_A_AUTHOR, author);
      if (hd) buf_xml_attr(out, FLAT_A_DATE, date);
      if (hi) buf_xml_attr(out, FLAT_A_INITIALS, initials);
      buf_puts(out, ">\n");
      frame *f = story_push(st, F_NOTE, key);
      if (f) f->u.note_end = "</" FLAT_COMMENT ">\n";
      return NEXT_READ;
    }
    if (strcmp(name, "customXmlPr") == 0) return NEXT_SKIP;
    break;
  case 'd':
    if (strcmp(name, "delText") == 0 || strcmp(name, "delInstrText") == 0) {
      st->text_mode = name[3] == 'I' ? T_INSTR : T_DEL;
      st->text_depth = depth;
      return NEXT_READ;
    }
    if (strcmp(name, "del") == 0 || strcmp(name, "moveFrom") == 0) {
      if (empty) return NEXT_READ;
      if (changes_hide(st, true)) return NEXT_SKIP;
      open_change(st, key, true);
      return NEXT_READ;
    }
    if (strcmp(name, "drawing") == 0) {
      if (!empty) story_push(st, F_DRAWING, key);
      return NEXT_READ;
    }
    break;
  case 'e':
    if (strcmp(name, "endnoteReference") == 0) {
      story_note_ref(st, "endnote", &st->doc->endnote_marks);
      return NEXT_READ;
    }
    if (strcmp(name, "endnote") == 0 && st->kind == STORY_NOTES && !empty) goto note;
    break;
  case 'f':
    if (strcmp(name, "fldChar") == 0) {
      story_attr(st, "fldCharType", v, sizeof v);
      story_fld_char(st, v);
      return empty ? NEXT_READ : NEXT_SKIP; /* w:fldData inside is binary */
    }
    if (strcmp(name, "fldSimple") == 0) {
      char *instr = story_attr_dup(st, "instr");
      if (empty) {
        /* a field with no result still says what it was */
        story_fld_char(st, "begin");
        if (st->n_fields && instr) buf_puts(&st->fields[st->n_fields - 1].instr, instr);
        story_fld_char(st, "end");
      } else {
        story_fld_char(st, "begin");
        if (st->n_fields && instr) buf_puts(&st->fields[st->n_fields - 1].instr, instr);
        story_fld_char(st, "separate");
        frame *f = story_push(st, F_INLINE, key);
        if (f) f->u.in.role = 's'; /* popping it ends the field */
      }
      free(instr);
      return NEXT_READ;
    }
    if (strcmp(name, "footnoteReference") == 0) {
      story_note_ref(st, "footnote", &st->doc->footnote_marks);
      return NEXT_READ;
    }
    if (strcmp(name, "footnote") == 0 && st->kind == STORY_NOTES && !empty) goto note;
    break;
  case 'h':
    if (strcmp(name, "hyperlink") == 0 && !empty) {
      para *p = story_current_para(st);
      if (!p) return NEXT_READ;
      char rid[64], anchor[256];
      bool has_rid = false;
      /* r:id is in the relationships namespace; w:anchor in w (the last
       * "id" wins, as it always has) */
      for (size_t i = 0; i < st->e->n_attrs; i++)
        if (strcmp(st->e->attrs[i].local, "id") == 0) {
          str_copy(rid, sizeof rid, st->e->attrs[i].value);
          has_rid = true;
        }
      bool has_anchor = story_attr(st, "anchor", anchor, sizeof anchor);
      const rel *r = has_rid ? rels_by_id(st->rels, rid) : NULL;
      const char *href = r ? r->target : NULL;
      int serial = story_inline_open(st, p, I_LINK,
                                     story_make_start(FLAT_LINK, FLAT_A_HREF, href, FLAT_A_ANCHOR,
                                                      has_anchor ? anchor : NULL, NULL, NULL),
                                     false);
      frame *f = story_push(st, F_INLINE, key);
      if (f) {
        f->u.in.p = p;
        f->u.in.serial = serial;
        f->u.in.role = 'w';
      }
      return NEXT_READ;
    }
    break;
  case 'i':
    if (strcmp(name, "instrText") == 0) {
      st->text_mode = T_INSTR;
      st->text_depth = depth;
      return NEXT_READ;
    }
    if (strcmp(name, "ins") == 0) goto insertion;
    break;
  case 'm':
    if (strcmp(name, "moveTo") == 0) goto insertion;
    if (strcmp(name, "moveFrom") == 0) {
      if (empty) return NEXT_READ;
      if (changes_hide(st, true)) return NEXT_SKIP;
      open_change(st, key, true);
      return NEXT_READ;
    }
    break;
  case 'n':
    if (strcmp(name, "noBreakHyphen") == 0) {
      story_emit_text(st, "\xE2\x80\x91", 3); /* U+2011 */
      return NEXT_READ;
    }
    break;
  case 'p':
    if (strcmp(name, "p") == 0) {
      story_open_para(st, key); /* an empty <w:p/> closes at once */
      return NEXT_READ;
    }
    if (strcmp(name, "pPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "ptab") == 0) {
      story_emit_empty(st, FLAT_TAB, NULL, NULL, NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "pgNum") == 0) {
      story_emit_empty(st, FLAT_FIELD, FLAT_A_TYPE, "PAGE", NULL, NULL);
      return NEXT_READ;
    }
    break;
  case 'r':
    if (strcmp(name, "r") == 0) {
      if (empty) return NEXT_READ;
      if (st->n_runs == st->cap_runs) {
        size_t cap = st->cap_runs ? st->cap_runs * 2 : 8;
        runfmt *rs = realloc(st->runs, cap * sizeof *rs);
        if (!rs) {
          story_nomem(st);
          return NEXT_READ;
        }
        st->runs = rs;
        st->cap_runs = cap;
      }
      frame *pf = &st->frames[st->top_struct];
      runfmt *rf = &st->runs[st->n_runs++];
      runfmt_unset(rf);
      runfmt_inherit(rf, pf->kind == F_PARA ? &pf->u.p->base : &st->doc->styles->defaults);
      frame *f = story_push(st, F_RUN, key);
      if (f) f->u.run = rf;
      return NEXT_READ;
    }
    if (strcmp(name, "rPr") == 0) return story_top(st)->kind == F_RUN ? NEXT_CAPTURE : NEXT_SKIP;
    break;
  case 's':
    if (strcmp(name, "sym") == 0) {
      char font[64], ch[16];
      story_attr(st, "font", font, sizeof font);
      story_attr(st, "char", ch, sizeof ch);
      long cp = strtol(ch, NULL, 16);
      /* Symbol fonts address glyphs as F0xx; values below 0x100 mean the same */
      if (cp > 0 && cp < 0x100) cp += 0xF000;
      para *p = story_instr_target(st) ? NULL : story_current_para(st);
      if (!p || cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return NEXT_READ;
      story_close_span(p);
      buf_puts(&p->content, "<" FLAT_SYM);
      buf_xml_attr(&p->content, FLAT_A_FONT, font);
      buf_xml_attr(&p->content, FLAT_A_CHAR, ch);
      buf_putc(&p->content, '>');
      char u[4];
      int32_t i = 0;
      UBool bad = false;
      U8_APPEND(u, i, 4, (UChar32)cp, bad);
      if (!bad) buf_append(&p->content, u, (size_t)i);
      buf_puts(&p->content, "</" FLAT_SYM ">");
      return NEXT_READ;
    }
    if (strcmp(name, "softHyphen") == 0) {
      story_emit_text(st, "\xC2\xAD", 2); /* U+00AD */
      return NEXT_READ;
    }
    if (strcmp(name, "sectPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "sdtPr") == 0 || strcmp(name, "sdtEndPr") == 0 ||
        strcmp(name, "smartTagPr") == 0)
      return NEXT_SKIP;
    break;
  case 't':
    if (strcmp(name, "t") == 0) {
      st->text_mode = T_TEXT;
      st->text_depth = depth;
      return NEXT_READ;
    }
    if (strcmp(name, "tab") == 0) {
      story_emit_empty(st, FLAT_TAB, NULL, NULL, NULL, NULL);
      return NEXT_READ;
    }
    if (strcmp(name, "tbl") == 0) {
      if (!empty) story_open_table(st, key);
      return NEXT_READ;
    }
    if (strcmp(name, "tr") == 0) {
      if (!empty) story_open_row(st, key);
      return NEXT_READ;
    }
    if (strcmp(name, "tc") == 0) {
      if (!empty) story_open_cell(st, key);
      return NEXT_READ;
    }
    if (strcmp(name, "tcPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "trPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "tblPr") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "tblGrid") == 0) return NEXT_CAPTURE;
    if (strcmp(name, "tblPrEx") == 0) return NEXT_SKIP;
    if (strcmp(name, "txbxContent") == 0 && !empty) {
      para *host = story_current_para(st);
      if (!host) return NEXT_READ;
      story_close_span(host);
      buf_puts(&host->content, "<" FLAT_TEXTBOX ">");
      frame *f = story_push(st, F_TEXTBOX, key);
      if (f) f->u.host = host;
      return NEXT_READ;
    }
    break;
  default: break;
  }
  return NEXT_READ;
note : {
  /* Separator notes are kept too: a custom separator can hold text. */
  char id[32], type[32];
  story_attr(st, "id", id, sizeof id);
  bool special = story_attr(st, "type", type, sizeof type) && strcmp(type, "normal") != 0;
  buf *out = st->doc->out;
  buf_puts(out, "<" FLAT_NOTE);
  buf_xml_attr(out, FLAT_A_TYPE, name[0] == 'f' ? "footnote" : "endnote");
  buf_xml_attr(out, FLAT_A_ID, id);
  if (special) buf_xml_attr(out, FLAT_A_KIND, type);
  buf_puts(out, ">\n");
  frame *f = story_push(st, F_NOTE, key);
  if (f) f->u.note_end = "</" FLAT_NOTE ">\n";
  return NEXT_READ;
}
insertion:
  if (empty) return NEXT_READ;
  if (changes_hide(st, false)) return NEXT_SKIP;
  open_change(st, key, false);
  return NEXT_READ;
}

int story_other_element(story *st, enum ns ns, const char *name, int depth, bool empty) {
  int key = 2 * depth;
  switch (ns) {
  case NS_MC:
    if (strcmp(name, "AlternateContent") == 0 && !empty) {
      frame *f = story_push(st, F_AC, key);
      if (f) f->u.taken = false;
      return NEXT_READ;
    }
    if (strcmp(name, "Choice") == 0 || strcmp(name, "Fallback") == 0) {
      /* one branch only: the first Choice, else the Fallback */
      frame *ac = st->n_frames ? story_top(st) : NULL;
      if (!ac || ac->kind != F_AC) return NEXT_READ;
      if (ac->u.taken) return NEXT_SKIP;
      ac->u.taken = true;
      return NEXT_READ;
    }
    return NEXT_READ;
  case NS_M: {
    size_t n = strlen(name);
    if (n > 2 && strcmp(name + n - 2, "Pr") == 0) return NEXT_SKIP; /* m:rPr, m:fPr … */
    if ((strcmp(name, "oMath") == 0 || strcmp(name, "oMathPara") == 0) && !empty) {
      /* one <math> per formula: an oMath inside an oMathPara is already in one */
      for (size_t i = st->n_frames; i-- > 0;)
        if (st->frames[i].kind == F_INLINE && st->frames[i].u.in.role == 'm') return NEXT_READ;
      para *p = story_current_para(st);
      if (!p) return NEXT_READ;
      int serial = story_inline_open(st, p, I_MATH, strdup(FLAT_MATH), false);
      frame *f = story_push(st, F_INLINE, key);
      if (f) {
        f->u.in.p = p;
        f->u.in.serial = serial;
        f->u.in.role = 'm';
      }
      return NEXT_READ;
    }
    if (strcmp(name, "t") == 0) {
      st->text_mode = T_TEXT;
      st->text_depth = depth;
    }
    return NEXT_READ;
  }
  case NS_WP:
    if (strcmp(name, "docPr") == 0) {
      for (size_t i = st->n_frames; i-- > 0;)
        if (st->frames[i].kind == F_DRAWING) {
          frame *f = &st->frames[i];
          if (!f->u.img.name) f->u.img.name = story_attr_dup(st, "name");
          if (!f->u.img.descr) f->u.img.descr = story_attr_dup(st, "descr");
          if (!f->u.img.title) f->u.img.title = story_attr_dup(st, "title");
          break;
        }
    }
    return NEXT_READ;
  case NS_A:
  case NS_V:
    if (strcmp(name, "blip") == 0 || strcmp(name, "imagedata") == 0) {
      char rid[64];
      if (!story_attr(st, name[0] == 'b' ? "embed" : "id", rid, sizeof rid) &&
          !story_attr(st, "link", rid, sizeof rid))
        return NEXT_READ;
      const rel *r = rels_by_id(st->rels, rid);
      for (size_t i = st->n_frames; i-- > 0;)
        if (st->frames[i].kind == F_DRAWING) {
          frame *f = &st->frames[i];
          if (!f->u.img.target && r) f->u.img.target = strdup(r->target);
          if (!f->u.img.title && name[0] == 'i') f->u.img.title = story_attr_dup(st, "title");
          break;
        }
      return NEXT_READ;
    }
    if (ns == NS_A && strcmp(name, "t") == 0) {
      st->text_mode = T_TEXT;
      st->text_depth = depth;
    }
    return NEXT_READ;
  default: return NEXT_READ;
  }
}

/* w:pict and w:object carry VML pictures: treated like w:drawing. */
bool story_is_picture_container(const char *name) {
  return (name[0] == 'p' && strcmp(name, "pict") == 0) ||
         (name[0] == 'o' && strcmp(name, "object") == 0);
}
