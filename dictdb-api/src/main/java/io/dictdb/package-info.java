/**
 * The core types of DictDB: {@link io.dictdb.Database}, {@link io.dictdb.Table}, {@link io.dictdb.Record}, schemas,
 * options and exceptions. Everything here depends only on the JDK; implementations live in {@code dictdb-core}.
 */
package io.dictdb;
