package org.parley.agent;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.util.Optional;
import org.parley.agent.input.InputInjector;
import org.parley.agent.present.SharedArea;
import org.parley.agent.screen.Monitors;
import org.parley.agent.screen.ScreenCapture;

/** This computer's screen and input, for the commands that share or hand over a desktop. */
record Desktop(ScreenCapture capture, InputInjector injector, SharedArea area) {

    /**
     * The desktop, sharing the monitor {@code monitor} names ("1"…, "all"; empty: the main one), or
     * empty after telling the person (on {@code err}) why there is none.
     */
    static Optional<Desktop> open(String command, PrintWriter err, Optional<String> monitor) {
        if (GraphicsEnvironment.isHeadless()) {
            err.println("parley-agent: " + command + " needs a display; set DISPLAY");
            return Optional.empty();
        }
        ScreenCapture capture;
        InputInjector injector;
        try {
            capture = ScreenCapture.ofDefaultScreen();
            injector = InputInjector.forDefaultScreen();
        } catch (AWTException e) {
            err.println("parley-agent: cannot capture this screen or send it input: " + e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(new Desktop(capture, injector, SharedArea.of(Monitors.detect(), capture, injector, monitor)));
        } catch (IllegalArgumentException e) {
            capture.close();
            err.println("parley-agent: " + e.getMessage());
            return Optional.empty();
        }
    }
}
