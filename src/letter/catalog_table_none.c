/* catalog_table_none.c: no compiled forms, for scripts/catalog-table.c,
 * which compiles every form from its text (catalog_table.h). */
#include "catalog_table.h"

const cat_table colette_catalog_table = {0, NULL, NULL, NULL};
