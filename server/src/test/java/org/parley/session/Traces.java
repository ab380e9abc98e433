package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * What a server kept of a session, each place as text to search (one char per byte): its heap
 * while the session ran, every byte it received and sent (see {@link Traffic}), its log and its
 * database.
 */
public record Traces(String heap, String traffic, String log, String database) {

    /**
     * Asserts that no marker shows in any place. Controls come first, so the search cannot pass by
     * looking at nothing: the meeting's subject, which the server does keep, is in the heap, on the
     * wire and in the database; every participant's public key, sent in its JOIN, is in the
     * unmasked traffic; the log holds the relay's lines.
     */
    void assertNoneOf(List<Needles> markers, Needles subject, List<String> publicKeys) {
        assertThat(subject.foundIn(heap)).as("control: the subject is in the heap").isNotEmpty();
        assertThat(subject.foundIn(traffic)).as("control: the subject crossed the wire").isNotEmpty();
        assertThat(publicKeys).as("control: the unmasked JOINs are searched").isNotEmpty().allMatch(traffic::contains);
        assertThat(log).as("control: the log is captured").contains("relay join");
        assertThat(subject.foundIn(database)).as("control: the subject is in the database").isNotEmpty();
        for (Needles marker : markers) {
            assertThat(marker.foundIn(heap)).as("%s in the server's heap", marker).isEmpty();
            assertThat(marker.foundIn(traffic)).as("%s on the wire", marker).isEmpty();
            assertThat(marker.foundIn(log)).as("%s in the log", marker).isEmpty();
            assertThat(marker.foundIn(database)).as("%s in the database", marker).isEmpty();
        }
    }
}
