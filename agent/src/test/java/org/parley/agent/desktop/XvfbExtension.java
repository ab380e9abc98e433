package org.parley.agent.desktop;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Gives desktop tests an {@link Xvfb} parameter: one server for the whole test run, started on first
 * use and stopped when JUnit closes its root store. Where Xvfb is missing the test class is skipped
 * and the reason printed. The test JVM itself stays headless; tests run their AWT part in a
 * {@link ChildJvm} with {@code DISPLAY} set, because AWT reads {@code DISPLAY} only at startup.
 */
public final class XvfbExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> reason = Xvfb.unavailable();
        if (reason.isPresent()) {
            System.out.println(context.getDisplayName() + ": " + reason.get());
            throw new TestAbortedException(reason.get());
        }
        xvfb(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Xvfb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return xvfb(context);
    }

    private static Xvfb xvfb(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(XvfbExtension.class))
                .getOrComputeIfAbsent(Xvfb.class, key -> {
                    try {
                        return Xvfb.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("could not start Xvfb", e);
                    }
                }, Xvfb.class);
    }
}
