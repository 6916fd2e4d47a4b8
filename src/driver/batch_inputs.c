/*
 * batch_inputs.c: a batch's inputs.  A tree is walked in name order (a
 * file's type told by its content, a name a filter's extension claims
 * kept even when its content says nothing), or a list of paths is read;
 * each input is a job with its output path under OUTDIR and the plan for
 * its type, made once per type.  Two inputs that would write one output
 * are found before anything runs.
 */
#define _GNU_SOURCE /* getline */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../error.h"
#include "batch_impl.h"

char *batch_path_join(const char *a, const char *b) {
  buf p = BUF_INIT;
  if (!*a)
    buf_puts(&p, b);
  else if (a[strlen(a) - 1] == '/')
    buf_printf(&p, "%s%s", a, b);
  else
    buf_printf(&p, "%s/%s", a, b);
  return p.data;
}

/* Does the name end with the extension of a type some filter reads? */
static bool input_extension(const drv_registry *r, const char *name) {
  size_t n = strlen(name);
  for (size_t i = 0; i < drv_filter_count(r); i++) {
    const drv_filter *f = drv_filter_at(r, i);
    for (size_t k = 0; k < VEC_LEN(f->inputs, char *); k++) {
      const drv_type *t = drv_type_find(r, VEC_AT(f->inputs, char *, k));
      size_t e = t ? strlen(t->ext) : 0;
      if (t && n > e && strcasecmp(name + n - e, t->ext) == 0) return true;
    }
  }
  return false;
}

/* OUTDIR/REL with the input's extension replaced by the target's: a type's
 * extension (".letter.xml"), else the last one (".docx"). */
static char *output_path(const batch *b, const char *rel) {
  const char *base = strrchr(rel, '/');
  base = base ? base + 1 : rel;
  size_t n = strlen(rel), cut = n, bn = strlen(base);
  size_t longest = 0;
  for (size_t i = 0; i < VEC_LEN(b->reg->types, drv_type); i++) {
    const char *e = VEC_AT(b->reg->types, drv_type, i).ext;
    size_t el = strlen(e);
    if (el > longest && bn > el && strcasecmp(base + bn - el, e) == 0) longest = el;
  }
  if (longest)
    cut = n - longest;
  else {
    const char *dot = strrchr(base, '.');
    if (dot && dot > base) cut = (size_t)(dot - rel);
  }
  buf p = BUF_INIT;
  buf_printf(&p, "%s/%.*s%s", b->o->outdir, (int)cut, rel, drv_type_ext(b->reg, b->o->to));
  return p.data;
}

static long plan_for(batch *b, const char *media) {
  for (size_t i = 0; i < VEC_LEN(b->plans, plan_rec); i++)
    if (strcmp(VEC_AT(b->plans, plan_rec, i).media, media) == 0) return (long)i;
  plan_rec p;
  memset(&p, 0, sizeof p);
  p.media = media;
  colette_error e;
  error_clear(&e);
  colette_status st = drv_plan_make(b->reg, media, b->o->to, b->o->opts, b->o->nopts, &p.plan, &e);
  p.ok = st == COLETTE_OK;
  p.exit = colette_status_exit(st);
  snprintf(p.message, sizeof p.message, "colette: %s", e.message);
  VEC_PUSH(b->plans, p);
  return (long)VEC_LEN(b->plans, plan_rec) - 1;
}

static void add_job(batch *b, const char *path, const char *rel, const char *media) {
  job j;
  memset(&j, 0, sizeof j);
  j.path = strdup(path);
  j.out = output_path(b, rel);
  j.media = media;
  j.plan = plan_for(b, media);
  if (j.path && j.out) VEC_PUSH(b->jobs, j);
}

/* Whether the plans from the four ZIP variants differ (a plugin that
 * reads one of them only, say).  When they do not, a package found is not
 * opened to read its content types in the walk (a zip_open of its
 * directory and an inflate for each file): its job takes
 * the DOCX plan, the very filters the variant's would run. */
static bool zip_variant_matters(batch *b) {
  if (!b->zip_variants) {
    static const char *const variants[] = {MT_DOCX, MT_DOCM, MT_DOTX, MT_DOTM};
    long first = plan_for(b, variants[0]);
    bool same = true;
    for (size_t i = 1; i < 4 && same; i++) {
      long k = plan_for(b, variants[i]);
      const plan_rec *a = &VEC_AT(b->plans, plan_rec, first), *c = &VEC_AT(b->plans, plan_rec, k);
      same = a->ok && c->ok && a->plan.n == c->plan.n;
      for (size_t j = 0; same && j < a->plan.n; j++)
        same = a->plan.steps[j].filter == c->plan.steps[j].filter &&
               a->plan.steps[j].output == c->plan.steps[j].output;
    }
    b->zip_variants = same ? 1 : 2;
  }
  return b->zip_variants == 2;
}

/* A file found: an input when its content is a kind colette reads, or its
 * name claims a type a filter reads (a broken .docx fails, loudly). */
