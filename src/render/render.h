/*
 * render.h: colette-render's framework (private), shared by the format
 * writers (text.c html.c docx.c pandoc.c ics.c json.c), in the manner of
 * cmark's render.h: one writer per format over one model.
 *
 * A writer gets a letter that is already in its target language:
 * colette_render translates it first when asked (translate.c).  So a
 * writer never chooses words: it lays out the model.  Its contract:
 *
 *  - the language of a node is the nearest xml:lang (COLETTE_ATTR_LANG) on
 *    it or its ancestors, else the letter's (render_lang); a writer marks
 *    every block whose language is not the document's (HTML lang, w:lang,
 *    pandoc's Span/Div attributes);
 *  - the head: ORGANIZATION lines; a PLACE followed by a DATE is the
 *    dateline, written as render_dateline makes it; REF, CONTACT, SUBJECT
 *    and ADDRESSEES have their LABEL as written (render_label); an
 *    ADDRESSEE is a line of the list; FURNITURE are page headers and
 *    footers (TYPE header|footer, PAGE default|first|even);
 *  - MEETING is data (ics, json), no text;
 *  - the body: SALUTATION, PARAGRAPH, HEADING (LEVEL), LIST of ITEMs (each
 *    with its LABEL as displayed and its LEVEL), TABLE/ROW/CELL (COLSPAN,
 *    ROWSPAN, HEADER), DEADLINES (a TITLE, DEADLINE lines: WHEN, KIND),
 *    CLOSING, SIGNATURE (NAME, TITLE, IMAGE, PARAGRAPH), ENCLOSURE; each
 *    ANNEX (ID) has a HEADING with no level, TITLEs, then blocks;
 *  - inline: TEXT; DATE_VALUE, DATERANGE, TIME, EMAIL, URL, PHONE, DOCREF
 *    are text with a value (VALUE, WHEN…); LINK (HREF); FIELD (its text is
 *    its result); S (a sentence: its text); BREAK; IMAGE (TARGET, DESCR);
 *    NOTE (footnote, endnote or comment: blocks, with a MARK).
 *
 * Writers append to a buf; colette_render hands it to the sink once, so a
 * failure shows nothing.  They never print; they return a status.
 */
#ifndef COLETTE_RENDER_H
#define COLETTE_RENDER_H

#include <stdbool.h>

#include "../buf.h"
#include "../colette.h"

typedef struct render_dates render_dates;

typedef struct render {
  const colette_letter *l;
  const colette_render_options *opts;
  const char *lang; /* the document's language (the target, or the letter's own) */
  colette_error *err;
  struct catalog *cat;  /* for datelines; owned by colette_render */
  render_dates *dates;  /* ICU's date formats, made once per language */
} render;

/* The writers: the whole document into out. */
colette_status render_text(render *r, buf *out);
colette_status render_html(render *r, buf *out);
colette_status render_docx(render *r, buf *out);
colette_status render_pandoc(render *r, buf *out);
colette_status render_ics(render *r, buf *out);
colette_status render_json(render *r, buf *out);

/* ---- helpers every writer may use --------------------------------------------------- */

/* A node's language: its own xml:lang, its nearest ancestor's, else the
 * document's.  Never NULL. */
const char *render_lang(const render *r, const colette_node *n);
/* Does n's language differ from the document's (so it must be marked)? */
bool render_foreign(const render *r, const colette_node *n);
/* The plain text of n's inline content (a break as "\n", a note's blocks
 * left out: a writer places notes itself), appended to out. */
void render_plain(const colette_node *n, buf *out);
/* The dateline "Geneva, 21 May 2021" / "Genève, le 21 mai 2021" /
 * "2021年5月21日，日内瓦" from a PLACE (may be NULL) and a DATE node: when
 * the date matched the catalogue's dateline, written anew from its facts in
 * the date node's language (the place's text, the date through ICU);
 * otherwise the place's text and the date's, as written. */
colette_status render_dateline(render *r, const colette_node *place, const colette_node *date,
                               buf *out);
/* A node's label as written, or "" (REF, CONTACT, SUBJECT, ADDRESSEES). */
const char *render_label(const colette_node *n);
/* label[0..*len) as a reader is shown it: a bullet Word draws from a
 * symbol font (held as its private-use code, U+F0B7 for Symbol's) as the
 * Unicode character the font draws there.  Returns label itself when it
 * holds none (nothing copied), else tmp's text, *len its length (check
 * buf_ok(tmp)). */
const char *render_label_shown(const char *label, size_t *len, buf *tmp);
/* The canonical form of the catalogue's entry `key` in language lang, its
 * parameters `values` (NULL for none), appended to out; false (out as it
 * was) where the catalogue has no such entry or language. */
bool render_words(render *r, const char *key, const char *lang, const char *const *values,
                  buf *out);
/*
 * Dates as a language writes them, through ICU, with the locale the
 * catalogue gives the language (settings.locale): an ISO date (YYYY-MM-DD)
 * in ICU's long form ("21 May 2021", "1er juillet 2022" where the language
 * writes the first of the month as an ordinal, "2021年5月21日"), a range
 * through ICU's date interval format ("24 August – 3 September 2021",
 * "2021年8月24日至9月3日"), and a time "HH:MM" in ICU's hour-minute form.
 * The formatters are made once per language and kept.
 */
render_dates *render_dates_new(const struct catalog *cat);
void render_dates_free(render_dates *d);
colette_status render_date(render_dates *d, const char *iso, const char *lang, buf *out,
                           colette_error *err);
colette_status render_daterange(render_dates *d, const char *start, const char *end,
                                const char *lang, buf *out, colette_error *err);
/* A running-text pattern of the catalogue ("à {start}", "de {start} à
 * {end}") cut at its {start} and, for a range, its {end}: the words
 * before, between and after (post runs to the end of the string).  False
 * when it lacks them, or {end} comes first. */
typedef struct render_splice {
  const char *pre, *mid, *post;
  size_t npre, nmid;
} render_splice;
bool render_splice_cut(const char *pattern, bool range, render_splice *out);

/* The range as running text says it: ICU's interval cut into what comes
 * from the first date and what from the second (its spans), put into
 * pattern's "{start}" and "{end}" (a catalogue's settings.rangeInText:
 * "from {start} to {end}" gives "from 2 to 12 February 2026", "du {start}
 * au {end}" "du 1er au 12 février 2026"); what the two dates share stays
 * where ICU puts it.  An empty pattern, or a range of one day, is
 * render_daterange's. */
colette_status render_daterange_text(render_dates *d, const char *start, const char *end,
                                     const char *lang, const char *pattern, buf *out,
                                     colette_error *err);
colette_status render_time(render_dates *d, const char *hhmm, const char *lang, buf *out,
                           colette_error *err);
/* Two times of a day ("10:00", "16:00") as a range: ICU's interval for
 * the language (what stands around and between them: "10:00 – 16:00" in
 * English, "10:00–16:00" in Chinese), each time written by render_time, so
 * in the catalogue's own form where it has one.  Equal times are one time;
 * on failure nothing is written. */
colette_status render_timerange(render_dates *d, const char *start, const char *end,
                                const char *lang, buf *out, colette_error *err);

#endif
