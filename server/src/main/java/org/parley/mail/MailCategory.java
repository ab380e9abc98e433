package org.parley.mail;

/** Transactional mail always goes; the marketing kinds go only to accounts that opted in. */
public enum MailCategory {
    TRANSACTIONAL, NEWSLETTER, OFFERS;

    public boolean marketing() {
        return this != TRANSACTIONAL;
    }
}
