/* Unit tests: the colette-unpack command run in-process. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "docx_builder.h"

typedef struct run_result {
  int code;
  char out[1 << 16];
  char err[4096];
} run_result;

static void run(run_result *r, const void *input, size_t n, int argc, char **argv) {
  FILE *in = fmemopen((void *)(input ? input : ""), input ? n : 1, "rb");
  FILE *out = tmpfile(), *err = tmpfile();
  r->code = colette_unpack_main(argc, argv, in, out, err);
  rewind(out);
  rewind(err);
  size_t k = fread(r->out, 1, sizeof r->out - 1, out);
  r->out[k] = '\0';
  k = fread(r->err, 1, sizeof r->err - 1, err);
  r->err[k] = '\0';
  fclose(in);
  fclose(out);
  fclose(err);
}

static int lines(const char *s) {
  int n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

Test(cli, help_and_version_go_to_stdout) {
  static run_result r;
  char *a1[] = {"colette-unpack", "--help", NULL};
  run(&r, NULL, 0, 2, a1);
  cr_expect_eq(r.code, 0);
  cr_expect(strstr(r.out, "Usage: colette-unpack") != NULL);
  cr_expect_str_eq(r.err, "");
  char *a2[] = {"colette-unpack", "-V", NULL};
  run(&r, NULL, 0, 2, a2);
  cr_expect_eq(r.code, 0);
  cr_expect(strncmp(r.out, "colette-unpack ", 15) == 0);
}

Test(cli, misuse_is_exit_2_on_stderr) {
  static run_result r;
  char *a1[] = {"colette-unpack", "--bogus", NULL};
  run(&r, NULL, 0, 2, a1);
  cr_expect_eq(r.code, 2);
  cr_expect(strstr(r.err, "colette-unpack: unknown option '--bogus'") != NULL, "%s", r.err);
  cr_expect_str_eq(r.out, "");
  char *a2[] = {"colette-unpack", "a.docx", "b.docx", NULL};
  run(&r, NULL, 0, 3, a2);
  cr_expect_eq(r.code, 2);
  char *a3[] = {"colette-unpack", "--changes=maybe", NULL};
  run(&r, NULL, 0, 2, a3);
  cr_expect_eq(r.code, 2);
  char *a4[] = {"colette-unpack", "--max-part-size", "lots", NULL};
  run(&r, NULL, 0, 3, a4);
  cr_expect_eq(r.code, 2);
  char *a5[] = {"colette-unpack", "-o", NULL};
  run(&r, NULL, 0, 2, a5);
  cr_expect_eq(r.code, 2);
}

Test(cli, stdin_to_stdout_and_errors_name_the_input) {
  static run_result r;
  size_t n;
  void *d = build_docx("<w:p><w:r><w:t>Hello</w:t></w:r></w:p>", NULL, NULL, NULL, &n);
  char *a1[] = {"colette-unpack", "-", NULL};
  run(&r, d, n, 2, a1);
  cr_expect_eq(r.code, 0, "%s", r.err);
  cr_expect(strstr(r.out, "<p>Hello</p>") != NULL);
  char *a2[] = {"colette-unpack", NULL};
  run(&r, "not a docx", 10, 1, a2);
  cr_expect_eq(r.code, 4);
  cr_expect_str_eq(r.out, "");
  cr_expect_eq(lines(r.err), 1);
  cr_expect(strncmp(r.err, "colette-unpack: -: not a ZIP", 28) == 0, "%s", r.err);
  char *a3[] = {"colette-unpack", "/nonexistent/letter.docx", NULL};
  run(&r, NULL, 0, 2, a3);
  cr_expect_eq(r.code, 3);
  cr_expect(strstr(r.err, "colette-unpack: /nonexistent/letter.docx: cannot open") != NULL, "%s",
            r.err);
  free(d);
}

Test(cli, output_file_appears_only_on_success) {
  static run_result r;
  char dir[] = "/tmp/colette-cli-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/out.xml", dir);
  char *a1[] = {"colette-unpack", "-o", path, NULL};
  run(&r, "junk", 4, 3, a1);
  cr_expect_eq(r.code, 4);
  cr_expect_neq(access(path, F_OK), 0, "no file after a failure");
  size_t n;
  void *d = build_docx("<w:p><w:r><w:t>Hi</w:t></w:r></w:p>", NULL, NULL, NULL, &n);
  char *a2[] = {"colette-unpack", "--output", path, "-", NULL};
  run(&r, d, n, 4, a2);
  cr_expect_eq(r.code, 0, "%s", r.err);
  cr_expect_eq(access(path, F_OK), 0);
  cr_expect_str_eq(r.out, "");
  unlink(path);
  rmdir(dir);
  char *a3[] = {"colette-unpack", "-o", "/nonexistent/dir/out.xml", "-", NULL};
  run(&r, d, n, 4, a3);
  cr_expect_eq(r.code, 3);
  free(d);
}

/* Entries of dir other than . and .. (a temporary file left behind shows). */
static int entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  if (d) closedir(d);
  return n;
}

