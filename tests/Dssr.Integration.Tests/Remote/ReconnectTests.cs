using System.Globalization;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.Remote;

/// <summary>A connection whose sshd processes are killed mid-command, or stopped: that command fails, the next one connects anew.</summary>
public sealed class ReconnectTests
{
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task The_next_command_reconnects_after_sshd_is_killed_mid_command(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        var connection = await ConnectionProcessesAsync(ssh);

        var running = ssh.RunAsync(RemoteCommand.Of("sleep", "30"));
        await Task.Delay(300);
        foreach (var pid in connection) KillByPid(pid);

        RemoteResult? ended = null;
        var outcome = await Record.ExceptionAsync(async () => ended = await running.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(outcome is RemoteException || ended is { ExitCode: not 0 },
            $"the command on the killed connection ended with {outcome?.GetType().Name ?? "exit " + ended?.ExitCode}");
        var again = await ssh.RunAsync(RemoteCommand.Of("echo", "back"));
        Assert.Equal("back\n", again.Stdout);
    }

    [Fact]
    public async Task A_hung_server_is_given_up_after_the_connect_timeout_and_the_command_runs_on_a_new_connection()
    {
        await using var ssh = Transports.Open(SshTransportKind.SshNet, TestBed.Settings() with { ConnectTimeout = TimeSpan.FromSeconds(2) });
        var connection = await ConnectionProcessesAsync(ssh);
        foreach (var pid in connection) Signal(pid, "STOP");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Keep-alives do not notice a stopped peer; the watchdog gives the connection up when no channel opens within
            // the connect timeout, and the command, which never started, runs once more on a new connection.
            Assert.Equal("fresh\n", (await ssh.RunAsync(RemoteCommand.Of("echo", "fresh"))).Stdout);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(2, ((Dssr.Engine.Remote.SshNet.SshNetTransport)ssh).ConnectionCount);
        }
        finally
        {
            foreach (var pid in connection) Signal(pid, "CONT");
            foreach (var pid in connection) KillByPid(pid);
        }
    }

    /// <summary>The connection's own sshd processes: ancestors of a command's shell, short of the bed's listener.</summary>
    private static async Task<List<int>> ConnectionProcessesAsync(IRemoteShell ssh)
    {
        const string ancestors = "p=$$; while [ \"$p\" -gt 1 ]; do echo $p; p=$(awk '/^PPid:/ {print $2}' /proc/$p/status); done";
        var chain = (await ssh.RunAsync(RemoteCommand.Of("sh", "-c", ancestors))).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(ListenerPid(), chain);
        var connection = chain.Where(pid => pid != ListenerPid() && IsSshd(pid)).ToList();
        Assert.NotEmpty(connection);
        return connection;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private static int ListenerPid() =>
        int.Parse(File.ReadAllText(TestBed.Get("DSSR_TESTBED_SSHD_PID_FILE")).Trim(), CultureInfo.InvariantCulture);

    private static bool IsSshd(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim() == "sshd"; }
        catch (IOException) { return false; }
    }

    private static void KillByPid(int pid)
    {
        try { System.Diagnostics.Process.GetProcessById(pid).Kill(); }
        catch (ArgumentException) { /* gone already */ }
    }
}
