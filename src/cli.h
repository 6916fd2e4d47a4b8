/*
 * cli.h: the conventions every colette filter shares (private).
 *
 *  - messages on the error stream as "prog: file: message", one line;
 *  - --help to the output stream and exit 0, --version likewise, misuse
 *    to the error stream with a usage line and exit 2;
 *  - "-" or no operand reads standard input;
 *  - output is held back (up to CLI_HOLD bytes) so that a failure in an
 *    ordinary document prints nothing; "-o -" is the output stream, -o
 *    FILE writes a regular file (a symlink's target) through a temporary
 *    file renamed into place only on success, anything else (a device, a
 *    FIFO) in place;
 *  - write errors are caught when the output is flushed.
 * Option parsing keeps its state in a struct, so a filter's whole main can
 * run in-process any number of times (tests, fuzzers).
 */
#ifndef COLETTE_CLI_H
#define COLETTE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "colette.h"

#define CLI_HOLD (8u << 20)

typedef struct cli_option {
  const char *name; /* long name without "--" */
  char short_name;  /* 0 if none */
  bool has_arg;
  int id;
} cli_option;

typedef struct cli_parser {
  int argc;
  char **argv;
  int index;          /* next argv element */
  int pos;            /* position inside a cluster of short options, 0 if none */
  bool operands_only; /* after "--" */
} cli_parser;

typedef struct cli {
  const char *prog;
  FILE *in, *out, *err;
} cli;

/* Option ids every filter has; a filter's own ids start at CLI_OPT_OWN. */
enum { CLI_OPT_HELP = 1, CLI_OPT_VERSION, CLI_OPT_OUTPUT, CLI_OPT_OWN };

void cli_parser_init(cli_parser *p, int argc, char **argv);
/*
 * Next option: returns its id and sets *arg (for options with an
 * argument); returns 0 for an operand (in *arg); -1 at the end; -2 on a
 * usage error (already reported on the error stream).
 */
int cli_next(const cli *c, cli_parser *p, const cli_option *opts, const char **arg);

/*
 * What every filter's option loop does alike: an operand (one input file at
 * most), --help (help() to the output), --version, -o, a usage error.
 * Returns CLI_HANDLED when it dealt with id, CLI_OWN when id is the
 * filter's own, or an exit code to return at once (>= 0).
 */
enum { CLI_HANDLED = -1, CLI_OWN = -2 };
int cli_common(const cli *c, int id, const char *arg, const char **input, const char **output,
               void (*help)(FILE *));

/* Open the input: the file, or the input stream for NULL or "-".  *name is
 * what messages call it; *f is to be closed with cli_close_input. */
bool cli_open_input(const cli *c, const char *input, const char **name, FILE **f);
void cli_close_input(const cli *c, FILE *f);

void cli_error(const cli *c, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A library's warning line, "LINE: message" (len bytes, a newline at the
 * end or not), as the filters print it after "prog: file:": "LINE:
 * warning: message", NUL-terminated in out (cap bytes, cut to fit). */
void cli_warning_text(char *out, size_t cap, const char *data, size_t len);
/* Report a library error: "prog: file: part:line:col: message". */
void cli_report(const cli *c, const char *file, const colette_error *e);
/* "Try 'prog --help'." after a usage error; returns COLETTE_EXIT_USAGE. */
int cli_usage_error(const cli *c);

/* Parse sizes with K/M/G suffixes and plain counts; false if malformed. */
bool cli_parse_size(const char *s, uint64_t *out);

/* With TZ unset, name the zone /etc/localtime links to in TZ (":Area/City"),
 * the same zone for glibc and ICU: libzip converts every ZIP entry's time
 * with mktime(), and glibc, with no TZ, stats /etc/localtime again on each
 * call (about 40 times a letter); with TZ set it reads the zone once.  Left
 * unset when /etc/localtime is not a link into a zoneinfo directory.  For
 * the commands that open packages (unpack, the driver), at their start. */
void cli_pin_timezone(void);


/*
 * Output: to the output stream (held back up to CLI_HOLD bytes) or to the
 * file given by -o.  A regular file, new or existing, or the file a
 * symlink ends at (created if the link dangles; the link is kept), is
 * written as ".NAME.XXXXXX" in its directory with the mode a new file gets
 * (0666 less the umask) or the old file's mode and owner, and renamed over
 * it on success; on failure the old file is untouched and the temporary
 * file removed.  Anything else (/dev/null, /dev/stdout to a pipe, a FIFO, a
 * terminal) is opened for writing in place, never created or replaced.
 */
typedef struct cli_output {
  const cli *c;
  const char *path; /* as given, for messages; NULL: the output stream */
  char *target;     /* the regular file renamed over, symlinks followed */
  char *tmp_path;   /* the temporary file beside it; NULL when writing in place */
  FILE *file;
  buf held;
  bool streaming; /* past CLI_HOLD: writing straight through */
  bool failed;
  int error; /* errno of the first failure, and what failed */
  const char *what;
} cli_output;

/* Opens the output for path (NULL or "-": the output stream); false after
 * reporting "prog: FILE: cannot create|open|write: reason". */
bool cli_output_open(cli_output *o, const cli *c, const char *path);
colette_sink cli_output_sink(cli_output *o);
/* On success, flush (and rename); returns false after reporting a write
 * error.  On failure (ok == false), discard what can be discarded: the
 * temporary file, or what was held back. */
bool cli_output_close(cli_output *o, bool ok);

#endif
