package org.parley.agent.unattended;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessPasswordPolicyTest {
    private final AccessPasswordPolicy policy = new AccessPasswordPolicy();

    @Test
    void shortOrGuessablePasswordsAreRefusedWithAdvice() {
        assertThat(policy.refusal("Tr0ub4dor&3")).hasValueSatisfying(advice -> assertThat(advice).contains("at least 12 characters"));
        assertThat(policy.refusal("password1234")).hasValueSatisfying(advice -> assertThat(advice).contains("too easy to guess"));
        assertThat(policy.refusal("qwertyuiopasdf")).isPresent();
        assertThat(policy.refusal("x".repeat(300))).hasValueSatisfying(advice -> assertThat(advice).contains("at most 256"));
    }

    @Test
    void unrelatedWordsPass() {
        assertThat(policy.refusal("lantern quietly orbit marmalade 7 tundra")).isEmpty();
    }
}
