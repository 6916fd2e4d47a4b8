/*
 * Unit tests: the letter model (nodes, content rules, attributes and their
 * checks, formula arguments, text, iteration) and letter XML in and out
 * (read then write gives the same bytes; every kind of bad letter gets a
 * status and a message with its line).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colette.h"
#include "docx_builder.h"
#include "letter/model.h"

static colette_letter *l;
static void setup(void) { l = colette_letter_new(); }
static void teardown(void) { colette_letter_free(l); }
TestSuite(model, .init = setup, .fini = teardown);

static colette_node *add(colette_node *parent, colette_node_type t) {
  colette_node *n = colette_node_new(l, t);
  cr_assert_not_null(n);
  cr_assert_eq(colette_node_append(parent, n), COLETTE_OK, "%s in %s",
               colette_node_type_name(t), colette_node_type_name(colette_node_get_type(parent)));
  return n;
}

static char *write_letter(colette_letter *x, colette_status *st) {
  sinkbuf o = {NULL, 0};
  colette_sink sink = {sinkbuf_write, &o};
  colette_error e;
  *st = colette_letter_write(x, sink, &e);
  return o.data;
}

Test(model, a_letter_built_by_hand_writes_and_reads_back) {
  colette_node *root = colette_letter_root(l);
  cr_assert_eq(colette_node_set_attr(root, COLETTE_ATTR_LANG, "fr-CH"), COLETTE_OK);
  colette_node *head = add(root, COLETTE_NODE_HEAD);
  colette_node *date = add(head, COLETTE_NODE_DATE);
  cr_expect_eq(colette_node_set_attr(date, COLETTE_ATTR_WHEN, "2020-06-08"), COLETTE_OK);
  cr_expect_eq(colette_node_append(date, colette_text_new(l, "le 8 juin 2020", 14)), COLETTE_OK);
  cr_expect_eq(colette_node_set_attr(date, COLETTE_ATTR_FORMULA, "dateline"), COLETTE_OK);
  cr_expect_eq(colette_node_set_arg(date, "date", "2020-06-08"), COLETTE_OK);
  colette_node *body = add(root, COLETTE_NODE_BODY);
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  colette_node_append(p, colette_text_new(l, "Du ", 3));
  colette_node *r = add(p, COLETTE_NODE_DATERANGE);
  colette_node_set_attr(r, COLETTE_ATTR_START, "2020-08-24");
  colette_node_set_attr(r, COLETTE_ATTR_END, "2020-09-03");
  colette_node_append(r, colette_text_new(l, "24 août au 3 septembre", 23));
  add(p, COLETTE_NODE_BREAK);
  colette_node_append(p, colette_text_new(l, "& <fin>", 7));
  colette_status st;
  char *x = write_letter(l, &st);
  cr_assert_eq(st, COLETTE_OK);
  cr_expect(strstr(x, "<date when=\"2020-06-08\" formula=\"dateline\" arg:date=\"2020-06-08\">le 8 "
                      "juin 2020</date>\n") != NULL,
            "%s", x);
  cr_expect(strstr(x, "<p>Du <daterange start=\"2020-08-24\" end=\"2020-09-03\">24 août au 3 "
                      "septembre</daterange><br/>&amp; &lt;fin&gt;</p>\n") != NULL,
            "%s", x);
  /* read back, write again: the same bytes */
  colette_letter *back = NULL;
  colette_error e;
  cr_assert_eq(colette_letter_read(x, strlen(x), "x", &back, &e), COLETTE_OK, "%s", e.message);
  char *y = write_letter(back, &st);
  cr_expect_str_eq(y, x);
  char *t = colette_node_text(colette_letter_find(back, COLETTE_NODE_PARAGRAPH));
  cr_expect_str_eq(t, "Du 24 août au 3 septembre\n& <fin>");
  colette_free(t);
  colette_letter_free(back);
  free(x);
  free(y);
}

