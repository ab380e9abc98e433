/**
 * Meetings, webinars and trainings: scheduling, invitations with iCalendar invites, public
 * registration, registrant lists and attendance reports. Who may see what is decided here and
 * nowhere else: the organizer sees everything, invitees and registrants see the meeting, anyone
 * else gets 404. In-session content never reaches this package.
 */
package org.parley.meeting;
