package org.parley;

/** The server cannot listen on PARLEY_BIND:PARLEY_PORT (in use, not permitted, or no such address). */
final class PortUnavailableException extends RuntimeException {
    PortUnavailableException(String bind, int port, RuntimeException cause) {
        super("cannot listen on " + bind + ":" + port + ": " + reason(cause)
                + " (choose another PARLEY_PORT or PARLEY_BIND, or stop the program using it)", cause);
    }

    private static String reason(Throwable failure) {
        // Jetty's innermost exception says what the OS said ("Address already in use")
        Throwable innermost = failure;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() == null ? failure.getMessage() : innermost.getMessage();
    }
}
