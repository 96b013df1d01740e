using Dssr.Engine.Jobs;
using Dssr.Testing;
using Microsoft.Data.Sqlite;

namespace Dssr.Integration.Tests.Journal;

public sealed class SqliteJournalBehaviourTests : JournalBehaviour
{
    private readonly TempDirectory _dir = new();

    protected override IJobJournal Open() => new SqliteJobJournal(_dir.Path);

    protected override Task SetSchemaVersionAsync(int version)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, SqliteJobJournal.FileName)}");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"INSERT INTO schema_version (version) VALUES ({version})";
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(string sql)
    {
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, SqliteJobJournal.FileName)}"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    protected override Task AgeHeartbeatAsync(string replica, int seconds) =>
        ExecuteAsync($"UPDATE replicas SET seen_at=strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-{seconds} seconds') WHERE id='{replica}'");

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
