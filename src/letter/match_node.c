/* match_node.c: a recognised match as the letter's node (recognise.h),
 * one rule for the mapper and for colette-render's translation, which
 * recognises the text it makes again. */
#include "recognise.h"

colette_node_type match_node_type(mkind k) {
  static const colette_node_type NODE[] = {
      [M_DATE] = COLETTE_NODE_DATE_VALUE, [M_DATERANGE] = COLETTE_NODE_DATERANGE,
      [M_TIME] = COLETTE_NODE_TIME,       [M_TIMERANGE] = COLETTE_NODE_TIME,
      [M_EMAIL] = COLETTE_NODE_EMAIL,     [M_URL] = COLETTE_NODE_URL,
      [M_PHONE] = COLETTE_NODE_PHONE,     [M_DOCREF] = COLETTE_NODE_DOCREF};
  return NODE[k];
}

/* Only running out of memory counts: a value the model refuses (a
 * malformed date from odd text) is left unset. */
static bool set(colette_node *n, colette_attr a, const char *v) {
  return colette_node_set_attr(n, a, v) != COLETTE_ERR_NOMEM;
}

colette_status match_node_attrs(colette_node *n, const match *x, const char *text) {
  bool ok = !x->wday_conflict || set(n, COLETTE_ATTR_CONFLICT, "weekday");
  switch (x->kind) {
  case M_DATE: ok = ok && set(n, COLETTE_ATTR_WHEN, x->a); break;
  case M_DATERANGE:
  case M_TIMERANGE:
    ok = ok && set(n, COLETTE_ATTR_START, x->a) && set(n, COLETTE_ATTR_END, x->b);
    break;
  case M_TIME: ok = ok && set(n, COLETTE_ATTR_START, x->a); break;
  case M_DOCREF: ok = ok && set(n, COLETTE_ATTR_TYPE, x->a) && set(n, COLETTE_ATTR_ID, x->b); break;
  default: { /* whole: x->a holds a long URL cut */
    buf v = BUF_INIT;
    const char *value = match_value(x, text, &v);
    ok = ok && value && set(n, COLETTE_ATTR_VALUE, value);
    buf_free(&v);
  }
  }
  return ok ? COLETTE_OK : COLETTE_ERR_NOMEM;
}
