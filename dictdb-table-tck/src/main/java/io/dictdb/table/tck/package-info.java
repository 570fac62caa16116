/**
 * The table compatibility kit (TCK). A backend's test extends
 * {@link io.dictdb.table.tck.TableCompatibilityKit} in one line:
 * <pre>
 * class MyBackendTest extends TableCompatibilityKit {
 *     &#64;Override
 *     protected Database newDatabase() {
 *         return MyBackend.create();
 *     }
 * }
 * </pre>
 * A backend that leaves a behaviour out overrides {@link io.dictdb.table.tck.TableCompatibilityKit#leftOut()}
 * with the {@link io.dictdb.table.tck.Capability capabilities} it lacks; the tests of those are then skipped
 * (reported as aborted by an assumption), never passed. A slower backend overrides
 * {@link io.dictdb.table.tck.TableCompatibilityKit#workScale()} to scale the property and concurrency tests' work down
 * (see {@code docs/table-tck.md}).
 */
package io.dictdb.table.tck;
