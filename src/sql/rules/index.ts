/** The SQL rules (for `.sql` files through the `fortress/sql` language), by name, alphabetical. */
export const sqlRules = {};
