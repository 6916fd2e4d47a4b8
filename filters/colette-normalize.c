/* colette-normalize: the flat document made fit for matching. See colette-normalize(1). */
#include <colette.h>

int main(int argc, char **argv) {
  return colette_normalize_main(argc, argv, stdin, stdout, stderr);
}
