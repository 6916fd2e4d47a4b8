/*
 * flat.h: the names of the flat document's vocabulary (schemas/flat.rng),
 * in one place for the modules that write it (colette-unpack), read and
 * rewrite it (colette-normalize) or read it (colette-map) (private).
 * Literal tags are built by concatenation: "<" FLAT_P, "</" FLAT_P ">".
 */
#ifndef COLETTE_FLAT_H
#define COLETTE_FLAT_H

/* elements */
#define FLAT_DOCUMENT "document"
#define FLAT_PROPERTIES "properties"
#define FLAT_PROPERTY "property"
#define FLAT_BODY "body"
#define FLAT_HEADER "header"
#define FLAT_FOOTER "footer"
#define FLAT_FOOTNOTES "footnotes"
#define FLAT_ENDNOTES "endnotes"
#define FLAT_COMMENTS "comments"
#define FLAT_COMMENT "comment"
#define FLAT_NOTE "note"
#define FLAT_P "p"
#define FLAT_TABLE "table"
#define FLAT_ROW "row"
#define FLAT_CELL "cell"
#define FLAT_SPAN "span"
#define FLAT_LINK "link"
#define FLAT_FIELD "field"
#define FLAT_INS "ins"
#define FLAT_DEL "del"
#define FLAT_MATH "math"
#define FLAT_SYM "sym"
#define FLAT_TAB "tab"
#define FLAT_BR "br"
#define FLAT_NOTEREF "noteref"
#define FLAT_COMMENTREF "commentref"
#define FLAT_IMAGE "image"
#define FLAT_TEXTBOX "textbox"
#define FLAT_GROUP "group"
#define FLAT_ANCHOR "anchor"

/* attributes, by the element that first has them */
#define FLAT_A_LANG "lang"                 /* xml:lang, by local name (as readers ask) */
#define FLAT_A_XML_LANG "xml:" FLAT_A_LANG /* the same, qualified (as written) */
#define FLAT_A_VERSION "version"           /* document */
#define FLAT_A_SOURCE "source"
#define FLAT_A_MAIN_PART "main-part"
#define FLAT_A_NORMALIZED "normalized" /* set by colette-normalize: nfc or nfkc */
#define FLAT_A_CONFORMANCE "conformance"
#define FLAT_A_NAME "name" /* property, anchor, image */
#define FLAT_A_PART "part" /* header, footer */
#define FLAT_A_TYPE "type" /* header, footer, note, noteref, br, field */
#define FLAT_A_ID "id"     /* note, noteref, comment, commentref */
#define FLAT_A_KIND "kind"
#define FLAT_A_MARK "mark"
#define FLAT_A_AUTHOR "author" /* comment, ins, del */
#define FLAT_A_DATE "date"
#define FLAT_A_INITIALS "initials"
#define FLAT_A_STYLE "style" /* p, table */
#define FLAT_A_STYLE_NAME "style-name"
#define FLAT_A_HEADING "heading"
#define FLAT_A_ALIGN "align"
#define FLAT_A_BIDI "bidi"
#define FLAT_A_PAGE_BREAK_BEFORE "page-break-before"
#define FLAT_A_LIST "list"
#define FLAT_A_NUM_ID "num-id"
#define FLAT_A_LEVEL "level"
#define FLAT_A_LIST_FORMAT "list-format"
#define FLAT_A_LABEL "label"
#define FLAT_A_BOLD "bold" /* span */
#define FLAT_A_ITALIC "italic"
#define FLAT_A_UNDERLINE "underline"
#define FLAT_A_STRIKE "strike"
#define FLAT_A_VERTICAL "vertical"
#define FLAT_A_CAPS "caps"
#define FLAT_A_SMALL_CAPS "small-caps"
#define FLAT_A_HIDDEN "hidden"
#define FLAT_A_CONTINUED "continued" /* span and the wrappers */
#define FLAT_A_HREF "href"           /* link */
#define FLAT_A_ANCHOR "anchor"
#define FLAT_A_FIELD "field"
#define FLAT_A_INSTR "instr" /* field */
#define FLAT_A_FONT "font"   /* sym */
#define FLAT_A_CHAR "char"
#define FLAT_A_TARGET "target" /* image */
#define FLAT_A_TITLE "title"
#define FLAT_A_DESCR "descr"
#define FLAT_A_COLS "cols" /* table */
#define FLAT_A_CAPTION "caption"
#define FLAT_A_DESCRIPTION "description"
#define FLAT_A_HEADER "header" /* row */
#define FLAT_A_COL "col"       /* cell */
#define FLAT_A_COLSPAN "colspan"
#define FLAT_A_ROWSPAN "rowspan"

#endif
