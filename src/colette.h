/*
 * colette.h: the public interface of libcolette.
 *
 * colette turns formal letters published as DOCX into XML, in stages that
 * each read and write XML: unpack (DOCX to the flat document), normalize,
 * map (flat document to the canonical letter).  Every stage is one library
 * call here and one filter executable over it.
 *
 * Conventions, the same for every function:
 *  - Functions that can fail return a colette_status (COLETTE_OK is 0) and
 *    fill the caller's colette_error, when one is passed, with a message.
 *  - The library never prints, exits or aborts.  Out of memory is a status.
 *  - Opaque objects come in _new/_free (or _open/_close) pairs; every _free
 *    accepts NULL.  Who owns what a function returns is said beside it.
 */
#ifndef COLETTE_H
#define COLETTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define COLETTE_API __attribute__((visibility("default")))
#else
#define COLETTE_API
#endif

#define COLETTE_VERSION "0.1.0"

/* Namespace of the flat document vocabulary (schemas/flat.rng). */
#define COLETTE_FLAT_NS "urn:colette:flat:1"

/*
 * Status codes.  Each class of bad input has its own code so that a filter
 * can map it to its own exit code (see colette_exit below).
 */
typedef enum colette_status {
  COLETTE_OK = 0,
  COLETTE_ERR_NOMEM,       /* an allocation failed */
  COLETTE_ERR_IO,          /* a file could not be read or written */
  COLETTE_ERR_NOT_ZIP,     /* not a ZIP archive, or a damaged/truncated one */
  COLETTE_ERR_PROTECTED,   /* an OLE/CFB container (encrypted OOXML package
                              or legacy binary .doc), or encrypted ZIP data */
  COLETTE_ERR_NO_DOCUMENT, /* a ZIP without a WordprocessingML main part */
  COLETTE_ERR_XML,         /* malformed or forbidden XML (DTD, entities) */
  COLETTE_ERR_LIMIT,       /* a safety limit was exceeded */
  COLETTE_ERR_INVALID      /* a caller passed an invalid argument */
} colette_status;

/* A short, constant, English name of a status ("not a ZIP archive"). */
COLETTE_API const char *colette_status_string(colette_status status);

/*
 * What went wrong, filled by the function that failed.  A plain struct the
 * caller owns (usually on the stack); nothing in it needs freeing.
 * `part` is the package part being read ("word/document.xml") or empty;
 * `line` and `column` are 0 when unknown.
 */
typedef struct colette_error {
  colette_status status;
  char message[512];
  char part[256];
  int line;
  int column;
} colette_error;

/*
 * Safety limits for reading a package, modelled on Apache POI's
 * ZipSecureFile and Tika's XML depth limit.  Zero in a size field means
 * "no limit"; the defaults come from colette_limits_default().
 */
typedef struct colette_limits {
  uint64_t max_part_size;   /* bytes one part may inflate to (256 MiB) */
  uint64_t max_total_size;  /* bytes all parts read may inflate to (1 GiB) */
  uint64_t max_entries;     /* entries in the ZIP directory (10000) */
  double min_inflate_ratio; /* compressed/inflated below this is a bomb
                               (0.01, as POI) ... */
  uint64_t grace_size;      /* ... once a part has inflated past this (100 KiB) */
  unsigned max_depth;       /* element nesting in any XML part (200) */
} colette_limits;

/* Fill `limits` with the documented defaults. */
COLETTE_API void colette_limits_default(colette_limits *limits);

/*
 * Where output goes: `write` is called with successive chunks and returns
 * 0 on success or non-zero on failure (the stage then stops with
 * COLETTE_ERR_IO).  The library never closes or flushes the sink.
 */
typedef struct colette_sink {
  int (*write)(void *ctx, const char *data, size_t len);
  void *ctx;
} colette_sink;

/* ---- unpack: DOCX to the flat document ------------------------------- */

/* Which view of tracked changes the flat document shows. */
typedef enum colette_changes {
  COLETTE_CHANGES_ACCEPT = 0, /* insertions kept, deletions dropped */
  COLETTE_CHANGES_REJECT,     /* insertions dropped, deletions kept */
  COLETTE_CHANGES_ALL         /* both, marked <ins>/<del> */
} colette_changes;

typedef struct colette_unpack_options {
  colette_limits limits;
  colette_changes changes;
  /* Name recorded in the output's `source` attribute; may be NULL. */
  const char *source_name;
} colette_unpack_options;

/* Defaults: default limits, accepted changes, no source name. */
COLETTE_API void colette_unpack_options_default(colette_unpack_options *opts);

/*
 * Convert the DOCX in the file at `path` (opened directly, not read into
 * memory) and write the flat document to `out`.  On failure `err` says why;
 * some output may already have been written to the sink, so a caller that
 * must not show partial output buffers or discards it (the filter does).
 */
COLETTE_API colette_status colette_unpack_file(const char *path, const colette_unpack_options *opts,
                                               colette_sink out, colette_error *err);

/* The same for a DOCX held in memory; `data` is borrowed, not copied, and
 * must stay valid during the call. */
