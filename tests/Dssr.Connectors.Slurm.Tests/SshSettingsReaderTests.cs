using Dssr.Engine.Configuration;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Tests;

public sealed class SshSettingsReaderTests
{
    private static Dictionary<string, string> Env(params (string, string)[] pairs)
    {
        var env = new Dictionary<string, string> { ["JARVICE_SLURM_CLUSTER_ADDR"] = "login.example", ["JARVICE_SLURM_SSH_USER"] = "jarvice" };
        foreach (var (k, v) in pairs) env[k] = v;
        return env;
    }

    [Fact]
    public void No_cluster_address_means_no_ssh_settings() =>
        Assert.Null(SshSettingsReader.Read(new Dictionary<string, string>(), "/state"));

    [Fact]
    public void Defaults_are_port_22_strict_user_known_hosts_and_10_s_and_60_s_timeouts()
    {
        var s = SshSettingsReader.Read(Env(), "/state")!;
        Assert.Equal(("login.example", 22, "jarvice"), (s.Host, s.Port, s.User));
        Assert.Equal(HostKeyMode.UserKnownHosts, s.HostKeys.Mode);
        Assert.Equal(TimeSpan.FromSeconds(10), s.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), s.CommandTimeout);
        Assert.True(s.StopRemoteOnTimeout);
        Assert.False(SshSettingsReader.Read(Env(("JARVICE_SLURM_SSH_STOP_REMOTE_ON_TIMEOUT", "false")), "/state")!.StopRemoteOnTimeout);
    }

    [Fact]
    public void A_pinned_fingerprint_is_used_as_given()
    {
        var pin = "SHA256:2e2m+xa5mpNicSxMjxLNorKpN0EvtEg5gSOYdGaLxIg";
        var s = SshSettingsReader.Read(Env(("JARVICE_SLURM_SSH_HOST_KEY", pin)), "/state")!;
        Assert.Equal((HostKeyMode.Pinned, pin), (s.HostKeys.Mode, s.HostKeys.PinnedFingerprint));
    }

    [Fact]
    public void Accept_new_is_off_unless_asked_for_and_then_remembers_in_the_state_folder()
    {
        Assert.Equal(HostKeyMode.UserKnownHosts, SshSettingsReader.Read(Env(("JARVICE_SLURM_SSH_ACCEPT_NEW_HOST_KEY", "false")), "/state")!.HostKeys.Mode);
        var s = SshSettingsReader.Read(Env(("JARVICE_SLURM_SSH_ACCEPT_NEW_HOST_KEY", "true")), "/state")!;
        Assert.Equal((HostKeyMode.AcceptNew, "/state/known_hosts"), (s.HostKeys.Mode, s.HostKeys.KnownHostsFile));
    }

    [Theory]
    [InlineData("JARVICE_SLURM_CLUSTER_PORT", "22x")]
    [InlineData("JARVICE_SLURM_CLUSTER_PORT", "70000")]
    [InlineData("JARVICE_SLURM_SSH_HOST_KEY", "MD5:aa:bb")]
    [InlineData("JARVICE_SLURM_SSH_CONNECT_TIMEOUT", "-1")]
    [InlineData("JARVICE_SLURM_SSH_PKEY", "neither pem nor base64 nor a file")]
    public void Invalid_values_are_configuration_errors_naming_the_variable(string name, string value)
    {
        var e = Assert.Throws<ConfigurationException>(() => SshSettingsReader.Read(Env((name, value)), "/state"));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void A_known_hosts_file_and_a_pin_together_are_refused() =>
        Assert.Throws<ConfigurationException>(() => SshSettingsReader.Read(
            Env(("JARVICE_SLURM_SSH_KNOWN_HOSTS", "/k"), ("JARVICE_SLURM_SSH_HOST_KEY", "SHA256:2e2m+xa5mpNicSxMjxLNorKpN0EvtEg5gSOYdGaLxIg")), "/state"));
}
