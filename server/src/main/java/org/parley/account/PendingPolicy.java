package org.parley.account;

import java.util.Optional;
import java.util.UUID;

/** The material policy version an account still has to accept, if any (answered by the privacy feature). */
@FunctionalInterface
public interface PendingPolicy {
    Optional<Integer> versionToAccept(UUID accountId);
}
