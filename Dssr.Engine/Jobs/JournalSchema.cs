using Dssr.Engine.Configuration;

namespace Dssr.Engine.Jobs;

/// <summary>
/// The journal's schema versions, the same numbers for both kinds. Each step is applied once, in
/// order, and recorded in <c>schema_version</c>; a schema newer than <see cref="Current"/> stops the start.
/// </summary>
internal static class JournalSchema
{
    public const int Current = 5;

    internal static ConfigurationException TooNew(string kind, string location, int found) =>
        new($"journal ({kind} {location}): schema version {found} is newer than this build's {Current}; run a newer dssr against it");

    internal static readonly string[] Sqlite =
    [
        // 1: jobs (a journal from before versioning already has this table)
        """
        CREATE TABLE IF NOT EXISTS jobs (
          cluster      TEXT    NOT NULL,
          name         TEXT    NOT NULL,
          number       INTEGER NOT NULL,
          job_id       TEXT    NOT NULL,
          owner        TEXT,
          submitted_at TEXT    NOT NULL,
          updated_at   TEXT    NOT NULL,
          last_state   TEXT,
          final_state  TEXT,
          exit_code    INTEGER,
          fscript      TEXT    NOT NULL DEFAULT '',
          PRIMARY KEY (cluster, name, number)
        );
        CREATE INDEX IF NOT EXISTS jobs_by_id ON jobs (cluster, job_id);
        """,
        // 2: replicas' heartbeats and leases of once-only work (one process: kept for the same shape)
        """
        CREATE TABLE IF NOT EXISTS replicas (
          id         TEXT NOT NULL PRIMARY KEY,
          address    TEXT NOT NULL,
          version    TEXT NOT NULL,
          started_at TEXT NOT NULL,
          seen_at    TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS leases (
          name       TEXT NOT NULL PRIMARY KEY,
          holder     TEXT NOT NULL,
          expires_at TEXT NOT NULL
        );
        """,
        // 3: placement: the cluster a job lives on (another than its endpoint's after a failover), and why
        """
        ALTER TABLE jobs ADD COLUMN placed_on TEXT NOT NULL DEFAULT '';
        ALTER TABLE jobs ADD COLUMN failover TEXT;
        UPDATE jobs SET placed_on=cluster;
        CREATE INDEX IF NOT EXISTS jobs_placed ON jobs (placed_on, job_id);
        CREATE INDEX IF NOT EXISTS jobs_away ON jobs (cluster, placed_on) WHERE placed_on <> cluster;
        """,
        // 4: an interactive job's password and token (null for batch jobs)
        "ALTER TABLE jobs ADD COLUMN job_password TEXT; ALTER TABLE jobs ADD COLUMN job_token TEXT",
        // 5: when a job's post-exit work was taken by a replica (it runs at most once)
        "ALTER TABLE jobs ADD COLUMN post_exit_at TEXT",
    ];

    internal static readonly string[] Postgres =
    [
        """
        CREATE TABLE IF NOT EXISTS jobs (
          cluster      TEXT        NOT NULL,
          name         TEXT        NOT NULL,
          number       BIGINT      NOT NULL,
          job_id       TEXT        NOT NULL,
          owner        TEXT,
          submitted_at TIMESTAMPTZ NOT NULL,
          updated_at   TIMESTAMPTZ NOT NULL,
          last_state   TEXT,
          final_state  TEXT,
          exit_code    INTEGER,
          fscript      TEXT        NOT NULL DEFAULT '',
          PRIMARY KEY (cluster, name, number)
        );
        CREATE INDEX IF NOT EXISTS jobs_by_id ON jobs (cluster, job_id);
        """,
        """
        CREATE TABLE IF NOT EXISTS replicas (
          id         TEXT        NOT NULL PRIMARY KEY,
          address    TEXT        NOT NULL,
          version    TEXT        NOT NULL,
          started_at TIMESTAMPTZ NOT NULL,
          seen_at    TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE IF NOT EXISTS leases (
          name       TEXT        NOT NULL PRIMARY KEY,
          holder     TEXT        NOT NULL,
          expires_at TIMESTAMPTZ NOT NULL
        );
        """,
        """
        ALTER TABLE jobs ADD COLUMN IF NOT EXISTS placed_on TEXT NOT NULL DEFAULT '';
        ALTER TABLE jobs ADD COLUMN IF NOT EXISTS failover TEXT;
        UPDATE jobs SET placed_on=cluster;
        CREATE INDEX IF NOT EXISTS jobs_placed ON jobs (placed_on, job_id);
        CREATE INDEX IF NOT EXISTS jobs_away ON jobs (cluster, placed_on) WHERE placed_on <> cluster;
        """,
        "ALTER TABLE jobs ADD COLUMN IF NOT EXISTS job_password TEXT; ALTER TABLE jobs ADD COLUMN IF NOT EXISTS job_token TEXT",
        "ALTER TABLE jobs ADD COLUMN IF NOT EXISTS post_exit_at TIMESTAMPTZ",
    ];
}
