package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldLabelTest {
    @Test
    void errorsNameFieldsAsTheFormsDo() {
        assertThat(FieldLabel.of("firstName")).isEqualTo("First name");
        assertThat(FieldLabel.of("password")).isEqualTo("Password");
        assertThat(FieldLabel.of("startsAt")).isEqualTo("Start");
        assertThat(FieldLabel.of("durationMinutes")).isEqualTo("Duration (minutes)");
        assertThat(FieldLabel.of("invitees[].email")).isEqualTo("Email address");
    }

    @Test
    void aRequestMissingAFieldHearsItsLabel() {
        var body = JsonBody.parse("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Set.of("firstName"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> body.requiredText("firstName", 100))
                .hasMessage("First name is required.");
    }
}
