/**
 * The kit's model-based part: {@link io.dictdb.table.tck.model.TableModelKit} runs random op sequences against a
 * reference model of a table (a plain list of maps and the kit's own reading of the value and condition semantics).
 */
package io.dictdb.table.tck.model;
