/**
 * What the technician may see of the customer's computer besides its screen (protocol README §9b,
 * kinds 0x30/0x31): {@code SystemInformation} collects it with the JDK alone, bounded in size; the
 * support session asks the customer first and sends it sealed to the one who asked.
 */
package org.parley.agent.sysinfo;
