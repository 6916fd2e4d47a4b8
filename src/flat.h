/*
 * flat.h: the names of the flat document's vocabulary (schemas/flat.rng),
 * in one place for the modules that read it (private).
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

/* attributes */
#define FLAT_A_LANG "lang" /* xml:lang */
#define FLAT_A_SOURCE "source"
#define FLAT_A_NAME "name"
#define FLAT_A_TYPE "type"
#define FLAT_A_ID "id"
#define FLAT_A_KIND "kind"
#define FLAT_A_MARK "mark"
#define FLAT_A_HREF "href"
#define FLAT_A_INSTR "instr"
#define FLAT_A_TARGET "target"
#define FLAT_A_DESCR "descr"
#define FLAT_A_STYLE_NAME "style-name"
#define FLAT_A_HEADING "heading"
#define FLAT_A_ALIGN "align"
#define FLAT_A_LABEL "label"
#define FLAT_A_LEVEL "level"
#define FLAT_A_HEADER "header"
#define FLAT_A_COLSPAN "colspan"
#define FLAT_A_ROWSPAN "rowspan"
#define FLAT_A_CAPTION "caption"
#define FLAT_A_DESCRIPTION "description"
#define FLAT_A_BOLD "bold"

#endif
