/**
 * The change log: sequence numbers for every committed change and the pending changes that backups capture.
 * Depends only on the API.
 */
package io.dictdb.core.change;
