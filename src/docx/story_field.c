/*
 * story_field.c: fields in the streaming reader (story.c).  A complex
 * field is begin, instruction, separate, result and end as separate runs,
 * even separate paragraphs.  Its instruction is gathered as text and
 * parsed at separate (at end, for a field without a result); its result
 * is wrapped in an inline element, which a paragraph that ends first
 * closes and the next reopens (continued="true").
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../error.h"
#include "../flat.h"
#include "story_impl.h"

/* Next token of a field instruction: a quoted string or a bare word. */
static const char *instr_token(const char *s, char *dst, size_t n) {
  while (*s == ' ' || *s == '\t')
    s++;
  if (!*s) return NULL;
  size_t k = 0;
  if (*s == '"') {
    s++;
    while (*s && *s != '"') {
      if (*s == '\\' && s[1] == '"') s++;
      if (k + 1 < n) dst[k++] = *s;
      s++;
    }
    if (*s == '"') s++;
  } else {
    while (*s && *s != ' ' && *s != '\t') {
      if (k + 1 < n) dst[k++] = *s;
      s++;
    }
  }
  dst[k] = '\0';
  return s;
}

static void field_parse(field *f) {
  const char *s = f->instr.data ? f->instr.data : "";
  char tok[2048];
  s = instr_token(s, tok, sizeof tok);
  if (!s) {
    snprintf(f->type, sizeof f->type, "UNKNOWN");
    return;
  }
  size_t i = 0;
  for (; tok[i] && i + 1 < sizeof f->type; i++)
    f->type[i] = (char)((tok[i] >= 'a' && tok[i] <= 'z') ? tok[i] - 32 : tok[i]);
  f->type[i] = '\0';
  if (strcmp(f->type, "HYPERLINK") != 0) return;
  f->is_link = true;
  while ((s = instr_token(s, tok, sizeof tok))) {
    if (strcmp(tok, "\\l") == 0) {
      if ((s = instr_token(s, tok, sizeof tok)) && !f->anchor) f->anchor = strdup(tok);
      if (!s) break;
    } else if (tok[0] == '\\') {
      /* other switches take an argument: \o "tooltip", \t "frame" */
      if (strcmp(tok, "\\o") == 0 || strcmp(tok, "\\t") == 0)
        if (!(s = instr_token(s, tok, sizeof tok))) break;
    } else if (!f->href) {
      f->href = strdup(tok);
    }
  }
}

static void field_open_wrapper(story *st, field *f, para *p, bool continued) {
  char *start;
  if (f->is_link) {
    start = story_make_start(FLAT_LINK, FLAT_A_HREF, f->href, FLAT_A_ANCHOR, f->anchor,
                             FLAT_A_FIELD, "HYPERLINK");
  } else {
    const char *instr = f->instr.data ? f->instr.data : "";
    while (*instr == ' ')
      instr++;
    buf trimmed = BUF_INIT;
    buf_puts(&trimmed, instr);
    while (trimmed.len && trimmed.data[trimmed.len - 1] == ' ')
      trimmed.data[--trimmed.len] = '\0';
    start = story_make_start(FLAT_FIELD, FLAT_A_TYPE, f->type, FLAT_A_INSTR,
                             trimmed.data ? trimmed.data : "", NULL, NULL);
    buf_free(&trimmed);
  }
  f->p = p;
  f->serial = story_inline_open(st, p, f->is_link ? I_LINK : I_FIELD, start, continued);
}

void story_reopen_fields(story *st, para *p) {
  for (int i = 0; i < st->n_fields; i++) {
    field *f = &st->fields[i];
    if (f->result && !f->hidden && !f->p) field_open_wrapper(st, f, p, true);
  }
}

void story_field_free(field *f) {
  buf_free(&f->instr);
  free(f->href);
  free(f->anchor);
  memset(f, 0, sizeof *f);
}

void story_fld_char(story *st, const char *type) {
  if (strcmp(type, "begin") == 0) {
    if (st->n_fields >= MAX_FIELDS) {
      st->field_overflow++;
      return;
    }
    field *f = &st->fields[st->n_fields++];
    memset(f, 0, sizeof *f);
    return;
  }
  if (st->field_overflow) {
    if (strcmp(type, "end") == 0) st->field_overflow--;
    return;
  }
  if (st->n_fields == 0) return; /* unbalanced: ignore */
  field *f = &st->fields[st->n_fields - 1];
  if (strcmp(type, "separate") == 0) {
    if (f->result) return;
    f->result = true;
    field_parse(f);
    for (int i = 0; i < st->n_fields - 1; i++)
      if (!st->fields[i].result) f->hidden = true;
    if (!f->hidden) {
      para *p = story_current_para(st);
      if (p) field_open_wrapper(st, f, p, false);
    }
  } else if (strcmp(type, "end") == 0) {
    if (!f->result) {
      /* no result: keep the field as an empty element */
      field_parse(f);
      bool hidden = false;
      for (int i = 0; i < st->n_fields - 1; i++)
        if (!st->fields[i].result) hidden = true;
      if (!hidden) {
        para *p = story_current_para(st);
        if (p) {
          field_open_wrapper(st, f, p, false);
          story_inline_close(p, f->serial);
          f->p = NULL;
        }
      }
    } else if (f->p) {
      story_inline_close(f->p, f->serial);
    }
    story_field_free(f);
    st->n_fields--;
  }
}

/* Where text goes while fields are open: into the instruction of the
 * innermost field still reading one, unless a visible result comes first. */
field *story_instr_target(story *st) {
  for (int i = st->n_fields - 1; i >= 0; i--) {
    field *f = &st->fields[i];
    if (!f->result) return f;
    if (!f->hidden) return NULL;
  }
  return NULL;
}