static int mode_of(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f);
  fputs(text, f);
  fclose(f);
}

Test(cli, output_dash_is_the_output_stream) {
  static run_result r;
  char dir[] = "/tmp/colette-cli-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  cr_assert_eq(chdir(dir), 0);
  size_t n;
  void *d = build_docx("<w:p><w:r><w:t>Hi</w:t></w:r></w:p>", NULL, NULL, NULL, &n);
  char *a[] = {"colette-unpack", "-o", "-", "-", NULL};
  run(&r, d, n, 4, a);
  cr_expect_eq(r.code, 0, "%s", r.err);
  cr_expect(strstr(r.out, "<p>Hi</p>") != NULL, "%s", r.out);
  cr_expect_eq(entries(dir), 0, "no file named -");
  cr_expect_eq(chdir("/"), 0);
  rmdir(dir);
  free(d);
}

Test(cli, output_file_modes_symlinks_and_failures) {
  static run_result r;
  char dir[] = "/tmp/colette-cli-XXXXXX", path[256], link[256], text[64] = "";
  cr_assert_not_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/out.xml", dir);
  snprintf(link, sizeof link, "%s/link.xml", dir);
  size_t n;
  void *d = build_docx("<w:p><w:r><w:t>Hi</w:t></w:r></w:p>", NULL, NULL, NULL, &n);
  char *a1[] = {"colette-unpack", "-o", path, "-", NULL};
  umask(027);
  run(&r, d, n, 4, a1);
  cr_expect_eq(r.code, 0, "%s", r.err);
  cr_expect_eq(mode_of(path), 0640, "a new file is 0666 less the umask: %o", mode_of(path));
  cr_expect_eq(chmod(path, 0604), 0);
  run(&r, d, n, 4, a1);
  cr_expect_eq(mode_of(path), 0604, "an existing file keeps its mode: %o", mode_of(path));
  /* A symlink is followed: the target is written, the link stays a link. */
  unlink(path);
  cr_expect_eq(symlink("out.xml", link), 0);
  char *a2[] = {"colette-unpack", "-o", link, "-", NULL};
  run(&r, d, n, 4, a2);
  cr_expect_eq(r.code, 0, "%s", r.err);
  struct stat st;
  cr_expect(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link is kept");
  cr_expect_eq(mode_of(path), 0640, "the dangling link's target is created");
  /* A failed conversion leaves the old file and no temporary file. */
  write_text(path, "old");
  run(&r, "junk", 4, 4, a2);
  cr_expect_eq(r.code, 4);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f);
  cr_expect_eq(fread(text, 1, sizeof text - 1, f), 3);
  fclose(f);
  cr_expect_str_eq(text, "old");
  cr_expect_eq(entries(dir), 2, "out.xml and link.xml only");
  unlink(link);
  unlink(path);
  rmdir(dir);
  free(d);
}

Test(cli, output_devices_are_written_in_place) {
  static run_result r;
  size_t n;
  void *d = build_docx("<w:p><w:r><w:t>Hi</w:t></w:r></w:p>", NULL, NULL, NULL, &n);
  char *a1[] = {"colette-unpack", "-o", "/dev/null", "-", NULL};
  run(&r, d, n, 4, a1);
  cr_expect_eq(r.code, 0, "%s", r.err);
  struct stat st;
  cr_expect(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
  char *a2[] = {"colette-unpack", "-o", "/dev/full", "-", NULL};
  run(&r, d, n, 4, a2);
  cr_expect_eq(r.code, 3);
  cr_expect_str_eq(r.err, "colette-unpack: /dev/full: write error: No space left on device\n");
  cr_expect(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));
  free(d);
}

Test(cli, write_errors_are_caught) {
  FILE *full = fopen("/dev/full", "w");
  cr_assert_not_null(full);
  size_t n;
  void *d = build_docx("<w:p><w:r><w:t>Hi</w:t></w:r></w:p>", NULL, NULL, NULL, &n);
  FILE *in = fmemopen(d, n, "rb");
  FILE *err = tmpfile();
  char *a[] = {"colette-unpack", NULL};
  int code = colette_unpack_main(1, a, in, full, err);
  cr_expect_eq(code, 3);
  char msg[512] = "";
  rewind(err);
  size_t k = fread(msg, 1, sizeof msg - 1, err);
  msg[k] = '\0';
  cr_expect(strstr(msg, "write error") != NULL, "%s", msg);
  fclose(in);
  fclose(err);
  fclose(full);
  free(d);
}

