-- Remote support: technicians' teams and support sessions. Metadata only: who helped whom and
-- when; nothing seen or said in a session is stored (it never reaches the server in the clear).
-- Text limits are checked in code in characters; columns are twice that (H2 counts UTF-16 units).

create table support_teams (
    id                  uuid primary key,
    name                varchar(200) not null,
    created_at          timestamp with time zone not null
);

create table support_team_members (
    team_id             uuid not null references support_teams (id) on delete cascade,
    account_id          uuid not null references accounts (id) on delete cascade,
    role                varchar(16) not null,
    added_at            timestamp with time zone not null,
    primary key (team_id, account_id)
);
create index support_team_members_account on support_team_members (account_id);

-- One support session. The nine-digit key is kept only as an HMAC under a server secret and only
-- until it is used or expires; the customer's relay ticket likewise only as a hash.
create table support_sessions (
    id                  uuid primary key,
    team_id             uuid references support_teams (id) on delete set null,
    technician_id       uuid references accounts (id) on delete set null,
    key_hash            varchar(64),
    key_expires_at      timestamp with time zone not null,
    ticket_hash         varchar(64),
    customer_name       varchar(200),
    problem             varchar(4000),
    created_at          timestamp with time zone not null,
    redeemed_at         timestamp with time zone,
    started_at          timestamp with time zone,
    ended_at            timestamp with time zone,
    -- when the customer's connection was lost (not ended by them); null while they are connected.
    -- A session whose customer stays away longer than the reconnect grace ends.
    customer_away_since timestamp with time zone,
    transfers           integer not null default 0
);
create unique index support_sessions_key on support_sessions (key_hash);
create index support_sessions_technician on support_sessions (technician_id, created_at);
create index support_sessions_team on support_sessions (team_id, created_at);

-- Colleagues a technician invited into one session.
create table support_colleagues (
    session_id          uuid not null references support_sessions (id) on delete cascade,
    account_id          uuid not null references accounts (id) on delete cascade,
    primary key (session_id, account_id)
);
