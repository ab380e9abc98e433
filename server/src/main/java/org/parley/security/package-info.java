/**
 * Security building blocks used by several features: random secret tokens and their stored
 * hashes, and rate limits. No HTTP and no SQL here.
 */
package org.parley.security;
