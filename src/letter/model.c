/* model.c: the letter tree: nodes, attributes, formulae, content rules,
 * iteration. */
#include "model.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recognise.h"

/* ---- the arena --------------------------------------------------------------------- */

struct arena_block {
  arena_block *next;
  size_t used, size;
  max_align_t data[]; /* aligned for any node */
};

#define BLOCK_SIZE (64u << 10)

void *letter_alloc(colette_letter *l, size_t n) {
  n = (n + 7) & ~(size_t)7;
  arena_block *b = l->blocks;
  if (!b || b->size - b->used < n) {
    size_t size = n > BLOCK_SIZE / 2 ? n : BLOCK_SIZE;
    arena_block *nb = malloc(sizeof *nb + size);
    if (!nb) return NULL;
    nb->size = size;
    nb->used = 0;
    if (b && n > BLOCK_SIZE / 2) { /* a big piece: keep filling the current block */
      nb->next = b->next;
      b->next = nb;
      b = nb;
    } else {
      nb->next = b;
      l->blocks = b = nb;
    }
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

char *letter_strndup(colette_letter *l, const char *s, size_t n) {
  char *d = letter_alloc(l, n + 1);
  if (!d) return NULL;
  if (n) memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

/* ---- letters and nodes ---------------------------------------------------------------- */

colette_letter *colette_letter_new(void) {
  colette_letter *l = calloc(1, sizeof *l);
  if (!l) return NULL;
  l->root = colette_node_new(l, COLETTE_NODE_LETTER);
  if (!l->root) {
    colette_letter_free(l);
    return NULL;
  }
  return l;
}

void colette_letter_free(colette_letter *l) {
  if (!l) return;
  for (arena_block *b = l->blocks, *next; b; b = next) {
    next = b->next;
    free(b);
  }
  free(l);
}

colette_node *colette_letter_root(const colette_letter *l) { return l ? l->root : NULL; }

static colette_node *find(colette_node *n, colette_node_type t) {
  for (; n; n = n->next) {
    if (n->type == t) return n;
    colette_node *f = find(n->first, t);
    if (f) return f;
  }
  return NULL;
}

colette_node *colette_letter_find(const colette_letter *l, colette_node_type t) {
  return l ? find(l->root, t) : NULL;
}

colette_node *colette_node_new(colette_letter *l, colette_node_type t) {
  if (!l || t <= COLETTE_NODE_NONE || t >= COLETTE_NODE_TYPES) return NULL;
  colette_node *n = letter_alloc(l, sizeof *n);
  if (!n) return NULL;
  memset(n, 0, sizeof *n);
  n->type = t;
  n->letter = l;
  return n;
}

colette_node *colette_text_new(colette_letter *l, const char *s, size_t len) {
  colette_node *n = colette_node_new(l, COLETTE_NODE_TEXT);
  if (!n) return NULL;
  if (!(n->literal = letter_strndup(l, s ? s : "", s ? len : 0))) return NULL;
  n->len = s ? len : 0;
  return n;
}

colette_node_type colette_node_get_type(const colette_node *n) {
  return n ? n->type : COLETTE_NODE_NONE;
}
colette_node *colette_node_parent(const colette_node *n) { return n ? n->parent : NULL; }
colette_node *colette_node_first_child(const colette_node *n) { return n ? n->first : NULL; }
colette_node *colette_node_last_child(const colette_node *n) { return n ? n->last : NULL; }
colette_node *colette_node_next(const colette_node *n) { return n ? n->next : NULL; }
colette_node *colette_node_previous(const colette_node *n) { return n ? n->prev : NULL; }

static const char *const TYPE_NAMES[COLETTE_NODE_TYPES] = {
    [COLETTE_NODE_NONE] = "",
    [COLETTE_NODE_LETTER] = "letter",
    [COLETTE_NODE_METADATA] = "metadata",
    [COLETTE_NODE_PROPERTY] = "property",
    [COLETTE_NODE_HEAD] = "head",
    [COLETTE_NODE_ORGANIZATION] = "organization",
    [COLETTE_NODE_PLACE] = "place",
    [COLETTE_NODE_DATE] = "date",
    [COLETTE_NODE_REF] = "ref",
    [COLETTE_NODE_CONTACT] = "contact",
    [COLETTE_NODE_ADDRESSEES] = "addressees",
    [COLETTE_NODE_ADDRESSEE] = "addressee",
    [COLETTE_NODE_SUBJECT] = "subject",
    [COLETTE_NODE_FURNITURE] = "furniture",
    [COLETTE_NODE_MEETING] = "meeting",
    [COLETTE_NODE_BODY] = "body",
    [COLETTE_NODE_SALUTATION] = "salutation",
    [COLETTE_NODE_DEADLINES] = "deadlines",
    [COLETTE_NODE_DEADLINE] = "deadline",
    [COLETTE_NODE_CLOSING] = "closing",
    [COLETTE_NODE_SIGNATURE] = "signature",
    [COLETTE_NODE_NAME] = "name",
    [COLETTE_NODE_TITLE] = "title",
    [COLETTE_NODE_ENCLOSURE] = "enclosure",
    [COLETTE_NODE_ANNEX] = "annex",
    [COLETTE_NODE_PARAGRAPH] = "p",
    [COLETTE_NODE_HEADING] = "heading",
    [COLETTE_NODE_LIST] = "list",
    [COLETTE_NODE_ITEM] = "item",
    [COLETTE_NODE_TABLE] = "table",
    [COLETTE_NODE_ROW] = "row",
    [COLETTE_NODE_CELL] = "cell",
    [COLETTE_NODE_TEXT] = "",
    [COLETTE_NODE_DATE_VALUE] = "date",
    [COLETTE_NODE_DATERANGE] = "daterange",
    [COLETTE_NODE_TIME] = "time",
    [COLETTE_NODE_EMAIL] = "email",
    [COLETTE_NODE_URL] = "url",
    [COLETTE_NODE_PHONE] = "phone",
    [COLETTE_NODE_DOCREF] = "docref",
    [COLETTE_NODE_LINK] = "link",
    [COLETTE_NODE_NOTE] = "note",
    [COLETTE_NODE_BREAK] = "br",
    [COLETTE_NODE_IMAGE] = "image",
    [COLETTE_NODE_FIELD] = "field",
    [COLETTE_NODE_SENTENCE] = "s",
};

const char *colette_node_type_name(colette_node_type t) {
  return t > COLETTE_NODE_NONE && t < COLETTE_NODE_TYPES ? TYPE_NAMES[t] : "";
}

/* ---- content rules ----------------------------------------------------------------------- */

bool node_is_inline(colette_node_type t) { return t >= COLETTE_NODE_TEXT && t < COLETTE_NODE_TYPES; }

static bool is_block(colette_node_type t) {
  return t == COLETTE_NODE_PARAGRAPH || t == COLETTE_NODE_HEADING || t == COLETTE_NODE_LIST ||
         t == COLETTE_NODE_TABLE;
}

bool node_holds_text_only(colette_node_type t) {
  return t == COLETTE_NODE_PROPERTY || (t >= COLETTE_NODE_DATE_VALUE && t <= COLETTE_NODE_DOCREF);
}

bool node_holds_inline(colette_node_type t) {
  switch (t) {
  case COLETTE_NODE_ORGANIZATION:
  case COLETTE_NODE_PLACE:
  case COLETTE_NODE_DATE:
  case COLETTE_NODE_REF:
  case COLETTE_NODE_CONTACT:
  case COLETTE_NODE_ADDRESSEE:
  case COLETTE_NODE_SUBJECT:
  case COLETTE_NODE_SALUTATION:
  case COLETTE_NODE_DEADLINE:
  case COLETTE_NODE_CLOSING:
  case COLETTE_NODE_NAME:
  case COLETTE_NODE_TITLE:
  case COLETTE_NODE_ENCLOSURE:
  case COLETTE_NODE_PARAGRAPH:
  case COLETTE_NODE_HEADING:
  case COLETTE_NODE_ITEM:
  case COLETTE_NODE_LINK:
  case COLETTE_NODE_FIELD:
  case COLETTE_NODE_SENTENCE: return true;
  default: return node_holds_text_only(t);
  }
}

int colette_node_can_contain(colette_node_type p, colette_node_type c) {
  if (c <= COLETTE_NODE_NONE || c >= COLETTE_NODE_TYPES || c == COLETTE_NODE_LETTER) return 0;
  if (node_holds_text_only(p)) return c == COLETTE_NODE_TEXT;
  if (node_holds_inline(p))
    /* a run in another language may sit in a sentence (a topic left in
     * English inside a sentence written in French); links do not nest */
    return node_is_inline(c) && !(p == COLETTE_NODE_LINK && c == p);
  switch (p) {
  case COLETTE_NODE_LETTER:
    return c == COLETTE_NODE_METADATA || c == COLETTE_NODE_HEAD || c == COLETTE_NODE_MEETING ||
           c == COLETTE_NODE_BODY || c == COLETTE_NODE_ANNEX;
  case COLETTE_NODE_METADATA: return c == COLETTE_NODE_PROPERTY;
  case COLETTE_NODE_HEAD:
    return (c >= COLETTE_NODE_ORGANIZATION && c <= COLETTE_NODE_FURNITURE &&
            c != COLETTE_NODE_ADDRESSEE) ||
           is_block(c);
  case COLETTE_NODE_ADDRESSEES: return c == COLETTE_NODE_ADDRESSEE;
  case COLETTE_NODE_FURNITURE:
  case COLETTE_NODE_CELL:
  case COLETTE_NODE_NOTE: return is_block(c);
  case COLETTE_NODE_BODY:
    return c == COLETTE_NODE_SALUTATION || c == COLETTE_NODE_DEADLINES ||
           c == COLETTE_NODE_CLOSING || c == COLETTE_NODE_SIGNATURE ||
           c == COLETTE_NODE_ENCLOSURE || is_block(c);
  case COLETTE_NODE_DEADLINES:
    return c == COLETTE_NODE_TITLE || c == COLETTE_NODE_DEADLINE || is_block(c);
  case COLETTE_NODE_SIGNATURE:
    return c == COLETTE_NODE_NAME || c == COLETTE_NODE_TITLE || c == COLETTE_NODE_IMAGE ||
           c == COLETTE_NODE_PARAGRAPH;
  case COLETTE_NODE_ANNEX:
    return c == COLETTE_NODE_HEADING || c == COLETTE_NODE_TITLE || is_block(c);
  case COLETTE_NODE_LIST: return c == COLETTE_NODE_ITEM;
  case COLETTE_NODE_TABLE: return c == COLETTE_NODE_ROW;
  case COLETTE_NODE_ROW: return c == COLETTE_NODE_CELL;
  default: return 0;
  }
}

colette_node_type node_type_of(const char *name, colette_node_type parent) {
  if (strcmp(name, "date") == 0)
    return parent == COLETTE_NODE_HEAD ? COLETTE_NODE_DATE : COLETTE_NODE_DATE_VALUE;
  for (int t = COLETTE_NODE_LETTER; t < COLETTE_NODE_TYPES; t++)
    if (t != COLETTE_NODE_TEXT && t != COLETTE_NODE_DATE_VALUE && strcmp(TYPE_NAMES[t], name) == 0)
      return (colette_node_type)t;
  return COLETTE_NODE_NONE;
}

/* ---- attributes ------------------------------------------------------------------------- */

#define A(x) COLETTE_ATTR_##x
#define END COLETTE_ATTR_COUNT_

static const colette_attr NO_ATTRS[] = {END};

const colette_attr *node_attrs_of(colette_node_type t) {
  static const colette_attr letter[] = {A(SOURCE), A(LANG), END}, property[] = {A(NAME), END},
                            furniture[] = {A(TYPE), A(PAGE), END},
                            keyed[] = {A(KEY), A(LANG), A(FORMULA), END},
                            date[] = {A(WHEN), A(LABEL), A(LANG), A(FORMULA), END},
                            ref[] = {A(TYPE), A(NUMBER),  A(GROUP), A(LABEL),
                                     A(LANG), A(FORMULA), END},
                            contact[] = {A(TYPE), A(LABEL), A(VALUE), A(LANG), A(FORMULA), END},
                            labelled[] = {A(LABEL), A(LANG), A(FORMULA), END},
                            addressees[] = {A(TYPE), A(LABEL), A(LANG), A(FORMULA), END},
                            addressee[] = {A(ROLE), A(GROUP), A(LANG), A(FORMULA), END},
                            meeting[] = {A(GROUP), A(MODE), A(START), A(END), A(PLACE), END},
                            deadline[] = {A(WHEN), A(KIND), A(LANG), A(FORMULA), END},
                            formula[] = {A(LANG), A(FORMULA), END},
                            lang_formula[] = {A(LANG), A(FORMULA), END},
                            enclosure[] = {A(COUNT), A(LANG), A(FORMULA), END},
                            annex[] = {A(ID), A(LANG), END},
                            heading[] = {A(LEVEL), A(LANG), A(FORMULA), END},
                            item[] = {A(LABEL), A(LEVEL), A(LANG), A(FORMULA), END},
                            row[] = {A(HEADER), END}, cell[] = {A(COLSPAN), A(ROWSPAN), END},
                            when[] = {A(WHEN), A(CONFLICT), END},
                            daterange[] = {A(START), A(END), A(CONFLICT), END},
                            range[] = {A(START), A(END), END}, value[] = {A(VALUE), END},
                            docref[] = {A(TYPE), A(ID), A(FORMULA), END}, link[] = {A(HREF), END},
                            note[] = {A(TYPE), A(MARK), END}, image[] = {A(TARGET), A(DESCR), END},
                            field[] = {A(TYPE), A(INSTR), END};
  switch (t) {
  case COLETTE_NODE_LETTER: return letter;
  case COLETTE_NODE_PROPERTY: return property;
  case COLETTE_NODE_FURNITURE: return furniture;
  case COLETTE_NODE_ORGANIZATION:
  case COLETTE_NODE_PLACE: return keyed;
  case COLETTE_NODE_DATE: return date;
  case COLETTE_NODE_REF: return ref;
  case COLETTE_NODE_CONTACT: return contact;
  case COLETTE_NODE_ADDRESSEES: return addressees;
  case COLETTE_NODE_SUBJECT: return labelled;
  case COLETTE_NODE_ADDRESSEE: return addressee;
  case COLETTE_NODE_MEETING: return meeting;
  case COLETTE_NODE_DEADLINE: return deadline;
  case COLETTE_NODE_SALUTATION:
  case COLETTE_NODE_CLOSING:
  case COLETTE_NODE_DEADLINES:
  case COLETTE_NODE_NAME:
  case COLETTE_NODE_TITLE:
  case COLETTE_NODE_SENTENCE: return formula;
  case COLETTE_NODE_PARAGRAPH: return lang_formula;
  case COLETTE_NODE_ENCLOSURE: return enclosure;
  case COLETTE_NODE_ANNEX: return annex;
  case COLETTE_NODE_HEADING: return heading;
  case COLETTE_NODE_ITEM: return item;
  case COLETTE_NODE_ROW: return row;
  case COLETTE_NODE_CELL: return cell;
  case COLETTE_NODE_DATE_VALUE: return when;
  case COLETTE_NODE_DATERANGE: return daterange;
  case COLETTE_NODE_TIME: return range;
  case COLETTE_NODE_EMAIL:
  case COLETTE_NODE_URL:
  case COLETTE_NODE_PHONE: return value;
  case COLETTE_NODE_DOCREF: return docref;
  case COLETTE_NODE_LINK: return link;
  case COLETTE_NODE_NOTE: return note;
  case COLETTE_NODE_IMAGE: return image;
  case COLETTE_NODE_FIELD: return field;
  default: return NO_ATTRS;
  }
}

bool node_takes_formula(colette_node_type t) {
  for (const colette_attr *a = node_attrs_of(t); *a != END; a++)
    if (*a == A(FORMULA)) return true;
  return false;
}

bool node_attr_required(colette_node_type t, colette_attr a) {
  switch (t) {
  case COLETTE_NODE_PROPERTY: return a == A(NAME);
  case COLETTE_NODE_DATE:
  case COLETTE_NODE_DATE_VALUE: return a == A(WHEN);
  case COLETTE_NODE_REF:
  case COLETTE_NODE_CONTACT:
  case COLETTE_NODE_NOTE:
  case COLETTE_NODE_FIELD: return a == A(TYPE);
  case COLETTE_NODE_ADDRESSEE: return a == A(ROLE);
  case COLETTE_NODE_DEADLINE: return a == A(WHEN) || a == A(KIND);
  /* an annex's id is optional: a letter's one annex ("ANNEX") has none */
  case COLETTE_NODE_ITEM: return a == A(LABEL) || a == A(LEVEL);
  case COLETTE_NODE_DATERANGE: return a == A(START) || a == A(END);
  case COLETTE_NODE_TIME: return a == A(START);
  case COLETTE_NODE_EMAIL:
  case COLETTE_NODE_URL:
  case COLETTE_NODE_PHONE: return a == A(VALUE);
  case COLETTE_NODE_DOCREF: return a == A(TYPE) || a == A(ID);
  case COLETTE_NODE_LINK: return a == A(HREF);
  default: return false;
  }
}

static const char *const ATTR_NAMES[COLETTE_ATTR_COUNT_] = {
    "source", "xml:lang", "name",  "type",  "page",    "key",     "when",    "number",
    "group",  "label",    "value", "role",  "mode",    "start",   "end",     "place",
    "kind",   "count",    "id",    "level", "header",  "colspan", "rowspan", "href",
    "mark",   "target",   "descr", "instr", "formula", "conflict"};

const char *colette_attr_name(colette_attr a) { return a < END ? ATTR_NAMES[a] : ""; }

static bool one_of(const char *v, const char *const *list) {
  for (; *list; list++)
    if (strcmp(v, *list) == 0) return true;
  return false;
}

static bool iso_date(const char *v) {
  int y, m, d;
  char tail;
  return strlen(v) == 10 && v[4] == '-' && v[7] == '-' &&
         sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && date_valid(y, m, d);
}

static bool hhmm(const char *v) {
  return strlen(v) == 5 && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[1]) &&
         v[2] == ':' && v[3] >= '0' && v[3] <= '5' && isdigit((unsigned char)v[4]) &&
         (v[0] - '0') * 10 + (v[1] - '0') <= 24;
}

static bool digits(const char *v, bool zero_ok) {
  if (!*v || strlen(v) > 9) return false;
  for (const char *p = v; *p; p++)
    if (!isdigit((unsigned char)*p)) return false;
  return zero_ok || atol(v) > 0;
}

bool node_attr_valid(colette_node_type t, colette_attr a, const char *v, const char **why) {
  static const char *const
      roles[] = {"member-states", "sector-members", "associates", "academia",
                 "chairs",        "other",          NULL},
      *const kinds[] = {"translated-contributions",
                        "contributions",
                        "registration",
                        "interpretation-request",
                        "fellowship",
                        "visa",
                        "other",
                        NULL},
      *const modes[] = {"virtual", "physical", "hybrid", NULL},
      *const refs[] = {"collective-letter", "circular", "file", NULL},
      *const contacts[] = {"tel", "fax", "email", "web", "person", NULL},
      *const groups[] = {"copy", NULL}, /* addressees: absent, the addressees */
          *const docrefs[] = {"recommendation",    "circular", "td", "resolution",
                              "collective-letter", "other",    NULL},
      *const notes[] = {"footnote", "endnote", "comment", NULL},
      *const furniture[] = {"header", "footer", NULL},
      *const pages[] = {"default", "first", "even", NULL}, *const conflicts[] = {"weekday", NULL};
  const char *dummy;
  if (!why) why = &dummy;
  *why = NULL;
  bool allowed = false;
  for (const colette_attr *p = node_attrs_of(t); *p != END; p++)
    allowed |= *p == a;
  if (!allowed) {
    *why = "not an attribute of this element";
    return false;
  }
  bool ok = true;
  switch (a) {
  case A(WHEN): ok = iso_date(v), *why = "not an ISO date (YYYY-MM-DD)"; break;
  case A(START):
  case A(END):
    ok = t == COLETTE_NODE_TIME ? hhmm(v) : iso_date(v);
    *why = t == COLETTE_NODE_TIME ? "not a time (HH:MM)" : "not an ISO date (YYYY-MM-DD)";
    break;
  case A(LEVEL):
  case A(COLSPAN):
  case A(ROWSPAN): ok = digits(v, false), *why = "not a positive integer"; break;
  case A(COUNT): ok = digits(v, true), *why = "not a count"; break;
  case A(NUMBER): ok = digits(v, true), *why = "not a number"; break;
  case A(GROUP):
    ok = t == COLETTE_NODE_REF ? digits(v, true) : (*v && !strpbrk(v, " \t\n"));
    *why = "not a group";
    break;
  case A(ROLE): ok = one_of(v, roles), *why = "not a role of the closed list"; break;
  case A(KIND): ok = one_of(v, kinds), *why = "not a deadline kind of the closed list"; break;
  case A(MODE): ok = one_of(v, modes), *why = "not virtual, physical or hybrid"; break;
  case A(HEADER): ok = strcmp(v, "true") == 0, *why = "not \"true\""; break;
  case A(PAGE): ok = one_of(v, pages), *why = "not default, first or even"; break;
  case A(CONFLICT): ok = one_of(v, conflicts), *why = "not \"weekday\""; break;
  case A(TYPE): {
    const char *const *list = t == COLETTE_NODE_REF         ? refs
                              : t == COLETTE_NODE_CONTACT   ? contacts
                              : t == COLETTE_NODE_DOCREF    ? docrefs
                              : t == COLETTE_NODE_NOTE      ? notes
                              : t == COLETTE_NODE_FURNITURE ? furniture
                              : t == COLETTE_NODE_ADDRESSEES ? groups
                                                            : NULL;
    ok = list ? one_of(v, list) : *v != '\0';
    *why = "not a type this element may have";
    break;
  }
  case A(LANG):
    ok = *v && strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
                   strlen(v);
    *why = "not a language tag";
    break;
  case A(FORMULA):
  case A(ID):
  case A(NAME):
  case A(HREF): ok = *v != '\0', *why = "empty"; break;
  default: break;
  }
  if (ok) *why = NULL;
  return ok;
}

const char *colette_node_attr(const colette_node *n, colette_attr a) {
  if (!n) return NULL;
  for (unsigned i = 0; i < n->nattrs; i++)
    if (n->attrs[i].id == a) return n->attrs[i].value;
  return NULL;
}

colette_status colette_node_set_attr(colette_node *n, colette_attr a, const char *value) {
  if (!n || a >= END) return COLETTE_ERR_INVALID;
  unsigned i = 0;
  while (i < n->nattrs && n->attrs[i].id != a)
    i++;
  if (!value) {
    if (i < n->nattrs) {
      memmove(&n->attrs[i], &n->attrs[i + 1], (n->nattrs - i - 1) * sizeof *n->attrs);
      n->nattrs--;
    }
    return COLETTE_OK;
  }
  if (!node_attr_valid(n->type, a, value, NULL)) return COLETTE_ERR_INVALID;
  const char *copy = letter_strndup(n->letter, value, strlen(value));
  if (!copy) return COLETTE_ERR_NOMEM;
  if (i < n->nattrs) {
    n->attrs[i].value = copy;
    return COLETTE_OK;
  }
  if (n->nattrs == n->capattrs) {
    unsigned cap = n->capattrs ? n->capattrs * 2u : 4u;
    node_attr *v = letter_alloc(n->letter, cap * sizeof *v);
    if (!v) return COLETTE_ERR_NOMEM;
    if (n->nattrs) memcpy(v, n->attrs, n->nattrs * sizeof *v);
    n->attrs = v;
    n->capattrs = (unsigned char)cap;
  }
  n->attrs[n->nattrs].id = (unsigned char)a;
  n->attrs[n->nattrs++].value = copy;
  return COLETTE_OK;
}

/* ---- formula arguments ----------------------------------------------------------------------- */

static bool arg_name_ok(const char *s) {
  if (!s || !(isalpha((unsigned char)*s) || *s == '_') || strlen(s) > 64) return false;
  for (; *s; s++)
    if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.')) return false;
  return true;
}

colette_status colette_node_set_arg(colette_node *n, const char *name, const char *value) {
  if (!n || !node_takes_formula(n->type) || !arg_name_ok(name) || !value)
    return COLETTE_ERR_INVALID;
  const char *v = letter_strndup(n->letter, value, strlen(value));
  if (!v) return COLETTE_ERR_NOMEM;
  for (unsigned i = 0; i < n->nargs; i++)
    if (strcmp(n->args[i].name, name) == 0) {
      n->args[i].value = v;
      return COLETTE_OK;
    }
  if (n->nargs == 255) return COLETTE_ERR_LIMIT;
  if (n->nargs == n->capargs) {
    unsigned cap = n->capargs ? n->capargs * 2u : 4u;
    if (cap > 255) cap = 255;
    node_arg *a = letter_alloc(n->letter, cap * sizeof *a);
    if (!a) return COLETTE_ERR_NOMEM;
    if (n->nargs) memcpy(a, n->args, n->nargs * sizeof *a);
    n->args = a;
    n->capargs = (unsigned char)cap;
  }
  const char *nm = letter_strndup(n->letter, name, strlen(name));
  if (!nm) return COLETTE_ERR_NOMEM;
  n->args[n->nargs].name = nm;
  n->args[n->nargs++].value = v;
  return COLETTE_OK;
}

size_t colette_node_args(const colette_node *n) { return n ? n->nargs : 0; }

int colette_node_arg(const colette_node *n, size_t i, const char **name, const char **value) {
  if (!n || i >= n->nargs) return 0;
  if (name) *name = n->args[i].name;
  if (value) *value = n->args[i].value;
  return 1;
}

const char *colette_node_get_arg(const colette_node *n, const char *name) {
  for (unsigned i = 0; n && name && i < n->nargs; i++)
    if (strcmp(n->args[i].name, name) == 0) return n->args[i].value;
  return NULL;
}

/* ---- tree edits ------------------------------------------------------------------------------ */

static bool is_ancestor(const colette_node *a, const colette_node *n) {
  for (; n; n = n->parent)
    if (n == a) return true;
  return false;
}

colette_status colette_node_append(colette_node *p, colette_node *c) {
  if (!p || !c || c->parent || c->letter != p->letter || c == p->letter->root ||
      is_ancestor(c, p) || !colette_node_can_contain(p->type, c->type))
    return COLETTE_ERR_INVALID;
  c->parent = p;
  c->prev = p->last;
  c->next = NULL;
  if (p->last)
    p->last->next = c;
  else
    p->first = c;
  p->last = c;
  return COLETTE_OK;
}

colette_status colette_node_insert_before(colette_node *s, colette_node *c) {
  if (!s || !s->parent || !c || c->parent || c->letter != s->letter || is_ancestor(c, s) ||
      !colette_node_can_contain(s->parent->type, c->type))
    return COLETTE_ERR_INVALID;
  c->parent = s->parent;
  c->next = s;
  c->prev = s->prev;
  if (s->prev)
    s->prev->next = c;
  else
    s->parent->first = c;
  s->prev = c;
  return COLETTE_OK;
}

void colette_node_unlink(colette_node *n) {
  if (!n || !n->parent) return;
  if (n->prev)
    n->prev->next = n->next;
  else
    n->parent->first = n->next;
  if (n->next)
    n->next->prev = n->prev;
  else
    n->parent->last = n->prev;
  n->parent = n->next = n->prev = NULL;
}

colette_status node_append_text(colette_node *p, const char *s, size_t n) {
  if (!n) return COLETTE_OK;
  colette_node *last = p->last;
  if (last && last->type == COLETTE_NODE_TEXT) {
    /* room to spare, grown by doubling: text written in many pieces costs
     * time and memory in proportion to its length */
    if (last->len + n + 1 > last->cap) {
      size_t cap = 2 * (last->len + n) + 1;
      char *d = letter_alloc(p->letter, cap);
      if (!d) return COLETTE_ERR_NOMEM;
      memcpy(d, last->literal, last->len);
      last->literal = d;
      last->cap = cap;
    }
    char *d = (char *)last->literal; /* its own copy, made above */
    memcpy(d + last->len, s, n);
    d[last->len + n] = '\0';
    last->len += n;
    return COLETTE_OK;
  }
  colette_node *t = colette_text_new(p->letter, s, n);
  if (!t) return COLETTE_ERR_NOMEM;
  return colette_node_append(p, t);
}

/* ---- text ------------------------------------------------------------------------------------ */

const char *colette_node_literal(const colette_node *n, size_t *len) {
  if (!n || n->type != COLETTE_NODE_TEXT) return NULL;
  if (len) *len = n->len;
  return n->literal;
}

static bool text_into(const colette_node *n, char **out, size_t *len, size_t *cap) {
  for (const colette_node *c = n->first; c; c = c->next) {
    const char *s = c->type == COLETTE_NODE_TEXT ? c->literal : c->type == COLETTE_NODE_BREAK ? "\n" : NULL;
    size_t k = c->type == COLETTE_NODE_TEXT ? c->len : s ? 1 : 0;
    if (s) {
      if (*len + k + 1 > *cap) {
        size_t nc = (*cap + k + 1) * 2;
        char *p = realloc(*out, nc);
        if (!p) return false;
        *out = p;
        *cap = nc;
      }
      memcpy(*out + *len, s, k);
      *len += k;
    }
    if (!text_into(c, out, len, cap)) return false;
  }
  return true;
}

char *colette_node_text(const colette_node *n) {
  size_t len = 0, cap = 64;
  char *s = malloc(cap);
  if (!s) return NULL;
  if (n && n->type == COLETTE_NODE_TEXT) {
    free(s);
    s = malloc(n->len + 1);
    if (!s) return NULL;
    memcpy(s, n->literal, n->len);
    s[n->len] = '\0';
    return s;
  }
  if (n && !text_into(n, &s, &len, &cap)) {
    free(s);
    return NULL;
  }
  s[len] = '\0';
  return s;
}

void colette_free(void *p) { free(p); }

/* ---- iteration ------------------------------------------------------------------------------- */

struct colette_iter {
  colette_node *root, *cur;
  colette_event ev;
  bool started;
};

static bool is_leaf(const colette_node *n) {
  return n->type == COLETTE_NODE_TEXT || n->type == COLETTE_NODE_BREAK ||
         n->type == COLETTE_NODE_IMAGE || n->type == COLETTE_NODE_MEETING;
}

colette_iter *colette_iter_new(colette_node *root) {
  if (!root) return NULL;
  colette_iter *it = calloc(1, sizeof *it);
  if (!it) return NULL;
  it->root = root;
  return it;
}

colette_event colette_iter_next(colette_iter *it) {
  if (!it || (it->started && it->ev == COLETTE_EVENT_DONE)) return COLETTE_EVENT_DONE;
  if (!it->started) {
    it->started = true;
    it->cur = it->root;
  } else if (it->ev == COLETTE_EVENT_ENTER && !is_leaf(it->cur)) {
    if (it->cur->first) {
      it->cur = it->cur->first;
    } else {
      it->ev = COLETTE_EVENT_EXIT; /* an empty container: its exit next */
      return it->ev;
    }
  } else if (it->cur == it->root) {
    it->ev = COLETTE_EVENT_DONE;
    return it->ev;
  } else if (it->cur->next) {
    it->cur = it->cur->next;
  } else {
    it->cur = it->cur->parent;
    it->ev = COLETTE_EVENT_EXIT;
    return it->ev;
  }
  it->ev = COLETTE_EVENT_ENTER;
  return it->ev;
}

colette_node *colette_iter_node(const colette_iter *it) { return it ? it->cur : NULL; }
void colette_iter_free(colette_iter *it) { free(it); }
