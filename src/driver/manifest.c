/* manifest.c: the filters' manifests found, read and kept in a registry. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../error.h"
#include "driver.h"

static const struct {
  const char *name;
  drv_builtin builtin;
} BUILTINS[] = {
    {"colette-unpack", BUILTIN_UNPACK}, {"colette-normalize", BUILTIN_NORMALIZE},
    {"colette-map", BUILTIN_MAP},       {"colette-render", BUILTIN_RENDER},
    {"colette-compare", BUILTIN_COMPARE},
};

static void warn(drv_registry *r, const char *file, int line, const char *msg) {
  if (line > 0)
    buf_printf(&r->warnings, "%s:%d: %s\n", file, line, msg);
  else
    buf_printf(&r->warnings, "%s: %s\n", file, msg);
}

static char *dup_n(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* The next word of *s (spaces and tabs between), malloc'd; NULL at the end. */
static char *word(const char **s) {
  const char *p = *s;
  while (*p == ' ' || *p == '\t')
    p++;
  const char *a = p;
  while (*p && *p != ' ' && *p != '\t')
    p++;
  *s = p;
  return p > a ? dup_n(a, (size_t)(p - a)) : NULL;
}

static const char *rest(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

static bool media_ok(const char *m) {
  const char *slash = strchr(m, '/');
  return slash && slash > m && slash[1] && !strchr(slash + 1, '/');
}

static void filter_free(drv_filter *f) {
  free(f->name);
  free(f->manifest);
  free(f->description);
  for (size_t i = 0; i < VEC_LEN(f->inputs, char *); i++)
    free(VEC_AT(f->inputs, char *, i));
  buf_free(&f->inputs);
  for (size_t i = 0; i < VEC_LEN(f->outputs, drv_output); i++) {
    drv_output *o = &VEC_AT(f->outputs, drv_output, i);
    free(o->media);
    drv_args_free(&o->args);
  }
  buf_free(&f->outputs);
  for (size_t i = 0; i < VEC_LEN(f->options, drv_option); i++) {
    drv_option *o = &VEC_AT(f->options, drv_option, i);
    free(o->name);
    free(o->meta);
    free(o->text);
  }
  buf_free(&f->options);
  free(f->exe);
}

/* A `type NAME MEDIA EXT` line: the first declaration of a name wins; the
 * same name for another media type is a warning. */
static void add_type(drv_registry *r, const char *file, int line, char *name, char *media,
                     char *ext) {
  for (size_t i = 0; i < VEC_LEN(r->types, drv_type); i++) {
    drv_type *t = &VEC_AT(r->types, drv_type, i);
    if (strcmp(t->name, name) != 0) continue;
    if (strcmp(t->media, media) != 0) warn(r, file, line, "type name already names another media type; ignored");
    free(name);
    free(media);
    free(ext);
    return;
  }
  drv_type t = {name, media, ext};
  VEC_PUSH(r->types, t);
}

/* Read one manifest; false (with a warning) if it is unusable. */
static bool read_manifest(drv_registry *r, const char *path, const char *name, drv_filter *f) {
  memset(f, 0, sizeof *f);
  FILE *in = fopen(path, "r");
  if (!in) {
    warn(r, path, 0, strerror(errno));
    return false;
  }
  f->name = strdup(name);
  f->manifest = strdup(path);
  f->cost = 100;
  char line[4096];
  int lineno = 0;
  bool ok = f->name && f->manifest;
  while (ok && fgets(line, sizeof line, in)) {
    lineno++;
    size_t n = strlen(line);
    if (n == sizeof line - 1 && line[n - 1] != '\n') {
      warn(r, path, lineno, "line too long");
      ok = false;
      break;
    }
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
      line[--n] = '\0';
    const char *s = line;
    char *key = word(&s);
    if (!key || key[0] == '#') {
      free(key);
      continue;
    }
    if (strcmp(key, "description") == 0) {
      free(f->description);
      f->description = strdup(rest(s));
    } else if (strcmp(key, "input") == 0) {
      char *m = word(&s);
      if (!m || !media_ok(m) || *rest(s)) {
        warn(r, path, lineno, "input takes one media type (type/subtype)");
        free(m);
        ok = false;
      } else {
        VEC_PUSH(f->inputs, m);
      }
    } else if (strcmp(key, "output") == 0) {
      drv_output o = {word(&s), BUF_INIT};
      if (!o.media || !media_ok(o.media)) {
        warn(r, path, lineno, "output takes a media type (type/subtype), then its arguments");
        free(o.media);
        ok = false;
      } else {
        char *a;
        while ((a = word(&s)))
          VEC_PUSH(o.args, a);
        VEC_PUSH(f->outputs, o);
      }
    } else if (strcmp(key, "cost") == 0) {
      char *end;
      errno = 0;
      unsigned long c = strtoul(rest(s), &end, 10);
      if (errno || end == rest(s) || *end || c > 1000000) {
        warn(r, path, lineno, "cost takes a whole number (0 to 1000000)");
        ok = false;
      } else {
        f->cost = (unsigned)c;
      }
    } else if (strcmp(key, "option") == 0) {
      char *spec = word(&s);
      if (!spec || strncmp(spec, "--", 2) != 0 || !spec[2] || spec[2] == '=') {
        warn(r, path, lineno, "option takes --NAME or --NAME=META, then its description");
        free(spec);
        ok = false;
      } else {
        const char *eq = strchr(spec, '=');
        drv_option o;
        o.name = eq ? dup_n(spec + 2, (size_t)(eq - spec - 2)) : strdup(spec + 2);
        o.meta = eq ? strdup(eq + 1) : NULL;
        o.text = strdup(rest(s));
        free(spec);
        VEC_PUSH(f->options, o);
      }
    } else if (strcmp(key, "type") == 0) {
      char *tn = word(&s), *tm = word(&s), *te = word(&s);
      if (!tn || !tm || !te || !media_ok(tm) || te[0] != '.' || *rest(s) || strchr(tn, '/')) {
        warn(r, path, lineno, "type takes NAME MEDIA-TYPE .EXTENSION");
        free(tn);
        free(tm);
        free(te);
      } else {
        add_type(r, path, lineno, tn, tm, te);
      }
    } else if (strcmp(key, "inputs") == 0) {
      const char *v = rest(s);
      if (strcmp(v, "many") == 0)
        f->many = true;
      else if (strcmp(v, "one") != 0) {
        warn(r, path, lineno, "inputs takes one or many");
        ok = false;
      }
    } else {
      /* a key of a later version: its line is ignored, the filter kept */
      char msg[160];
      snprintf(msg, sizeof msg, "unknown key '%.64s' ignored", key);
      warn(r, path, lineno, msg);
    }
    free(key);
  }
  if (ferror(in)) {
    warn(r, path, 0, "read error");
    ok = false;
  }
  fclose(in);
  if (ok && (!VEC_LEN(f->inputs, char *) || !VEC_LEN(f->outputs, drv_output))) {
    warn(r, path, 0, "a filter needs an input and an output line; ignored");
    ok = false;
  }
  if (!ok) filter_free(f);
  return ok;
}

/* An executable regular file at dir/name: malloc'd path, or NULL. */
static char *exe_in(const char *dir, const char *name) {
  size_t n = strlen(dir) + strlen(name) + 2;
  char *p = malloc(n);
  if (!p) return NULL;
  snprintf(p, n, "%s/%s", *dir ? dir : ".", name);
  struct stat st;
  if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0) return p;
  free(p);
  return NULL;
}

