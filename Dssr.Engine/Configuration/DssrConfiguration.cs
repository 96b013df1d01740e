using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Dssr.Engine.Configuration;

/// <summary>
/// The configuration, read once at start: dssr.yaml (optional), then the environment, then the command line, each
/// overriding the one before. Every value is trimmed, and an empty one counts as unset: one rule for every setting.
/// Knows where each value came from, for <c>dssr config</c> and for error messages.
/// </summary>
public sealed class DssrConfiguration
{
    public const string DefaultFile = "dssr.yaml";
    /// <summary>The environment variable that names the YAML file (the command line's --config wins).</summary>
    public const string FileVariable = "DSSR_CONFIG";

    private readonly IConfigurationRoot _root;
    private readonly YamlSettingsFile? _yaml;
    private readonly IConfigurationProvider _environment;
    private readonly IConfigurationProvider _commandLine;

    private DssrConfiguration(IConfigurationRoot root, YamlSettingsFile? yaml)
    {
        _root = root;
        _yaml = yaml;
        var providers = root.Providers.ToList();
        _commandLine = providers[^1];
        _environment = providers[^2];
        Values = root.AsEnumerable()
            .Where(kv => kv.Value is not null && kv.Value.Trim().Length > 0)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.Trim(), StringComparer.Ordinal);
    }

    /// <summary>Every effective value, trimmed, unset ones left out.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The YAML file read, or null when there was none.</summary>
    public string? File => _yaml?.Path;

    /// <summary>The dssr.yaml read, with its <c>clusters:</c> list; null when there was none.</summary>
    public YamlSettingsFile? Yaml => _yaml;

    public string? this[string key] => Values.TryGetValue(key, out var v) ? v : null;

    /// <param name="environment">The process environment (or a test's).</param>
    /// <param name="cli">The command line; its --config names the YAML file, else DSSR_CONFIG, else ./dssr.yaml when present.</param>
    public static DssrConfiguration Build(IReadOnlyDictionary<string, string> environment, CommandLineOverrides? cli = null)
    {
        cli ??= new CommandLineOverrides();
        var file = cli.ConfigFile ?? (environment.TryGetValue(FileVariable, out var named) && named.Trim().Length > 0 ? named.Trim() : null);
        if (file is not null && !System.IO.File.Exists(file))
            throw new ConfigurationException($"{(cli.ConfigFile is not null ? "--config" : FileVariable)}: no file at {file}", FileVariable);
        file ??= System.IO.File.Exists(DefaultFile) ? Path.GetFullPath(DefaultFile) : null;

        var builder = new ConfigurationBuilder();
        YamlSettingsFile? yaml = null;
        if (file is not null) builder.Add(yaml = new YamlSettingsFile(file));
        builder.Add(new MemoryConfigurationSource { InitialData = environment.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)) });
        builder.Add(new MemoryConfigurationSource { InitialData = CommandLine(cli) });
        return new DssrConfiguration(builder.Build(), yaml);
    }

    private static IEnumerable<KeyValuePair<string, string?>> CommandLine(CommandLineOverrides cli)
    {
        if (cli.Listen is not null) yield return new(ServiceSettings.Listen, cli.Listen);
        if (cli.JobsListen is not null) yield return new(ServiceSettings.JobsListen, cli.JobsListen);
        if (cli.MetricsListen is not null) yield return new(ServiceSettings.MetricsListen, cli.MetricsListen);
        if (cli.Record is not null) yield return new(ServiceSettings.Record, cli.Record);
        if (cli.StateDirectory is not null) yield return new("DSSR_STATE_DIR", cli.StateDirectory);
        if (cli.LogLevel is not null) yield return new("JARVICE_SCHED_LOGLEVEL", cli.LogLevel);
    }

    public SettingSource SourceOf(string key)
    {
        if (!Values.ContainsKey(key)) return SettingSource.Default;
        if (_commandLine.TryGet(key, out var c) && !string.IsNullOrWhiteSpace(c)) return SettingSource.CommandLine;
        if (_environment.TryGet(key, out var e) && !string.IsNullOrWhiteSpace(e)) return SettingSource.Environment;
        return _yaml is not null && _yaml.TryGet(key, out _) ? SettingSource.Yaml : SettingSource.Default;
    }

    /// <summary>How to point an operator at a setting: its name, with the file and line when dssr.yaml set it.</summary>
    public string Where(string key) => SourceOf(key) switch
    {
        SettingSource.Yaml when _yaml!.Lines.TryGetValue(key, out var line) => $"{_yaml.Path} line {line}: {key}",
        SettingSource.CommandLine => key switch
        {
            ServiceSettings.Listen => "--listen",
            ServiceSettings.JobsListen => "--jobs-listen",
            ServiceSettings.MetricsListen => "--metrics-listen",
            ServiceSettings.Record => "--record",
            "DSSR_STATE_DIR" => "--state",
            "JARVICE_SCHED_LOGLEVEL" => "--log-level",
            _ => key,
        },
        _ => key,
    };

    /// <summary>Only the given settings: what a connector receives, never the whole environment.</summary>
    public IReadOnlyDictionary<string, string> Section(IEnumerable<string> keys)
    {
        var section = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
            if (Values.TryGetValue(key, out var v)) section[key] = v;
        return section;
    }

    /// <summary>Every key dssr.yaml sets that no part of Dssr reads: a typo there must not pass silently.</summary>
    public void CheckYamlKeys(IEnumerable<Setting> known)
    {
        if (_yaml is null) return;
        var names = known.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, line) in _yaml.Lines.OrderBy(kv => kv.Value))
            if (!names.Contains(key))
                throw new ConfigurationException($"{_yaml.Path} line {line}: {key} is not a setting Dssr reads (dssr config lists them)");
    }
}
