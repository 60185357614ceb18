-- Worker liveness by heartbeat (issue 10): every process that works jobs keeps a row here fresh; a
-- supervisor puts back the jobs and closes the sync runs of a process whose row went stale.
create table weft_workers (
  id text primary key,
  host text not null,
  pid integer not null,
  started_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);

-- Which process holds which pg-boss job right now; a row lives exactly as long as the handler runs.
create table weft_job_holds (
  job_id text primary key,
  queue text not null,
  worker_id text not null,
  started_at timestamptz not null default now()
);
create index weft_job_holds_worker on weft_job_holds (worker_id);

-- A sync run records the process running it, and a run can end `abandoned` when that process died.
alter table sync_runs add column worker_id text;
alter table sync_runs drop constraint sync_runs_status_check;
alter table sync_runs add constraint sync_runs_status_check
  check (status in ('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled', 'abandoned'));

-- Runs left `running` by processes of the old runtime had no owner to check: close them.
update sync_runs set status = 'abandoned', finished_at = now(),
  error = 'the process running it stopped before Weft kept worker heartbeats; a new run of this stream replaces it'
  where status = 'running';

-- At most one running run per channel and stream: this index is the stream's lease. Claiming a run
-- is an update to `running` that fails here while another run of the stream holds it.
create unique index sync_runs_one_running on sync_runs (channel_id, stream) where status = 'running';