Test(model, content_rules) {
  colette_node *root = colette_letter_root(l);
  colette_node *body = add(root, COLETTE_NODE_BODY);
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  /* a paragraph holds no paragraph, a body no text, an item only in a list */
  colette_node *q = colette_node_new(l, COLETTE_NODE_PARAGRAPH);
  cr_expect_eq(colette_node_append(p, q), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_append(body, colette_text_new(l, "x", 1)), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_append(body, colette_node_new(l, COLETTE_NODE_ITEM)),
               COLETTE_ERR_INVALID);
  /* no node twice, no cycle, no node of another letter */
  colette_node *list = add(body, COLETTE_NODE_LIST);
  colette_node *item = add(list, COLETTE_NODE_ITEM);
  cr_expect_eq(colette_node_append(list, item), COLETTE_ERR_INVALID);
  colette_letter *other = colette_letter_new();
  cr_expect_eq(colette_node_append(body, colette_node_new(other, COLETTE_NODE_PARAGRAPH)),
               COLETTE_ERR_INVALID);
  colette_letter_free(other);
  cr_expect(colette_node_can_contain(COLETTE_NODE_HEAD, COLETTE_NODE_TABLE));
  cr_expect(!colette_node_can_contain(COLETTE_NODE_HEAD, COLETTE_NODE_ADDRESSEE));
  /* unlink and insert */
  colette_node_unlink(p);
  cr_expect_eq(colette_node_first_child(body), list);
  cr_expect_eq(colette_node_insert_before(list, p), COLETTE_OK);
  cr_expect_eq(colette_node_first_child(body), p);
  cr_expect_eq(colette_node_next(p), list);
  cr_expect_eq(colette_node_previous(list), p);
  cr_expect_eq(colette_node_parent(item), list);
}

Test(model, attributes_are_checked) {
  colette_node *body = add(colette_letter_root(l), COLETTE_NODE_BODY);
  colette_node *dl = add(body, COLETTE_NODE_DEADLINES);
  colette_node *d = add(dl, COLETTE_NODE_DEADLINE);
  cr_expect_eq(colette_node_set_attr(d, COLETTE_ATTR_WHEN, "2021-02-31"), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_set_attr(d, COLETTE_ATTR_WHEN, "21 May"), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_set_attr(d, COLETTE_ATTR_KIND, "lunch"), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_set_attr(d, COLETTE_ATTR_ROLE, "chairs"), COLETTE_ERR_INVALID,
               "a deadline has no role");
  colette_status st;
  char *x = write_letter(l, &st);
  cr_expect_eq(st, COLETTE_ERR_INVALID, "a deadline without its date is no letter");
  free(x);
  cr_expect_eq(colette_node_set_attr(d, COLETTE_ATTR_WHEN, "2024-02-29"), COLETTE_OK);
  cr_expect_eq(colette_node_set_attr(d, COLETTE_ATTR_KIND, "visa"), COLETTE_OK);
  cr_expect_str_eq(colette_node_attr(d, COLETTE_ATTR_KIND), "visa");
  cr_expect_eq(colette_node_set_attr(d, COLETTE_ATTR_KIND, NULL), COLETTE_OK);
  cr_expect_null(colette_node_attr(d, COLETTE_ATTR_KIND));
  colette_node *t = add(add(body, COLETTE_NODE_PARAGRAPH), COLETTE_NODE_TIME);
  cr_expect_eq(colette_node_set_attr(t, COLETTE_ATTR_START, "25:99"), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_set_attr(t, COLETTE_ATTR_START, "14:30"), COLETTE_OK);
  /* a conflict only on a date or a date range, and only of the closed list */
  cr_expect_eq(colette_node_set_attr(t, COLETTE_ATTR_CONFLICT, "weekday"), COLETTE_ERR_INVALID,
               "a time has no weekday");
  colette_node *dv = add(colette_node_parent(t), COLETTE_NODE_DATE_VALUE);
  cr_expect_eq(colette_node_set_attr(dv, COLETTE_ATTR_CONFLICT, "month"), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_set_attr(dv, COLETTE_ATTR_CONFLICT, "weekday"), COLETTE_OK);
  colette_node *dr = add(colette_node_parent(t), COLETTE_NODE_DATERANGE);
  cr_expect_eq(colette_node_set_attr(dr, COLETTE_ATTR_CONFLICT, "weekday"), COLETTE_OK);
  /* arguments only where a formula can be, with names that are names */
  cr_expect_eq(colette_node_set_arg(t, "x", "1"), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_set_arg(d, "bad name", "1"), COLETTE_ERR_INVALID);
  cr_expect_eq(colette_node_set_arg(d, "group", "SG17"), COLETTE_OK);
  cr_expect_eq(colette_node_set_arg(d, "group", "SG13"), COLETTE_OK);
  cr_expect_eq(colette_node_args(d), 1);
  cr_expect_str_eq(colette_node_get_arg(d, "group"), "SG13");
  const char *name, *value;
  cr_expect(colette_node_arg(d, 0, &name, &value));
  cr_expect(!colette_node_arg(d, 1, &name, &value));
}

