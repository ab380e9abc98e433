package org.parley.mail;

/**
 * Whether the owner of an address opted in to a kind of marketing mail. Asked at send time for
 * every marketing mail: an address that belongs to no account (an event registrant, say) never
 * consents.
 */
@FunctionalInterface
public interface MarketingConsent {
    boolean allows(String address, MailCategory category);
}
