package org.parley.account;

/** What happened to an account, as its owner sees it in the security history. */
public enum SecurityEventType {
    ACCOUNT_CREATED, EMAIL_VERIFIED, SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, PASSWORD_CHANGED,
    PASSWORD_RESET_REQUESTED, PASSWORD_RESET, PROFILE_CHANGED, EMAIL_CHANGE_REQUESTED, EMAIL_CHANGED,
    PREFERENCES_CHANGED, UNSUBSCRIBED, DATA_EXPORTED, POLICY_ACCEPTED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