COLETTE_API colette_status colette_unpack_memory(const void *data, size_t size,
                                                 const colette_unpack_options *opts,
                                                 colette_sink out, colette_error *err);

/* ---- normalize: the flat document made fit for matching ---------------- */

typedef enum colette_form {
  COLETTE_FORM_NFC = 0, /* canonical composition (default) */
  COLETTE_FORM_NFKC     /* compatibility composition as well */
} colette_form;

typedef struct colette_normalize_options {
  colette_form form;
  int plain_spaces;   /* non-zero: every no-break space becomes a plain one */
  unsigned max_depth; /* element nesting allowed in the input (200) */
} colette_normalize_options;

COLETTE_API void colette_normalize_options_default(colette_normalize_options *opts);

/* What colette_normalize_stream changed, by kind (colette-normalize --stats). */
typedef struct colette_normalize_stats {
  unsigned long paragraphs;
  unsigned long unicode_normalized; /* text pieces NFC/NFKC changed */
  unsigned long
      debris_removed; /* zero-width spaces, BOMs, soft hyphens, controls, stray bidi marks */
  unsigned long spaces_collapsed;  /* spaces removed from runs of spaces */
  unsigned long spaces_trimmed;    /* spaces removed at paragraph ends, tabs and breaks */
  unsigned long nbsp_plain;        /* no-break spaces made plain */
  unsigned long nbsp_kept;         /* no-break spaces typography needs */
  unsigned long identifiers_ascii; /* hyphens, dashes, spaces made ASCII in identifiers */
  unsigned long widths;            /* full-width letters, digits, punctuation made half-width */
  unsigned long spans_merged;      /* adjacent spans that looked the same */
  unsigned long spans_dropped;     /* spans left empty */
  unsigned long lang_script;       /* paragraphs whose language their script gave */
  unsigned long lang_classifier;   /* … the Latin classifier gave */
  unsigned long lang_marks;        /* … the document's own w:lang marks gave */
  unsigned long lang_neighbours;   /* … neighbouring paragraphs gave */
} colette_normalize_stats;

/*
 * Normalize the flat document read from `in`, which must be seekable (it
 * is read twice: once to measure, once to write; the caller owns it and
 * closes it).  Writes the normalized flat document to `out`; fills *stats
 * (may be NULL).  Memory stays small whatever the document's size: one
 * paragraph at a time, plus a few bytes per paragraph.
 */
COLETTE_API colette_status colette_normalize_stream(FILE *in, const colette_normalize_options *opts,
                                                    colette_sink out,
                                                    colette_normalize_stats *stats,
                                                    colette_error *err);

/* ---- map: the flat document to the canonical letter -------------------- */

#define COLETTE_LETTER_NS "urn:colette:letter:1"

typedef struct colette_map_options {
  int strict;         /* non-zero: a document without a letter head is an error */
  unsigned max_depth; /* element nesting allowed in the input (200) */
} colette_map_options;

COLETTE_API void colette_map_options_default(colette_map_options *opts);

typedef struct colette_map_report {
  int is_letter; /* a salutation was found: head and body told apart */
} colette_map_report;

/*
 * Map the normalized flat document read from `in` to the canonical letter
 * (schemas/letter.rng), written to `out` in one piece on success.  A
 * document that is not a letter maps to a body only (report->is_letter 0),
 * or fails with COLETTE_ERR_NO_DOCUMENT under opts->strict.
 */
COLETTE_API colette_status colette_map_stream(FILE *in, const colette_map_options *opts,
                                              colette_sink out, colette_map_report *report,
                                              colette_error *err);

/* ---- filters ----------------------------------------------------------- */

/*
 * Exit codes shared by every filter (and documented in each man page).
 */
typedef enum colette_exit {
  COLETTE_EXIT_OK = 0,
  COLETTE_EXIT_DIFFERENT = 1, /* colette-compare: the versions disagree */
  COLETTE_EXIT_USAGE = 2,     /* bad options or arguments */
  COLETTE_EXIT_IO = 3,        /* input unreadable, output not writable */
  COLETTE_EXIT_NOT_ZIP = 4,
  COLETTE_EXIT_PROTECTED = 5, /* OLE/CFB: encrypted package or legacy .doc */
  COLETTE_EXIT_NO_DOCUMENT = 6,
  COLETTE_EXIT_XML = 7,
  COLETTE_EXIT_LIMIT = 8,
  COLETTE_EXIT_NOMEM = 9,
  COLETTE_EXIT_INTERNAL = 10
} colette_exit;

/* The exit code a filter uses for a status. */
COLETTE_API colette_exit colette_status_exit(colette_status status);

/*
 * The whole colette-unpack command, run in-process: `argv` as for main,
 * the three streams in place of stdin, stdout and stderr.  Returns the
 * exit code.  Every filter's main() is one line calling this.
 */
COLETTE_API int colette_unpack_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);
/* The colette-map command, likewise. */
COLETTE_API int colette_map_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);
/* The colette-normalize command, likewise. */
COLETTE_API int colette_normalize_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

#ifdef __cplusplus
}
#endif
#endif
