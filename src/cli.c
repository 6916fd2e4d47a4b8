/* cli.c: option parsing, messages and output handling for the filters. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

void cli_parser_init(cli_parser *p, int argc, char **argv) {
  memset(p, 0, sizeof *p);
  p->argc = argc;
  p->argv = argv;
  p->index = 1;
}

int cli_next(const cli *c, cli_parser *p, const cli_option *opts, const char **arg) {
  *arg = NULL;
  if (p->pos == 0) {
    if (p->index >= p->argc) return -1;
    char *a = p->argv[p->index];
    if (p->operands_only || a[0] != '-' || a[1] == '\0') {
      p->index++;
      *arg = a;
      return 0;
    }
    if (strcmp(a, "--") == 0) {
      p->operands_only = true;
      p->index++;
      return cli_next(c, p, opts, arg);
    }
    if (a[1] == '-') {
      const char *name = a + 2, *eq = strchr(name, '=');
      size_t n = eq ? (size_t)(eq - name) : strlen(name);
      p->index++;
      for (const cli_option *o = opts; o->name; o++) {
        if (strlen(o->name) != n || strncmp(o->name, name, n) != 0) continue;
        if (o->has_arg) {
          if (eq)
            *arg = eq + 1;
          else if (p->index < p->argc)
            *arg = p->argv[p->index++];
          else {
            cli_error(c, NULL, "option '--%s' needs an argument", o->name);
            return -2;
          }
        } else if (eq) {
          cli_error(c, NULL, "option '--%s' takes no argument", o->name);
          return -2;
        }
        return o->id;
      }
      cli_error(c, NULL, "unknown option '--%.*s'", (int)n, name);
      return -2;
    }
    p->pos = 1;
  }
  char *a = p->argv[p->index];
  char ch = a[p->pos++];
  for (const cli_option *o = opts; o->name; o++) {
    if (o->short_name != ch) continue;
    if (o->has_arg) {
      if (a[p->pos])
        *arg = a + p->pos;
      else if (p->index + 1 < p->argc)
        *arg = p->argv[++p->index];
      else {
        p->pos = 0;
        p->index++;
        cli_error(c, NULL, "option '-%c' needs an argument", ch);
        return -2;
      }
      p->pos = 0;
      p->index++;
    } else if (!a[p->pos]) {
      p->pos = 0;
      p->index++;
    }
    return o->id;
  }
  cli_error(c, NULL, "unknown option '-%c'", ch);
  return -2;
}

int cli_common(const cli *c, int id, const char *arg, const char **input, const char **output,
               void (*help)(FILE *)) {
  switch (id) {
  case -2: return cli_usage_error(c);
  case 0:
    if (*input) {
      cli_error(c, NULL, "only one input file, got '%s' and '%s'", *input, arg);
      return cli_usage_error(c);
    }
    *input = arg;
    return CLI_HANDLED;
  case CLI_OPT_HELP: help(c->out); return fflush(c->out) == 0 ? COLETTE_EXIT_OK : COLETTE_EXIT_IO;
  case CLI_OPT_VERSION:
    fprintf(c->out, "%s %s\n", c->prog, COLETTE_VERSION);
    return fflush(c->out) == 0 ? COLETTE_EXIT_OK : COLETTE_EXIT_IO;
  case CLI_OPT_OUTPUT: *output = arg; return CLI_HANDLED;
  default: return CLI_OWN;
  }
}

bool cli_open_input(const cli *c, const char *input, const char **name, FILE **f) {
  bool from_stdin = !input || strcmp(input, "-") == 0;
  *name = from_stdin ? "-" : input;
  *f = from_stdin ? c->in : fopen(input, "rb");
  if (!*f) cli_error(c, *name, "cannot open: %s", strerror(errno));
  return *f != NULL;
}

void cli_close_input(const cli *c, FILE *f) {
  if (f && f != c->in) fclose(f);
}

void cli_warning_text(char *out, size_t cap, const char *data, size_t len) {
  while (len && data[len - 1] == '\n')
    len--;
  const char *colon = memchr(data, ':', len);
  size_t at = colon ? (size_t)(colon - data) : 0;
  size_t rest = colon && at + 2 <= len ? at + 2 : 0;
  snprintf(out, cap, "%.*s: warning: %.*s", (int)at, data, (int)(len - rest), data + rest);
}

void cli_error(const cli *c, const char *file, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (file)
    fprintf(c->err, "%s: %s: %s\n", c->prog, file, msg);
  else
    fprintf(c->err, "%s: %s\n", c->prog, msg);
}

void cli_report(const cli *c, const char *file, const colette_error *e) {
  char where[320] = "";
  if (e->part[0] && e->line > 0) /* a package part: "word/document.xml:3:9: " */
    snprintf(where, sizeof where, "%s:%d:%d: ", e->part, e->line, e->column);
  else if (e->part[0] && (!file || strcmp(e->part, file) != 0))
    snprintf(where, sizeof where, "%s: ", e->part);
  const char *msg = e->message[0] ? e->message : colette_status_string(e->status);
  /* the input itself: "FILE:66:12: message" (or "FILE:66:" when the column is unknown) */
  if (e->line > 0 && file && (!e->part[0] || strcmp(e->part, file) == 0)) {
    if (e->column > 0)
      fprintf(c->err, "%s: %s:%d:%d: %s\n", c->prog, file, e->line, e->column, msg);
    else
      fprintf(c->err, "%s: %s:%d: %s\n", c->prog, file, e->line, msg);
    return;
  }
  cli_error(c, file, "%s%s", where, msg);
}

