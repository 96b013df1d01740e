using Dssr.Engine.Jobs;

namespace Dssr.Integration.Tests.Journal;

public sealed class PostgresJournalBehaviourTests : JournalBehaviour
{
    private string _database = "";

    public override async Task InitializeAsync() => _database = await PostgresBed.CreateDatabaseAsync();

    protected override IJobJournal Open() =>
        JournalFactory.Open(JournalSettingsReader.Read(PostgresBed.JournalEnvironment(_database)), "/nonexistent-state");

    protected override Task SetSchemaVersionAsync(int version) =>
        PostgresBed.ExecuteAsync(_database, $"INSERT INTO schema_version (version) VALUES ({version})");

    protected override Task ExecuteAsync(string sql) => PostgresBed.ExecuteAsync(_database, sql);

    protected override Task AgeHeartbeatAsync(string replica, int seconds) =>
        ExecuteAsync($"UPDATE replicas SET seen_at=now() - interval '{seconds} seconds' WHERE id='{replica}'");

    public override Task DisposeAsync() => _database.Length == 0 ? Task.CompletedTask : PostgresBed.DropDatabaseAsync(_database);
}
