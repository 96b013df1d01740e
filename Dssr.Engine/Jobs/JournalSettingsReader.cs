using Dssr.Engine.Configuration;
using Npgsql;

namespace Dssr.Engine.Jobs;

/// <summary>
/// Reads <see cref="JournalSettings"/> from DSSR_JOURNAL, DSSR_JOURNAL_PASSWORD_FILE and PGPASSFILE.
/// A bad value is a <see cref="ConfigurationException"/> naming the variable and never quoting it
/// (it may hold a password).
/// </summary>
public static class JournalSettingsReader
{
    public const string Variable = "DSSR_JOURNAL";
    public const string PasswordFileVariable = "DSSR_JOURNAL_PASSWORD_FILE";
    public const string RetentionVariable = "DSSR_FINISHED_JOB_RETENTION";

    public static JournalSettings Read(IReadOnlyDictionary<string, string> env)
    {
        string? Get(string key) => env.TryGetValue(key, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

        var retention = TimeSpan.FromHours(1);
        if (Get(RetentionVariable) is { } seconds)
            retention = int.TryParse(seconds, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : throw new ConfigurationException($"{RetentionVariable}: '{seconds}' is not a positive whole number of seconds");
        var value = Get(Variable);
        if (value is null || value.Equals(JournalSettings.SqliteKind, StringComparison.OrdinalIgnoreCase))
            return JournalSettings.Sqlite with { FinishedJobRetention = retention };

        NpgsqlConnectionStringBuilder builder;
        if (value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            builder = FromUrl(value);
        else if (value.Contains('='))
        {
            try
            {
                builder = new NpgsqlConnectionStringBuilder(value);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ConfigurationException($"{Variable}: not a PostgreSQL connection string ({e.Message})");
            }
        }
        else
            throw new ConfigurationException($"{Variable}: expected 'sqlite', a PostgreSQL connection string (Host=…;Database=…) or a postgresql:// URL");

        if (string.IsNullOrEmpty(builder.Host)) throw new ConfigurationException($"{Variable}: the PostgreSQL connection names no host");
        if (string.IsNullOrEmpty(builder.Database)) throw new ConfigurationException($"{Variable}: the PostgreSQL connection names no database");

        if (Get(PasswordFileVariable) is { } passwordFile)
            builder.Password = ReadPassword(passwordFile);
        else if (Get("PGPASSFILE") is { } passfile && string.IsNullOrEmpty(builder.Password))
        {
            if (!File.Exists(passfile)) throw new ConfigurationException($"PGPASSFILE: no such file: {passfile}");
            builder.Passfile = passfile;
        }
        // A replica must notice a lost database within seconds, not Npgsql's default 15 s / 30 s.
        if (!value.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        if (!value.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase) && !value.Contains("CommandTimeout", StringComparison.OrdinalIgnoreCase))
            builder.CommandTimeout = 15;
        builder.ApplicationName ??= "dssr";
        return new JournalSettings(JournalSettings.PostgresKind, builder.ConnectionString) { FinishedJobRetention = retention };
    }

    private static string ReadPassword(string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{PasswordFileVariable}: cannot read {path}: {e.Message}");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new ConfigurationException($"{Variable}: not a postgresql://user@host:port/database URL");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var val = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try
            {
                builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key.Replace('_', ' ')] = val;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ConfigurationException($"{Variable}: URL parameter '{key}' is not understood ({e.Message})");
            }
        }
        return builder;
    }
}
