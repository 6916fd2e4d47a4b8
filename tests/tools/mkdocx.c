/*
 * mkdocx: build a DOCX (a ZIP) from a folder of package parts, as the
 * fixtures are kept unzipped in git.  Also builds hostile packages for the
 * negative tests:
 *
 *   mkdocx OUT DIR                 zip DIR ([Content_Types].xml first)
 *   mkdocx OUT DIR --zeros NAME N  add NAME holding N zero bytes (a bomb)
 *   mkdocx OUT DIR --encrypt       AES-encrypt every entry (password "x")
 *   mkdocx OUT DIR --entries N     add N tiny extra entries
 *   mkdocx OUT DIR --bomb NAME N   add NAME: a w:document with N blanks in
 *                                  its body (well-formed, deflates ~1000:1)
 *
 * Entries are written in sorted order with a fixed time stamp, so the same
 * folder always gives the same bytes.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

typedef struct list {
  char **items;
  size_t n, cap;
} list;

static void add(list *l, const char *s) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 64;
    l->items = realloc(l->items, l->cap * sizeof *l->items);
    if (!l->items) exit(1);
  }
  l->items[l->n++] = strdup(s);
}

static void walk(const char *root, const char *rel, list *out) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  DIR *d = opendir(path);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0)))
      continue;
    char sub[4096], full[8192];
    snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
    snprintf(full, sizeof full, "%s/%s", root, sub);
    struct stat st;
    if (stat(full, &st) != 0) continue;
    if (S_ISDIR(st.st_mode))
      walk(root, sub, out);
    else
      add(out, sub);
  }
  closedir(d);
}

static int cmp(const void *a, const void *b) {
  const char *x = *(char *const *)a, *y = *(char *const *)b;
  int cx = strcmp(x, "[Content_Types].xml") == 0, cy = strcmp(y, "[Content_Types].xml") == 0;
  if (cx != cy) return cy - cx;
  return strcmp(x, y);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: mkdocx OUT DIR [--zeros NAME N] [--encrypt] [--entries N]\n");
    return 2;
  }
  const char *out = argv[1], *dir = argv[2];
  int err = 0;
  remove(out);
  zip_t *z = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) {
    fprintf(stderr, "mkdocx: cannot create %s\n", out);
    return 1;
  }
  list files = {0};
  walk(dir, "", &files);
  qsort(files.items, files.n, sizeof *files.items, cmp);
  int encrypt = 0;
  for (int i = 3; i < argc; i++)
    encrypt |= strcmp(argv[i], "--encrypt") == 0;
  for (size_t i = 0; i < files.n; i++) {
    char full[8192];
    snprintf(full, sizeof full, "%s/%s", dir, files.items[i]);
    zip_source_t *s = zip_source_file(z, full, 0, -1);
    zip_int64_t idx = s ? zip_file_add(z, files.items[i], s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      fprintf(stderr, "mkdocx: %s: %s\n", full, zip_strerror(z));
      return 1;
    }
    zip_file_set_mtime(z, (zip_uint64_t)idx, 315532800, 0);
    if (encrypt) zip_file_set_encryption(z, (zip_uint64_t)idx, ZIP_EM_AES_256, "x");
  }
  for (int i = 3; i < argc; i++) {
    if (strcmp(argv[i], "--zeros") == 0 && i + 2 < argc) {
      size_t n = strtoull(argv[i + 2], NULL, 10);
      char *zeros = calloc(1, n ? n : 1);
      zip_source_t *s = zip_source_buffer(z, zeros, n, 1);
      if (!s || zip_file_add(z, argv[i + 1], s, ZIP_FL_OVERWRITE) < 0) return 1;
      i += 2;
    } else if (strcmp(argv[i], "--bomb") == 0 && i + 2 < argc) {
      static const char head[] =
          "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
          "wordprocessingml/2006/main\"><w:body>";
      static const char tail[] = "</w:body></w:document>";
      size_t n = strtoull(argv[i + 2], NULL, 10), h = strlen(head), t = strlen(tail);
      char *doc = malloc(h + n + t);
      if (!doc) return 1;
      memcpy(doc, head, h);
      memset(doc + h, ' ', n);
      memcpy(doc + h + n, tail, t);
      zip_source_t *s = zip_source_buffer(z, doc, h + n + t, 1);
      if (!s || zip_file_add(z, argv[i + 1], s, ZIP_FL_OVERWRITE) < 0) return 1;
      i += 2;
    } else if (strcmp(argv[i], "--entries") == 0 && i + 1 < argc) {
      long n = strtol(argv[i + 1], NULL, 10);
      for (long k = 0; k < n; k++) {
        char name[64];
        snprintf(name, sizeof name, "extra/%06ld.txt", k);
        zip_source_t *s = zip_source_buffer(z, "x", 1, 0);
        if (!s || zip_file_add(z, name, s, 0) < 0) return 1;
      }
      i++;
    }
  }
  if (zip_close(z) != 0) {
    fprintf(stderr, "mkdocx: %s: %s\n", out, zip_strerror(z));
    return 1;
  }
  for (size_t i = 0; i < files.n; i++)
    free(files.items[i]);
  free(files.items);
  return 0;
}
