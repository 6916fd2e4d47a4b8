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
  COLETTE_ERR_INVALID,     /* a caller passed an invalid argument; a letter
                              whose structure the model refuses */
  COLETTE_ERR_STAGE        /* the input is another stage's (a DOCX given to
                              colette-map, a letter to colette-normalize…) */
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

/*
 * What a file is, from its first bytes (4 KiB are plenty): a container, or
 * XML whose root says which stage wrote it.
 */
typedef enum colette_kind {
  COLETTE_KIND_UNKNOWN = 0,
  COLETTE_KIND_ZIP,        /* a ZIP package: DOCX and its kin */
  COLETTE_KIND_OLE,        /* an OLE/CFB container: legacy .doc, encrypted OOXML */
  COLETTE_KIND_FLAT,       /* a flat document as colette-unpack writes it */
  COLETTE_KIND_NORMALIZED, /* a flat document colette-normalize wrote */
  COLETTE_KIND_LETTER,     /* a letter (colette-map's output) */
  COLETTE_KIND_XML         /* XML of another vocabulary */
} colette_kind;

COLETTE_API colette_kind colette_sniff(const void *data, size_t len);
/* "a colette letter (from colette-map)": constant, English. */
COLETTE_API const char *colette_kind_name(colette_kind kind);
/* The filter that reads a kind ("colette-unpack"), or NULL. */
COLETTE_API const char *colette_kind_reader(colette_kind kind);

/*
 * A context: what every letter's mapping and rendering use and is made
 * once: the catalogue (loaded and checked), the recognisers' ICU data, the
 * date formats of each language.  Options take one (borrowed); without
 * one, a call makes its own, which costs more than the call itself on a
 * small letter.  A context serves one thread at a time.
 */
typedef struct colette_context colette_context;
COLETTE_API colette_status colette_context_new(colette_context **out, colette_error *err);
COLETTE_API void colette_context_free(colette_context *ctx);

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
  /* borrowed, may be NULL: its language classifier (word lists, ICU's month
   * and weekday names, a word breaker) is made once and kept there, rather
   * than made for each call; a context serves one thread at a time */
  colette_context *context;
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

/*
 * The same for a flat document held in memory (`data`, len bytes, borrowed:
 * it must stay valid during the call), with no temporary file.  The same
 * bytes and stats as colette_normalize_stream, in one pass, not two: the
 * output is held until the document's languages are known and written to
 * `out` at the end, so memory grows with the document (about its size
 * again, on top of the caller's input).  Another stage's input is
 * COLETTE_ERR_STAGE, as for a stream.  The driver hands colette-unpack's
 * output straight to this.
 */
COLETTE_API colette_status colette_normalize_memory(const void *data, size_t len,
                                                    const colette_normalize_options *opts,
                                                    colette_sink out,
                                                    colette_normalize_stats *stats,
                                                    colette_error *err);

/* ---- map: the flat document to the canonical letter -------------------- */

#define COLETTE_LETTER_NS "urn:colette:letter:1"

