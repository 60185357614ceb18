-- One channel per marketplace account (issue 13): the account a channel's credentials log in to, as
-- its channel module names it (AJIO JIT: the POB id), so a second channel of the same type cannot
-- take the same account. Null until the channel's credentials are next written or checked.
alter table channels add column account_key text;
create unique index channels_account_key on channels (type, account_key) where account_key is not null;

-- The marketplace's last refusal of the channel's login (a changed password, a locked login): a
-- channel-wide state that Manage Channels shows on every stream until a later login succeeds.
alter table channels add column login_refused_at timestamptz;
alter table channels add column login_refused_reason text;
