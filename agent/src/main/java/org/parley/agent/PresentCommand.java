package org.parley.agent;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code present --meeting <join link>}: for now it checks the link and stops, saying so. Joining a
 * session needs the protocol module's session client, which is being written; until then this
 * command shares nothing rather than pretending to.
 */
@Command(name = "present", description = "Share this screen in a meeting (not available yet: checks the link only).")
final class PresentCommand implements Callable<Integer> {
    static final int NOT_AVAILABLE = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--meeting", required = true, paramLabel = "<join link>",
            description = "The meeting's join link, e.g. https://parley.example.org/meeting.html?id=…#k=…")
    private String meeting;

    @Override
    public Integer call() {
        JoinLink link;
        try {
            link = JoinLink.parse(meeting);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--meeting: " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.println("Meeting " + link.meetingId() + " on " + link.server() + " (relay " + link.relay() + "), "
                + (link.secret().isPresent() ? "with" : "without") + " an invitation secret.");
        out.flush();
        var err = spec.commandLine().getErr();
        err.println("parley-agent: joining a session needs the session client "
                + "(org.parley.protocol.client.SessionClient), which is being built. Nothing was shared.");
        err.flush();
        return NOT_AVAILABLE;
    }
}