typedef struct colette_map_options {
  int strict;         /* non-zero: a document without a letter head is an error */
  unsigned max_depth; /* element nesting allowed in the input (200) */
  /* When explain.write is set: one line per fact found, "LINE: what:
   * value [catalogue entry]", LINE the flat document's line it came from
   * (colette-map --explain). */
  colette_sink explain;
  /* When warnings.write is set: one line per place the letter disagrees
   * with itself, "LINE: message" (a weekday that is not its date's:
   * colette-map prints each as a warning).  The letter marks them too
   * (conflict="weekday"), whether or not this is set. */
  colette_sink warnings;
  colette_context *context; /* borrowed; NULL: one made for the call */
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

/* The same from a flat document in memory (borrowed) to a letter model
 * (*out, the caller's to free with colette_letter_free). */
typedef struct colette_letter colette_letter;
COLETTE_API colette_status colette_map_doc(const void *flat_xml, size_t len,
                                           const colette_map_options *opts, colette_letter **out,
                                           colette_map_report *report, colette_error *err);

/* ---- the letter model -------------------------------------------------- */

/*
 * A letter in memory: a tree of typed nodes in the spirit of cmark's node
 * API, holding everything schemas/letter.rng holds.  colette-map builds
 * one from a flat document; colette_letter_read builds one from letter
 * XML; colette_letter_write writes one back (read then write gives the
 * same bytes).  colette-render and colette-compare read this model, never
 * letter XML.
 *
 * Ownership: a colette_letter owns every node made for it and every
 * string set on them; colette_letter_free frees them all at once.  Nodes
 * are never freed one by one (an unlinked node stays until the letter
 * goes), and every pointer a getter returns is borrowed and valid until
 * the letter is freed or the value is set again.
 */
typedef struct colette_node colette_node;

typedef enum colette_node_type {
  COLETTE_NODE_NONE = 0,
  /* the document */
  COLETTE_NODE_LETTER,   /* the root: metadata?, head?, meeting?, body, annex* */
  COLETTE_NODE_METADATA, /* the source document's properties */
  COLETTE_NODE_PROPERTY, /* one property: NAME attribute, text content */
  /* the head: the letter's own facts, in the order the letter gives them */
  COLETTE_NODE_HEAD,
  COLETTE_NODE_ORGANIZATION, /* a letterhead line */
  COLETTE_NODE_PLACE,        /* where it was written; KEY when known (geneva) */
  COLETTE_NODE_DATE,         /* when: WHEN (ISO 8601), once per letter */
  COLETTE_NODE_REF,          /* TYPE collective-letter (once; NUMBER, GROUP), circular or file */
  COLETTE_NODE_CONTACT,      /* TYPE tel, fax, email or web; VALUE normalized */
  COLETTE_NODE_ADDRESSEES,   /* the addressees: ADDRESSEE children */
  COLETTE_NODE_ADDRESSEE,    /* ROLE (closed list), GROUP */
  COLETTE_NODE_SUBJECT,
  COLETTE_NODE_FURNITURE, /* a page header or footer (TYPE, PAGE): blocks */
  COLETTE_NODE_MEETING,   /* the meeting announced: GROUP, MODE, START, END, PLACE */
  /* the body */
  COLETTE_NODE_BODY,
  COLETTE_NODE_SALUTATION,
  COLETTE_NODE_DEADLINES, /* TITLE?, DEADLINE*, and what the block holds besides */
  COLETTE_NODE_DEADLINE,  /* WHEN, KIND (closed list) */
  COLETTE_NODE_CLOSING,
  COLETTE_NODE_SIGNATURE, /* NAME, TITLE, IMAGE, PARAGRAPH children */
  COLETTE_NODE_NAME,
  COLETTE_NODE_TITLE,     /* of the deadlines, the signatory or an annex */
  COLETTE_NODE_ENCLOSURE, /* "Annexes: 2": COUNT */
  COLETTE_NODE_ANNEX,     /* ID; HEADING?, TITLE*, blocks */
  /* blocks */
  COLETTE_NODE_PARAGRAPH,
  COLETTE_NODE_HEADING, /* LEVEL (none for an annex's heading) */
  COLETTE_NODE_LIST,    /* ITEM children */
  COLETTE_NODE_ITEM,    /* LABEL as displayed, LEVEL (1-based) */
  COLETTE_NODE_TABLE,   /* ROW children */
  COLETTE_NODE_ROW,     /* HEADER; CELL children */
  COLETTE_NODE_CELL,    /* COLSPAN, ROWSPAN; blocks */
  /* inline */
  COLETTE_NODE_TEXT,       /* literal text (colette_node_literal) */
  COLETTE_NODE_DATE_VALUE, /* a date in running text: WHEN */
  COLETTE_NODE_DATERANGE,  /* START, END */
  COLETTE_NODE_TIME,       /* START (HH:MM), END */
  COLETTE_NODE_EMAIL,      /* VALUE lower-cased */
  COLETTE_NODE_URL,        /* VALUE with a scheme */
  COLETTE_NODE_PHONE,      /* VALUE + and digits */
  COLETTE_NODE_DOCREF,     /* TYPE, ID */
  COLETTE_NODE_LINK,       /* HREF; inline */
  COLETTE_NODE_NOTE,       /* TYPE footnote, endnote or comment; MARK; blocks */
  COLETTE_NODE_BREAK,      /* a line break */
  COLETTE_NODE_IMAGE,      /* TARGET, DESCR */
  COLETTE_NODE_FIELD,      /* a field kept as a field (a page number): TYPE, INSTR; inline */
  COLETTE_NODE_SENTENCE,   /* inline: a sentence of a paragraph that matched a formula
                            * (FORMULA), or a run in another language than its block's
                            * (LANG: a deadline's details kept in a translated letter) */
  COLETTE_NODE_TYPES
} colette_node_type;

/* Attributes.  Values are strings; typed ones are checked when set. */
typedef enum colette_attr {
  COLETTE_ATTR_SOURCE = 0, /* letter: the file it came from */
  COLETTE_ATTR_LANG,       /* xml:lang (BCP 47) */
  COLETTE_ATTR_NAME,       /* property */
  COLETTE_ATTR_TYPE,       /* ref, contact, docref, note, furniture, field */
  COLETTE_ATTR_PAGE,       /* furniture: default, first, even */
  COLETTE_ATTR_KEY,        /* organization, place: language-neutral key */
  COLETTE_ATTR_WHEN,       /* ISO date */
  COLETTE_ATTR_NUMBER,     /* ref: the collective letter's number */
  COLETTE_ATTR_GROUP,      /* ref (number), addressee and meeting (SG17, WP1/11) */
  COLETTE_ATTR_LABEL,      /* a head label as written; a list item's label */
  COLETTE_ATTR_VALUE,      /* contact, e-mail, URL, phone: normalized */
  COLETTE_ATTR_ROLE,       /* addressee */
  COLETTE_ATTR_MODE,       /* meeting: virtual, physical, hybrid */
  COLETTE_ATTR_START,      /* meeting, daterange (ISO date), time (HH:MM) */
  COLETTE_ATTR_END,
  COLETTE_ATTR_PLACE,   /* meeting: a place key */
  COLETTE_ATTR_KIND,    /* deadline */
  COLETTE_ATTR_COUNT,   /* enclosure */
  COLETTE_ATTR_ID,      /* annex, docref */
  COLETTE_ATTR_LEVEL,   /* heading, item */
  COLETTE_ATTR_HEADER,  /* row: "true" for a header row */
  COLETTE_ATTR_COLSPAN, /* cell */
  COLETTE_ATTR_ROWSPAN,
  COLETTE_ATTR_HREF,     /* link */
  COLETTE_ATTR_MARK,     /* note: the mark shown at its reference */
  COLETTE_ATTR_TARGET,   /* image: its package part */
  COLETTE_ATTR_DESCR,    /* image: alternative text */
  COLETTE_ATTR_INSTR,    /* field: its instruction */
  COLETTE_ATTR_FORMULA,  /* the catalogue entry the node's text matched (its key) */
  COLETTE_ATTR_CONFLICT, /* date, daterange: "weekday" when the weekday written with it is
                            not its date's (the date is read from its numbers) */
  COLETTE_ATTR_COUNT_
} colette_attr;

/* A new letter holding only its root.  NULL when out of memory.  Free it
 * with colette_letter_free. */
COLETTE_API colette_letter *colette_letter_new(void);
COLETTE_API void colette_letter_free(colette_letter *letter);
COLETTE_API colette_node *colette_letter_root(const colette_letter *letter);
/* The first node of a type in document order (head, meeting, body…), or NULL. */
COLETTE_API colette_node *colette_letter_find(const colette_letter *letter, colette_node_type type);

/* A new, unlinked node owned by `letter`; NULL when out of memory. */
COLETTE_API colette_node *colette_node_new(colette_letter *letter, colette_node_type type);
/* A new text node with a copy of s (n bytes of UTF-8). */
COLETTE_API colette_node *colette_text_new(colette_letter *letter, const char *s, size_t n);

COLETTE_API colette_node_type colette_node_get_type(const colette_node *node);
/* The element name of a type in letter XML ("p", "addressee"; "date" for
 * both DATE and DATE_VALUE). */
COLETTE_API const char *colette_node_type_name(colette_node_type type);
COLETTE_API colette_node *colette_node_parent(const colette_node *node);
COLETTE_API colette_node *colette_node_first_child(const colette_node *node);
COLETTE_API colette_node *colette_node_last_child(const colette_node *node);
COLETTE_API colette_node *colette_node_next(const colette_node *node);
COLETTE_API colette_node *colette_node_previous(const colette_node *node);

/* May a node of type `child` sit in a node of type `parent`? */
COLETTE_API int colette_node_can_contain(colette_node_type parent, colette_node_type child);
/* Link an unlinked node as the last child of parent (or before sibling).
 * COLETTE_ERR_INVALID if the tree would break the letter's structure (see
 * colette_node_can_contain) or the node belongs to another letter. */
COLETTE_API colette_status colette_node_append(colette_node *parent, colette_node *child);
COLETTE_API colette_status colette_node_insert_before(colette_node *sibling, colette_node *child);
/* Unlink a node (with its subtree) from its parent; it stays owned by the
 * letter. */
COLETTE_API void colette_node_unlink(colette_node *node);

/* An attribute's value, or NULL when unset. */
COLETTE_API const char *colette_node_attr(const colette_node *node, colette_attr attr);
/* Set (a copy of) value, or remove the attribute with NULL.
 * COLETTE_ERR_INVALID when the node's type has no such attribute or the
 * value is not one it may take (an ISO date for WHEN, a role from the
 * closed list…); COLETTE_ERR_NOMEM. */
COLETTE_API colette_status colette_node_set_attr(colette_node *node, colette_attr attr,
                                                 const char *value);
/* The XML name of an attribute ("when", "xml:lang"). */
COLETTE_API const char *colette_attr_name(colette_attr attr);

/* A text node's literal (UTF-8, not NUL-terminated inside: use *len;
 * it is NUL-terminated after len); NULL for other nodes. */
COLETTE_API const char *colette_node_literal(const colette_node *node, size_t *len);
/* The text of a node and everything under it, a line break as "\n", as a
 * NUL-terminated string the caller frees with colette_free; NULL when out
 * of memory. */
COLETTE_API char *colette_node_text(const colette_node *node);
COLETTE_API void colette_free(void *p);

/*
 * Formulae: a node whose text matched a catalogue entry records the key
 * (COLETTE_ATTR_FORMULA) and the matched parameters by name, normalized
 * (an ISO date, a range "start/end", a group "SG17"; free text verbatim),
 * so that a renderer can write the same formula in another language and a
 * comparison can align versions by formula.
 */
COLETTE_API colette_status colette_node_set_arg(colette_node *node, const char *name,
                                                const char *value);
COLETTE_API size_t colette_node_args(const colette_node *node);
/* The i-th argument (in the order set); false past the end. */
COLETTE_API int colette_node_arg(const colette_node *node, size_t i, const char **name,
                                 const char **value);
COLETTE_API const char *colette_node_get_arg(const colette_node *node, const char *name);

/* Walking a tree: ENTER and EXIT for each node with children (or that may
 * have them), ENTER alone for text, breaks, images and the meeting. */
typedef enum colette_event {
  COLETTE_EVENT_DONE = 0,
  COLETTE_EVENT_ENTER,
  COLETTE_EVENT_EXIT
} colette_event;
typedef struct colette_iter colette_iter;
/* An iterator over node's subtree (node included); NULL if out of memory.
 * The tree must not change while it runs. */
COLETTE_API colette_iter *colette_iter_new(colette_node *node);
COLETTE_API colette_event colette_iter_next(colette_iter *iter);
COLETTE_API colette_node *colette_iter_node(const colette_iter *iter);
COLETTE_API void colette_iter_free(colette_iter *iter);

/* Namespace of a formula's arguments in letter XML (arg:NAME="value"). */
#define COLETTE_ARG_NS "urn:colette:arg:1"

/*
 * Read letter XML (data, len bytes; `name` for messages, may be NULL) into
 * a new letter (*out, the caller's to free).  The structure is checked as
 * the model requires it (elements where they may be, required and typed
 * attributes, one date, one collective-letter or circular reference); bad
 * input gets a status and a message with its line, never a crash.  COLETTE_ERR_XML
 * for malformed XML, COLETTE_ERR_NO_DOCUMENT for XML that is no letter,
 * COLETTE_ERR_INVALID for a letter whose structure is wrong.
 */
COLETTE_API colette_status colette_letter_read(const char *data, size_t len, const char *name,
                                               colette_letter **out, colette_error *err);
/* The same from a stream the caller owns (read to its end). */
COLETTE_API colette_status colette_letter_read_file(FILE *in, const char *name,
                                                    colette_letter **out, colette_error *err);
/* Write the letter as letter XML to out, in one call of the sink. */
COLETTE_API colette_status colette_letter_write(const colette_letter *letter, colette_sink out,
                                                colette_error *err);

/* ---- render: the letter in a language and a format ---------------------- */

typedef enum colette_format {
  COLETTE_FORMAT_TEXT = 0,    /* UTF-8 reading copy, wrapped */
  COLETTE_FORMAT_HTML,        /* one standalone HTML5 file */
  COLETTE_FORMAT_DOCX,        /* a WordprocessingML package */
  COLETTE_FORMAT_PANDOC_JSON, /* pandoc's JSON (API 1.22) */
  COLETTE_FORMAT_ICS,         /* iCalendar: the meeting and the deadlines */
  COLETTE_FORMAT_JSON,        /* the letter's facts as one JSON object */
  COLETTE_FORMAT_LETTER,      /* letter XML again (translated when asked): for pipes */
  COLETTE_FORMATS
} colette_format;

/* "text", "html"…; and the format a name names (COLETTE_FORMATS if none). */
COLETTE_API const char *colette_format_name(colette_format f);
COLETTE_API colette_format colette_format_by_name(const char *name);

typedef struct colette_render_options {
  colette_format format;
  /* The target language ("en", "fr", "zh", a tag such as "fr-CH"); NULL or
   * the letter's own: the letter as it is.  Another: every formula the
   * letter's nodes matched written in that language, the rest kept in its
   * own and marked so. */
  const char *lang;
  unsigned width;           /* text: wrap at this many columns (72) */
  colette_context *context; /* borrowed; NULL: one made for the call */
} colette_render_options;

COLETTE_API void colette_render_options_default(colette_render_options *o);

/* What a rendering wrote in the target language and what it kept. */
typedef struct colette_render_report {
  unsigned long blocks;     /* head facts, paragraphs, items, headings, titles… */
  unsigned long translated; /* in the target language: from the catalogue, or already so */
  unsigned long mixed;      /* blocks written in part: their formulae (sentences of a
                             * paragraph, a deadline's action) anew, the rest kept */
  unsigned long kept;       /* kept in their own language (no formula covers them) */
} colette_render_report;

/*
 * The letter in language `lang`: a new letter (*out, the caller's to free)
 * whose nodes that matched a catalogue formula are written in that
 * language's canonical form, with their parameters (dates through ICU's
 * date and interval formats, groups, places, counts) in that language;
 * every other node is kept as it is, with xml:lang saying its language.
 * The root's xml:lang is the target.  ctx (borrowed) may be NULL; *report
 * may be NULL.
 */
COLETTE_API colette_status colette_letter_translate(const colette_letter *l, const char *lang,
                                                    colette_context *ctx, colette_letter **out,
                                                    colette_render_report *report,
                                                    colette_error *err);

/* Render the letter (translated first when opts->lang says so) to out, in
 * one call of the sink.  *report may be NULL. */
COLETTE_API colette_status colette_render(const colette_letter *l,
                                          const colette_render_options *opts, colette_sink out,
                                          colette_render_report *report, colette_error *err);

/* ---- compare: language versions of one letter, fact by fact ------------- */

/*
 * The differences between versions of one letter.  Every version is
 * compared with the first: the head (date, reference, file references
 * with their group written one way, contacts, addressees), the meeting,
 * the deadlines by kind and date, the signatory's title, the enclosure,
 * the annexes (ids, their lists' labels by level, their tables' shapes),
 * and the typed values (dates, ranges, times, addresses, phones, document
 * references, plain numbers) of the paragraphs, items and cells each part
 * aligns; a paragraph in one version only is missing from the other.
 * Values are compared as values ("4 juin 2022" is 2022-06-04), never as
 * words, so translation, typography and word order are no differences.
 */
typedef struct colette_diff colette_diff;

typedef enum colette_report_format {
  COLETTE_REPORT_TEXT = 0, /* one line per difference, for people */
  COLETTE_REPORT_JSON,     /* {"versions":[…],"differences":[{"kind","key","versions":[…]}]} */
  COLETTE_REPORT_XML,      /* schemas/compare.rng */
  COLETTE_REPORT_HTML,     /* one standalone page: a linked summary, the versions side by side */
  COLETTE_REPORTS
} colette_report_format;

/* Compare n >= 2 letters (borrowed; names for the reports, may be NULL).
 * *out, the caller's to free with colette_diff_free, holds the differences
 * (none when the versions agree). */
COLETTE_API colette_status colette_compare(const colette_letter *const *letters,
                                           const char *const *names, size_t n, colette_diff **out,
                                           colette_error *err);
/* "text", "json", "xml", "html"; and the format a name names
 * (COLETTE_REPORTS if none). */
COLETTE_API const char *colette_report_format_name(colette_report_format f);
COLETTE_API colette_report_format colette_report_format_by_name(const char *name);
COLETTE_API void colette_diff_free(colette_diff *d);
COLETTE_API size_t colette_diff_count(const colette_diff *d);
COLETTE_API size_t colette_diff_versions(const colette_diff *d);
COLETTE_API const char *colette_diff_version_name(const colette_diff *d, size_t version);
/* A difference's kind: date, reference, file-ref, contact, addressee,
 * meeting, deadline, signatory, enclosure, annex, item, table, value,
 * missing; its key ("deadline.registration", "value.date", "annex B item");
 * and per version where it is and its value (NULL: absent there). */
COLETTE_API const char *colette_diff_kind(const colette_diff *d, size_t i);
COLETTE_API const char *colette_diff_key(const colette_diff *d, size_t i);
COLETTE_API const char *colette_diff_path(const colette_diff *d, size_t i, size_t version);
COLETTE_API const char *colette_diff_value(const colette_diff *d, size_t i, size_t version);
COLETTE_API colette_status colette_diff_write(const colette_diff *d, colette_report_format f,
                                              colette_sink out, colette_error *err);

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
  COLETTE_EXIT_INTERNAL = 10,
  COLETTE_EXIT_STAGE = 11 /* the input is another stage's: another filter reads it */
} colette_exit;

/* The exit code a filter uses for a status. */
COLETTE_API colette_exit colette_status_exit(colette_status status);

/*
 * The whole colette-unpack command, run in-process: `argv` as for main,
 * the three streams in place of stdin, stdout and stderr.  Returns the
 * exit code.  colette_driver_main calls it when called as colette-unpack.
 */
COLETTE_API int colette_unpack_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);
/* The colette-map command, likewise. */
COLETTE_API int colette_map_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);
/* The colette-normalize command, likewise. */
COLETTE_API int colette_normalize_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);
/* The colette-render command, likewise. */
COLETTE_API int colette_render_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);
/* The colette-compare command, likewise: 0 the versions agree, 1 they
 * differ, 2 trouble. */
COLETTE_API int colette_compare_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

/* The colette command (the driver: convert, render, compare, filters…),
 * likewise.  Batches fork worker processes; it sets SIGINT, SIGTERM and
 * SIGPIPE handlers while one runs and puts the old ones back.  Called by
 * a filter's name (argv[0]'s last component colette-unpack,
 * colette-normalize, colette-map, colette-render or colette-compare: the
 * installed filters are links to colette) it is that filter. */
COLETTE_API int colette_driver_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

#ifdef __cplusplus
}
#endif
#endif
