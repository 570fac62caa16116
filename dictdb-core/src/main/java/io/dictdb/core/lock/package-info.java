/**
 * Lock ordering for operations over several tables: locks are always taken in table-name order. Depends on the
 * table package only.
 */
package io.dictdb.core.lock;
