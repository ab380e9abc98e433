package org.parley.agent.consent;

import java.awt.Component;
import java.awt.Point;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where buttons are on the screen, as the log line {@code allow=x,y,w,h decline=x,y,w,h}: an
 * end-to-end test (or a person reading the log) can click them with a real pointer event, which is
 * the only honest way to prove a prompt answers to the customer's clicks.
 */
final class ButtonPlaces {

    private ButtonPlaces() {
    }

    /** The buttons in the map's order; call on the event thread while they are showing. */
    static String of(Map<String, ? extends Component> buttons) {
        return buttons.entrySet().stream().map(entry -> {
            Component button = entry.getValue();
            Point at = button.getLocationOnScreen();
            return entry.getKey() + "=" + at.x + "," + at.y + "," + button.getWidth() + "," + button.getHeight();
        }).collect(Collectors.joining(" "));
    }
}
