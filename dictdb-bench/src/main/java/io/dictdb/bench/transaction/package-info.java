/**
 * What transactions and the change feed cost: a single write outside and inside a transaction, the commit and the
 * rollback of a transaction of many writes in a large table, and an insert with 0, 1 and 4 subscribers.
 */
package io.dictdb.bench.transaction;