/* The executable a filter runs: beside colette first (an installed prefix
 * keeps its own together), then on PATH, as git finds git-NAME. */
static char *find_exe(const drv_registry *r, const char *name) {
  char *p = r->self_dir ? exe_in(r->self_dir, name) : NULL;
  if (p) return p;
  const char *path = getenv("PATH");
  if (!path) return NULL;
  for (const char *a = path;; a++) {
    const char *b = strchr(a, ':');
    size_t n = b ? (size_t)(b - a) : strlen(a);
    char dir[PATH_MAX];
    if (n < sizeof dir) {
      memcpy(dir, a, n);
      dir[n] = '\0';
      if ((p = exe_in(dir, name))) return p;
    }
    if (!b) break;
    a = b;
  }
  return NULL;
}

static void add_dir(drv_registry *r, const char *dir) {
  /* a missing directory holds nothing: one stat says so for most PATH
   * entries, where realpath would read every link on the way first */
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return;
  char real[PATH_MAX];
  if (!realpath(dir, real)) return;
  for (size_t i = 0; i < VEC_LEN(r->dirs, char *); i++)
    if (strcmp(VEC_AT(r->dirs, char *, i), real) == 0) return;
  char *d = strdup(real);
  if (d) VEC_PUSH(r->dirs, d);
}

