using System.Globalization;
using Npgsql;

namespace Dssr.Integration.Tests.Journal;

/// <summary>
/// The test bed's PostgreSQL, as tests/testbed/pg-up.sh describes it in .testbed/pg-env. Without it
/// every PostgreSQL test fails, saying how to start it. Each test makes a database of its own.
/// </summary>
public static class PostgresBed
{
    public static string Get(string name)
    {
        if (Environment.GetEnvironmentVariable("DSSR_TESTBED_PG") != "1")
            throw new InvalidOperationException(
                "the PostgreSQL test bed is not running: run ./test.sh, or tests/testbed/pg-up.sh and then `set -a; . .testbed/pg-env; set +a` before dotnet test");
        return Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is missing from .testbed/pg-env: run tests/testbed/pg-up.sh again");
    }

    public static string Host => Get("DSSR_TESTBED_PG_HOST");
    public static int Port => int.Parse(Get("DSSR_TESTBED_PG_PORT"), CultureInfo.InvariantCulture);
    public static string User => Get("DSSR_TESTBED_PG_USER");
    public static string PasswordFile => Get("DSSR_TESTBED_PG_PASSWORD_FILE");
    public static string Ctl => Get("DSSR_TESTBED_PG_CTL");

    /// <summary>What an operator would put in DSSR_JOURNAL (no password: that comes from the file).</summary>
    public static string JournalSetting(string database) => $"Host={Host};Port={Port};Username={User};Database={database}";

    public static string ConnectionString(string database) =>
        JournalSetting(database) + $";Password={File.ReadAllText(PasswordFile).Trim()};Timeout=30;Command Timeout=60";

    /// <summary>The service's environment for a journal in <paramref name="database"/>.</summary>
    public static Dictionary<string, string> JournalEnvironment(string database) => new(StringComparer.Ordinal)
    {
        ["DSSR_JOURNAL"] = JournalSetting(database),
        ["DSSR_JOURNAL_PASSWORD_FILE"] = PasswordFile,
    };

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "dssr_t_" + Guid.NewGuid().ToString("N")[..12];
        await using var db = new NpgsqlConnection(ConnectionString("postgres"));
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", db);
        await cmd.ExecuteNonQueryAsync();
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var db = new NpgsqlConnection(ConnectionString("postgres"));
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", db);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task ExecuteAsync(string database, string sql)
    {
        await using var db = new NpgsqlConnection(ConnectionString(database));
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, db);
        await cmd.ExecuteNonQueryAsync();
    }
}
