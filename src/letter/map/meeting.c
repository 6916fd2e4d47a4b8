/*
 * meeting.c: the meeting a letter announces (map_meeting): its group,
 * mode, dates and place, from the subject's formula and words, else from
 * the first paragraphs of the body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"

typedef struct meeting {
  char group[100], mode[100], start[16], end[16], place[100];
} meeting;

/* What a text says of the meeting, where `mt` does not know it yet. */
static void meeting_from(mapper *m, const char *s, size_t n, meeting *mt, bool groups) {
  size_t k = map_recognise_text(m, s, n);
  if (m->st != COLETTE_OK || cat_text_set(&m->ct, s, n, m->m, k) != COLETTE_OK) return;
  cat_match cm;
  if (groups && !mt->group[0] && cat_match_best(m->cat, CAT_GROUP, CAT_ANYWHERE, &m->ct, 0, &cm))
    snprintf(mt->group, sizeof mt->group, "%s", cm.value);
  for (size_t i = 0; i < k && !mt->start[0]; i++) {
    const match *x = &m->m[i];
    if (x->kind == M_DATERANGE && x->a[0] != '-' && x->b[0] != '-') {
      snprintf(mt->start, sizeof mt->start, "%.10s", x->a);
      snprintf(mt->end, sizeof mt->end, "%.10s", x->b);
    } else if (groups && x->kind == M_DATE && x->a[0] != '-') {
      snprintf(mt->start, sizeof mt->start, "%.10s", x->a);
      snprintf(mt->end, sizeof mt->end, "%.10s", x->a);
    }
  }
  if (!mt->mode[0]) {
    cat_match v[16];
    size_t nv = cat_match_all(m->cat, CAT_MODE, &m->ct, v, 16);
    const cat_match *best = NULL;
    for (size_t i = 0; i < nv; i++)
      if (!best || cat_entry_rank(v[i].entry) < cat_entry_rank(best->entry)) best = &v[i];
    if (best) snprintf(mt->mode, sizeof mt->mode, "%s", best->value);
  }
  if (!mt->place[0] && strcmp(mt->mode, "virtual") != 0 &&
      cat_match_best(m->cat, CAT_PLACE, CAT_ANYWHERE, &m->ct, 0, &cm))
    snprintf(mt->place, sizeof mt->place, "%s", cm.value);
}

void map_meeting(mapper *m, colette_node *subject, const fnode *body_first, colette_node *letter) {
  meeting mt;
  memset(&mt, 0, sizeof mt);
  const char *formula = colette_node_attr(subject, COLETTE_ATTR_FORMULA);
  const cat_entry *e = formula ? cat_entry_find(m->cat, formula) : NULL;
  if (e && cat_entry_class(e) == CAT_SUBJECT) {
    const char *g = colette_node_get_arg(subject, "group");
    const char *d = colette_node_get_arg(subject, "dates");
    const char *p = colette_node_get_arg(subject, "place");
    if (g) snprintf(mt.group, sizeof mt.group, "%s", g);
    if (d && strlen(d) == 21) {
      snprintf(mt.start, sizeof mt.start, "%.10s", d);
      snprintf(mt.end, sizeof mt.end, "%.10s", d + 11);
    }
    if (p && *p) snprintf(mt.place, sizeof mt.place, "%s", p);
    snprintf(mt.mode, sizeof mt.mode, "%s", cat_entry_value(e));
  }
  if (subject) {
    char *t = colette_node_text(subject);
    if (!t) {
      map_nomem(m);
      return;
    }
    for (char *c = t; *c; c++)
      if (*c == '\n') *c = ' ';
    meeting_from(m, t, strlen(t), &mt, true);
    free(t);
  }
  if (!mt.group[0] && !(e && cat_entry_class(e) == CAT_SUBJECT)) return; /* no meeting named */
  /* the subject may leave the dates, the mode or the place to the first paragraphs */
  int k = 0;
  for (const fnode *p = body_first; p && k < 4 && (!mt.start[0] || !mt.mode[0] || !mt.place[0]);
       p = fnode_next_elem(p)) {
    if (!flat_is(p, FLAT_P)) continue;
    char *t = map_para_text(m, p);
    if (t && *t) {
      meeting_from(m, t, strlen(t), &mt, false);
      k++;
    }
    free(t);
  }
  if (!mt.mode[0]) snprintf(mt.mode, sizeof mt.mode, "physical");
  colette_node *n = map_add(m, letter, COLETTE_NODE_MEETING);
  if (mt.group[0]) map_set(m, n, COLETTE_ATTR_GROUP, mt.group);
  map_set(m, n, COLETTE_ATTR_MODE, mt.mode);
  if (mt.start[0]) map_set(m, n, COLETTE_ATTR_START, mt.start);
  if (mt.end[0]) map_set(m, n, COLETTE_ATTR_END, mt.end);
  if (mt.place[0] && strcmp(mt.mode, "virtual") != 0) map_set(m, n, COLETTE_ATTR_PLACE, mt.place);
}
