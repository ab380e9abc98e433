package org.parley.agent.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.parley.protocol.client.SessionClient;

/**
 * How long the customer's agent keeps trying to get back into a session, and when it stops: what
 * decides whether a support session survives a Wi-Fi drop or a server restart, and that an ended
 * session is not knocked on for two minutes. The clock here moves without sleeping.
 */
class ReconnectingLinkTest {
    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> ends = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger attempts = new AtomicInteger();
    private long now;

    private final ReconnectingLink.Clock clock = new ReconnectingLink.Clock() {
        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration pause) {
            pauses.add(pause);
            now += pause.toNanos();
        }
    };

    private final ReconnectingLink.Outcome outcome = new ReconnectingLink.Outcome() {
        @Override
        public void reconnected(SessionClient fresh, Arrival arrival) {
            ends.add("reconnected");
        }

        @Override
        public void over(String why) {
            ends.add(why);
        }
    };

    @Test
    void anUnreachableRelayIsTriedWithPausesGrowingToTenSecondsUntilTheServerWouldHaveDroppedTheSession() {
        var link = new ReconnectingLink(failing(unreachable()), clock, line -> { });

        link.retry(event -> { }, outcome);

        assertThat(pauses).containsExactly(seconds(1), seconds(2), seconds(4), seconds(8), seconds(10), seconds(10), seconds(10),
                seconds(10), seconds(10), seconds(10), seconds(10), seconds(10), seconds(10), seconds(10));
        assertThat(attempts).hasValue(pauses.size());
        assertThat(Duration.ofNanos(now)).as("no attempt after the server has let the session go")
                .isLessThanOrEqualTo(ReconnectingLink.RECONNECT_FOR);
        assertThat(ends).containsExactly("the connection to the server was lost and did not come back within 2 minutes");
    }

    @Test
    void aSessionThatEndedWhileAwayStopsTheRetriesAtTheFirstRefusal() {
        var link = new ReconnectingLink(failing(refused(404)), clock, line -> { });

        link.retry(event -> { }, outcome);

        assertThat(attempts).hasValue(1);
        assertThat(ends).containsExactly("the session ended while the connection was lost (HTTP 404)");
    }

    @Test
    void aServerStillRestartingIsTriedAgainUntilItAnswers() {
        List<RuntimeException> answers = List.of(refused(502), refused(503), unreachable(), refused(410));
        var link = new ReconnectingLink(listener -> {
            throw answers.get(attempts.getAndIncrement());
        }, clock, line -> { });

        link.retry(event -> { }, outcome);

        assertThat(attempts).hasValue(4);
        assertThat(pauses).containsExactly(seconds(1), seconds(2), seconds(4), seconds(8));
        assertThat(ends).containsExactly("the session ended while the connection was lost (HTTP 410)");
    }

    @Test
    void theFirstJoinTriesFourTimesOverSevenSecondsAndTellsTheCustomerEachTime() {
        List<String> said = new ArrayList<>();
        RuntimeException last = unreachable();
        var link = new ReconnectingLink(listener -> {
            throw attempts.incrementAndGet() == 4 ? last : unreachable();
        }, clock, said::add);

        assertThatThrownBy(() -> link.join(event -> { })).isSameAs(last);
        assertThat(pauses).containsExactly(seconds(1), seconds(2), seconds(4));
        assertThat(said).hasSize(3).allMatch(line -> line.startsWith("cannot reach the session yet ("));
        assertThat(said.get(2)).endsWith("trying again in 4 s");
    }

    @Test
    void aRefusedFirstJoinIsFinalEvenWhenTheServerSaysTryLater() {
        var link = new ReconnectingLink(failing(refused(503)), clock, line -> { });

        assertThatThrownBy(() -> link.join(event -> { })).hasRootCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(attempts).hasValue(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void endingTheSessionStopsTheRetriesWithoutAnotherAttempt() throws InterruptedException {
        var waiting = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        var blocking = new ReconnectingLink.Clock() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public void sleep(Duration pause) throws InterruptedException {
                waiting.countDown();
                try {
                    new CountDownLatch(1).await();
                } finally {
                    interrupted.countDown();
                }
            }
        };
        var link = new ReconnectingLink(failing(unreachable()), blocking, line -> { });

        link.rejoin(event -> { }, outcome);
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        link.close();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the pause is cut short").isTrue();
        assertThat(attempts).hasValue(0);
        assertThat(ends).as("no end of its own: the session is already ending").isEmpty();
    }

    @Test
    void onlyAConnectionThatBrokeIsReconnectedNotOneTheServerClosed() {
        assertThat(ReconnectingLink.broke(1006)).as("abnormal closure: Wi-Fi gone").isTrue();
        assertThat(ReconnectingLink.broke(1012)).as("service restart").isTrue();
        assertThat(ReconnectingLink.broke(1000)).as("the session ended").isFalse();
        assertThat(ReconnectingLink.broke(4403)).as("the server's own close, with a reason").isFalse();
    }

    private AssistedSession.Connector failing(RuntimeException failure) {
        return listener -> {
            attempts.incrementAndGet();
            throw failure;
        };
    }

    private static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }

    private static RuntimeException unreachable() {
        return new IllegalStateException("cannot open the relay connection: java.net.ConnectException");
    }

    /** As SessionClient reports an upgrade the relay answered with {@code status}. */
    private static RuntimeException refused(int status) {
        return new IllegalStateException("cannot open the relay connection",
                new ExecutionException(new WebSocketHandshakeException(new Refusal(status))));
    }

    private record Refusal(int statusCode) implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri()).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of(), (name, value) -> true);
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return URI.create("ws://127.0.0.1/relay");
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
