using Dssr.Engine.Configuration;
using Dssr.Engine.Jobs;
using Dssr.Testing;
using Npgsql;

namespace Dssr.Engine.Tests.Jobs;

public class JournalSettingsReaderTests
{
    private static JournalSettings Read(params (string Key, string Value)[] env) =>
        JournalSettingsReader.Read(env.ToDictionary(e => e.Key, e => e.Value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    public void Unset_or_sqlite_is_the_embedded_journal(string? value)
    {
        var settings = value is null ? Read() : Read(("DSSR_JOURNAL", value));
        Assert.Equal(JournalSettings.Sqlite, settings);
    }

    [Fact]
    public void A_url_becomes_a_connection_string_with_its_host_port_database_user_and_ssl_mode()
    {
        var settings = Read(("DSSR_JOURNAL", "postgresql://dssr@db.example:6543/jobs?sslmode=require"));
        var b = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal((JournalSettings.PostgresKind, "db.example", 6543, "jobs", "dssr", SslMode.Require),
            (settings.Kind, b.Host, b.Port, b.Database, b.Username, b.SslMode));
    }

    [Fact]
    public void The_password_comes_from_the_password_file_and_never_shows_in_the_settings_text()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "pw");
        File.WriteAllText(file, "s3cret-p@ss\n");
        var settings = Read(("DSSR_JOURNAL", "Host=h;Database=d;Username=u"), ("DSSR_JOURNAL_PASSWORD_FILE", file));
        Assert.Equal("s3cret-p@ss", new NpgsqlConnectionStringBuilder(settings.ConnectionString).Password);
        Assert.DoesNotContain("s3cret", settings.ToString());
        Assert.DoesNotContain("s3cret", new PostgresJobJournal(settings.ConnectionString!).Location);
    }

    [Fact]
    public void Pgpassfile_is_handed_to_the_driver_when_no_password_file_is_given()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "pgpass");
        File.WriteAllText(file, "h:5432:d:u:pw\n");
        var settings = Read(("DSSR_JOURNAL", "Host=h;Database=d;Username=u"), ("PGPASSFILE", file));
        Assert.Equal(file, new NpgsqlConnectionStringBuilder(settings.ConnectionString).Passfile);
    }

    [Theory]
    [InlineData("mysql", "DSSR_JOURNAL: expected 'sqlite'")]
    [InlineData("Host=h", "DSSR_JOURNAL: the PostgreSQL connection names no database")]
    [InlineData("Database=d", "DSSR_JOURNAL: the PostgreSQL connection names no host")]
    [InlineData("Hots=h;Database=d;Password=hunter2", "DSSR_JOURNAL: not a PostgreSQL connection string")]
    [InlineData("postgresql://u:hunter2@/d", "DSSR_JOURNAL: not a postgresql://")]
    public void A_bad_value_is_one_line_naming_the_variable_and_never_the_password(string value, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => Read(("DSSR_JOURNAL", value)));
        Assert.StartsWith(expected, e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_password_file_is_refused_naming_its_variable()
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            Read(("DSSR_JOURNAL", "Host=h;Database=d"), ("DSSR_JOURNAL_PASSWORD_FILE", "/nonexistent/pw")));
        Assert.StartsWith("DSSR_JOURNAL_PASSWORD_FILE: cannot read /nonexistent/pw", e.Message);
    }
}
