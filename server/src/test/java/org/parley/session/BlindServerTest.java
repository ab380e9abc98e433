package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.InvitationSecret;

/**
 * The server never sees what is said in a session. It runs as its own process, the test reaches
 * it only through a recording TCP proxy, three people chat and send binary content carrying secret
 * markers, and then the markers are looked for in every byte on the wire, the server's log, every
 * cell of its database and a dump of its heap. A control — the meeting's subject, which the server
 * does keep — must be found in the same places, so the search cannot pass by finding nothing.
 * {@link BlindServerWithBrowsersTest} does the same with two of the three in browsers.
 */
class BlindServerTest {
    @RegisterExtension
    final ObservedMeeting meeting = new ObservedMeeting();

    @Test
    void noMarkerSaidInTheSessionReachesTheWireTheLogTheDatabaseOrTheHeap(@TempDir Path dataDir, @TempDir Path dumps)
            throws Exception {
        meeting.start(dataDir, "Ivan", "Berta");
        var markers = meeting.markers;

        var k = InvitationSecret.random(new SecureRandom());
        String chat = markers.chat().secret();
        byte[] content = markers.binaryContent();
        List<String> publicKeys = new ArrayList<>();
        String heap;
        try (var organizer = meeting.join("Olga", k, "organizer");
             var a = meeting.join("Ivan", k, "A");
             var b = meeting.join("Berta", k, "B")) {
            List<Person> all = List.of(organizer, a, b);
            for (Person p : all) {
                p.awaitMembers(all.stream().map(Person::id).toList(), 2);
                publicKeys.add(p.publicKeyOf(p.id()));
            }
            for (Person sender : all) {
                sender.client().sendChat("Said by " + sender.id() + ": " + chat);
                sender.client().sendContent(RunMarkers.CONTENT_KIND, content, 0);
            }
            for (Person receiver : all) {
                receiver.events().awaitCount(SessionEvent.ContentReceived.class, 2, "binary content");
                receiver.events().awaitCount(SessionEvent.ChatReceived.class, 2, "chat");
                assertThat(receiver.events().chatTexts()).allMatch(t -> t.contains(chat));
                assertThat(receiver.events().all(SessionEvent.ContentReceived.class))
                        .allMatch(c -> c.kind() == RunMarkers.CONTENT_KIND && Arrays.equals(c.body(), content));
            }
            // while everyone is still connected: what the server process holds in memory right now
            heap = meeting.server().heap(dumps);
        }

        meeting.server().stop(heap).assertNoneOf(markers.said(), markers.subject(), publicKeys);
    }
}
