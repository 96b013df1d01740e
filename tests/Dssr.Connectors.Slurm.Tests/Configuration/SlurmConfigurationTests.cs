using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Connectors.Slurm.Tests.Configuration;

/// <summary>The Slurm connector's settings: each refused value is one line naming it; the connector sees only its section.</summary>
public sealed class SlurmConfigurationTests
{
    private static (DssrConfiguration Config, Exception? Error) Start(Dictionary<string, string> env)
    {
        var config = DssrConfiguration.Build(env);
        try
        {
            _ = new SlurmConnector(new ConnectorContext("default", config.Section(SlurmSettingsCatalog.All.Select(s => s.Name)), Path.GetTempPath(),
                TimeProvider.System, NullLoggerFactory.Instance));
            return (config, null);
        }
        catch (ConfigurationException e)
        {
            return (config, e);
        }
    }

    [Theory]
    [InlineData("JARVICE_SLURM_INTERFACE", "soap")]
    [InlineData("JARVICE_SLURM_INTERFACE", "http")]
    [InlineData("JARVICE_SLURM_CLUSTER_PORT", "99999")]
    [InlineData("JARVICE_SLURM_CLUSTER_PORT", "ssh")]
    [InlineData("JARVICE_SLURM_SSH_HOST_KEY", "MD5:aa:bb")]
    [InlineData("JARVICE_SLURM_SSH_CONNECT_TIMEOUT", "0")]
    [InlineData("JARVICE_SLURM_SSH_COMMAND_TIMEOUT", "soon")]
    [InlineData("JARVICE_SLURM_USERS_MAPPING_FILE", "/no/such/mapping.yaml")]
    [InlineData("JARVICE_SLURM_JWT_KEY_FILE", "/no/such/key.pem")]
    [InlineData("JARVICE_SLURM_LOG_LINES", "0")]
    [InlineData("JARVICE_SLURM_TAIL_MAX_LINES", "many")]
    [InlineData("JARVICE_SLURM_PVCLS_ROOTS", "relative/folder")]
    [InlineData("JARVICE_SLURM_SSH_TRANSPORT", "putty")]
    [InlineData("JARVICE_SLURM_SSH_MAX_SESSIONS", "0")]
    [InlineData("JARVICE_SLURM_SSH_MAX_SESSIONS", "many")]
    [InlineData("JARVICE_SLURM_SSH_JUMP", "bastion:port")]
    [InlineData("JARVICE_SLURM_SSH_JUMP", "-oProxyCommand=x")]
    [InlineData("JARVICE_SLURM_SSH_CONFIG", "/etc/ssh/ssh_config")]
    [InlineData("JARVICE_REGISTRY_PROXY_PORT", "proxy")]
    [InlineData("JARVICE_SINGULARITY_OVERLAY_SIZE", "big")]
    public void An_invalid_value_is_one_line_naming_the_variable_and_the_value(string name, string value)
    {
        var (config, error) = Start(FakeCluster.Environment(new() { [name] = value }));
        var e = Assert.IsType<ConfigurationException>(error);
        var line = ConfigurationErrors.OneLine(e, config, SlurmSettingsCatalog.All);
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith(name, line);
        Assert.Contains(value, line);
    }

    [Theory]
    [InlineData("JARVICE_SLURM_SSH_PKEY", "not a key at all")]
    [InlineData("JARVICE_DOCKER_PASSWORD", "!!not base64!!")]
    [InlineData("JARVICE_DOCKER_USERNAME", "!!not base64!!")]
    public void An_invalid_secret_is_named_and_never_shown(string name, string value)
    {
        var (config, error) = Start(FakeCluster.Environment(new() { [name] = value }));
        var e = Assert.IsType<ConfigurationException>(error);
        var line = ConfigurationErrors.OneLine(e, config, SlurmSettingsCatalog.All);
        Assert.Contains(name, line);
        Assert.DoesNotContain(value, line);
    }

    [Theory]
    [InlineData("JARVICE_SLURM_CLUSTER_ADDR")]
    [InlineData("JARVICE_SLURM_SSH_USER")]
    [InlineData("JARVICE_SYSTEM_REGISTRY")]
    [InlineData("JARVICE_SYSTEM_REPO_BASE")]
    public void A_missing_required_variable_is_one_line_naming_it(string name)
    {
        var env = FakeCluster.Environment();
        env.Remove(name);
        var (config, error) = Start(env);
        var line = ConfigurationErrors.OneLine(Assert.IsType<ConfigurationException>(error), config, SlurmSettingsCatalog.All);
        Assert.Contains(name, line);
    }

    [Fact]
    public void A_local_registry_without_its_base_names_the_missing_one()
    {
        var (config, error) = Start(FakeCluster.Environment(new() { ["JARVICE_LOCAL_REGISTRY"] = "mirror.local" }));
        Assert.StartsWith("JARVICE_LOCAL_REPO_BASE", ConfigurationErrors.OneLine(Assert.IsType<ConfigurationException>(error), config, SlurmSettingsCatalog.All));
    }

    [Fact]
    public void The_catalogue_lists_every_variable_the_readers_name_once()
    {
        var names = SlurmSettingsCatalog.All.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        foreach (var name in new[]
                 {
                     SshSettingsReader.Address, SshSettingsReader.Port, SshSettingsReader.User, SshSettingsReader.PrivateKey, SshSettingsReader.KnownHosts,
                     SshSettingsReader.HostKey, SshSettingsReader.AcceptNewHostKey, SshSettingsReader.ConnectTimeout, SshSettingsReader.CommandTimeout,
                     SshSettingsReader.ConfigFile, SshSettingsReader.StopRemoteOnTimeout, SshSettingsReader.ScratchDirectory,
                     SshSettingsReader.Transport, SshSettingsReader.MaxSessions, SshSettingsReader.KeyPassphrase, SshSettingsReader.Jump,
                     SlurmSettingsReader.Interface, SlurmSettingsReader.LogLines, SlurmSettingsReader.TailMaxLines, SlurmSettingsReader.PvclsRoots,
                     SlurmSettingsReader.MappingFile, SlurmSettingsReader.JwtClaim, SlurmSettingsReader.JwtKeyFile,
                 })
            Assert.Contains(name, names);
    }

    [Fact]
    public void The_key_passphrase_reaches_the_settings_and_is_masked_in_the_report()
    {
        var (config, error) = Start(FakeCluster.Environment(new() { ["JARVICE_SLURM_SSH_PKEY_PASSPHRASE"] = "open-sesame-42" }));
        Assert.Null(error);
        var section = config.Section(SlurmSettingsCatalog.All.Select(s => s.Name));
        Assert.Equal("open-sesame-42", SshSettingsReader.Read(section, Path.GetTempPath())!.PrivateKeyPassphrase);
        var report = new StringWriter();
        ConfigurationReport.Write(report, config, SlurmSettingsCatalog.All);
        Assert.Contains("JARVICE_SLURM_SSH_PKEY_PASSPHRASE", report.ToString());
        Assert.DoesNotContain("open-sesame-42", report.ToString());
    }
}
