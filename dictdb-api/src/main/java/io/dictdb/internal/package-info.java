/**
 * Not API: the engine's pieces that DictDB's own modules share with the API module, namely the hash keys and
 * type-section bounds of values ({@link io.dictdb.internal.ValueKeys}, {@link io.dictdb.internal.TypeBound},
 * {@link io.dictdb.internal.BytesKey}) and the one interner of field names and record shapes
 * ({@link io.dictdb.internal.FieldNameInterner}), and the string encoder of the binary wire formats
 * ({@link io.dictdb.internal.Utf16Bytes}). Anything here may change or go in any release. The module exports this
 * package only to DictDB's own modules; on the class path nothing stops a program from calling it, so don't.
 */
package io.dictdb.internal;
