package org.parley.account;

/** Which marketing mail the person wants. Both off unless they turn them on; transactional mail always goes. */
public record Preferences(boolean newsletter, boolean offers) {
    public static final Preferences NONE = new Preferences(false, false);
}
