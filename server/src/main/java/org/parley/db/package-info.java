/**
 * The connection pool, schema migrations (Flyway, versioned SQL under db/migration) and the Jdbi
 * handle the feature stores use. The embedded H2 file database is the default; PostgreSQL is
 * selected by URL. No feature logic or SQL of a feature lives here.
 */
package org.parley.db;
