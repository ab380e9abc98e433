package org.parley.agent.present;

/** The server would not sign us in; the message says so without repeating the password. */
public final class SignInRefusedException extends Exception {

    SignInRefusedException(String message) {
        super(message);
    }
}
