/* lang.c: script detection and the English/French/Spanish classifier. */
#include "lang.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "calnames.h"

/*
 * Function words of each language, lower case.  Words the languages share
 * (la, en, un, que, se, son, le, les, entre, no, a) are left out: they tell
 * nothing.  These lists are the classifier's model, not locale data ICU
 * has.
 */
static const char *const EN[] = {
    "the",     "of",   "and",  "to",    "is",     "for",     "on",    "that",  "with",   "as",
    "by",      "be",   "are",  "this",  "will",   "at",      "from",  "or",    "an",     "it",
    "which",   "was",  "have", "has",   "not",    "their",   "its",   "been",  "may",    "should",
    "would",   "can",  "all",  "also",  "any",    "other",   "such",  "these", "those",  "into",
    "than",    "we",   "our",  "you",   "your",   "they",    "there", "if",    "but",    "who",
    "what",    "when", "were", "he",    "she",    "his",     "her",   "them",  "more",   "about",
    "only",    "do",   "does", "upon",  "within", "between", "under", "after", "before", "during",
    "through", "each", "both", "being", "must",   "shall",   "could", "how",   "in",     "i"};
static const char *const FR[] = {
    "des",   "du",    "une",    "et",   "est",   "pour",  "par",      "sur",     "dans",    "qui",
    "sont",  "au",    "aux",    "avec", "ce",    "cette", "ces",      "sa",      "ses",     "leur",
    "leurs", "ne",    "pas",    "plus", "ou",    "il",    "elle",     "nous",    "vous",    "été",
    "être",  "sera",  "seront", "lors", "aussi", "mais",  "comme",    "tous",    "toutes",  "tout",
    "sans",  "sous",  "chez",   "dont", "ainsi", "après", "avant",    "pendant", "vers",    "selon",
    "afin",  "notre", "votre",  "nos",  "vos",   "ils",   "elles",    "où",      "très",    "déjà",
    "celui", "celle", "ceux",   "cela", "à",     "je",    "veuillez", "madame",  "monsieur"};
static const char *const ES[] = {
    "el",      "los",     "las",   "del",     "y",     "por",   "para",  "con",    "una",   "es",
    "al",      "lo",      "como",  "más",     "su",    "sus",   "este",  "esta",   "estos", "estas",
    "pero",    "sin",     "sobre", "también", "muy",   "hay",   "fue",   "ser",    "está",  "están",
    "ha",      "han",     "ya",    "cuando",  "donde", "desde", "hasta", "porque", "qué",   "cómo",
    "nuestro", "nuestra", "usted", "ustedes", "señor", "señora"};

/* Month and weekday names (wide and abbreviated) of each classified
 * language, lower case, from ICU's date format symbols. */
#define MAX_NAMES 80
typedef struct names {
  char v[MAX_NAMES][32];
  int n;
} names;

/* Every known word once, sorted, with what it says: function word of
 * English, French, Spanish (bits 0-2), month or weekday name (bits 3-5). */
typedef struct entry {
  char w[32];
  unsigned char mask;
} entry;

/* The language ICU's likely subtags give a script, asked once. */
#define SCRIPTS 256
typedef struct script_lang {
  bool known;
  char lang[16];
} script_lang;

struct lang_classifier {
  UBreakIterator *words;
  UChar *u;
  int32_t cap;
  entry *table;
  size_t n;
  /* the table's entries whose word starts with byte b: [first[b], first[b + 1]) */
  uint32_t first[257];
  script_lang *scripts; /* SCRIPTS, by UScriptCode */
};

static int cmp_entry(const void *a, const void *b) {
  return strcmp(((const entry *)a)->w, ((const entry *)b)->w);
}

/* Words are appended as they come; table_merge sorts them once and makes a
 * word listed by several languages one entry with their bits (a scan for
 * each word was quadratic in the lists' length, paid by every call). */
static void table_add(entry *t, size_t *n, const char *w, unsigned char bit) {
  size_t k = strnlen(w, sizeof t[*n].w - 1); /* cut as snprintf would, without its cost */
  memcpy(t[*n].w, w, k);
  t[*n].w[k] = '\0';
  t[(*n)++].mask = bit;
}

static void table_merge(entry *t, size_t *n) {
  qsort(t, *n, sizeof *t, cmp_entry);
  size_t w = 0;
  for (size_t i = 0; i < *n; i++) {
    if (w > 0 && strcmp(t[w - 1].w, t[i].w) == 0)
      t[w - 1].mask |= t[i].mask;
    else
      t[w++] = t[i];
  }
  *n = w;
}

