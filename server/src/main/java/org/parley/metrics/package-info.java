/**
 * Operator metrics (Micrometer, Prometheus text format) behind a bearer token: counts and
 * durations of what the server does, never who or what.
 */
package org.parley.metrics;
