/**
 * What Parley promises about personal data, as code: the instant data export, unsubscribe (form
 * and RFC 8058 one-click links), and the versioned privacy policy with notice of material changes.
 * Account deletion itself lives with the account; what it erases is checked by this feature's tests.
 */
package org.parley.privacy;
