package org.parley.agent;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.parley.agent.start.KeyWindow;
import org.parley.agent.start.SupportLink;

/**
 * The agent opened without a command (the packaged launcher, a double-clicked jar) or with a
 * {@code parley-support:} link: the key window, then the same support session as {@code support}.
 * While the person reads the window and types the key, the agent gets ready — opens the screen and
 * input, loads its classes, rehearses the session's cryptography, makes the HTTP connection to a server it already knows — so that after
 * Start only the key's redemption and the relay's handshake remain (issue 15: key entry to first
 * frame under a second).
 */
final class WindowStart {
    /** The server a packaged agent was built for ({@code -Dparley.server=…} in its launcher), if any. */
    static final String SERVER_PROPERTY = "parley.server";
    private static final int FPS = 10;

    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    private final PrintWriter out = new PrintWriter(System.out, true);
    private KeyWindow window;

    private record Ready(Optional<Desktop> desktop, String problem, HttpClient http) {
    }

    /** Whether {@code args} ask for the window: none at all on a display, or only a support link. */
    static boolean wanted(String[] args) {
        return args.length == 0 && !GraphicsEnvironment.isHeadless() || args.length == 1 && SupportLink.isLink(args[0]);
    }

    /** Shows the window and runs what follows; returns the exit code. */
    static int run(String[] args) throws InterruptedException {
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("parley-agent: the support window needs a display; set DISPLAY, or run: parley-agent support <key> --server <url>");
            return SupportCommand.FAILED;
        }
        AgentLog.install();
        SupportLink link = args.length == 1 ? SupportLink.parse(args[0]) : new SupportLink(Optional.empty(), Optional.empty());
        if (link.server().isEmpty()) {
            link = new SupportLink(link.key(), Optional.ofNullable(System.getProperty(SERVER_PROPERTY)).filter(s -> !s.isBlank()));
        }
        return new WindowStart().show(link);
    }

    private int show(SupportLink link) throws InterruptedException {
        window = KeyWindow.show(link, new KeyWindow.Listener() {
            @Override
            public void onStart(String key, URI server) {
                start(key, server);
            }

            @Override
            public void onClosed() {
                exit.complete(0);
            }
        });
        Thread.ofPlatform().name("parley-get-ready").daemon().start(() -> getReady(link));
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void getReady(SupportLink link) {
        long began = System.nanoTime();
        StringWriter problem = new StringWriter();
        Optional<Desktop> desktop = Desktop.open("support", new PrintWriter(problem, true), Optional.empty());
        HttpClient http = SupportJoin.httpClient();
        ready.complete(new Ready(desktop, problem.toString().strip().replaceFirst("^parley-agent: ", ""), http));
        int loaded = Classes.load(Main.class.getClassLoader(), Classes.SUPPORT);
        KeyRehearsal.run();
        // an idle connection the key's redemption reuses: TCP and TLS are done before Start
        link.server().flatMap(KeyWindow::serverAddress).ifPresent(server -> {
            try {
                http.send(HttpRequest.newBuilder(server.resolve("/")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception unreachable) {
                // Start will say so, with the address the person confirmed
            }
        });
        AgentLog.info("ready for the support key: " + loaded + " classes loaded, screen " + (desktop.isPresent() ? "open" : "unavailable")
                + ", in " + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms");
    }

    private void start(String key, URI server) {
        AgentLog.info("support key entered in the key window");
        var joined = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            Ready got = ready.get();
            if (got.desktop().isEmpty()) {
                window.failed(got.problem());
                return;
            }
            int code = new SupportJoin(got.desktop().get(), got.http(), FPS).run(server, key, Optional.empty(), out, out, Optional.empty(), () -> {
                joined.set(true);
                window.close();
            });
            exit.complete(code);
        } catch (SupportJoin.NotJoined e) {
            window.failed(e.getMessage());
        } catch (Exception | Error e) {
            AgentLog.warn("support session failed", e);
            if (joined.get()) {
                exit.complete(SupportCommand.FAILED);
            } else {
                window.failed("Something went wrong: " + e.getMessage());
            }
        }
    }
}
