/* catalog_table_none.c: no compiled catalogue, for scripts/catalog-table.c,
 * which reads the bundles themselves (catalog_table.h). */
#include "catalog_table.h"

const cat_table colette_catalog_table = {0};
