using Dssr.Testing;
using Dssr.Tui.Composition;
using Dssr.Tui.Terminal;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;
using Npgsql;

namespace Dssr.Tui.Tests.Journal;

/// <summary>
/// The console's header over the test bed's PostgreSQL (tests/testbed/pg-up.sh; ./test.sh starts it for a run
/// without a filter, or one that names Replica): two services share one journal, and the header counts both.
/// </summary>
public sealed class ReplicaHeaderTests
{
    private static string Bed(string name) =>
        Environment.GetEnvironmentVariable("DSSR_TESTBED_PG") != "1"
            ? throw new InvalidOperationException("the PostgreSQL test bed is not running: run ./test.sh (no filter, or one naming Replica), or tests/testbed/pg-up.sh and `set -a; . .testbed/pg-env; set +a`")
            : Environment.GetEnvironmentVariable(name)!;

    private static string Setting(string database) =>
        $"Host={Bed("DSSR_TESTBED_PG_HOST")};Port={Bed("DSSR_TESTBED_PG_PORT")};Username={Bed("DSSR_TESTBED_PG_USER")};Database={database}";

    private static async Task Admin(string sql)
    {
        NpgsqlConnection.ClearAllPools();
        var password = (await File.ReadAllTextAsync(Bed("DSSR_TESTBED_PG_PASSWORD_FILE"))).Trim();
        await using var db = new NpgsqlConnection(Setting("postgres") + $";Password={password}");
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, db);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_header_shows_postgresql_and_both_replicas_sharing_it()
    {
        var database = "dssr_t_" + Guid.NewGuid().ToString("N")[..12];
        await Admin($"CREATE DATABASE {database}");
        try
        {
            using var stateA = new TempDirectory();
            using var stateB = new TempDirectory();
            var env = new Dictionary<string, string>
            {
                ["DSSR_JOURNAL"] = Setting(database),
                ["DSSR_JOURNAL_PASSWORD_FILE"] = Bed("DSSR_TESTBED_PG_PASSWORD_FILE"),
            };
            await using var a = await TestService.StartAsync(ConnectorCatalog.Registry(), stateA.Path, env);
            await using var b = await TestService.StartAsync(ConnectorCatalog.Registry(), stateB.Path, env);
            var feeds = new ConsoleFeeds(a.Host, "test", _ => { });
            var model = new ConsoleModel(readOnly: false);
            var until = DateTime.UtcNow.AddSeconds(30); // each replica's heartbeat every 2 s
            do
            {
                feeds.Tick(model);
                if (model.Header!.Journal!.Replicas == 2) break;
                await Task.Delay(200);
            } while (DateTime.UtcNow < until);

            Assert.Equal(new JournalInfo("postgresql", null, 2, a.Host.Keeper.Self.Id), model.Header.Journal);
            Assert.Contains($"journal postgresql ok │ 2 replicas, this {a.Host.Keeper.Self.Id}", ScreenText.Header(model.Header));
            Assert.NotEqual(a.Host.Keeper.Self.Id, b.Host.Keeper.Self.Id);
        }
        finally
        {
            await Admin($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }
}
