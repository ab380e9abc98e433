package org.parley.protocol.client;

import java.util.List;
import org.parley.protocol.keys.VerificationCode;

/**
 * Who holds the current epoch's secret, as the keyholder's {@code members} message says (protocol
 * README §8), and the verification code (§6) everyone in it should see.
 *
 * @param epoch the epoch number
 * @param keyholder the id of the participant who hands out keys
 * @param members the ids of every participant holding this epoch's secret, the keyholder included
 * @param code the verification code of this epoch over the members' public keys
 */
public record Membership(long epoch, int keyholder, List<Integer> members, VerificationCode code) {

    /** Copies the member list. */
    public Membership {
        members = List.copyOf(members);
    }

    /** Whether {@code id} holds this epoch's secret. */
    public boolean includes(int id) {
        return members.contains(id);
    }
}
