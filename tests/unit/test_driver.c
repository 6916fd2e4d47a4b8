/* Unit tests: the driver's manifests, planner and pipelines, and
 * colette_normalize_memory. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "colette.h"
#include "docx_builder.h"
#include "driver/driver.h"

static char dir[64];

/* A manifest NAME.manifest in the test's directory, and an executable NAME. */
static void filter(const char *name, const char *manifest) {
  char p[256];
  snprintf(p, sizeof p, "%s/%s.manifest", dir, name);
  FILE *f = fopen(p, "w");
  cr_assert(f);
  fputs(manifest, f);
  fclose(f);
  snprintf(p, sizeof p, "%s/%s", dir, name);
  f = fopen(p, "w");
  cr_assert(f);
  fputs("#!/bin/sh\ncat\n", f);
  fclose(f);
  chmod(p, 0755);
}

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/colette-test-driver-XXXXXX");
  cr_assert(mkdtemp(dir));
  setenv("COLETTE_FILTERS_PATH", dir, 1);
  char path[4096];
  snprintf(path, sizeof path, "%s:%s", dir, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
  setenv("PATH", path, 1);
}

static void teardown(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_assert(system(cmd) == 0);
}

/* The chain's filters' names, " | " between. */
static char *names(const drv_registry *r, const drv_plan *p) {
  static char s[512];
  s[0] = '\0';
  for (size_t i = 0; i < p->n; i++) {
    if (i) strcat(s, " | ");
    strcat(s, drv_filter_at(r, p->steps[i].filter)->name);
  }
  return s;
}

TestSuite(driver, .init = setup, .fini = teardown);

Test(driver, cheapest_chain_fewer_steps_on_a_tie) {
  filter("x-ab", "input t/a\noutput t/b\ncost 5\n");
  filter("x-bc", "input t/b\noutput t/c\ncost 5\noption --opt=V\n");
  filter("x-ac", "input t/a\noutput t/c\ncost 10\n");
  filter("x-ac2", "input t/a\noutput t/c\ncost 20\n");
  drv_registry r;
  colette_error e;
  cr_assert_eq(drv_registry_load(&r, NULL, &e), COLETTE_OK);
  drv_plan p;
  cr_assert_eq(drv_plan_make(&r, "t/a", "t/c", NULL, 0, &p, &e), COLETTE_OK);
  cr_assert_str_eq(names(&r, &p), "x-ac"); /* 10 either way: one step beats two */
  cr_assert_eq(p.cost, 10);
  /* an option only x-bc takes: the chain goes through it */
  drv_request_opt o = {"opt", "v 1"};
  cr_assert_eq(drv_plan_make(&r, "t/a", "t/c", &o, 1, &p, &e), COLETTE_OK);
  cr_assert_str_eq(names(&r, &p), "x-ab | x-bc");
  buf line = BUF_INIT;
  drv_plan_explain(&r, &p, &o, 1, "in put", "-", &line);
  char want[512];
  snprintf(want, sizeof want, "%s/x-ab 'in put' | %s/x-bc '--opt=v 1'\n", dir, dir);
  /* beside PATH's first hit they are named by name */
  cr_assert(strcmp(line.data, want) == 0 || strcmp(line.data, "x-ab 'in put' | x-bc '--opt=v 1'\n") == 0,
            "%s", line.data);
  buf_free(&line);
  /* an option no filter takes */
  drv_request_opt none = {"nosuch", NULL};
  cr_assert_eq(drv_plan_make(&r, "t/a", "t/c", &none, 1, &p, &e), COLETTE_ERR_STAGE);
  cr_assert(strstr(e.message, "takes --nosuch"), "%s", e.message);
  /* no chain at all */
  cr_assert_eq(drv_plan_make(&r, "t/c", "t/a", NULL, 0, &p, &e), COLETTE_ERR_STAGE);
  cr_assert(strstr(e.message, "no chain of filters from t/c to t/a"), "%s", e.message);
  /* a chain has one step at least: t/a to t/a has none here */
  cr_assert_eq(drv_plan_make(&r, "t/a", "t/a", NULL, 0, &p, &e), COLETTE_ERR_STAGE);
  drv_registry_free(&r);
}

Test(driver, a_type_to_itself_goes_through_a_filter) {
  filter("x-cc", "input t/c\noutput t/c --again\ncost 1\n");
  drv_registry r;
  colette_error e;
  cr_assert_eq(drv_registry_load(&r, NULL, &e), COLETTE_OK);
  drv_plan p;
  cr_assert_eq(drv_plan_make(&r, "t/c", "t/c", NULL, 0, &p, &e), COLETTE_OK);
  cr_assert_eq(p.n, 1);
  buf args = BUF_INIT;
  drv_step_args(&r, &p, 0, NULL, 0, &args);
  cr_assert_eq(VEC_LEN(args, char *), 1);
  cr_assert_str_eq(VEC_AT(args, char *, 0), "--again");
  drv_args_free(&args);
  drv_registry_free(&r);
}

