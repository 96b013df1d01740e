namespace Dssr.Engine.Jobs;

/// <summary>The one place a journal is made from its settings.</summary>
public static class JournalFactory
{
    public static IJobJournal Open(JournalSettings settings, string stateDirectory) =>
        settings.IsPostgres ? new PostgresJobJournal(settings.ConnectionString!) : new SqliteJobJournal(stateDirectory);
}
