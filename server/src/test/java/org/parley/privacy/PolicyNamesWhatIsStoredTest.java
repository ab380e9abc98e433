package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;

/**
 * The privacy policy in force names every category of data the account export holds, and says
 * for each why it is kept and for how long. A new category in the export fails this test until
 * the policy (a new version, published by migration) and {@link #IN_THE_POLICY} name it.
 */
class PolicyNamesWhatIsStoredTest {
    /** Export key → the heading its paragraph in the policy starts with. */
    private static final Map<String, String> IN_THE_POLICY = Map.ofEntries(
            Map.entry("account", "Your account"),
            Map.entry("preferences", "Mail preferences"),
            Map.entry("sessions", "Sign-in sessions"),
            Map.entry("securityHistory", "Security history"),
            Map.entry("pendingMailLinks", "Links we mail you"),
            Map.entry("policyAcceptances", "Policy acceptances"),
            Map.entry("meetingsOrganized", "Meetings you organize"),
            Map.entry("sessionsOfMeetingsOrganized", "Meetings you organize"),
            Map.entry("invitationsSent", "Invitations"),
            Map.entry("invitationsReceived", "Invitations"),
            Map.entry("materialsUploaded", "Training materials"),
            Map.entry("registrations", "Registrations"),
            Map.entry("attendance", "Attendance"),
            Map.entry("qualityReports", "Quality reports"),
            Map.entry("supportTeams", "Support teams"),
            Map.entry("supportSessionsAsTechnician", "Support sessions"),
            Map.entry("supportSessionsInvitedTo", "Support sessions"),
            Map.entry("computersOwned", "Computers"),
            Map.entry("computerAccessGrantedToOthers", "Access to computers"),
            Map.entry("computerAccessGrantedToYou", "Access to computers"),
            Map.entry("connectionsToYourComputers", "Connections to computers"),
            Map.entry("yourConnectionsToComputers", "Connections to computers"));
    /** About the export itself, not data about the person. */
    private static final Set<String> NOT_CATEGORIES = Set.of("format", "exportedAt");

    @Test
    void everyCategoryOfARealExportHasAParagraphSayingWhatWhyAndHowLong() {
        try (var server = TestServer.start()) {
            var client = server.client();
            client.registerAndSignIn(server, "Pia", "Policy", "pia@example.com", PASSWORD);
            ExportTest.leaveTracesInEveryTable(server, client);
            var export = client.get("/api/v1/me/export").json();
            var categories = new ArrayList<String>();
            export.fieldNames().forEachRemaining(categories::add);
            categories.removeAll(NOT_CATEGORIES);

            List<String> paragraphs = Arrays.stream(server.client().get("/api/v1/policy").json().path("text").asText()
                    .split("\n\\s*\n")).map(String::strip).toList();

            assertThat(categories).as("export categories the policy test knows").hasSizeGreaterThan(15)
                    .allSatisfy(key -> assertThat(IN_THE_POLICY).as("a new export category: name it in the privacy policy "
                            + "and here").containsKey(key));
            for (String key : categories) {
                String heading = IN_THE_POLICY.get(key);
                assertThat(paragraphs).as("the policy's paragraph on %s (export key %s)", heading, key)
                        .anySatisfy(p -> assertThat(p).startsWith(heading + ". What: ").contains(" Why: ", " Kept: "));
            }
        }
    }

    @Test
    void thePolicySaysPlainlyThatMeetingContentIsNeverStored() {
        try (var server = TestServer.start()) {
            String text = server.client().get("/api/v1/policy").json().path("text").asText();

            assertThat(text).contains("What the server never stores");
            String never = Arrays.stream(text.split("\n\\s*\n")).filter(p -> p.startsWith("What the server never stores"))
                    .findFirst().orElseThrow();
            assertThat(never).contains("Chat", "voice", "video", "screens", "end-to-end encrypted", "never holds the keys",
                    "no recordings");
        }
    }
}