Test(model, iteration_enters_and_exits) {
  colette_node *root = colette_letter_root(l);
  colette_node *body = add(root, COLETTE_NODE_BODY);
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  colette_node_append(p, colette_text_new(l, "a", 1));
  add(body, COLETTE_NODE_LIST); /* empty: enter and exit */
  colette_iter *it = colette_iter_new(root);
  char trace[256] = "";
  colette_event ev;
  while ((ev = colette_iter_next(it)) != COLETTE_EVENT_DONE) {
    const char *n = colette_node_type_name(colette_node_get_type(colette_iter_node(it)));
    strcat(trace, ev == COLETTE_EVENT_ENTER ? "+" : "-");
    strcat(trace, *n ? n : "text");
    strcat(trace, " ");
  }
  colette_iter_free(it);
  cr_expect_str_eq(trace, "+letter +body +p +text -p +list -list -body -letter ");
  cr_expect_eq(colette_letter_find(l, COLETTE_NODE_LIST), colette_node_last_child(body));
}

/* ---- reading bad letters ------------------------------------------------------------------- */

#define LETTER(x)                                                                                  \
  "<?xml version=\"1.0\"?>\n<letter xmlns=\"urn:colette:letter:1\" "                              \
  "xmlns:arg=\"urn:colette:arg:1\" version=\"1\">\n" x "</letter>\n"

static void refused(const char *xml, colette_status want, const char *msg, int line) {
  colette_letter *x = NULL;
  colette_error e;
  memset(&e, 0, sizeof e);
  colette_status st = colette_letter_read(xml, strlen(xml), "t.xml", &x, &e);
  cr_expect_eq(st, want, "status %d for %s (%s)", st, xml, e.message);
  cr_expect(strstr(e.message, msg) != NULL, "message '%s' lacks '%s'", e.message, msg);
  if (line) cr_expect_eq(e.line, line, "line %d for %s", e.line, msg);
  cr_expect_null(x);
}