Test(cli, normalize_command) {
  static run_result r;
  static const char flat[] = "<document xmlns=\"urn:colette:flat:1\" version=\"1\" main-part=\"w\" "
                             "conformance=\"transitional\">"
                             "<properties/><body><p>ITU\xE2\x80\x91T  and   the meeting of the "
                             "group</p></body></document>";
  FILE *in = fmemopen((void *)flat, sizeof flat - 1, "rb"); /* a stream that is not a file */
  FILE *out = tmpfile(), *err = tmpfile();
  char *a1[] = {"colette-normalize", "--stats", NULL};
  int code = colette_normalize_main(2, a1, in, out, err);
  cr_expect_eq(code, 0);
  rewind(out);
  rewind(err);
  size_t k = fread(r.out, 1, sizeof r.out - 1, out);
  r.out[k] = '\0';
  k = fread(r.err, 1, sizeof r.err - 1, err);
  r.err[k] = '\0';
  cr_expect(strstr(r.out, "<p xml:lang=\"en\">ITU-T and the meeting of the group</p>") != NULL,
            "%s", r.out);
  cr_expect(strstr(r.err, "colette-normalize: identifiers-made-ascii 1\n") != NULL, "%s", r.err);
  cr_expect(strstr(r.err, "colette-normalize: spaces-collapsed 3\n") != NULL, "%s", r.err);
  fclose(in);
  fclose(out);
  fclose(err);
  char *a2[] = {"colette-normalize", "--help", NULL};
  run_result *h = &r;
  FILE *o2 = tmpfile(), *e2 = tmpfile();
  cr_expect_eq(colette_normalize_main(2, a2, stdin, o2, e2), 0);
  rewind(o2);
  k = fread(h->out, 1, sizeof h->out - 1, o2);
  h->out[k] = '\0';
  cr_expect(strstr(h->out, "Usage: colette-normalize") != NULL);
  fclose(o2);
  fclose(e2);
  char *a3[] = {"colette-normalize", "--bogus", NULL};
  o2 = tmpfile();
  e2 = tmpfile();
  cr_expect_eq(colette_normalize_main(2, a3, stdin, o2, e2), 2);
  fclose(o2);
  fclose(e2);
}

/* TZ set is left alone; unset, it names the zone /etc/localtime links to,
 * or stays unset when that is no link into a zoneinfo directory. */
Test(cli, the_time_zone_pinned_only_when_unset) {
  setenv("TZ", "Europe/Paris", 1);
  cli_pin_timezone();
  cr_expect_str_eq(getenv("TZ"), "Europe/Paris");
  unsetenv("TZ");
  cli_pin_timezone();
  char target[4096];
  ssize_t n = readlink("/etc/localtime", target, sizeof target - 1);
  const char *z = NULL;
  if (n > 0) {
    target[n] = '\0';
    z = strstr(target, "zoneinfo/");
  }
  if (z && z[9]) {
    cr_assert_not_null(getenv("TZ"));
    cr_expect_eq(getenv("TZ")[0], ':');
    cr_expect_str_eq(getenv("TZ") + 1, z + 9);
  } else {
    cr_expect_null(getenv("TZ"));
  }
  unsetenv("TZ");
}

/* colette called by a filter's name (the installed filters are links to
 * it) is that filter, whatever directory it is called from; by any other
 * name, even one that starts like a filter's, it is the driver. */
Test(cli, the_driver_called_by_a_filters_name_is_that_filter) {
  static const char *const filters[] = {"colette-unpack", "colette-normalize", "colette-map",
                                        "colette-render", "colette-compare"};
  for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
    char path[64], line[64];
    snprintf(path, sizeof path, "/opt/x/bin/%s", filters[i]);
    char *a[] = {path, "--version", NULL};
    FILE *out = tmpfile(), *err = tmpfile();
    cr_assert_eq(colette_driver_main(2, a, stdin, out, err), 0, "%s", filters[i]);
    rewind(out);
    cr_assert_not_null(fgets(line, sizeof line, out));
    cr_expect(strncmp(line, filters[i], strlen(filters[i])) == 0 && line[strlen(filters[i])] == ' ',
              "%s: %s", filters[i], line);
    fclose(out);
    fclose(err);
  }
  static const char *const others[] = {"colette", "/usr/bin/colette", "colette-mapper", "map",
                                       "x/colette-unpack/colette"};
  for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
    char line[64];
    char *a[] = {(char *)others[i], "--version", NULL};
    FILE *out = tmpfile(), *err = tmpfile();
    cr_assert_eq(colette_driver_main(2, a, stdin, out, err), 0, "%s", others[i]);
    rewind(out);
    cr_assert_not_null(fgets(line, sizeof line, out));
    cr_expect(strncmp(line, "colette ", 8) == 0, "%s: %s", others[i], line);
    fclose(out);
    fclose(err);
  }
}
