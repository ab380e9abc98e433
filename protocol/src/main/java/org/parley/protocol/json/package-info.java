/**
 * The one way Parley reads and writes JSON: {@link org.parley.protocol.json.StrictJson}, a single
 * configured Jackson mapper that refuses duplicate keys, trailing data, deep nesting, long numbers
 * and coerced types, and never reads a class name from its input. Nothing here knows what a
 * message means; each format checks its own fields.
 */
package org.parley.protocol.json;
