/* colette-render: a letter as text, HTML, DOCX, pandoc JSON, iCalendar or JSON, in
 * English, French or Chinese. See colette-render(1). */
#include <colette.h>

int main(int argc, char **argv) { return colette_render_main(argc, argv, stdin, stdout, stderr); }