Test(driver, bad_manifests_are_warnings) {
  filter("x-bad1", "input nonsense\noutput t/b\n");
  filter("x-bad2", "input t/a\n");
  filter("x-bad3", "input t/a\noutput t/b\ncost lots\n");
  filter("x-good", "# fine\ndescription good\ninput t/a\noutput t/b x y\nfuture-key 1\n"
                   "type bee t/b .bee\ntype bee t/other .b2\n");
  drv_registry r;
  colette_error e;
  cr_assert_eq(drv_registry_load(&r, NULL, &e), COLETTE_OK);
  cr_assert_null(drv_filter_by_name(&r, "x-bad1"));
  cr_assert_null(drv_filter_by_name(&r, "x-bad2"));
  cr_assert_null(drv_filter_by_name(&r, "x-bad3"));
  const drv_filter *g = drv_filter_by_name(&r, "x-good");
  cr_assert(g);
  cr_assert_str_eq(g->description, "good");
  cr_assert_eq(g->cost, 100); /* the default */
  const char *w = r.warnings.data;
  cr_assert(w);
  cr_assert(strstr(w, "x-bad1.manifest:1: input takes one media type"), "%s", w);
  cr_assert(strstr(w, "x-bad2.manifest: a filter needs an input and an output line"), "%s", w);
  cr_assert(strstr(w, "x-bad3.manifest:3: cost takes a whole number"), "%s", w);
  cr_assert(strstr(w, "x-good.manifest:5: unknown key 'future-key' ignored"), "%s", w);
  cr_assert(strstr(w, "x-good.manifest:7: type name already names another media type"), "%s", w);
  cr_assert_str_eq(drv_type_find(&r, "bee")->media, "t/b");
  cr_assert_str_eq(drv_type_ext(&r, "t/b"), ".bee");
  cr_assert_str_eq(drv_type_ext(&r, "t/unnamed"), ".out");
  /* the built-ins' manifests are found beside the executable (the build tree) */
  const drv_filter *u = drv_filter_by_name(&r, "colette-unpack");
  cr_assert(u);
  cr_assert_eq(u->builtin, BUILTIN_UNPACK);
  drv_registry_free(&r);
}

