/* Unit tests for src/ftree.c: the flat document the mapper holds.  The
 * tree is checked through a dump of it (elements, namespaces, attributes,
 * text, lines), and every document is read twice: as it is, which xmlscan
 * takes, and with a processing instruction added after the root, which
 * xmlscan hands to libxml2, whose DOM is copied.  Both must give the same
 * tree: the fast path is only a faster way to the same answer. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "ftree.h"

#define NS "xmlns=\"" COLETTE_FLAT_NS "\""

/* "name{ns}[a=v,...]@line(children)" and text as "'text'". */
static void dump(const fnode *n, buf *out) {
  if (!n->name) {
    buf_putc(out, '\'');
    buf_append(out, n->text, n->len);
    buf_putc(out, '\'');
    cr_expect_eq(strlen(n->text), n->len, "a text node's length is its string's");
    return;
  }
  buf_printf(out, "%s{%s}", n->name, strcmp(n->ns, COLETTE_FLAT_NS) == 0 ? "flat" : n->ns);
  if (n->n_attrs) {
    buf_putc(out, '[');
    for (size_t i = 0; i < n->n_attrs; i++)
      buf_printf(out, "%s%s=%s", i ? "," : "", n->attrs[i].local, n->attrs[i].value);
    buf_putc(out, ']');
  }
  buf_printf(out, "@%lu(", n->line);
  for (const fnode *c = n->first; c; c = c->next) {
    cr_expect_eq(c->parent, n, "every child's parent is the node holding it");
    dump(c, out);
  }
  buf_putc(out, ')');
}

/* The dump of xml's tree, or "error: MESSAGE (STATUS)". */
static char *tree_of(const char *xml, unsigned max_depth) {
  ftree *t = NULL;
  colette_error e;
  memset(&e, 0, sizeof e);
  buf out = BUF_INIT;
  colette_status st = ftree_parse("t.xml", xml, strlen(xml), max_depth, &t, &e);
  if (st != COLETTE_OK) {
    cr_expect_null(t, "no tree on failure");
    buf_printf(&out, "error: %s (%d)", e.message, (int)st);
  } else {
    cr_assert_not_null(ftree_root(t));
    dump(ftree_root(t), &out);
  }
  ftree_free(t);
  buf_putc(&out, '\0');
  return out.data;
}

/* The tree of xml, checked the same by both paths. */
static char *both(const char *xml, unsigned max_depth) {
  char *fast = tree_of(xml, max_depth);
  buf slow = BUF_INIT;
  buf_puts(&slow, xml);
  buf_puts(&slow, "<?colette-test the DOM path?>");
  buf_putc(&slow, '\0');
  char *dom = tree_of(slow.data, max_depth);
  cr_expect_str_eq(dom, fast, "libxml2's DOM copied gives xmlscan's tree");
  buf_free(&slow);
  free(dom);
  return fast;
}

Test(ftree, elements_attributes_text_and_lines) {
  char *s = both("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<document " NS " xml:lang=\"fr\" version=\"1\">\n"
                 "<body><p style=\"Normal\" xml:lang=\"en\">Dear <span b=\"1\">Sir</span>,</p>\n"
                 "<p/>\n"
                 "<o:x xmlns:o=\"urn:other\" o:a=\"1\"/></body></document>\n",
                 0);
  cr_expect_str_eq(s, "document{flat}[lang=fr,version=1]@2('\n'"
                      "body{flat}@3(p{flat}[style=Normal,lang=en]@3('Dear 'span{flat}[b=1]@3('Sir')"
                      "',')'\n'p{flat}@4()'\n'x{urn:other}[a=1]@5()))");
  free(s);
}

/* The line is where the start tag ends, as libxml2 counts it. */
Test(ftree, a_start_tag_over_several_lines_is_on_its_last) {
  char *s = both("<document " NS ">\n<p\n  a=\"1\"\n>x</p>\r\n<p>y</p></document>", 0);
  cr_expect_str_eq(s, "document{flat}@1('\n'p{flat}[a=1]@4('x')'\n'p{flat}@5('y'))");
  free(s);
}

/* Character data is one text node however it is written: references,
 * entities, a comment in its middle (the DOM splits there; the mapper
 * reads the two as one), a CDATA section (the DOM path only). */
Test(ftree, adjacent_character_data_is_one_node) {
  char *s =
      both("<document " NS "><p>a&amp;b&#x4E2D;&#25991;&lt;c&gt;&quot;&apos;</p></document>", 0);
  cr_expect_str_eq(s, "document{flat}@1(p{flat}@1('a&b中文<c>\"''))");
  free(s);
  s = tree_of("<document " NS "><p>one <!-- said --> two</p></document>", 0);
  cr_expect_str_eq(s, "document{flat}@1(p{flat}@1('one  two'))");
  free(s);
  s = tree_of("<document " NS "><p>one <![CDATA[<two>]]> three</p></document>", 0);
  cr_expect_str_eq(s, "document{flat}@1(p{flat}@1('one <two> three'))");
  free(s);
}

Test(ftree, attribute_values_as_libxml2_gives_them) {
  /* a tab and a newline in a value are spaces (XML 1.0 3.3.3); references
   * decoded; the tag ends on the line after the newline */
  char *s = both("<document " NS " a=\"x\ty\nz\" b=\"&lt;&#x41;&amp;\" c=''/>", 0);
  cr_expect_str_eq(s, "document{flat}[a=x y z,b=<A&,c=]@2()");
  free(s);
}

