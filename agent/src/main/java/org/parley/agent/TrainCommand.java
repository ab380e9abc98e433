package org.parley.agent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.parley.agent.start.KeyText;
import org.parley.agent.start.SupportLink;
import picocli.CommandLine.Command;

/**
 * {@code cds-training}: the packaging's training run. Run once with {@code -XX:ArchiveClassesAtExit},
 * it loads the classes a support session uses, rehearses its cryptography and walks the HTTP client through a refused
 * connection, so the archive the launcher maps at start-up holds them. Needs no display or server.
 */
@Command(name = "cds-training", hidden = true, description = "Packaging only: loads the classes for the class-data-sharing archive.")
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        int loaded = Classes.load(Main.class.getClassLoader(), Classes.SUPPORT);
        SupportLink.parse("parley-support:123456789?server=https%3A%2F%2Fparley.example.org");
        KeyText.problem("123 456 789");
        KeyRehearsal.run();
        try {
            // port 9 (discard) on loopback is closed on a build machine: the request fails fast after the stack is loaded
            SupportJoin.httpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/")).timeout(Duration.ofSeconds(2))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException expected) {
            // refused: the point was loading the client
        }
        System.out.println("cds-training: loaded " + loaded + " classes");
        return 0;
    }
}