Test(reader, bad_letters_get_a_status_and_a_line) {
  refused("", COLETTE_ERR_XML, "empty", 0);
  refused("<letter", COLETTE_ERR_XML, "", 0);
  refused("<document xmlns=\"urn:colette:flat:1\"/>", COLETTE_ERR_STAGE,
          "a flat document that is not normalized; colette-normalize reads it", 0);
  refused("PK\x03\x04rest", COLETTE_ERR_STAGE, "a DOCX package; colette-unpack reads it", 0);
  refused("<html/>", COLETTE_ERR_NO_DOCUMENT, "not a colette letter", 0);
  refused(LETTER(""), COLETTE_ERR_XML, "without a <body>", 0);
  refused(LETTER("<body>\n<p><p>x</p></p>\n</body>\n"), COLETTE_ERR_XML,
          "<p> cannot be inside <p>", 4);
  refused(LETTER("<body>\n<bogus/>\n</body>\n"), COLETTE_ERR_XML, "<bogus> cannot be", 4);
  refused(LETTER("<body>\nstray text\n</body>\n"), COLETTE_ERR_XML, "text inside <body>", 0);
  refused(LETTER("<head>\n<date when=\"2021-02-30\">x</date>\n</head>\n<body/>\n"),
          COLETTE_ERR_XML, "not an ISO date", 4);
  refused(LETTER("<head>\n<date when=\"2021-02-03\">x</date><date when=\"2021-02-04\">y</date>\n"
                 "</head>\n<body/>\n"),
          COLETTE_ERR_XML, "more than one date", 0);
  refused(LETTER("<head>\n<ref type=\"collective-letter\">a</ref><ref "
                 "type=\"collective-letter\">b</ref>\n</head>\n<body/>\n"),
          COLETTE_ERR_XML, "more than one collective-letter", 0);
  refused(LETTER("<body>\n<deadlines><deadline when=\"2021-02-03\">x</deadline></deadlines>\n"
                 "</body>\n"),
          COLETTE_ERR_XML, "without its kind", 0);
  refused(LETTER("<body>\n<p nonsense=\"1\">x</p>\n</body>\n"), COLETTE_ERR_XML,
          "unknown attribute 'nonsense'", 4);
  refused(LETTER("<body>\n<p><time start=\"9h\">x</time></p>\n</body>\n"), COLETTE_ERR_XML,
          "not a time", 4);
  refused(LETTER("<body>\n<p><date when=\"2021-01-01\" arg:x=\"1\">x</date></p>\n</body>\n"),
          COLETTE_ERR_XML, "formula argument", 4);
  refused(LETTER("<body>\n<p arg:x=\"1\">x</p>\n</body>\n"), COLETTE_ERR_XML,
          "arguments but no formula", 0);
  refused(LETTER("<body/>\n<head/>\n"), COLETTE_ERR_XML, "out of place", 0);
  refused("<?xml version=\"1.0\"?><letter xmlns=\"urn:colette:letter:1\" version=\"2\"><body/>"
          "</letter>",
          COLETTE_ERR_XML, "version", 0);
  refused("<!DOCTYPE letter [<!ENTITY a \"b\">]><letter/>", COLETTE_ERR_XML, "DOCTYPE", 0);
}

Test(reader, deep_nesting_is_a_limit_not_a_crash) {
  size_t n = 5000;
  char *x = malloc(n * 16 + 200), *w = x;
  w += sprintf(w, "<letter xmlns=\"urn:colette:letter:1\" version=\"1\"><body><p>");
  for (size_t i = 0; i < n; i++)
    w += sprintf(w, "<link href=\"a\">");
  colette_letter *out = NULL;
  colette_error e;
  colette_status st = colette_letter_read(x, strlen(x), "deep", &out, &e);
  cr_expect_neq(st, COLETTE_OK);
  cr_expect_null(out);
  free(x);
}

Test(model, text_written_in_many_pieces) {
  /* the mapper writes text piece by piece (a tab, then a word…): one text
   * node, grown by doubling (copied whole at each piece, 100000 pieces took
   * time and memory in their square) */
  colette_node *body = add(colette_letter_root(l), COLETTE_NODE_BODY);
  colette_node *p = add(body, COLETTE_NODE_PARAGRAPH);
  enum { PIECES = 100000 };
  for (int i = 0; i < PIECES; i++)
    cr_assert_eq(node_append_text(p, i % 2 ? " " : "ab", i % 2 ? 1 : 2), COLETTE_OK);
  cr_expect_eq(colette_node_first_child(p), colette_node_last_child(p));
  size_t len;
  const char *s = colette_node_literal(colette_node_first_child(p), &len);
  cr_assert_eq(len, PIECES / 2 * 3);
  cr_expect_eq(s[len], '\0');
  for (size_t i = 0; i < len; i++)
    cr_assert_eq(s[i], i % 3 == 2 ? ' ' : i % 3 ? 'b' : 'a', "at %zu", i);
  /* a node after it: the next piece is a text node of its own */
  add(p, COLETTE_NODE_BREAK);
  cr_assert_eq(node_append_text(p, "end", 3), COLETTE_OK);
  cr_expect_str_eq(colette_node_literal(colette_node_last_child(p), NULL), "end");
  cr_expect_eq(colette_node_literal(colette_node_first_child(p), NULL)[len], '\0');
}
