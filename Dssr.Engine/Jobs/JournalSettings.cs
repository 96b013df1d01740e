namespace Dssr.Engine.Jobs;

/// <summary>
/// Which journal to use (DSSR_JOURNAL): <c>sqlite</c> in the state folder, or a PostgreSQL connection
/// string (its password from DSSR_JOURNAL_PASSWORD_FILE, or the passfile PGPASSFILE names).
/// </summary>
public sealed record JournalSettings(string Kind, string? ConnectionString = null)
{
    /// <summary>
    /// How long a job may be gone from the queue with its exit status not asked before the replica
    /// holding the sweep lease asks it (recording its final state, removing its files): DSSR_FINISHED_JOB_RETENTION seconds.
    /// </summary>
    public TimeSpan FinishedJobRetention { get; init; } = TimeSpan.FromHours(1);

    public const string SqliteKind = "sqlite";
    public const string PostgresKind = "postgresql";

    public static JournalSettings Sqlite { get; } = new(SqliteKind);

    public bool IsPostgres => Kind == PostgresKind;

    /// <summary>Never shows the connection string: it may hold a password.</summary>
    public override string ToString() => Kind;
}
