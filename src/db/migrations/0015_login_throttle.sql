-- Failed sign-ins, counted per username ('user:<name>') and per client address ('address:<ip>') in the
-- database, so every API process shares the counts. A key is locked (locked_until) once its failures in
-- one window reach the limit; a successful sign-in deletes its username's row.
create table login_failures (
  key text primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz
);

-- Disabling a user now revokes their tokens and sessions, so enabling them again brings none back.
-- Users disabled before this migration get the same: their still-live tokens are revoked here.
update api_tokens set revoked_at = now()
where revoked_at is null and user_id in (select id from users where not active);
