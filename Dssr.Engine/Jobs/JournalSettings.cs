namespace Dssr.Engine.Jobs;

/// <summary>
/// Which journal to use (DSSR_JOURNAL): <c>sqlite</c> in the state folder, or a PostgreSQL connection
/// string (its password from DSSR_JOURNAL_PASSWORD_FILE, or the passfile PGPASSFILE names).
/// </summary>
public sealed record JournalSettings(string Kind, string? ConnectionString = null)
{
    public const string SqliteKind = "sqlite";
    public const string PostgresKind = "postgresql";

    public static JournalSettings Sqlite { get; } = new(SqliteKind);

    public bool IsPostgres => Kind == PostgresKind;

    /// <summary>Never shows the connection string: it may hold a password.</summary>
    public override string ToString() => Kind;
}
