/**
 * The change feed: subscriptions that deliver every committed change to a listener on their own thread, each with its
 * own bounded buffer, so that no listener ever slows a writer or another listener.
 */
package io.dictdb.core.feed;
