using System.Globalization;

namespace Dssr.Engine.Configuration;

/// <summary>
/// Reads <see cref="ServiceOptions"/> from the configuration (dssr.yaml, the original's environment variables, the
/// command line). Every bad value is a <see cref="ConfigurationException"/> that names the setting.
/// </summary>
public static class ServiceOptionsReader
{
    public const string DefaultConnector = "dummy";

    public static ServiceOptions Read(IReadOnlyDictionary<string, string> env, CommandLineOverrides cli) =>
        Read(DssrConfiguration.Build(env, cli));

    public static ServiceOptions Read(DssrConfiguration config)
    {
        var env = config.Values;
        string? Get(string key) => config[key];

        return new ServiceOptions
        {
            ListenUrl = Get(ServiceSettings.Listen) is { } listen ? CheckUrl(listen, config.Where(ServiceSettings.Listen)) : ListenFromWaitress(Get("WAITRESS_BIND_ADDRESS"), Get("WAITRESS_PORT")),
            StateDirectory = Get("DSSR_STATE_DIR") ?? DefaultStateDirectory(env),
            LogLevel = Get("JARVICE_SCHED_LOGLEVEL") is { } level ? LogLevels.Parse(level, config.Where("JARVICE_SCHED_LOGLEVEL")) : Serilog.Events.LogEventLevel.Information,
            ServerKey = CheckServerKey(Get("JARVICE_SCHED_SERVER_KEY")),
            QueueMaxAge = TimeSpan.FromMilliseconds(PositiveNumber(Get("DSSR_QUEUE_MAX_AGE_MS"), "DSSR_QUEUE_MAX_AGE_MS", 2000, allowZero: true)),
            MaxBodyBytes = PositiveNumber(Get("DSSR_MAX_BODY_BYTES"), "DSSR_MAX_BODY_BYTES", 1024 * 1024),
            ConnectorName = Get("JARVICE_BAREMETAL_CONNECTOR") ?? DefaultConnector,
            ClusterSettings = env,
        };
    }

    public static string DefaultStateDirectory(IReadOnlyDictionary<string, string> env)
    {
        if (env.TryGetValue("XDG_STATE_HOME", out var xdg) && xdg.Length > 0) return Path.Combine(xdg, "dssr");
        var home = env.TryGetValue("HOME", out var h) && h.Length > 0 ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "state", "dssr");
    }

    private static string ListenFromWaitress(string? address, string? port)
    {
        var host = address ?? "127.0.0.1";
        var p = port is null ? 5000 : PositiveNumber(port, "WAITRESS_PORT", 5000);
        if (p > 65535) throw new ConfigurationException($"WAITRESS_PORT: {port} is not a port (1-65535)");
        if (host.Contains(':') && !host.StartsWith('[')) host = $"[{host}]";
        return CheckUrl($"http://{host}:{p}", "WAITRESS_BIND_ADDRESS");
    }

    private static string CheckUrl(string url, string source)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "http" || uri.IsDefaultPort && !url.Contains(":80"))
            throw new ConfigurationException($"{source}: '{url}' is not a listen address like http://127.0.0.1:5000");
        return url.TrimEnd('/');
    }

    private static string? CheckServerKey(string? key)
    {
        if (key is null) return null;
        if (!key.Contains(':'))
            throw new ConfigurationException("JARVICE_SCHED_SERVER_KEY: expected user:password");
        return key;
    }

    private static long PositiveNumber(string? value, string name, long fallback, bool allowZero = false)
    {
        if (value is null) return fallback;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || (n == 0 && !allowZero))
            throw new ConfigurationException($"{name}: '{value}' is not a {(allowZero ? "non-negative" : "positive")} whole number");
        return n;
    }
}
