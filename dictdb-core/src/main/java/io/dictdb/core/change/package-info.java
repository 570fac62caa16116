/**
 * The change log: sequence numbers for every committed change and the pending changes that backups capture.
 * Depends on the API (its change SPI) and on {@link io.dictdb.core.ChangeSet}.
 */
package io.dictdb.core.change;
