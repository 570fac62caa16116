package io.dictdb.codec.tck;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Puts the codec and the kit's subclass in front of every failure of the kit. The kit's tests live in
 * {@code @Nested} classes, which test reports name after the kit ({@code CodecCompatibilityKit$HostileInput}), not
 * after the codec's test class; without this, two codecs tested in one module fail with the same names.
 */
final class FailureNamesTheCodec implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof TestAbortedException) {
            throw failure; // a skipped long test is not a failure
        }
        Object outer = context.getRequiredTestInstances().getAllInstances().get(0);
        if (!(outer instanceof CodecCompatibilityKit kit)) {
            throw failure;
        }
        String codec;
        try {
            codec = "codec '" + kit.codec().name() + "'";
        } catch (RuntimeException e) {
            codec = "the codec";
        }
        throw new AssertionError(codec + " (" + kit.getClass().getName() + "): " + failure.getMessage(), failure);
    }
}
