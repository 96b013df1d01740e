using Dssr.Engine.Configuration;

namespace Dssr.Engine.Jobs;

/// <summary>
/// The journal's schema versions, the same numbers for both kinds. Each step is applied once, in
/// order, and recorded in <c>schema_version</c>; a schema newer than <see cref="Current"/> stops the start.
/// </summary>
public static class JournalSchema
{
    public const int Current = 2;

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
    ];
}
