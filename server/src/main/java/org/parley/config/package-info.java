/**
 * Server configuration read once from PARLEY_* environment variables, validated at start so a
 * bad value stops the server with a message naming the variable. Nothing here reads the
 * environment later.
 */
package org.parley.config;
