-- When the marketplace session (AJIO's 30-minute token) last obtained for the channel stops being
-- valid, written by whichever process ran a stream or tested the connection, so Manage Channels can
-- show it whichever process serves the console.
alter table channels add column session_valid_until timestamptz;
