/** The agent's side of the server's HTTP API: flat JSON bodies and answers, and relay addresses. */
package org.parley.agent.http;
