package org.parley.agent;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.util.Optional;
import org.parley.agent.input.InputInjector;
import org.parley.agent.screen.ScreenCapture;

/** This computer's screen and input, for the commands that share or hand over a desktop. */
record Desktop(ScreenCapture capture, InputInjector injector) {

    /** The default screen, or empty after telling the person (on {@code err}) why there is none. */
    static Optional<Desktop> open(String command, PrintWriter err) {
        if (GraphicsEnvironment.isHeadless()) {
            err.println("parley-agent: " + command + " needs a display; set DISPLAY");
            return Optional.empty();
        }
        try {
            return Optional.of(new Desktop(ScreenCapture.ofDefaultScreen(), InputInjector.forDefaultScreen()));
        } catch (AWTException e) {
            err.println("parley-agent: cannot capture this screen or send it input: " + e.getMessage());
            return Optional.empty();
        }
    }
}
