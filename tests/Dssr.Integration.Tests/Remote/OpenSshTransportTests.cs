using System.Diagnostics;
using System.Text;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.Remote;

/// <summary>The OpenSSH transport against the test bed's real sshd.</summary>
public sealed class OpenSshTransportTests : IAsyncLifetime
{
    private OpenSshTransport _ssh = null!;

    public Task InitializeAsync()
    {
        _ssh = new OpenSshTransport(TestBed.Settings());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ssh.DisposeAsync();

    [Fact]
    public async Task Arguments_arrive_as_separate_words()
    {
        var result = await _ssh.RunAsync(RemoteCommand.Of("printf", "<%s>", "a b", "", "c"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("<a b><><c>", result.Stdout);
    }

    [Fact]
    public async Task Stdin_reaches_the_command_and_ends_with_eof()
    {
        var result = await _ssh.RunAsync(RemoteCommand.Of("wc", "-c").WithStdin("hello\nworld\n"));
        Assert.Equal("12", result.Stdout.Trim());
    }

    [Fact]
    public async Task A_script_on_stdin_runs_in_the_remote_shell()
    {
        var result = await _ssh.RunAsync(RemoteCommand.Script("x=$((6*7))\necho \"$x $(whoami)\"\n"));
        Assert.Equal($"42 {TestBed.User}\n", result.Stdout);
    }

    [Fact]
    public async Task Non_zero_exit_code_and_stderr_come_back()
    {
        var result = await _ssh.RunAsync(RemoteCommand.Of("sh", "-c", "echo out; echo oops >&2; exit 3"));
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("oops\n", result.Stderr);
    }

    [Fact]
    public async Task Invalid_utf8_output_is_kept_as_bytes_and_read_without_throwing()
    {
        var result = await _ssh.RunAsync(RemoteCommand.Of("printf", "\\377\\376ok"));
        Assert.Equal(new byte[] { 0xff, 0xfe, (byte)'o', (byte)'k' }, result.StdoutBytes);
        Assert.EndsWith("ok", result.Stdout);
        Assert.Contains('\uFFFD', result.Stdout);
    }

    [Fact]
    public async Task A_command_over_its_timeout_is_stopped_and_reported()
    {
        await _ssh.ConnectAsync();
        var clock = Stopwatch.StartNew();
        var run = _ssh.RunAsync(RemoteCommand.Of("sleep", "31.25").WithTimeout(TimeSpan.FromSeconds(3)));
        // Seen running on the server first, so the check below that it is gone means something.
        var seen = false;
        while (!seen && !run.IsCompleted) { seen = RemoteSleepers("31.25") > 0; if (!seen) await Task.Delay(10); }
        Assert.True(seen, "the remote sleep was never seen running before the timeout");
        var e = await Assert.ThrowsAsync<RemoteTimeoutException>(() => run);
        // Only a real regression fails this: the sleep would run 31 s; a loaded machine adds seconds, not tens.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains("sleep 31.25", e.Message);
        Assert.Contains("was stopped", e.Message);
        // Stopped on the server too, not only here (the test bed's server is this machine).
        await UntilNoSleepers("31.25");
        // The transport is still usable afterwards.
        Assert.Equal("ok", (await _ssh.RunAsync(RemoteCommand.Of("echo", "ok"))).Stdout.Trim());
    }

    /// <summary>Waits until no remote sleep of this duration runs; fails if one outlives 20 s (far below the sleeps).</summary>
    private static async Task UntilNoSleepers(string duration)
    {
        var clock = Stopwatch.StartNew();
        while (RemoteSleepers(duration) > 0 && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(20);
        Assert.Equal(0, RemoteSleepers(duration));
    }

    private static int RemoteSleepers(string duration) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Count(cmd => cmd == $"sleep\0{duration}\0");

    [Fact]
    public async Task Cancellation_stops_the_command_here_and_on_the_server()
    {
        using var cts = new CancellationTokenSource();
        var run = _ssh.RunAsync(RemoteCommand.Of("sleep", "32.75"), cts.Token);
        var deadline = Stopwatch.StartNew();
        while (RemoteSleepers("32.75") == 0 && !run.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
        Assert.Equal(1, RemoteSleepers("32.75"));
        var clock = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}"); // the sleep would take 32 s
        // The command is stopped on the server before its remote time limit (60 s) or the sleep (32.75 s)
        // would end it; a loaded machine delays the kill's own ssh channel, so the wait allows seconds.
        await UntilNoSleepers("32.75");
    }

    [Fact]
    public async Task Several_commands_run_at_once_over_one_master()
    {
        await _ssh.ConnectAsync();
        var master = _ssh.MasterProcessId;
        // Each command says when it started and when it ended, by the server's clock; they ran side by
        // side when every one started before any ended (however slow the machine is).
        var runs = Enumerable.Range(0, 8)
            .Select(i => _ssh.RunAsync(RemoteCommand.Of("sh", "-c", "date +%s%N; sleep 2; date +%s%N; echo $1", "sh", i.ToString())))
            .ToList();
        var results = await Task.WhenAll(runs);
        var spans = results.Select(r => r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var lastStart = spans.Max(s => long.Parse(s[0], System.Globalization.CultureInfo.InvariantCulture));
        var firstEnd = spans.Min(s => long.Parse(s[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(lastStart < firstEnd, $"the last command started {(lastStart - firstEnd) / 1e6:0} ms after the first ended");
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i.ToString()), spans.Select(s => s[2]));
        Assert.Equal(1, _ssh.MasterOpenCount);
        Assert.Equal(master, _ssh.MasterProcessId);
    }

    [Fact]
    public async Task A_master_killed_behind_its_back_is_opened_again_for_the_next_command()
    {
        await _ssh.RunAsync(RemoteCommand.Of("true"));
        var first = _ssh.MasterProcessId!.Value;
        using (var p = Process.GetProcessById(first)) p.Kill();
        for (var i = 0; i < 100 && File.Exists($"/proc/{first}/stat") && !File.ReadAllText($"/proc/{first}/stat").Contains(") Z"); i++)
            await Task.Delay(10);

        var result = await _ssh.RunAsync(RemoteCommand.Of("echo", "still here"));

        Assert.Equal("still here\n", result.Stdout);
        Assert.Equal(2, _ssh.MasterOpenCount);
        Assert.NotEqual(first, _ssh.MasterProcessId);
    }

    [Fact]
    public async Task Dispose_closes_the_master_and_removes_the_private_folder()
    {
        await _ssh.ConnectAsync();
        var pid = _ssh.MasterProcessId!.Value;
        var folder = Path.GetDirectoryName(_ssh.ControlPath)!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "id")));

        await _ssh.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        var stat = $"/proc/{pid}/stat";
        Assert.True(!File.Exists(stat) || File.ReadAllText(stat).Contains(") Z"), "the master is still running");
    }

    [Fact]
    public async Task The_raw_ssh_client_reaches_the_same_master()
    {
        await _ssh.ConnectAsync();
        var info = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-S", _ssh.ControlPath!, "-o", "ControlMaster=no", "-o", "BatchMode=yes", "--", TestBed.Host, "echo", "mux" })
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal("mux\n", output);
    }

    [Fact]
    public async Task Without_the_server_side_limit_commands_run_the_same()
    {
        await using var plain = new OpenSshTransport(TestBed.Settings() with { StopRemoteOnTimeout = false });
        var r = await plain.RunAsync(RemoteCommand.Of("sh", "-c", "echo \"$0\" >&2; exit 4", "a b"));
        Assert.Equal((4, "a b\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Output_larger_than_a_pipe_buffer_comes_back_whole()
    {
        var result = await _ssh.RunAsync(RemoteCommand.Of("head", "-c", "3000000", "/dev/zero"));
        Assert.Equal(3_000_000, result.StdoutBytes.Length);
        var echoed = await _ssh.RunAsync(RemoteCommand.Of("cat").WithStdin(new string('x', 1_000_000)));
        Assert.Equal(1_000_000, Encoding.UTF8.GetString(echoed.StdoutBytes).Length);
    }
}