/* The first-byte index of the sorted table: a word is looked for only
 * among those starting as it does. */
static void index_first(lang_classifier *c) {
  size_t i = 0;
  for (unsigned b = 0; b < 256; b++) {
    c->first[b] = (uint32_t)i;
    while (i < c->n && (unsigned char)c->table[i].w[0] == b)
      i++;
  }
  c->first[256] = (uint32_t)c->n;
}

static unsigned char lookup(const lang_classifier *c, const char *w) {
  entry key;
  size_t len = strlen(w);
  if (len >= sizeof key.w) return 0; /* longer than any word of the table */
  memcpy(key.w, w, len + 1);
  unsigned char b = (unsigned char)w[0];
  const entry *e =
      bsearch(&key, c->table + c->first[b], c->first[b + 1] - c->first[b], sizeof key, cmp_entry);
  return e ? e->mask : 0;
}

unsigned lang_word_kind(const lang_classifier *c, const char *w) { return w ? lookup(c, w) : 0; }

static void load_names(names *out, const char *locale) {
  cal_locale *f = cal_locale_open(locale);
  if (!f) return;
  static const cal_names_kind kinds[] = {CAL_MONTHS, CAL_SHORT_MONTHS, CAL_WEEKDAYS};
  for (size_t t = 0; t < sizeof kinds / sizeof *kinds; t++) {
    int32_t count = cal_names(f, kinds[t]);
    for (int32_t i = 0; i < count && out->n < MAX_NAMES; i++)
      if (cal_name_folded(f, kinds[t], i, out->v[out->n], sizeof out->v[0]) > 2 &&
          out->v[out->n][0])
        out->n++;
  }
  cal_locale_close(f);
}

lang_classifier *lang_classifier_new(void) {
  lang_classifier *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  UErrorCode e = U_ZERO_ERROR;
  c->words = ubrk_open(UBRK_WORD, "", NULL, 0, &e);
  if (U_FAILURE(e)) {
    free(c);
    return NULL;
  }
  static const struct {
    const char *const *words;
    size_t n;
  } lists[3] = {
      {EN, sizeof EN / sizeof *EN}, {FR, sizeof FR / sizeof *FR}, {ES, sizeof ES / sizeof *ES}};
  static const char *const locales[3] = {"en", "fr", "es"};
  size_t cap = 3 * MAX_NAMES + lists[0].n + lists[1].n + lists[2].n;
  c->table = calloc(cap, sizeof *c->table);
  c->scripts = calloc(SCRIPTS, sizeof *c->scripts);
  names *dates = calloc(3, sizeof *dates);
  if (!c->table || !c->scripts || !dates) {
    free(dates);
    lang_classifier_free(c);
    return NULL;
  }
  for (int l = 0; l < 3; l++) {
    for (size_t i = 0; i < lists[l].n; i++)
      table_add(c->table, &c->n, lists[l].words[i], (unsigned char)(1u << l));
    load_names(&dates[l], locales[l]);
    for (int i = 0; i < dates[l].n; i++)
      table_add(c->table, &c->n, dates[l].v[i], (unsigned char)(8u << l));
  }
  free(dates);
  table_merge(c->table, &c->n);
  index_first(c);
  return c;
}

void lang_classifier_free(lang_classifier *c) {
  if (!c) return;
  ubrk_close(c->words);
  free(c->u);
  free(c->table);
  free(c->scripts);
  free(c);
}

/* The primary language ICU most likely writes a script in ("Hani" -> "zh"). */
static void language_of_script(UScriptCode s, char *out, size_t n) {
  char tag[32], full[64];
  snprintf(tag, sizeof tag, "und-%s", uscript_getShortName(s));
  UErrorCode e = U_ZERO_ERROR;
  uloc_addLikelySubtags(tag, full, sizeof full, &e);
  char lang[16] = "";
  if (U_SUCCESS(e)) {
    e = U_ZERO_ERROR;
    uloc_getLanguage(full, lang, sizeof lang, &e);
  }
  snprintf(out, n, "%s", U_SUCCESS(e) && lang[0] && strcmp(lang, "und") != 0 ? lang : "");
}

void lang_script_of(const char *tag, char *script, size_t n) {
  char loc[64], full[64];
  UErrorCode e = U_ZERO_ERROR;
  script[0] = '\0';
  if (!tag || !*tag) return;
  uloc_forLanguageTag(tag, loc, sizeof loc, NULL, &e);
  if (U_FAILURE(e)) return;
  uloc_addLikelySubtags(loc, full, sizeof full, &e);
  if (U_FAILURE(e)) return;
  uloc_getScript(full, script, (int32_t)n, &e);
  if (U_FAILURE(e)) script[0] = '\0';
}

