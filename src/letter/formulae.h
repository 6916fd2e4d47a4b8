/*
 * catalog.h: the formulae of the genre (private): the phrases that tell
 * colette-map what a line of a letter is, per language.  colette-render
 * will draw the same entries (as ICU MessageFormat patterns) to write the
 * letter back; for now they are recognised, case-insensitively, at the
 * start of a line or anywhere in it.
 */
#ifndef COLETTE_FORMULAE_H
#define COLETTE_FORMULAE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum cat_key {
  CAT_LABEL_REF,
  CAT_LABEL_TEL,
  CAT_LABEL_FAX,
  CAT_LABEL_EMAIL,
  CAT_LABEL_WEB,
  CAT_LABEL_SUBJECT,
  CAT_LABEL_TO,
  CAT_SALUTATION,
  CAT_CLOSING,
  CAT_DEADLINES,
  CAT_ENCLOSURE,
  CAT_ANNEX,
  CAT_SIGNATORY_TITLE,
  CAT_PLACE_GENEVA,
  CAT_VIRTUAL,
  CAT_HYBRID,
  CAT_MEETING,
  CAT_ROLE_MEMBER_STATES,
  CAT_ROLE_SECTOR_MEMBERS,
  CAT_ROLE_ASSOCIATES,
  CAT_ROLE_ACADEMIA,
  CAT_ROLE_CHAIRS,
  CAT_KIND_TRANSLATION,
  CAT_KIND_INTERPRETATION,
  CAT_KIND_REGISTRATION,
  CAT_KIND_CONTRIBUTIONS,
  CAT_KIND_FELLOWSHIP,
  CAT_KIND_VISA,
  CAT_STUDY_GROUP,
  CAT_WORKING_PARTY,
  CAT_KEYS
} cat_key;

/* Length in bytes of the formula of `key` that `text` starts with (after
 * leading blanks and dashes), or 0. */
size_t cat_prefix(cat_key key, const char *text);
/* True when a formula of `key` occurs anywhere in text. */
bool cat_contains(cat_key key, const char *text);

#endif
