/**
 * Logging support of the core: sampling of DEBUG events on hot paths. The core logs through the SLF4J 2 API only,
 * with key-values, and never configures logging.
 */
package io.dictdb.core.log;
