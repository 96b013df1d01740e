using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.Remote;

/// <summary>The same behaviour from both transports against the test bed's real sshd.</summary>
public sealed class TransportBehaviourTests
{
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Exit_code_stdout_and_stderr_come_back_separately(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        var result = await ssh.RunAsync(RemoteCommand.Of("sh", "-c", "echo out; echo oops >&2; exit 7"));
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("oops\n", result.Stderr);
    }

    /// <summary>255 is also what the ssh client exits with when it fails; a command's own 255 over a live connection stays the command's.</summary>
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_command_that_exits_255_on_a_live_connection_is_an_exit_code_not_a_lost_connection(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        var result = await ssh.RunAsync(RemoteCommand.Of("sh", "-c", "echo gone >&2; exit 255"));
        Assert.Equal(255, result.ExitCode);
        Assert.Equal("gone\n", result.Stderr);
        Assert.Equal(0, (await ssh.RunAsync(RemoteCommand.Of("true"))).ExitCode);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_mebibyte_of_every_byte_value_on_stdin_arrives_intact(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        var input = new byte[1 << 20];
        for (var i = 0; i < input.Length; i++) input[i] = (byte)(i * 7 + i / 256);
        var result = await ssh.RunAsync(new RemoteCommand(["sha256sum"], input));
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(input)), result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_script_on_stdin_runs_and_a_command_without_stdin_sees_eof(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        var script = await ssh.RunAsync(RemoteCommand.Script("x=$((6*7))\necho \"$x $(whoami)\"\n"));
        Assert.Equal($"42 {TestBed.User}\n", script.Stdout);
        var cat = await ssh.RunAsync(RemoteCommand.Of("cat").WithTimeout(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, cat.ExitCode);
        Assert.Equal("", cat.Stdout);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Commands_that_exit_without_reading_their_stdin_leave_the_connection_up(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        await ssh.ConnectAsync();
        var longer = ssh.RunAsync(RemoteCommand.Of("sh", "-c", "sleep 2; echo survived"));
        var payload = new byte[512 * 1024];
        for (var i = 0; i < 20; i++)
        {
            var early = await ssh.RunAsync(new RemoteCommand(["sh", "-c", "exit 1"], payload));
            Assert.Equal(1, early.ExitCode);
        }
        Assert.Equal("survived\n", (await longer).Stdout);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Sixteen_commands_at_once_all_finish_within_the_session_limit(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { MaxSessions = 8 });
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => ssh.RunAsync(RemoteCommand.Of("sh", "-c", "sleep 0.3; echo $1", "sh", $"{i}"))));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"{i}\n"), results.Select(r => r.Stdout));
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_timed_out_command_is_stopped_on_the_server(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        var marker = $"{Random.Shared.Next(1000, 9999)}.{Random.Shared.Next(100, 999)}";
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<RemoteTimeoutException>(() =>
            ssh.RunAsync(RemoteCommand.Of("sleep", marker).WithTimeout(TimeSpan.FromSeconds(2))));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        await AssertGoneAsync(ssh, marker);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_cancelled_command_is_stopped_on_the_server(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        var marker = $"{Random.Shared.Next(1000, 9999)}.{Random.Shared.Next(100, 999)}";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ssh.RunAsync(RemoteCommand.Of("sleep", marker), cts.Token));
        await AssertGoneAsync(ssh, marker);
        Assert.Equal("still here\n", (await ssh.RunAsync(RemoteCommand.Of("echo", "still here"))).Stdout);
    }

    [Fact]
    public async Task An_exit_by_signal_is_reported_as_the_signal()
    {
        await using var ssh = Transports.Open(SshTransportKind.SshNet);
        var result = await ssh.RunAsync(RemoteCommand.Of("sh", "-c", "kill -TERM $$"));
        Assert.Equal("TERM", result.ExitSignal);
        Assert.Equal(143, result.ExitCode);
    }

    private static async Task AssertGoneAsync(IRemoteShell ssh, string marker)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // "[s]leep" does not match the pgrep command line itself.
            var look = await ssh.RunAsync(RemoteCommand.Of("pgrep", "-u", TestBed.User, "-f", $"[s]leep {marker}"));
            if (look.ExitCode == 1) return;
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"`sleep {marker}` still runs on the server: {look.Stdout}");
            await Task.Delay(200);
        }
    }
}