static void add_dir_under(drv_registry *r, const char *base, const char *tail) {
  char p[PATH_MAX];
  if ((size_t)snprintf(p, sizeof p, "%s/%s", base, tail) < sizeof p) add_dir(r, p);
}

/* The directory of the running executable: /proc/self/exe, else argv[0]
 * (a path, or a name looked up on PATH). */
static char *self_dir(const char *argv0) {
  char p[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", p, sizeof p - 1);
  if (n > 0) {
    p[n] = '\0';
  } else if (argv0 && strchr(argv0, '/')) {
    if (!realpath(argv0, p)) return NULL;
  } else {
    return NULL;
  }
  char *slash = strrchr(p, '/');
  if (!slash) return NULL;
  *slash = '\0';
  return strdup(*p ? p : "/");
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_filter(const void *a, const void *b) {
  return strcmp(((const drv_filter *)a)->name, ((const drv_filter *)b)->name);
}

static void read_dir(drv_registry *r, const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return;
  buf names = BUF_INIT;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t n = strlen(e->d_name);
    if (n > 9 && strcmp(e->d_name + n - 9, ".manifest") == 0 && e->d_name[0] != '.') {
      char *s = dup_n(e->d_name, n - 9);
      if (s) VEC_PUSH(names, s);
    }
  }
  closedir(d);
  size_t count = VEC_LEN(names, char *);
  if (count) qsort(names.data, count, sizeof(char *), cmp_str);
  for (size_t i = 0; i < count; i++) {
    char *name = VEC_AT(names, char *, i);
    if (!drv_filter_by_name(r, name)) { /* the first directory that has it wins */
      char path[PATH_MAX];
      drv_filter f;
      if ((size_t)snprintf(path, sizeof path, "%s/%s.manifest", dir, name) < sizeof path &&
          read_manifest(r, path, name, &f)) {
        for (size_t b = 0; b < sizeof BUILTINS / sizeof *BUILTINS; b++)
          if (strcmp(BUILTINS[b].name, name) == 0) f.builtin = BUILTINS[b].builtin;
        if (f.builtin == BUILTIN_NONE) f.exe = find_exe(r, name);
        VEC_PUSH(r->filters, f);
      }
    }
    free(name);
  }
  buf_free(&names);
}

colette_status drv_registry_load(drv_registry *r, const char *argv0, colette_error *err) {
  memset(r, 0, sizeof *r);
  r->self_dir = self_dir(argv0);
  const char *env = getenv("COLETTE_FILTERS_PATH");
  if (env) {
    char *copy = strdup(env);
    for (char *save = NULL, *d = copy ? strtok_r(copy, ":", &save) : NULL; d;
         d = strtok_r(NULL, ":", &save))
      add_dir(r, d);
    free(copy);
  }
  if (r->self_dir) {
    add_dir_under(r, r->self_dir, "../share/colette/filters"); /* PREFIX/bin → PREFIX/share */
    add_dir_under(r, r->self_dir, "share/colette/filters");    /* the build tree */
  }
  const char *path = getenv("PATH");
  if (path) {
    char *copy = strdup(path);
    for (char *save = NULL, *d = copy ? strtok_r(copy, ":", &save) : NULL; d;
         d = strtok_r(NULL, ":", &save))
      add_dir_under(r, d, "../share/colette/filters");
    free(copy);
  }
  for (size_t i = 0; i < VEC_LEN(r->dirs, char *); i++)
    read_dir(r, VEC_AT(r->dirs, char *, i));
  size_t n = VEC_LEN(r->filters, drv_filter);
  if (n) qsort(r->filters.data, n, sizeof(drv_filter), cmp_filter);
  if (!buf_ok(&r->filters) || !buf_ok(&r->types) || !buf_ok(&r->dirs) || !buf_ok(&r->warnings)) {
    drv_registry_free(r);
    return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
  }
  return COLETTE_OK;
}

void drv_registry_find_exes(drv_registry *r) {
  for (size_t i = 0; i < VEC_LEN(r->filters, drv_filter); i++) {
    drv_filter *f = &VEC_AT(r->filters, drv_filter, i);
    if (!f->exe) f->exe = find_exe(r, f->name);
  }
}

void drv_registry_free(drv_registry *r) {
  if (!r) return;
  for (size_t i = 0; i < VEC_LEN(r->filters, drv_filter); i++)
    filter_free(&VEC_AT(r->filters, drv_filter, i));
  buf_free(&r->filters);
  for (size_t i = 0; i < VEC_LEN(r->types, drv_type); i++) {
    drv_type *t = &VEC_AT(r->types, drv_type, i);
    free(t->name);
    free(t->media);
    free(t->ext);
  }
  buf_free(&r->types);
  for (size_t i = 0; i < VEC_LEN(r->dirs, char *); i++)
    free(VEC_AT(r->dirs, char *, i));
  buf_free(&r->dirs);
  buf_free(&r->warnings);
  free(r->self_dir);
  memset(r, 0, sizeof *r);
}

size_t drv_filter_count(const drv_registry *r) { return VEC_LEN(r->filters, drv_filter); }

const drv_filter *drv_filter_at(const drv_registry *r, size_t i) {
  return &VEC_AT(r->filters, drv_filter, i);
}

const drv_filter *drv_filter_by_name(const drv_registry *r, const char *name) {
  for (size_t i = 0; i < drv_filter_count(r); i++)
    if (strcmp(drv_filter_at(r, i)->name, name) == 0) return drv_filter_at(r, i);
  return NULL;
}

bool drv_filter_usable(const drv_filter *f) {
  return f->builtin != BUILTIN_NONE || f->exe != NULL;
}

const drv_type *drv_type_find(const drv_registry *r, const char *s) {
  for (size_t i = 0; i < VEC_LEN(r->types, drv_type); i++) {
    const drv_type *t = &VEC_AT(r->types, drv_type, i);
    if (strcmp(t->name, s) == 0) return t;
  }
  for (size_t i = 0; i < VEC_LEN(r->types, drv_type); i++) {
    const drv_type *t = &VEC_AT(r->types, drv_type, i);
    if (strcmp(t->media, s) == 0) return t;
  }
  return NULL;
}

const char *drv_type_ext(const drv_registry *r, const char *media) {
  const drv_type *t = drv_type_find(r, media);
  return t ? t->ext : ".out";
}

const char *drv_type_name(const drv_registry *r, const char *media) {
  for (size_t i = 0; i < VEC_LEN(r->types, drv_type); i++) {
    const drv_type *t = &VEC_AT(r->types, drv_type, i);
    if (strcmp(t->media, media) == 0) return t->name;
  }
  return media;
}
