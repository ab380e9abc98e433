package org.parley.account;

import org.parley.config.PublicUrl;
import org.parley.mail.Mail;
import org.parley.security.SecretToken;

/** The wording of every account mail. All are transactional: they go whatever the preferences. */
final class AccountMails {
    private final PublicUrl base;

    AccountMails(PublicUrl base) {
        this.base = base;
    }

    Mail verify(Account account, SecretToken token) {
        return Mail.transactional(account.email().value(), "Confirm your email for Parley",
                "Hello " + account.firstName() + ",\n\nplease confirm your email address to finish creating your Parley account:\n\n"
                        + link("/verify.html?token=", token) + "\n\nThe link works for 48 hours. If you did not sign up, ignore this mail: "
                        + "without confirmation the account cannot be used.\n");
    }

    Mail alreadyRegistered(EmailAddress email) {
        return Mail.transactional(email.value(), "Someone tried to sign up with your email",
                "Hello,\n\nsomeone (perhaps you) tried to create a Parley account with this email address, but you already have one.\n\n"
                        + "Sign in: " + base.get() + "/signin.html\nForgot your password? " + base.get() + "/reset.html\n\n"
                        + "If this was not you, nothing has changed and you need not do anything.\n");
    }

    Mail confirmNewEmail(Account account, EmailAddress newEmail, SecretToken token) {
        return Mail.transactional(newEmail.value(), "Confirm your new email for Parley",
                "Hello " + account.firstName() + ",\n\nconfirm that this is your new Parley sign-in address:\n\n"
                        + link("/verify.html?purpose=email&token=", token) + "\n\nUntil you confirm, you keep signing in with your old address.\n");
    }

    Mail emailChangeNotice(Account account, EmailAddress newEmail) {
        return Mail.transactional(account.email().value(), "Your Parley email is being changed",
                "Hello " + account.firstName() + ",\n\nsomeone signed in to your account asked to change its email to " + newEmail.value()
                        + ".\nIf this was not you, change your password now: " + base.get() + "/account.html\n");
    }

    Mail passwordChanged(Account account) {
        return Mail.transactional(account.email().value(), "Your Parley password was changed",
                "Hello " + account.firstName() + ",\n\nyour password was just changed and your other sessions were signed out.\n"
                        + "If this was not you, reset your password now: " + base.get() + "/reset.html\n");
    }

    Mail reset(Account account, SecretToken token) {
        return Mail.transactional(account.email().value(), "Reset your Parley password",
                "Hello " + account.firstName() + ",\n\nto choose a new password, open:\n\n" + link("/reset.html?token=", token)
                        + "\n\nThe link works for one hour, once. If you did not ask for this, ignore this mail.\n");
    }

    Mail deleted(EmailAddress email, String firstName) {
        return Mail.transactional(email.value(), "Your Parley account was deleted",
                "Hello " + firstName + ",\n\nyour Parley account and the personal data in it were deleted, as you asked.\n");
    }

    private String link(String path, SecretToken token) {
        return base.get() + path + token.value();
    }
}
