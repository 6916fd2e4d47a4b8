/* colette-map: the flat document to the canonical letter XML. See colette-map(1). */
#include <colette.h>

int main(int argc, char **argv) { return colette_map_main(argc, argv, stdin, stdout, stderr); }