int cli_usage_error(const cli *c) {
  fprintf(c->err, "Try '%s --help' for more information.\n", c->prog);
  return COLETTE_EXIT_USAGE;
}

bool cli_parse_size(const char *s, uint64_t *out) {
  if (!s || !*s) return false;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || s[0] == '-') return false;
  uint64_t mul = 1;
  if (*end == 'K' || *end == 'k')
    mul = 1ull << 10, end++;
  else if (*end == 'M' || *end == 'm')
    mul = 1ull << 20, end++;
  else if (*end == 'G' || *end == 'g')
    mul = 1ull << 30, end++;
  if (*end) return false;
  if (v > UINT64_MAX / mul) return false;
  *out = v * mul;
  return true;
}

/* ---- output ------------------------------------------------------------------------ */

/* The first failure is the one reported: later ones follow from it. */
static void output_failed(cli_output *o, const char *what) {
  if (!o->failed) {
    o->error = errno;
    o->what = what;
  }
  o->failed = true;
}

static int out_write(void *ctx, const char *data, size_t len) {
  cli_output *o = ctx;
  if (o->failed) return -1;
  if (!o->streaming) {
    buf_append(&o->held, data, len);
    if (!buf_ok(&o->held)) {
      errno = ENOMEM;
      output_failed(o, "write error");
      return -1;
    }
    if (o->held.len <= CLI_HOLD) return 0;
    /* A large document: stream from here on, memory must not grow with it. */
    o->streaming = true;
    data = o->held.data;
    len = o->held.len;
  }
  if (fwrite(data, 1, len, o->file) != len) output_failed(o, "write error");
  if (o->streaming && data == o->held.data) buf_free(&o->held);
  return o->failed ? -1 : 0;
}

/* Reports an open failure (errno) and frees what cli_output_open took. */
static bool open_failed(cli_output *o, const char *what) {
  cli_error(o->c, o->path, "%s: %s", what, strerror(errno));
  free(o->target);
  free(o->tmp_path);
  o->target = o->tmp_path = NULL;
  return false;
}

/* The directory part of path with a trailing '/' ("" for none), then tail:
 * malloc'd, NULL when out of memory. */
static char *beside(const char *path, const char *tail) {
  const char *slash = strrchr(path, '/');
  int dir = slash ? (int)(slash - path + 1) : 0;
  size_t n = (size_t)dir + strlen(tail) + 1;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%.*s%s", dir, path, tail);
  return s;
}

/* The file path names once its symbolic links are followed (a dangling link
 * names the file it points to), malloc'd; NULL with errno set.  A readlink
 * loop rather than realpath, which refuses a dangling link. */
static char *follow_links(const char *path) {
  char *p = strdup(path);
  for (int hops = 0; p && hops < 40; hops++) {
    struct stat st;
    if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode)) return p; /* errors show at mkstemp */
    char link[PATH_MAX];
    ssize_t n = readlink(p, link, sizeof link - 1);
    if (n < 0 || n == (ssize_t)sizeof link - 1) {
      if (n >= 0) errno = ENAMETOOLONG;
      free(p);
      return NULL;
    }
    link[n] = '\0';
    char *next = link[0] == '/' ? strdup(link) : beside(p, link);
    free(p);
    p = next;
  }
  if (p) errno = ELOOP; /* else strdup or malloc set ENOMEM */
  free(p);
  return NULL;
}

/* Not a regular file (a device, a FIFO, a terminal): write it in place,
 * without creating it; a device must never be replaced by a file.  flags
 * add O_TRUNC for a regular file reached only through a /proc link. */
