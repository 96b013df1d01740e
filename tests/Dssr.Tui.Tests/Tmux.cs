using System.Diagnostics;

namespace Dssr.Tui.Tests;

/// <summary>
/// A tmux server on a private socket, driven with send-keys and read with capture-pane. Disposing it
/// kills the server and then, by id, every process that ran in it and has not ended by then (a console
/// a failed test left running never outlives the test).
/// </summary>
public sealed class Tmux : IDisposable
{
    private static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(10);
    private readonly string _socket = "dssr-test-" + Guid.NewGuid().ToString("N")[..10];
    private readonly TestProcess? _server;
    private IReadOnlyList<TestProcess>? _inside;

    public Tmux(string command, int width = 80, int height = 24)
    {
        Run("new-session", "-d", "-s", "main", "-x", width.ToString(), "-y", height.ToString(), command);
        _server = TestProcess.Of(int.Parse(Run("display-message", "-p", "#{pid}").Trim()));
    }

    /// <summary>Every process running in the server's panes now.</summary>
    public IReadOnlyList<TestProcess> Processes() => _server is { } s ? TestProcess.Descendants(s.Pid) : [];

    /// <summary>
    /// Kills the tmux server: the terminal goes away under whatever runs in it. Returns the processes
    /// that ran in it; the caller decides whether they must end by themselves.
    /// </summary>
    public IReadOnlyList<TestProcess> KillServer()
    {
        if (_inside is { } killed) return killed;
        _inside = Processes();
        try { Run("kill-server"); } catch (InvalidOperationException) { }
        _server?.WaitForExit(EndGrace);
        _server?.Kill();
        return _inside;
    }

    public void Keys(params string[] keys) => Run(["send-keys", "-t", "main", .. keys]);

    /// <summary>Types text literally (no key-name lookup).</summary>
    public void Type(string text) => Run("send-keys", "-t", "main", "-l", text);

    public string Screen() => Run("capture-pane", "-p", "-t", "main");

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>; fails with the last screen when it does not.</summary>
    public string WaitFor(Func<string, bool> condition, string what, double seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        string screen;
        do
        {
            screen = Screen();
            if (condition(screen)) return screen;
            Thread.Sleep(100);
        } while (DateTime.UtcNow < until);
        throw new Xunit.Sdk.XunitException($"timed out after {seconds} s waiting for {what}; the screen was:\n{screen}");
    }

    public string WaitFor(string text, double seconds = 60) => WaitFor(s => s.Contains(text), $"'{text}'", seconds);

    private string Run(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment.Remove("DisableRealDriverIO"); // the in-memory driver of the Terminal.Gui tests: not for the real console
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(_socket);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {error.Trim()}");
        return output;
    }

    public void Dispose()
    {
        var inside = KillServer();
        var until = DateTime.UtcNow + EndGrace;
        foreach (var p in inside) p.WaitForExit(until - DateTime.UtcNow);
        foreach (var p in inside) p.Kill();
    }
}
