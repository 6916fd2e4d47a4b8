/* A user's program, built against an installed libcolette: reads a letter,
 * prints its date, maps a normalized flat document, and defines names of
 * its own that colette's modules use inside (buf_free, recognise): with a
 * static libcolette they must not clash. */
#include <colette.h>
#include <stdio.h>
#include <string.h>

void buf_free(void *p);
void buf_free(void *p) { (void)p; }
int recognise(void);
int recognise(void) { return 42; }

int main(int argc, char **argv) {
  if (argc != 3) return 2;
  FILE *f = fopen(argv[1], "rb");
  colette_letter *l = NULL;
  colette_error err;
  if (!f || colette_letter_read_file(f, argv[1], &l, &err) != COLETTE_OK) return 1;
  fclose(f);
  const char *when = colette_node_attr(colette_letter_find(l, COLETTE_NODE_DATE), COLETTE_ATTR_WHEN);
  printf("date %s\n", when ? when : "-");
  colette_letter_free(l);
  /* the whole map stage, through the public API only */
  static char flat[1 << 20];
  f = fopen(argv[2], "rb");
  size_t n = f ? fread(flat, 1, sizeof flat, f) : 0;
  if (f) fclose(f);
  colette_map_options opts;
  colette_map_options_default(&opts);
  colette_map_report rep;
  if (colette_map_doc(flat, n, &opts, &l, &rep, &err) != COLETTE_OK) {
    fprintf(stderr, "map: %s\n", err.message);
    return 1;
  }
  printf("letter %d, signatory %s\n", rep.is_letter,
         colette_node_get_type(colette_letter_find(l, COLETTE_NODE_NAME)) ? "found" : "none");
  colette_letter_free(l);
  return recognise() == 42 ? 0 : 1;
}
