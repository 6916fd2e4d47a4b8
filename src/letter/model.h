/*
 * model.h: the letter model's insides (private), shared by model.c, the
 * reader, the writer and the mapper.
 *
 * A letter owns an arena: nodes and strings are carved from large blocks
 * and freed together, so building a letter costs no allocation per node
 * and freeing it costs one per block.
 */
#ifndef COLETTE_MODEL_H
#define COLETTE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "../colette.h"

typedef struct arena_block arena_block;

typedef struct node_attr {
  unsigned char id;
  const char *value;
} node_attr;

typedef struct node_arg {
  const char *name, *value;
} node_arg;

struct colette_node {
  colette_node_type type;
  colette_letter *letter;
  colette_node *parent, *first, *last, *next, *prev;
  node_attr *attrs;
  unsigned char nattrs, capattrs;
  node_arg *args;
  unsigned char nargs, capargs;
  const char *literal; /* TEXT */
  size_t len;
  size_t cap; /* TEXT: bytes at literal it may fill (0: no room, it is copied to grow) */
};

struct colette_letter {
  arena_block *blocks;
  colette_node *root;
};

/* Memory from the letter's arena (8-byte aligned), or NULL. */
void *letter_alloc(colette_letter *l, size_t n);
/* A NUL-terminated copy of s[0..n) in the arena, or NULL. */
char *letter_strndup(colette_letter *l, const char *s, size_t n);

/* Content models: what a node holds. */
bool node_is_inline(colette_node_type t);
bool node_holds_inline(colette_node_type t); /* its content is mixed text */
bool node_holds_text_only(colette_node_type t);
/* Attributes a type may carry, in the order the writer writes them;
 * terminated by COLETTE_ATTR_COUNT_. */
const colette_attr *node_attrs_of(colette_node_type t);
bool node_attr_required(colette_node_type t, colette_attr a);
/* Does a type take formula and arguments? */
bool node_takes_formula(colette_node_type t);
/* The type of an element of letter XML named `name` whose parent is of
 * type `parent`; COLETTE_NODE_NONE if none. */
colette_node_type node_type_of(const char *name, colette_node_type parent);
/* Is value one that attribute a of a node of type t may take?  A reason
 * in *why when not. */
bool node_attr_valid(colette_node_type t, colette_attr a, const char *value, const char **why);

/* Append text to a node's last text child, or a new text child (the
 * mapper writes text in pieces). */
colette_status node_append_text(colette_node *parent, const char *s, size_t n);

/* The checks every letter passes before it is written and after it is
 * read, beyond what node edits check: the root's children in order
 * (metadata?, head?, meeting?, body, annex*), at most one date, place,
 * subject and own reference (collective letter or circular) in the head, every required
 * attribute set, arguments only with a formula. */
colette_status letter_check(const colette_letter *l, colette_error *err);

#endif
