/* colette-compare: language versions of one letter, fact by fact. See colette-compare(1). */
#include <colette.h>

int main(int argc, char **argv) { return colette_compare_main(argc, argv, stdin, stdout, stderr); }
