using Dssr.Engine.Remote;
using Dssr.Engine.Remote.SshNet;

namespace Dssr.Engine.Tests.Remote;

/// <summary>The transport each setting picks, the ssh arguments that follow from them, and the SSH.NET command text.</summary>
public sealed class TransportSelectionTests
{
    private static SshSettings Settings(SshTransportKind? kind = null, string? configFile = null, bool userConfig = false) =>
        new() { Host = "login.example", User = "jarvice", Transport = kind ?? SshTransportKind.SshNet, ConfigFile = configFile, UserConfig = userConfig };

    [Fact]
    public async Task SshNet_is_the_default_and_openssh_is_chosen_by_name()
    {
        await using var byDefault = TransportFactory.Create(new SshSettings { Host = "login.example", User = "jarvice" });
        Assert.IsType<SshNetTransport>(byDefault);
        await using var named = TransportFactory.Create(Settings(SshTransportKind.OpenSsh));
        Assert.IsType<OpenSshTransport>(named);
    }

    [Fact]
    public void OpenSsh_reads_no_ssh_config_unless_asked_then_the_users_or_a_file()
    {
        var none = Settings(SshTransportKind.OpenSsh);
        Assert.Equal(["-F", "/dev/null"], SshArguments.Common(none, null, null, "/cm").Take(2));
        var user = Settings(SshTransportKind.OpenSsh, userConfig: true);
        Assert.DoesNotContain("-F", SshArguments.Common(user, null, null, "/cm"));
        var file = Settings(SshTransportKind.OpenSsh, "/etc/dssr/ssh_config");
        Assert.Equal(["-F", "/etc/dssr/ssh_config"], SshArguments.Common(file, null, null, "/cm").Take(2));
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
}
