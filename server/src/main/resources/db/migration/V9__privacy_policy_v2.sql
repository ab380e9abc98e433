-- Privacy policy version 2: names every category of data the server stores (what the account
-- export holds), why, and for how long, and what it never stores. Not a material change: the
-- server stores nothing it did not before; version 1 named only the account part of it.
-- Only where the operator has not published a version of their own (publish-policy): theirs is
-- their word to their users, and a number taken twice would stop the server from starting.
insert into policies (version, effective_at, published_at, material, body)
select 2, timestamp with time zone '2026-12-07 00:00:00+00', timestamp with time zone '2026-12-07 00:00:00+00', false,
'Parley privacy policy, version 2

This policy names everything this Parley server stores, why, and for how long. Version 1 described only your account. Nothing the server does has changed; this version names all of it. The data export on the My Account page holds every item below that concerns you, in the same categories.

What the server never stores: what is said, shown or typed in your meetings and support sessions. Chat, voice, video, screens, keyboard and mouse input and shared files are end-to-end encrypted between the participants'' browsers and agents. The server relays ciphertext it cannot read: it never holds the keys, and it keeps no chat, no recordings and no copy of anything seen or heard.

Your account. What: your first and last name, your email address (and a new address while you confirm it), a one-way Argon2id hash of your password (never the password itself), whether you verified your email, when you signed up and when you last changed your password. Why: to sign you in and to write to you. Kept: until you delete your account.

Mail preferences. What: whether you want newsletters and offers. Why: we send them only if you turn them on. Kept: until you delete your account.

Sign-in sessions. What: when each session started and was last used, when it expires, whether you chose to stay signed in, the IP address and the browser; of the cookie only a hash. Why: to keep you signed in, and so that you can see and end your sessions. Kept: until you sign out, or until the session expires (12 hours, or 30 days if you stay signed in); expired sessions are deleted within the hour.

Security history. What: sign-ins, failed sign-in attempts, changes to your account, data exports and policy acceptances, each with time, IP address and browser. Why: so that you can spot someone else using your account. Kept: until you delete your account.

Links we mail you. What: pending email verification, email change and password reset links: their purpose, the address, when sent and when they expire; of the link itself only a hash. Why: to check the link when you open it. Kept: until used or expired (2 days for email links, 1 hour for a password reset), then deleted within the hour.

Policy acceptances. What: which version of this policy you accepted and when. Why: to ask you only once. Kept: until you delete your account.

Meetings you organize. What: for each meeting, webinar and training: its kind, subject, description, time zone, each session''s start and length, repetition, seat limit, whether you approve registrations, your registration questions, and when it was created or cancelled. Why: to run it and to send the calendar invitations. Kept: until you delete your account; a cancelled meeting stays for your records.

Invitations. What: the email addresses an organizer invites to a meeting; for you, the meetings of others that invite your address. Why: to let invitees in and to mail them invitations, changes and cancellations. Kept: until the organizer removes the address or deletes their account, or until you delete an account with that address.

Registrations. What: for a webinar or training: first and last name, email address, answers to the organizer''s questions, the status (approved, waiting, declined), when you registered and when a reminder was sent; of the personal join link only a hash. Why: so that the organizer can admit you and you can join. Kept: until you remove the registration (every event mail has a link for it), the organizer deletes their account, or you delete an account with that address.

Training materials. What: the files an organizer hands to a training''s registrants: name, type, size and content. Why: so that registrants can download them. Kept: until the organizer deletes them or their account.

Attendance. What: who joined which session of a meeting, with the name shown, the email address and the times of joining and leaving. Why: the organizer''s attendance report. Kept: as long as the meeting (until the organizer deletes their account). If you delete your account, your rows keep only the times, shown as "Deleted account".

Quality reports. What: numbers your browser reports while you watch a shared screen or video: frames and bytes received in a period and their delay. Never content. Why: so that the organizer can see whether sessions run well. Kept: 90 days (the operator may set another period), and never longer than the meeting or your account.

Support teams. What: the teams you belong to, your role and when you were added; each team''s name. Why: to route support requests to the right technicians. Kept: until you are removed from the team or delete your account; a team left without members is deleted.

Support sessions. What: the technician and team, the name and problem description the customer typed, when the session was opened, joined, started and ended, when the customer''s connection was lost, hand-overs to other technicians, and which colleagues were invited. The support key only as a keyed hash, until it is used or expires (10 minutes). Why: so that technicians can pick up, hand over and review their work. Kept: as the team''s history, without automatic expiry. If the technician deletes their account, the record stays without their name and address; an invited colleague''s entry goes with the colleague''s account.

Computers. What: the computers you enrolled for unattended access: their name, access setting, pause, and when they were enrolled, approved and last seen; of their keys only hashes. Why: to let you and the people you allow connect to them. Kept: until you remove the computer or delete your account; a computer never approved is deleted when its 30-minute pairing code expires.

Access to computers. What: the email addresses a computer''s owner allows to connect, and when. Why: to let those people in and nobody else. Kept: until the owner removes the address or the computer, or either of you deletes their account.

Connections to computers. What: every attempt to connect to a computer, allowed or not: who (name, email address), in which role, when it was asked for, connected and ended, and the outcome; the single-use ticket only as a hash, until it is used or expires (1 minute). Why: so that the owner can review who reached their computer. Kept: one year, then deleted. If the caller deletes their account, the entry keeps only the times and outcome.

The server log. The server writes a log for its operator: failed requests, and security events about computers (enrolments, approvals, access changes, wrong access passwords), some with an IP address, an account number or a technician''s email address. It goes to the server''s console output, whose keeping depends on how the operator of this server stores it; the security events also go to a file in the server''s data folder, one a day, each deleted after 90 days.

Kept only in memory: while you are connected, the relay knows who is in which meeting; counters that slow down password guessing and mail floods hold an IP or email address for at most an hour after their window ends. Nothing of this is written to disk.

Mail: we send mail you need (verification, password reset, security notices, invitations, registrations, reminders). Newsletters and offers only if you turn them on; every such mail has a one-click unsubscribe link. A server set up without a mail server (as in a test setup) keeps a copy of each mail in its outbox folder until the operator clears it.

Cookies: parley_session (a random sign-in token) and parley_csrf (a random anti-forgery token). No tracking, no advertising, no third parties.

Your rights: on the My Account page you can review and correct your data, download all of it at once as JSON, see your security history, change your mail preferences, and delete your account. Deletion erases your personal data at once, as described above; backups the operator made before may hold it until they are replaced.

Changes: before a material change takes effect, we mail every account and ask you to accept it at your next sign-in.'
where not exists (select 1 from policies where version > 1);
