using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;
using Dssr.Engine.Tests.Api;
using Dssr.Testing;
using Serilog.Events;

namespace Dssr.Engine.Tests.Configuration;

/// <summary>The configuration layers (dssr.yaml, environment, command line), their sources, and the one-line errors.</summary>
public sealed class ConfigurationTests
{
    private static readonly Dictionary<string, string> Home = new() { ["HOME"] = "/h" };

    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs)
    {
        var env = new Dictionary<string, string>(Home);
        foreach (var (k, v) in pairs) env[k] = v;
        return env;
    }

    /// <summary>Each of the original's variables (and Dssr's own): its default, and the option a value lands in.</summary>
    public static TheoryData<string, string, string?, string> Table => new()
    {
        // name, documented default, a value, the option read from that value (or from the default when the value is null)
        { "WAITRESS_BIND_ADDRESS", "127.0.0.1", null, "listen=http://127.0.0.1:5000" },
        { "WAITRESS_BIND_ADDRESS", "127.0.0.1", "0.0.0.0", "listen=http://0.0.0.0:5000" },
        { "WAITRESS_PORT", "5000", "8080", "listen=http://127.0.0.1:8080" },
        { "JARVICE_SCHED_SERVER_KEY", "unset (API open)", null, "key=" },
        { "JARVICE_SCHED_SERVER_KEY", "unset (API open)", "u:p", "key=u:p" },
        { "JARVICE_SCHED_LOGLEVEL", "20", null, "level=Information" },
        { "JARVICE_SCHED_LOGLEVEL", "20", "30", "level=Warning" },
        { "JARVICE_SCHED_LOGLEVEL", "20", "DEBUG", "level=Debug" },
        { "JARVICE_BAREMETAL_CONNECTOR", "dummy", null, "connector=dummy" },
        { "JARVICE_BAREMETAL_CONNECTOR", "dummy", "slurm", "connector=slurm" },
        { "DSSR_STATE_DIR", "$XDG_STATE_HOME/dssr, else ~/.local/state/dssr", null, "state=/h/.local/state/dssr" },
        { "DSSR_STATE_DIR", "$XDG_STATE_HOME/dssr, else ~/.local/state/dssr", "/s", "state=/s" },
        { "DSSR_QUEUE_MAX_AGE_MS", "2000", null, "maxage=2000" },
        { "DSSR_QUEUE_MAX_AGE_MS", "2000", "0", "maxage=0" },
        { "DSSR_MAX_BODY_BYTES", "1048576", null, "body=1048576" },
        { "DSSR_MAX_BODY_BYTES", "1048576", " 10 ", "body=10" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_service_variable_keeps_its_name_default_and_meaning(string name, string documentedDefault, string? value, string expected)
    {
        Assert.Equal(documentedDefault, Assert.Single(ServiceSettings.All, s => s.Name == name).Default);
        var options = ServiceOptionsReader.Read(DssrConfiguration.Build(value is null ? Env() : Env((name, value))));
        var key = expected.Split('=')[0];
        var read = key switch
        {
            "listen" => options.ListenUrl,
            "key" => options.ServerKey ?? "",
            "level" => options.LogLevel.ToString(),
            "connector" => options.ConnectorName,
            "state" => options.StateDirectory,
            "maxage" => ((long)options.QueueMaxAge.TotalMilliseconds).ToString(),
            _ => options.MaxBodyBytes.ToString(),
        };
        Assert.Equal(expected, $"{key}={read}");
    }

    [Fact]
    public void The_command_line_wins_over_the_environment_which_wins_over_dssr_yaml_and_each_value_knows_its_source()
    {
        using var dir = new TempDirectory();
        var yaml = Path.Combine(dir.Path, "dssr.yaml");
        File.WriteAllText(yaml, "WAITRESS_PORT: 6000\nJARVICE_SCHED_LOGLEVEL: 30\nDSSR_MAX_BODY_BYTES: 2048\nJARVICE_JOB_GLOBAL_REGISTRIES:\n  - a.io\n  - b.io\n");
        var config = DssrConfiguration.Build(Env(("WAITRESS_PORT", "7000"), ("DSSR_CONFIG", yaml)), new CommandLineOverrides(LogLevel: "10"));
        var options = ServiceOptionsReader.Read(config);

        Assert.Equal("http://127.0.0.1:7000", options.ListenUrl);
        Assert.Equal(LogEventLevel.Debug, options.LogLevel);
        Assert.Equal(2048, options.MaxBodyBytes);
        Assert.Equal("a.io,b.io", config["JARVICE_JOB_GLOBAL_REGISTRIES"]);
        Assert.Equal(SettingSource.Environment, config.SourceOf("WAITRESS_PORT"));
        Assert.Equal(SettingSource.CommandLine, config.SourceOf("JARVICE_SCHED_LOGLEVEL"));
        Assert.Equal(SettingSource.Yaml, config.SourceOf("DSSR_MAX_BODY_BYTES"));
        Assert.Equal(SettingSource.Default, config.SourceOf("DSSR_QUEUE_MAX_AGE_MS"));

        var report = new StringWriter();
        ConfigurationReport.Write(report, config, ServiceSettings.All);
        var lines = report.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("WAITRESS_PORT") && l.EndsWith("7000  (env)"));
        Assert.Contains(lines, l => l.StartsWith("JARVICE_SCHED_LOGLEVEL") && l.EndsWith("10  (command line)"));
        Assert.Contains(lines, l => l.StartsWith("DSSR_MAX_BODY_BYTES") && l.EndsWith("2048  (yaml)"));
        Assert.Contains(lines, l => l.StartsWith("DSSR_QUEUE_MAX_AGE_MS") && l.EndsWith("2000  (default)"));
    }

    [Fact]
    public void Config_shows_secrets_masked()
    {
        var config = DssrConfiguration.Build(Env(("JARVICE_SCHED_SERVER_KEY", "admin:s3cret-pw"), ("JARVICE_DOCKER_PASSWORD", "cGFzc3dvcmQ="),
            ("JARVICE_BAREMETAL_HTTP_PROXY", "http://bob:hunter2@proxy:3128")));
        var report = new StringWriter();
        ConfigurationReport.Write(report, config, [.. ServiceSettings.All, .. ServiceSettings.Rendering]);
        var text = report.ToString();
        Assert.Contains("admin:***", text);
        Assert.Contains("http://bob:***@proxy:3128", text);
        Assert.DoesNotContain("s3cret-pw", text);
        Assert.DoesNotContain("cGFzc3dvcmQ=", text);
        Assert.DoesNotContain("hunter2", text);
    }

    /// <summary>Every service variable with a value it refuses: one line naming it, with the value given.</summary>
    [Theory]
    [InlineData("WAITRESS_PORT", "abc")]
    [InlineData("WAITRESS_PORT", "70000")]
    [InlineData("WAITRESS_BIND_ADDRESS", "a b")]
    [InlineData("JARVICE_SCHED_LOGLEVEL", "loud")]
    [InlineData("DSSR_QUEUE_MAX_AGE_MS", "-5")]
    [InlineData("DSSR_MAX_BODY_BYTES", "0")]
    [InlineData("DSSR_LISTEN", "ftp://x")]
    public void An_invalid_service_value_is_one_line_naming_the_variable_and_the_value(string name, string value)
    {
        var config = DssrConfiguration.Build(Env((name, value)));
        var e = Assert.Throws<ConfigurationException>(() => ServiceOptionsReader.Read(config));
        var line = ConfigurationErrors.OneLine(e, config, ServiceSettings.All);
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith(name, line);
        Assert.Contains(value, line);
    }

    [Fact]
    public void An_invalid_server_key_is_named_without_showing_it()
    {
        var config = DssrConfiguration.Build(Env(("JARVICE_SCHED_SERVER_KEY", "no-colon-secret")));
        var e = Assert.Throws<ConfigurationException>(() => ServiceOptionsReader.Read(config));
        var line = ConfigurationErrors.OneLine(e, config, ServiceSettings.All);
        Assert.StartsWith("JARVICE_SCHED_SERVER_KEY: expected user:password", line);
        Assert.DoesNotContain("no-colon-secret", line);
    }

    [Fact]
    public async Task An_unknown_connector_is_one_line_naming_the_variable_and_the_value()
    {
        using var state = new TempDirectory();
        var config = DssrConfiguration.Build(Env(("JARVICE_BAREMETAL_CONNECTOR", "nope"), ("DSSR_STATE_DIR", state.Path)));
        var options = ServiceOptionsReader.Read(config);
        var e = Assert.Throws<ConfigurationException>(() => ServiceHost.Create(options, new ConnectorRegistry(), TimeProvider.System, Serilog.Core.Logger.None));
        var line = ConfigurationErrors.OneLine(e, config, ServiceSettings.All);
        Assert.StartsWith("JARVICE_BAREMETAL_CONNECTOR: unknown connector 'nope'", line);
        await Task.CompletedTask;
    }

    [Fact]
    public void A_bad_value_in_dssr_yaml_names_the_file_the_line_and_the_key()
    {
        using var dir = new TempDirectory();
        var yaml = Path.Combine(dir.Path, "dssr.yaml");
        File.WriteAllText(yaml, "# settings\nWAITRESS_PORT: abc\n");
        var config = DssrConfiguration.Build(Env(), new CommandLineOverrides(ConfigFile: yaml));
        var e = Assert.Throws<ConfigurationException>(() => ServiceOptionsReader.Read(config));
        var line = ConfigurationErrors.OneLine(e, config, ServiceSettings.All);
        Assert.StartsWith($"{yaml} line 2: WAITRESS_PORT", line);
        Assert.Contains("abc", line);
    }

    [Fact]
    public void A_key_dssr_yaml_sets_that_nothing_reads_is_refused_with_its_line()
    {
        using var dir = new TempDirectory();
        var yaml = Path.Combine(dir.Path, "dssr.yaml");
        File.WriteAllText(yaml, "WAITRESS_PORT: 5001\nWAITRES_PORT: 5002\n");
        var config = DssrConfiguration.Build(Env(), new CommandLineOverrides(ConfigFile: yaml));
        var e = Assert.Throws<ConfigurationException>(() => config.CheckYamlKeys(ServiceSettings.All));
        Assert.Equal($"{yaml} line 2: WAITRES_PORT is not a setting Dssr reads (dssr config lists them)", e.Message);
    }

    [Fact]
    public async Task A_connector_receives_only_its_own_section()
    {
        using var state = new TempDirectory();
        IReadOnlyDictionary<string, string>? seen = null;
        var registry = new ConnectorRegistry().Register(context =>
        {
            seen = context.Settings;
            return new RecordingConnector();
        }, [new Setting("JARVICE_OWN_SETTING", "unset", "what the connector reads")], "own");
        var config = DssrConfiguration.Build(Env(("JARVICE_BAREMETAL_CONNECTOR", "own"), ("JARVICE_OWN_SETTING", "x"), ("DSSR_STATE_DIR", state.Path),
            ("JARVICE_SCHED_SERVER_KEY", "u:p"), ("PATH", "/bin")));
        await using var host = ServiceHost.Create(ServiceOptionsReader.Read(config), registry, TimeProvider.System, Serilog.Core.Logger.None);
        Assert.Equal(new Dictionary<string, string> { ["JARVICE_OWN_SETTING"] = "x" }, seen);
    }
}
