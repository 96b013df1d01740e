using System.Diagnostics;
using Dssr.Engine.Remote;

namespace Dssr.Engine.Tests.Remote;

public sealed class LocalTransportTests
{
    private readonly LocalTransport _shell = new();

    [Fact]
    public async Task Returns_exit_code_stdout_and_stderr_of_a_failing_command()
    {
        var r = await _shell.RunAsync(RemoteCommand.Of("sh", "-c", "echo out; echo err >&2; exit 7"));
        Assert.Equal((7, "out\n", "err\n"), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task A_script_goes_on_stdin()
    {
        var r = await _shell.RunAsync(RemoteCommand.Script("a='x y'\nprintf '[%s]' \"$a\"\n"));
        Assert.Equal("[x y]", r.Stdout);
    }

    [Fact]
    public async Task Invalid_utf8_does_not_throw()
    {
        var r = await _shell.RunAsync(RemoteCommand.Of("printf", "\\303\\050"));
        Assert.Equal(new byte[] { 0xc3, 0x28 }, r.StdoutBytes);
        Assert.Equal("\uFFFD(", r.Stdout);
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_killed_and_reported()
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<RemoteTimeoutException>(() =>
            _shell.RunAsync(RemoteCommand.Of("sleep", "20").WithTimeout(TimeSpan.FromMilliseconds(300))));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}"); // the sleep would take 20 s
        Assert.Contains("sleep 20", e.Message);
    }
}