Test(ftree, lookups) {
  const char *xml = "<document " NS " xml:lang=\"zh\"><p>a<b>b<c>c</c></b>d</p><q/></document>";
  ftree *t = NULL;
  colette_error e;
  cr_assert_eq(ftree_parse("", xml, strlen(xml), 0, &t, &e), COLETTE_OK);
  const fnode *root = ftree_root(t);
  cr_expect_str_eq(fnode_attr(root, "lang"), "zh", "xml:lang by its local name");
  cr_expect_null(fnode_attr(root, "xml:lang"));
  cr_expect_null(fnode_attr(NULL, "lang"));
  const fnode *p = fnode_first_elem(root);
  cr_assert_not_null(p);
  cr_expect_str_eq(p->name, "p");
  cr_expect_str_eq(fnode_next_elem(p)->name, "q");
  cr_expect_null(fnode_next_elem(fnode_next_elem(p)));
  cr_expect_null(fnode_first_elem(NULL));
  cr_expect_str_eq(fnode_first_elem(p)->name, "b", "text children are passed over");
  buf text = BUF_INIT;
  fnode_text(p, &text);
  buf_putc(&text, '\0');
  cr_expect_str_eq(text.data, "abcd", "all of the text below, in order");
  buf_clear(&text);
  fnode_text(fnode_next_elem(p), &text);
  cr_expect_eq(text.len, 0);
  buf_free(&text);
  ftree_free(t);
  ftree_free(NULL);
}

/* max_depth as xmlpart_parse_buffer counts it: the root is at 0. */
Test(ftree, the_depth_limit_is_the_dom_parse_s) {
  const char *xml = "<document " NS "><a><b><c/></b></a></document>";
  char *s = both(xml, 3);
  cr_expect(strncmp(s, "document", 8) == 0, "depth 3 within a limit of 3: %s", s);
  free(s);
  s = both(xml, 2);
  cr_expect(strstr(s, "error: ") == s && strstr(s, "deeper than 2"), "%s", s);
  free(s);
  buf deep = BUF_INIT;
  buf_puts(&deep, "<document " NS ">");
  for (int i = 0; i < 300; i++)
    buf_puts(&deep, "<x>");
  for (int i = 0; i < 300; i++)
    buf_puts(&deep, "</x>");
  buf_puts(&deep, "</document>");
  buf_putc(&deep, '\0');
  s = tree_of(deep.data, 0);
  cr_expect(strncmp(s, "error: ", 7) == 0, "past libxml2's own limit: refused, %s", s);
  free(s);
  buf_free(&deep);
}

/* What the DOM parse refuses, the tree refuses with its message. */
Test(ftree, bad_documents_get_libxml2_s_message) {
  static const struct {
    const char *xml, *says;
  } cases[] = {
      {"<document " NS "><p>x</q></document>", "mismatch"},
      {"<document " NS "><p>x", "Premature end"},
      {"<document " NS " a=\"1\" a=\"2\"/>", "redefined"},
      {"<!DOCTYPE d [<!ENTITY e \"x\">]><d>&e;</d>", "DOCTYPE"},
      {"<document " NS "><p>\x01</p></document>", "invalid Char"},
      {"<document " NS "><p>\xC3</p></document>", "UTF-8"},
      {"", "empty"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *s = tree_of(cases[i].xml, 0);
    cr_expect(strncmp(s, "error: ", 7) == 0 && strstr(s, cases[i].says), "case %zu: %s", i, s);
    free(s);
  }
  /* an undeclared prefix is a namespace error, not a fatal one: libxml2
   * keeps the element under its whole name, in no namespace, and so does
   * the tree (the mapper then says it is not a flat document) */
  char *s = tree_of("<o:document/>", 0);
  cr_expect_str_eq(s, "o:document{}@1()");
  free(s);
}

/* Many names, many namespaces: interned, and told apart. */
Test(ftree, many_names_and_namespaces) {
  buf x = BUF_INIT;
  buf_puts(&x, "<document " NS ">");
  for (int i = 0; i < 500; i++)
    buf_printf(&x, "<e%d xmlns=\"urn:n%d\" a%d=\"%d\"/>", i, i, i % 7, i);
  buf_puts(&x, "</document>");
  buf_putc(&x, '\0');
  ftree *t = NULL;
  colette_error e;
  cr_assert_eq(ftree_parse("", x.data, x.len - 1, 0, &t, &e), COLETTE_OK);
  int i = 0;
  for (const fnode *c = fnode_first_elem(ftree_root(t)); c; c = fnode_next_elem(c), i++) {
    char name[16], ns[24], an[16], av[16];
    snprintf(name, sizeof name, "e%d", i);
    snprintf(ns, sizeof ns, "urn:n%d", i);
    snprintf(an, sizeof an, "a%d", i % 7);
    snprintf(av, sizeof av, "%d", i);
    cr_expect_str_eq(c->name, name);
    cr_expect_str_eq(c->ns, ns);
    cr_expect_str_eq(fnode_attr(c, an), av);
  }
  cr_expect_eq(i, 500);
  ftree_free(t);
  buf_free(&x);
}
