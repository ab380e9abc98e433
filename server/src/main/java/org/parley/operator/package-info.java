/**
 * The operator's view (PARLEY_ADMIN_EMAILS): accounts (search, disable), live rooms (metadata
 * only), the security log, retention periods and publishing a privacy-policy version. An operator
 * runs the server; they see what the server holds anyway and never a meeting's content, which the
 * server does not have.
 */
package org.parley.operator;