Test(driver, shell_quoting) {
  const char *cases[][2] = {{"plain-1.docx", "plain-1.docx"},
                            {"a b", "'a b'"},
                            {"it's", "'it'\\''s'"},
                            {"", "''"},
                            {"$HOME", "'$HOME'"},
                            {"--to=text", "--to=text"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    buf b = BUF_INIT;
    drv_shell_quote(&b, cases[i][0]);
    cr_assert_str_eq(b.data, cases[i][1]);
    buf_free(&b);
  }
}

Test(driver, detection_by_content) {
  const char *flat = "<?xml version=\"1.0\"?>\n<document xmlns=\"urn:colette:flat:1\">";
  const char *norm = "<document xmlns=\"urn:colette:flat:1\" normalized=\"nfc\">";
  const char *letter = "<letter xmlns=\"urn:colette:letter:1\">";
  cr_assert_str_eq(drv_detect(flat, strlen(flat), NULL, NULL, 0), MT_FLAT);
  cr_assert_str_eq(drv_detect(norm, strlen(norm), NULL, NULL, 0), MT_NORM);
  cr_assert_str_eq(drv_detect(letter, strlen(letter), NULL, NULL, 0), MT_LETTER);
  cr_assert_str_eq(drv_detect("<x/>", 4, NULL, NULL, 0), MT_FLAT);
  cr_assert_str_eq(drv_detect("%PDF-1.4", 8, NULL, NULL, 0), MT_DOCX);
  cr_assert_str_eq(drv_detect("PK\003\004junk", 8, NULL, "PK\003\004junk", 8), MT_DOCX);
}

Test(driver, exit_classes) {
  char tmp[32];
  cr_assert_str_eq(drv_exit_class(0, tmp, sizeof tmp), "ok");
  cr_assert_str_eq(drv_exit_class(4, tmp, sizeof tmp), "not-zip");
  cr_assert_str_eq(drv_exit_class(11, tmp, sizeof tmp), "stage");
  cr_assert_str_eq(drv_exit_class(139, tmp, sizeof tmp), "signal-11");
  cr_assert_str_eq(drv_exit_class(42, tmp, sizeof tmp), "exit-42");
}

static int to_sink(void *ctx, const char *d, size_t n) { return sinkbuf_write(ctx, d, n); }

Test(driver, normalize_memory_is_normalize_stream) {
  const char *doc =
      "<?xml version=\"1.0\"?>\n<document xmlns=\"urn:colette:flat:1\" version=\"1\" "
      "main-part=\"word/document.xml\" conformance=\"transitional\">\n<properties>\n</properties>\n"
      "<body>\n<p>Geneva,\xc2\xa0  21\xe2\x80\x8b May 2021 and ITU\xe2\x80\x91T</p>\n<p>Genève, le 21 mai "
      "2021, la Commission d'études</p>\n</body>\n</document>\n";
  sinkbuf a = {NULL, 0}, b = {NULL, 0};
  colette_sink sa = {to_sink, &a}, sb = {to_sink, &b};
  colette_error e;
  colette_normalize_stats s1, s2;
  cr_assert_eq(colette_normalize_memory(doc, strlen(doc), NULL, sa, &s1, &e), COLETTE_OK);
  FILE *f = fmemopen((void *)doc, strlen(doc), "r");
  cr_assert_eq(colette_normalize_stream(f, NULL, sb, &s2, &e), COLETTE_OK);
  fclose(f);
  cr_assert_eq(a.len, b.len);
  cr_assert(memcmp(a.data, b.data, a.len) == 0);
  cr_assert_eq(s1.debris_removed, s2.debris_removed);
  cr_assert(strstr(a.data, "normalized=\"nfc\""));
  free(a.data);
  free(b.data);
  /* empty input and another stage's input, as the stream says them */
  cr_assert_eq(colette_normalize_memory("", 0, NULL, sa, NULL, &e), COLETTE_ERR_XML);
  const char *letter = "<letter xmlns=\"urn:colette:letter:1\"/>";
  cr_assert_eq(colette_normalize_memory(letter, strlen(letter), NULL, sa, NULL, &e),
               COLETTE_ERR_STAGE);
  cr_assert(strstr(e.message, "colette letter"), "%s", e.message);
}

/* ---- the model handed to render in memory is the one render would read ---- */

static bool same_tree(const colette_node *a, const colette_node *b) {
  if (!a || !b) return a == b;
  if (colette_node_get_type(a) != colette_node_get_type(b)) return false;
  for (int i = 0; i < COLETTE_ATTR_COUNT_; i++) {
    const char *x = colette_node_attr(a, (colette_attr)i), *y = colette_node_attr(b, (colette_attr)i);
    if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0)) return false;
  }
  if (colette_node_args(a) != colette_node_args(b)) return false;
  for (size_t i = 0; i < colette_node_args(a); i++) {
    const char *n1, *v1, *n2, *v2;
    colette_node_arg(a, i, &n1, &v1);
    colette_node_arg(b, i, &n2, &v2);
    if (strcmp(n1, n2) != 0 || strcmp(v1, v2) != 0) return false;
  }
  size_t l1 = 0, l2 = 0;
  const char *s1 = colette_node_literal(a, &l1), *s2 = colette_node_literal(b, &l2);
  if ((s1 == NULL) != (s2 == NULL) || (s1 && (l1 != l2 || memcmp(s1, s2, l1) != 0))) return false;
  const colette_node *x = colette_node_first_child(a), *y = colette_node_first_child(b);
  for (; x || y; x = x ? colette_node_next(x) : NULL, y = y ? colette_node_next(y) : NULL)
    if (!same_tree(x, y)) return false;
  return true;
}

/* colette convert renders colette_map_doc's model, the pipeline what
 * colette-render reads from letter XML: the two must be the same tree, node
 * for node, for every fixture, so that every format's bytes agree. */
Test(driver, the_mapped_model_is_the_model_read_back) {
  const char *names[] = {"cl9-17-fr", "cl12-17-en", "cl16-11-zh", "cl5-13-en", "cl5-13-fr",
                         "cl5-13-zh", "cl7-20-en", "cl7-20-fr", "cl7-20-zh", "cl9-12-en",
                         "cl9-12-fr", "cl9-12-zh", "sg17-eplenary-2022-en", "wp1-11-2020-en",
                         "cl12-17-en-libreoffice"};
  colette_context *ctx;
  colette_error e;
  cr_assert_eq(colette_context_new(&ctx, &e), COLETTE_OK);
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    char p[512];
    snprintf(p, sizeof p, "%s/fixtures/letters/%s.norm.xml", COLETTE_SOURCE_DIR, names[i]);
    FILE *f = fopen(p, "rb");
    cr_assert(f, "%s", p);
    buf in = BUF_INIT;
    cr_assert_eq(buf_slurp(f, 0, &in, &e), COLETTE_OK);
    fclose(f);
    colette_map_options mo;
    colette_map_options_default(&mo);
    mo.context = ctx;
    colette_letter *mapped, *read;
    cr_assert_eq(colette_map_doc(in.data, in.len, &mo, &mapped, NULL, &e), COLETTE_OK);
    sinkbuf xml = {NULL, 0};
    colette_sink s = {to_sink, &xml};
    cr_assert_eq(colette_letter_write(mapped, s, &e), COLETTE_OK);
    cr_assert_eq(colette_letter_read(xml.data, xml.len, "-", &read, &e), COLETTE_OK);
    cr_assert(same_tree(colette_letter_root(mapped), colette_letter_root(read)), "%s", names[i]);
    colette_letter_free(mapped);
    colette_letter_free(read);
    free(xml.data);
    buf_free(&in);
  }
  colette_context_free(ctx);
}
