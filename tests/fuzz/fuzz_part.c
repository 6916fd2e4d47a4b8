/*
 * fuzz_part: one XML part mutated inside an otherwise valid package, so
 * that mutations reach the part readers (styles, numbering, the story
 * reader, notes, headers, relationships) rather than stopping at the ZIP.
 *
 * At start-up the parts of a fixture letter (fixtures/letters/NAME/, the
 * folder named at build time, or $COLETTE_FUZZ_FIXTURE) are read into
 * memory.  An input is one byte and a part: the byte chooses which part
 * the rest replaces (byte % PARTS) and the view of tracked changes
 * (byte / PARTS % 3); the package is zipped with libzip (stored, so each
 * run is cheap) and converted with colette_unpack_memory.  On success the
 * flat document must be well-formed XML.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <zip.h>

#include "fuzz.h"

#ifndef COLETTE_FUZZ_FIXTURE
#define COLETTE_FUZZ_FIXTURE "fixtures/letters/sg17-eplenary-2022-en"
#endif

/* The parts an input may replace; the first byte of an input picks one. */
static const char *const targets[] = {
    "word/document.xml",   "word/styles.xml",
    "word/numbering.xml",  "word/header1.xml",
    "word/footnotes.xml",  "word/endnotes.xml",
    "word/footer1.xml",    "word/_rels/document.xml.rels",
    "[Content_Types].xml", "_rels/.rels",
    "docProps/core.xml",   "docProps/app.xml",
};
#define PARTS (sizeof targets / sizeof *targets)

typedef struct part {
  char *name;
  char *data;
  size_t len;
} part;

static part *parts;
static size_t n_parts;

/* Read a file whole; NULL on failure. */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *d = NULL;
  size_t cap = 0, n = 0, got;
  do {
    if (n == cap) {
      cap = cap ? cap * 2 : 65536;
      char *g = realloc(d, cap);
      if (!g) break;
      d = g;
    }
    got = fread(d + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *len = n;
  return d;
}

/* Every file under root/rel, as a part named by its path below root. */
static void load(const char *root, const char *rel) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  DIR *d = opendir(path);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char sub[2048], full[8192];
    snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
    snprintf(full, sizeof full, "%s/%s", root, sub);
    struct stat st;
    if (stat(full, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      load(root, sub);
      continue;
    }
    part p = {strdup(sub), NULL, 0};
    p.data = slurp(full, &p.len);
    part *grown = realloc(parts, (n_parts + 1) * sizeof *parts);
    if (!p.name || !p.data || !grown) abort();
    parts = grown;
    parts[n_parts++] = p;
  }
  closedir(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  const char *dir = getenv("COLETTE_FUZZ_FIXTURE");
  load(dir && *dir ? dir : COLETTE_FUZZ_FIXTURE, "");
  if (n_parts == 0) {
    fprintf(stderr, "fuzz_part: no fixture parts in %s\n",
            dir && *dir ? dir : COLETTE_FUZZ_FIXTURE);
    abort();
  }
  return 0;
}

/* Add one stored entry; false on failure. */
static int add(zip_t *za, const char *name, const void *data, size_t len) {
  zip_source_t *s = zip_source_buffer(za, data, len, 0);
  zip_int64_t idx = s ? zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) : -1;
  if (idx < 0) {
    zip_source_free(s);
    return 0;
  }
  return zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) == 0;
}

/* The package with `name` replaced by (or holding) data; malloc'd bytes or NULL. */
static void *package(const char *name, const uint8_t *data, size_t len, size_t *size) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  void *out = NULL;
  if (!src) goto done;
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  if (!za) goto done;
  int ok = add(za, name, len ? data : (const uint8_t *)"", len);
  for (size_t i = 0; ok && i < n_parts; i++)
    if (strcmp(parts[i].name, name) != 0) ok = add(za, parts[i].name, parts[i].data, parts[i].len);
  if (!ok || zip_close(za) != 0) {
    zip_discard(za);
    goto done;
  }
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t n = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    out = n > 0 ? malloc((size_t)n) : NULL;
    if (out && zip_source_read(src, out, (zip_uint64_t)n) == n) {
      *size = (size_t)n;
    } else {
      free(out);
      out = NULL;
    }
    zip_source_close(src);
  }
done:
  zip_source_free(src);
  zip_error_fini(&ze);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_no_print();
  if (size < 1) return 0;
  const char *name = targets[data[0] % PARTS];
  size_t zsize = 0;
  void *zip = package(name, data + 1, size - 1, &zsize);
  if (!zip) abort(); /* libzip failed on good parts: out of memory */
  colette_unpack_options opts;
  colette_unpack_options_default(&opts);
  opts.changes = (colette_changes)(data[0] / PARTS % 3);
  opts.limits.max_part_size = 8u << 20;
  opts.limits.max_total_size = 32u << 20;
  fuzz_out out = {0};
  colette_error err;
  colette_status st = colette_unpack_memory(zip, zsize, &opts, fuzz_sink(&out), &err);
  if (st == COLETTE_OK) FUZZ_CHECK(fuzz_well_formed(&out), "unpack wrote malformed XML (%s)", name);
  fuzz_out_free(&out);
  free(zip);
  return 0;
}
