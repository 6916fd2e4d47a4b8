/* colette: the filters as one toolchain. See colette(1). */
#include <colette.h>

int main(int argc, char **argv) { return colette_driver_main(argc, argv, stdin, stdout, stderr); }
