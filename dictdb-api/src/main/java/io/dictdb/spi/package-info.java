/**
 * Types for implementors: the definitions and changes that make up a database image, which codecs write and read
 * and which the core's change tracking produces. A third-party codec needs nothing but this module.
 */
package io.dictdb.spi;