static bool open_direct(cli_output *o, int flags) {
  int fd = open(o->path, O_WRONLY | O_NOCTTY | flags);
  if (fd < 0) return open_failed(o, "cannot open");
  if (!(o->file = fdopen(fd, "wb"))) {
    close(fd);
    return open_failed(o, "cannot open");
  }
  return true;
}

/* The mode a new file gets, as open(2) would give it: umask has no query
 * but setting it, so it is set and put back. */
static mode_t new_file_mode(void) {
  mode_t mask = umask(0);
  umask(mask);
  return 0666 & ~mask;
}

/* The replaced file's owner and group, or as much of them as the process
 * may give away: EPERM is no error (cp without -p does the same). */
static bool keep_owner(int fd, const struct stat *old) {
  if (fchown(fd, old->st_uid, old->st_gid) == 0) return true;
  if (errno != EPERM) return false;
  return fchown(fd, (uid_t)-1, old->st_gid) == 0 || errno == EPERM;
}

/* A regular file: a temporary file beside the target, with the owner and
 * permission bits of the file it replaces (not setuid or setgid, which a
 * write clears), or the mode of a new file; cli_output_close renames it
 * over the target. */
static bool open_temporary(cli_output *o, const struct stat *old) {
  /* rename(2) would replace a file the process may not write; cp and
   * sort -o refuse it, and so does colette. */
  if (old && faccessat(AT_FDCWD, o->target, W_OK, AT_EACCESS) != 0)
    return open_failed(o, "cannot write");
  const char *slash = strrchr(o->target, '/');
  char name[NAME_MAX + 1];
  /* ".NAME.XXXXXX", NAME cut so that the longest file name still fits */
  snprintf(name, sizeof name, ".%.*s.XXXXXX", NAME_MAX - 8, slash ? slash + 1 : o->target);
  if (!(o->tmp_path = beside(o->target, name))) return open_failed(o, "cannot create");
  int fd = mkstemp(o->tmp_path);
  if (fd < 0) return open_failed(o, "cannot create");
  mode_t mode = old ? old->st_mode & 0777 : new_file_mode();
  if ((old && !keep_owner(fd, old)) || fchmod(fd, mode) != 0 || !(o->file = fdopen(fd, "wb"))) {
    int e = errno;
    close(fd);
    unlink(o->tmp_path);
    errno = e;
    return open_failed(o, "cannot create");
  }
  return true;
}

bool cli_output_open(cli_output *o, const cli *c, const char *path) {
  memset(o, 0, sizeof *o);
  o->c = c;
  if (!path || strcmp(path, "-") == 0) {
    o->file = c->out;
    return true;
  }
  o->path = path;
  struct stat st;
  bool exists = stat(path, &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) return open_direct(o, 0);
  if (!(o->target = follow_links(path))) return open_failed(o, "cannot create");
  struct stat at;
  if (exists && (stat(o->target, &at) != 0 || at.st_dev != st.st_dev || at.st_ino != st.st_ino)) {
    /* A link whose text is no path to the file (/dev/stdout to a deleted
     * file under /proc): the link is the only way to it, so write through. */
    free(o->target);
    o->target = NULL;
    return open_direct(o, O_TRUNC);
  }
  return open_temporary(o, exists ? &st : NULL);
}

colette_sink cli_output_sink(cli_output *o) {
  colette_sink s = {out_write, o};
  return s;
}

bool cli_output_close(cli_output *o, bool ok) {
  if (ok && !o->streaming && o->held.len &&
      fwrite(o->held.data, 1, o->held.len, o->file) != o->held.len)
    output_failed(o, "write error");
  buf_free(&o->held);
  if (!o->path) {
    if (fflush(o->file) != 0 || ferror(o->file)) output_failed(o, "write error");
  } else if (fclose(o->file) != 0) {
    output_failed(o, "write error");
  }
  if (o->tmp_path && ok && !o->failed && rename(o->tmp_path, o->target) != 0)
    output_failed(o, "cannot rename into place");
  if (o->tmp_path && (!ok || o->failed)) unlink(o->tmp_path);
  free(o->tmp_path);
  free(o->target);
  if (ok && o->failed)
    cli_error(o->c, o->path ? o->path : "standard output", "%s: %s", o->what,
              o->error ? strerror(o->error) : "failed");
  return ok && !o->failed;
}

void cli_pin_timezone(void) {
  if (getenv("TZ")) return;
  char target[PATH_MAX];
  ssize_t n = readlink("/etc/localtime", target, sizeof target - 1);
  if (n <= 0) return;
  target[n] = '\0';
  const char *z = strstr(target, "zoneinfo/");
  if (!z || !z[9]) return;
  char tz[PATH_MAX + 2];
  snprintf(tz, sizeof tz, ":%s", z + 9);
  setenv("TZ", tz, 0);
}
