/*
 * story.h: streaming one WordprocessingML story (the body, a header or
 * footer, the footnotes, endnotes or comments part) into flat XML (private).
 *
 * The part is streamed (xmlpart_stream: events in document order, small
 * property subtrees captured whole); paragraphs are buffered one at a
 * time (their attributes depend on their content) and tables one at a time
 * (row spans are only known at the end), so memory is bounded by the
 * largest top-level block, not by the document.
 */
#ifndef COLETTE_STORY_H
#define COLETTE_STORY_H

#include "../buf.h"
#include "../package.h"
#include "docx.h"

/* A header/footer reference met in a w:sectPr. */
typedef struct hf_ref {
  char kind;     /* 'h'eader or 'f'ooter */
  char type[16]; /* default, first, even */
  char *part;    /* resolved part name (owned) */
} hf_ref;

/* What stays the same across the stories of one document. */
typedef struct docx_doc {
  package *pkg;
  const styles *styles;
  const numbering *numbering;
  const char *main_part; /* its relationships, read once: */
  const rels *main_rels;
  colette_changes changes;
  int footnote_marks, endnote_marks; /* automatic note numbers given so far */
  hf_ref *hf;                        /* header/footer references, first-seen order */
  size_t n_hf, cap_hf;
  /* Where finished top-level blocks go; flush() is called when out grows. */
  buf *out;
  colette_sink sink;
} docx_doc;

typedef enum story_kind {
  STORY_BODY,    /* w:document/w:body */
  STORY_HDRFTR,  /* w:hdr, w:ftr */
  STORY_NOTES,   /* w:footnotes, w:endnotes: one <note> per note */
  STORY_COMMENTS /* w:comments: one <comment> per comment */
} story_kind;

/* Convert part `part` into doc->out (flushing to doc->sink as it grows). */
colette_status story_convert(docx_doc *doc, const char *part, story_kind kind, colette_error *err);

/* Write doc->out to the sink if it holds more than `threshold` bytes. */
colette_status doc_flush(docx_doc *doc, size_t threshold, colette_error *err);

/* Record a header or footer part once (first reference wins). */
colette_status doc_add_hf(docx_doc *doc, char kind, const char *type, const char *part);
void docx_doc_free_refs(docx_doc *doc);

#endif
