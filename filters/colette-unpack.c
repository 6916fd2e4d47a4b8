/* colette-unpack: DOCX to the flat document XML. See colette-unpack(1). */
#include <colette.h>

int main(int argc, char **argv) { return colette_unpack_main(argc, argv, stdin, stdout, stderr); }
