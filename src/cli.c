/* cli.c: option parsing, messages and output handling for the filters. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
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
  if (e->part[0] && e->line > 0)
    snprintf(where, sizeof where, "%s:%d:%d: ", e->part, e->line, e->column);
  else if (e->part[0])
    snprintf(where, sizeof where, "%s: ", e->part);
  cli_error(c, file, "%s%s", where, e->message[0] ? e->message : colette_status_string(e->status));
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

colette_status cli_slurp(FILE *f, uint64_t max, buf *out, colette_error *err) {
  buf_clear(out);
  for (;;) {
    if (!buf_reserve(out, 1 << 16)) return error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    size_t n = fread(out->data + out->len, 1, 1 << 16, f);
    out->len += n;
    if (max && out->len > max)
      return error_set(err, COLETTE_ERR_LIMIT, NULL,
                       "input larger than %llu bytes (--max-total-size)", (unsigned long long)max);
    if (n == 0) break;
  }
  if (ferror(f)) return error_set(err, COLETTE_ERR_IO, NULL, "cannot read: %s", strerror(errno));
  return COLETTE_OK;
}

/* ---- output ------------------------------------------------------------------------ */

static int out_write(void *ctx, const char *data, size_t len) {
  cli_output *o = ctx;
  if (o->failed) return -1;
  if (!o->streaming) {
    buf_append(&o->held, data, len);
    if (!buf_ok(&o->held)) {
      o->failed = true;
      return -1;
    }
    if (o->held.len <= CLI_HOLD) return 0;
    /* A large document: stream from here on, memory must not grow with it. */
    o->streaming = true;
    data = o->held.data;
    len = o->held.len;
  }
  if (fwrite(data, 1, len, o->file) != len) o->failed = true;
  if (o->streaming && data == o->held.data) buf_free(&o->held);
  return o->failed ? -1 : 0;
}

bool cli_output_open(cli_output *o, const cli *c, const char *path) {
  memset(o, 0, sizeof *o);
  o->c = c;
  o->path = path;
  if (!path) {
    o->file = c->out;
    return true;
  }
  size_t n = strlen(path) + 16;
  o->tmp_path = malloc(n);
  if (!o->tmp_path) {
    cli_error(c, path, "out of memory");
    return false;
  }
  snprintf(o->tmp_path, n, "%s.tmpXXXXXX", path);
  int fd = mkstemp(o->tmp_path);
  if (fd < 0 || !(o->file = fdopen(fd, "wb"))) {
    cli_error(c, path, "cannot create: %s", strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(o->tmp_path);
    }
    free(o->tmp_path);
    o->tmp_path = NULL;
    return false;
  }
  return true;
}

colette_sink cli_output_sink(cli_output *o) {
  colette_sink s = {out_write, o};
  return s;
}

bool cli_output_close(cli_output *o, bool ok) {
  const char *name = o->path ? o->path : "standard output";
  if (ok && !o->streaming && o->held.len &&
      fwrite(o->held.data, 1, o->held.len, o->file) != o->held.len)
    o->failed = true;
  buf_free(&o->held);
  bool written = true;
  if (o->path) {
    if (fclose(o->file) != 0) o->failed = true;
    if (ok && !o->failed && rename(o->tmp_path, o->path) != 0) o->failed = true;
    if (!ok || o->failed) unlink(o->tmp_path);
    free(o->tmp_path);
  } else if (fflush(o->file) != 0 || ferror(o->file)) {
    o->failed = true;
  }
  if (ok && o->failed) {
    cli_error(o->c, NULL, "%s: write error: %s", name, errno ? strerror(errno) : "failed");
    written = false;
  }
  return ok && written;
}
