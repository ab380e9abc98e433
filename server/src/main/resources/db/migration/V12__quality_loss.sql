-- Issue 14: loss next to what arrived, for the streams whose messages are numbered (screen tiles by
-- frame number, voice by packet sequence): how many units arrived in the period and how many the
-- sender numbered but never arrived. Null for streams without numbers (video chunks, cameras), where
-- the receiver cannot know what it missed. Still numbers only.
alter table quality_records add column received integer;
alter table quality_records add column lost integer;
