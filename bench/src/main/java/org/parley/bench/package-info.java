/**
 * A load tool for the real server: starts it in-process on a fresh embedded database over
 * loopback, creates accounts, and measures sign-in and GET /api/v1/me. Bounded counts and time;
 * no tests live here, so the test suite never runs it.
 */
package org.parley.bench;
