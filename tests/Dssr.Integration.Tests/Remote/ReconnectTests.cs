using System.Globalization;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.Remote;

/// <summary>A connection whose sshd processes are killed mid-command: that command fails, the next one connects anew.</summary>
public sealed class ReconnectTests
{
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task The_next_command_reconnects_after_sshd_is_killed_mid_command(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        // The ancestors of a command's shell: the connection's own sshd processes, then the bed's listener.
        const string ancestors = "p=$$; while [ \"$p\" -gt 1 ]; do echo $p; p=$(awk '/^PPid:/ {print $2}' /proc/$p/status); done";
        var chain = (await ssh.RunAsync(RemoteCommand.Of("sh", "-c", ancestors))).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        var connection = chain.Where(pid => pid != ListenerPid() && IsSshd(pid)).ToList();
        Assert.NotEmpty(connection);
        Assert.Contains(ListenerPid(), chain);

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