static void consider(batch *b, const char *path, const char *rel) {
  const char *media = b->o->from;
  if (!media) {
    char head[4096];
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    if (f) {
      n = fread(head, 1, sizeof head, f);
      fclose(f);
    }
    colette_kind k = colette_sniff(head, n);
    const char *base = strrchr(rel, '/');
    bool claims = input_extension(b->reg, base ? base + 1 : rel);
    if (k == COLETTE_KIND_UNKNOWN || k == COLETTE_KIND_XML) {
      if (!claims) {
        b->ignored++;
        return;
      }
    }
    media = k == COLETTE_KIND_ZIP && !zip_variant_matters(b) ? MT_DOCX
                                                             : drv_detect(head, n, path, NULL, 0);
  }
  add_job(b, path, rel, media);
}

static int cmp_name(const void *x, const void *y) {
  return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Walk dir (rel under the root) in name order: regular files (symlinks to
 * them too), real directories; hidden names and the output tree left out. */
void batch_walk(batch *b, const char *dir, const char *rel, const struct stat *outdir, int depth) {
  if (depth > 64) return;
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(b->err, "colette: %s: cannot open: %s\n", dir, strerror(errno));
    return;
  }
  buf names = BUF_INIT;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char *s = strdup(e->d_name);
    if (s) VEC_PUSH(names, s);
  }
  closedir(d);
  size_t n = VEC_LEN(names, char *);
  if (n) qsort(names.data, n, sizeof(char *), cmp_name);
  for (size_t i = 0; i < n; i++) {
    char *name = VEC_AT(names, char *, i);
    char *path = batch_path_join(dir, name), *r = batch_path_join(rel, name);
    struct stat st;
    if (path && r && lstat(path, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        if (!(outdir && st.st_dev == outdir->st_dev && st.st_ino == outdir->st_ino))
          batch_walk(b, path, r, outdir, depth + 1);
      } else if (S_ISREG(st.st_mode) ||
                 (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISREG(st.st_mode))) {
        consider(b, path, r);
      }
    }
    free(path);
    free(r);
    free(name);
  }
  buf_free(&names);
}

/* --files-from: one path a line.  Its output mirrors the path (an absolute
 * one below OUTDIR as cp --parents puts it); a path with ".." would leave
 * OUTDIR and fails. */
int batch_read_list(batch *b) {
  FILE *f = strcmp(b->o->files_from, "-") == 0 ? b->in : fopen(b->o->files_from, "r");
  if (!f) {
    fprintf(b->err, "colette: %s: cannot open: %s\n", b->o->files_from, strerror(errno));
    return COLETTE_EXIT_IO;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (!n) continue;
    const char *rel = line;
    while (*rel == '/')
      rel++;
    while (strncmp(rel, "./", 2) == 0)
      rel += 2;
    bool up = strcmp(rel, "..") == 0 || strncmp(rel, "../", 3) == 0 || strstr(rel, "/../") ||
              (strlen(rel) > 3 && strcmp(rel + strlen(rel) - 3, "/..") == 0);
    size_t before = VEC_LEN(b->jobs, job);
    consider(b, line, up ? "invalid" : rel);
    if (up && VEC_LEN(b->jobs, job) > before)
      VEC_AT(b->jobs, job, before).error =
          strdup("colette: the path has '..': its output would leave the output directory");
  }
  free(line);
  bool bad = ferror(f);
  if (f != b->in) fclose(f);
  if (bad) {
    fprintf(b->err, "colette: %s: read error\n", b->o->files_from);
    return COLETTE_EXIT_IO;
  }
  return 0;
}

typedef struct out_ref {
  const char *out;
  size_t index;
} out_ref;

static int cmp_out(const void *x, const void *y) {
  const out_ref *a = x, *b = y;
  int c = strcmp(a->out, b->out);
  return c ? c : (a->index < b->index ? -1 : a->index > b->index);
}

/* Two inputs that would write one output (a.docx and a.docm): the first
 * in walking order keeps it, the others fail. */
void batch_find_collisions(batch *b) {
  size_t n = VEC_LEN(b->jobs, job);
  out_ref *refs = n ? malloc(n * sizeof *refs) : NULL;
  if (!refs) return;
  for (size_t i = 0; i < n; i++)
    refs[i] = (out_ref){VEC_AT(b->jobs, job, i).out, i};
  qsort(refs, n, sizeof *refs, cmp_out);
  for (size_t i = 1; i < n; i++) {
    if (strcmp(refs[i].out, refs[i - 1].out) != 0) continue;
    size_t first = i - 1;
    while (first > 0 && strcmp(refs[first - 1].out, refs[i].out) == 0)
      first--;
    job *j = &VEC_AT(b->jobs, job, refs[i].index);
    buf m = BUF_INIT;
    buf_printf(&m, "colette: its output %s is %s's", j->out,
               VEC_AT(b->jobs, job, refs[first].index).path);
    free(j->error);
    j->error = m.data;
  }
  free(refs);
}