bool lang_same(const char *a, const char *b) {
  if (!a || !b) return false;
  size_t i = 0;
  while (a[i] && a[i] != '-' && a[i] != '_' && b[i] && b[i] != '-' && b[i] != '_') {
    char x = a[i], y = b[i];
    if ((x | 0x20) != (y | 0x20)) return false;
    i++;
  }
  bool ea = !a[i] || a[i] == '-' || a[i] == '_', eb = !b[i] || b[i] == '-' || b[i] == '_';
  return i > 0 && ea && eb;
}

/* s into out (n bytes), cut as snprintf("%s") would (NULL as glibc's
 * "(null)", which an unknown script's name would have been). */
static void copy(char *out, size_t n, const char *s) {
  if (!s) s = "(null)";
  size_t len = 0;
  while (len + 1 < n && s[len])
    len++;
  memcpy(out, s, len);
  out[len] = '\0';
}

/* Count function words and diacritics of Latin text. */
static void classify_latin(lang_classifier *c, const UChar *u, int32_t n, lang_guess *out) {
  double en = 0, fr = 0, es = 0;
  int words = 0;
  for (int32_t i = 0; i < n; i++) {
    switch (u[i]) {
    case 0xE0:
    case 0xE2:
    case 0xE7:
    case 0xE8:
    case 0xEA:
    case 0xEB:
    case 0xEE:
    case 0xEF:
    case 0xF4:
    case 0xF9:
    case 0xFB:
    case 0x153:
    case 0xC0:
    case 0xC7:
    case 0xC9:
    case 0xC8:
      fr += 0.5; /* à â ç è ê ë î ï ô ù û œ À Ç É È */
      break;
    case 0xF1:
    case 0xD1:
    case 0xBF:
    case 0xA1:
    case 0xE1:
    case 0xED:
    case 0xF3:
    case 0xFA:
      es += 0.5; /* ñ Ñ ¿ ¡ á í ó ú */
      break;
    default: break;
    }
  }
  UErrorCode e = U_ZERO_ERROR;
  ubrk_setText(c->words, u, n, &e);
  if (U_FAILURE(e)) return;
  int32_t start = ubrk_first(c->words);
  for (int32_t end = ubrk_next(c->words); end != UBRK_DONE;
       start = end, end = ubrk_next(c->words)) {
    if (ubrk_getRuleStatus(c->words) < UBRK_WORD_LETTER) continue;
    words++;
    UChar low[64];
    if (end - start >= 60) continue;
    char w[256];
    int32_t k = start;
    while (k < end && u[k] < 0x80)
      k++;
    if (k == end) { /* ASCII: lower case is ASCII's, in every locale ICU's root has */
      for (int32_t j = start; j < end; j++)
        w[j - start] = (char)(u[j] >= 'A' && u[j] <= 'Z' ? u[j] + ('a' - 'A') : u[j]);
      w[end - start] = '\0';
    } else {
      e = U_ZERO_ERROR;
      int32_t ln = u_strToLower(low, 64, u + start, end - start, "", &e);
      if (U_FAILURE(e) || ln >= 64) continue;
      e = U_ZERO_ERROR;
      u_strToUTF8(w, sizeof w, NULL, low, ln, &e);
      if (U_FAILURE(e)) continue;
    }
    /* French elision: l'…, d'…, qu'… (straight or curly apostrophe) */
    char *apos = strstr(w, "'");
    char *curly = strstr(w, "\xE2\x80\x99");
    if ((apos && apos - w <= 2) || (curly && curly - w <= 2)) {
      const char *p = w;
      if ((p[0] == 'l' || p[0] == 'd' || p[0] == 'j' || p[0] == 'n' || p[0] == 's' || p[0] == 'c' ||
           p[0] == 'm' || p[0] == 't' || strncmp(p, "qu", 2) == 0))
        fr += 1;
      continue;
    }
    unsigned char m = lookup(c, w);
    if (m & 1)
      en += 1;
    else if (m & 2)
      fr += 1;
    else if (m & 4)
      es += 1;
    /* a month or weekday name that only one language has */
    unsigned char d = (unsigned char)(m >> 3);
    if (d == 1)
      en += 1;
    else if (d == 2)
      fr += 1;
    else if (d == 4)
      es += 1;
  }
  out->words = words;
  const char *best = NULL;
  double b = 0, second = 0;
  const struct {
    const char *lang;
    double score;
  } s[3] = {{"en", en}, {"fr", fr}, {"es", es}};
  for (int i = 0; i < 3; i++) {
    if (s[i].score > b) {
      second = b;
      b = s[i].score;
      best = s[i].lang;
    } else if (s[i].score > second) {
      second = s[i].score;
    }
  }
  bool sure = words >= LANG_MIN_WORDS && b >= 2 && b >= 2 * second;
  out->kind = sure ? LANG_CLASSIFIED : LANG_UNSURE;
  /* a single function word says something about a short text only */
  bool hint = best && b >= 1 && b > second && (words < LANG_MIN_WORDS || b >= 2);
  copy(out->lang, sizeof out->lang, hint ? best : "");
}

