-- Issue 14: an organizer may let signed-in invitees into a meeting without a click. Off unless
-- the organizer turns it on, because it trusts the server's sign-in where the invitation link's
-- key (#k=, which the server never sees) would otherwise prove the invitation end to end.
alter table meetings add column admit_signed_in_invitees boolean default false not null;
