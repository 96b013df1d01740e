using Dssr.Engine.Configuration;
using Dssr.Engine.Remote;
using Dssr.Engine.Remote.SshNet;

namespace Dssr.Engine.Tests.Remote;

/// <summary>JARVICE_SLURM_SSH_TRANSPORT and the settings that go with each transport.</summary>
public sealed class TransportSelectionTests
{
    private static SshSettings Read(params (string, string)[] pairs)
    {
        var env = new Dictionary<string, string> { ["JARVICE_SLURM_CLUSTER_ADDR"] = "login.example", ["JARVICE_SLURM_SSH_USER"] = "jarvice" };
        foreach (var (k, v) in pairs) env[k] = v;
        return SshSettingsReader.Read(env, "/state")!;
    }

    [Fact]
    public async Task SshNet_is_the_default_and_openssh_is_chosen_by_name()
    {
        await using var byDefault = TransportFactory.Create(Read());
        Assert.IsType<SshNetTransport>(byDefault);
        await using var named = TransportFactory.Create(Read(("JARVICE_SLURM_SSH_TRANSPORT", "OpenSSH")));
        Assert.IsType<OpenSshTransport>(named);
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
        Assert.Equal(["-F", "/dev/null"], SshArguments.Common(none, null, null, "/cm").Take(2));
        var user = Read(("JARVICE_SLURM_SSH_TRANSPORT", "openssh"), ("JARVICE_SLURM_SSH_CONFIG", "true"));
        Assert.True(user.UserConfig);
        Assert.DoesNotContain("-F", SshArguments.Common(user, null, null, "/cm"));
        var file = Read(("JARVICE_SLURM_SSH_TRANSPORT", "openssh"), ("JARVICE_SLURM_SSH_CONFIG", "/etc/dssr/ssh_config"));
        Assert.Equal(["-F", "/etc/dssr/ssh_config"], SshArguments.Common(file, null, null, "/cm").Take(2));
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
    public void The_command_is_quoted_once_reads_dev_null_without_stdin_and_drains_stdin_before_it_runs()
    {
        var plain = SshNetCommandText.Of(RemoteCommand.Of("echo", "a b", "$HOME"), TimeSpan.FromSeconds(60), backstop: false);
        Assert.Equal("exec echo 'a b' '$HOME' </dev/null", plain);
        var wrapped = SshNetCommandText.Of(RemoteCommand.Of("true"), TimeSpan.FromSeconds(2.5), backstop: true);
        Assert.Equal("exec timeout -k 5 3 true </dev/null", wrapped);
        var script = SshNetCommandText.Of(RemoteCommand.Script("echo hi"), TimeSpan.FromSeconds(60), backstop: false);
        Assert.StartsWith("t=$(mktemp)", script);
        Assert.Contains("cat >\"$t\" && exec <\"$t\" && rm -f -- \"$t\" && exec /bin/sh -s;", script);
        Assert.DoesNotContain("echo hi", script);
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
