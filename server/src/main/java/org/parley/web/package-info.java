/**
 * HTTP plumbing shared by every feature: the one status table ({@link org.parley.web.Failure}),
 * the one place that maps failures to {@code {"error","message"}}, JSON body validation, cookies,
 * CSRF, security headers and client identification. No feature rules live here.
 */
package org.parley.web;