void lang_guess_text(lang_classifier *c, const char *text, size_t n, lang_guess *out) {
  memset(out, 0, sizeof *out);
  out->kind = LANG_NEUTRAL;
  UErrorCode e = U_ZERO_ERROR;
  int32_t len = 0;
  if (n > INT32_MAX / 2) n = INT32_MAX / 2;
  /* never more UTF-16 units than UTF-8 bytes: converted in one go */
  if ((int32_t)n + 1 > c->cap) {
    UChar *u = realloc(c->u, (n + 1) * sizeof *u);
    if (!u) return;
    c->u = u;
    c->cap = (int32_t)n + 1;
  }
  u_strFromUTF8(c->u, c->cap, &len, text, (int32_t)n, &e);
  if (U_FAILURE(e)) return;
  lang_guess_text16(c, c->u, len, out);
}

void lang_guess_text16(lang_classifier *c, const UChar *u, int32_t len, lang_guess *out) {
  memset(out, 0, sizeof *out);
  out->kind = LANG_NEUTRAL;
  UErrorCode e = U_ZERO_ERROR;

  /* letters per script */
  long latin = 0, cjk = 0, kana = 0, hangul = 0, other = 0;
  UScriptCode other_script = USCRIPT_INVALID_CODE;
  long other_best = 0;
  long counts[USCRIPT_CODE_LIMIT > 256 ? 256 : USCRIPT_CODE_LIMIT];
  bool counting = false; /* counts zeroed (at the first letter of another script) */
  for (int32_t i = 0; i < len;) {
    UChar32 cp;
    U16_NEXT(u, i, len, cp);
    if (cp < 0x80) { /* ASCII: its letters are Latin, nothing else is one */
      latin += (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
      continue;
    }
    if (!u_isalpha(cp)) continue;
    e = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(cp, &e);
    if (U_FAILURE(e) || s == USCRIPT_COMMON || s == USCRIPT_INHERITED) continue;
    switch (s) {
    case USCRIPT_LATIN: latin++; break;
    case USCRIPT_HAN: cjk++; break;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA: kana++; break;
    case USCRIPT_HANGUL: hangul++; break;
    default:
      other++;
      if (!counting) {
        memset(counts, 0, sizeof counts);
        counting = true;
      }
      if ((int)s >= 0 && (int)s < (int)(sizeof counts / sizeof *counts) &&
          ++counts[s] > other_best) {
        other_best = counts[s];
        other_script = s;
      }
    }
  }
  long letters = latin + cjk + kana + hangul + other;
  /* As a weight (which language has most of a document), a CJK character
   * counts as much as a short word: three Latin letters' worth. */
  out->letters = latin + other + LANG_CJK_WEIGHT * (cjk + kana + hangul);
  if (letters == 0) return;
  /* A Chinese or Japanese sentence carries Latin acronyms (ITU-T, SG11);
   * a quarter of its letters in CJK scripts is a CJK paragraph. */
  long east = cjk + kana + hangul;
  UScriptCode dominant;
  if (east * LANG_CJK_WEIGHT >= letters - east)
    dominant = kana ? USCRIPT_JAPANESE : hangul > cjk ? USCRIPT_KOREAN : USCRIPT_HAN;
  else if (latin >= other)
    dominant = USCRIPT_LATIN;
  else
    dominant = other_script;
  copy(out->script, sizeof out->script, uscript_getShortName(dominant));
  if (dominant != USCRIPT_LATIN) {
    if ((int)dominant >= 0 && (int)dominant < SCRIPTS) {
      script_lang *k = &c->scripts[dominant];
      if (!k->known) language_of_script(dominant, k->lang, sizeof k->lang);
      k->known = true;
      memcpy(out->lang, k->lang, sizeof out->lang);
    } else {
      language_of_script(dominant, out->lang, sizeof out->lang);
    }
    out->kind = out->lang[0] ? LANG_SCRIPT : LANG_UNSURE;
    return;
  }
  classify_latin(c, u, len, out);
}
