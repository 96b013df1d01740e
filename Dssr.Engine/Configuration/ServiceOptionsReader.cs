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

    /// <summary>
    /// The options with every cluster: <c>default</c> from the environment (its dssr.yaml entry on top), then each
    /// other entry of dssr.yaml's <c>clusters:</c>.
    /// </summary>
    /// <param name="settingsOf">The settings each connector reads, by connector name (the keys its entries may use).</param>
    /// <param name="known">Every setting, to find a secret written in dssr.yaml itself.</param>
    public static ServiceOptions Read(DssrConfiguration config, Func<string, IReadOnlyList<Setting>?> settingsOf, IEnumerable<Setting> known)
    {
        var options = Read(config);
        if (config.Yaml is not { } yaml) return options;
        var entries = ClusterEntries.Read(yaml, settingsOf, options.ConnectorName);
        SecretFileMode.Check(yaml, entries, known);
        return options with { Clusters = ClusterOptionsReader.Build(options, entries, config) };
    }

    public static ServiceOptions Read(DssrConfiguration config)
    {
        var env = config.Values;
        string? Get(string key) => config[key];

        return new ServiceOptions
        {
            ListenUrl = Get(ServiceSettings.Listen) is { } listen ? CheckUrl(listen, config.Where(ServiceSettings.Listen)) : ListenFromWaitress(Get("WAITRESS_BIND_ADDRESS"), Get("WAITRESS_PORT")),
            JobsListenUrl = Get(ServiceSettings.JobsListen) is { } jobs ? CheckUrl(jobs, config.Where(ServiceSettings.JobsListen)) : null,
            MetricsListenUrl = Get(ServiceSettings.MetricsListen) is { } metrics ? CheckUrl(metrics, config.Where(ServiceSettings.MetricsListen)) : null,
            RecordFile = Get(ServiceSettings.Record) is { Length: > 0 } record ? record : null,
            QueueBudgetPerMinute = (int)PositiveNumber(Get(ServiceSettings.QueueBudget), ServiceSettings.QueueBudget, 30),
            StateDirectory = Get("DSSR_STATE_DIR") ?? DefaultStateDirectory(env),
            LogLevel = Get("JARVICE_SCHED_LOGLEVEL") is { } level ? LogLevels.Parse(level, config.Where("JARVICE_SCHED_LOGLEVEL")) : Serilog.Events.LogEventLevel.Information,
            ServerKey = CheckServerKey(Get("JARVICE_SCHED_SERVER_KEY")),
            QueueMaxAge = TimeSpan.FromMilliseconds(PositiveNumber(Get("DSSR_QUEUE_MAX_AGE_MS"), "DSSR_QUEUE_MAX_AGE_MS", 2000, allowZero: true)),
            MaxBodyBytes = PositiveNumber(Get("DSSR_MAX_BODY_BYTES"), "DSSR_MAX_BODY_BYTES", 1024 * 1024),
            AuthFailuresPerMinute = (int)Math.Min(int.MaxValue, PositiveNumber(Get("DSSR_AUTH_FAILURES_PER_MINUTE"), "DSSR_AUTH_FAILURES_PER_MINUTE", 10, allowZero: true)),
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

    internal static string CheckUrl(string url, string source)
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
