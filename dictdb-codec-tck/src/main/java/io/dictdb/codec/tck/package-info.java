/**
 * The codec compatibility kit (TCK). A codec's test extends {@link io.dictdb.codec.tck.CodecCompatibilityKit}:
 * <pre>
 * class MyCodecTest extends CodecCompatibilityKit {
 *     &#64;Override
 *     protected Codec codec() {
 *         return new MyCodec();
 *     }
 * }
 * </pre>
 */
package io.dictdb.codec.tck;
