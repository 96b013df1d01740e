using Dssr.Engine.Configuration;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Tests.Configuration;

/// <summary>JARVICE_SLURM_SSH_TRANSPORT and the settings that go with each transport.</summary>
public sealed class TransportSettingsTests
{
    private static SshSettings Read(params (string, string)[] pairs)
    {
        var env = new Dictionary<string, string> { ["JARVICE_SLURM_CLUSTER_ADDR"] = "login.example", ["JARVICE_SLURM_SSH_USER"] = "jarvice" };
        foreach (var (k, v) in pairs) env[k] = v;
        return SshSettingsReader.Read(env, "/state")!;
    }

    [Fact]
    public void SshNet_is_the_default_and_openssh_is_chosen_by_name()
    {
        Assert.Equal(SshTransportKind.SshNet, Read().Transport);
        Assert.Equal(SshTransportKind.OpenSsh, Read(("JARVICE_SLURM_SSH_TRANSPORT", "OpenSSH")).Transport);
        Assert.Equal(SshTransportKind.SshNet, Read(("JARVICE_SLURM_SSH_TRANSPORT", "sshnet")).Transport);
    }

    [Fact]
    public void An_unknown_transport_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<ConfigurationException>(() => Read(("JARVICE_SLURM_SSH_TRANSPORT", "putty")));
        Assert.Contains("JARVICE_SLURM_SSH_TRANSPORT", e.Message);
        Assert.Contains("putty", e.Message);
    }

    [Fact]
    public void An_ssh_config_needs_the_openssh_transport()
    {
        var e = Assert.Throws<ConfigurationException>(() => Read(("JARVICE_SLURM_SSH_CONFIG", "true")));
        Assert.Contains("JARVICE_SLURM_SSH_TRANSPORT=openssh", e.Message);
    }

    [Fact]
    public void OpenSsh_reads_no_ssh_config_unless_asked_then_the_users_or_a_file()
    {
        var none = Read(("JARVICE_SLURM_SSH_TRANSPORT", "openssh"));
        Assert.Null(none.ConfigFile);
        Assert.False(none.UserConfig);
        Assert.True(Read(("JARVICE_SLURM_SSH_TRANSPORT", "openssh"), ("JARVICE_SLURM_SSH_CONFIG", "true")).UserConfig);
        Assert.Equal("/etc/dssr/ssh_config", Read(("JARVICE_SLURM_SSH_TRANSPORT", "openssh"), ("JARVICE_SLURM_SSH_CONFIG", "/etc/dssr/ssh_config")).ConfigFile);
    }

    [Fact]
    public void The_session_limit_is_read_and_bounded()
    {
        Assert.Equal(8, Read().MaxSessions);
        Assert.Equal(4, Read(("JARVICE_SLURM_SSH_MAX_SESSIONS", "4")).MaxSessions);
        Assert.Contains("JARVICE_SLURM_SSH_MAX_SESSIONS",
            Assert.Throws<ConfigurationException>(() => Read(("JARVICE_SLURM_SSH_MAX_SESSIONS", "0"))).Message);
    }

    [Fact]
    public void A_jump_host_is_read_as_user_host_port_and_refused_with_openssh()
    {
        Assert.Equal(new SshJump("bastion.example", 2222, "hop"), Read(("JARVICE_SLURM_SSH_JUMP", "hop@bastion.example:2222")).Jump);
        Assert.Equal(new SshJump("bastion.example", 22, "jarvice"), Read(("JARVICE_SLURM_SSH_JUMP", "bastion.example")).Jump);
        Assert.Contains("JARVICE_SLURM_SSH_JUMP", Assert.Throws<ConfigurationException>(() => Read(("JARVICE_SLURM_SSH_JUMP", "-oProxyCommand=x"))).Message);
        Assert.Contains("ProxyJump", Assert.Throws<ConfigurationException>(() =>
            Read(("JARVICE_SLURM_SSH_JUMP", "bastion"), ("JARVICE_SLURM_SSH_TRANSPORT", "openssh"))).Message);
    }
}
