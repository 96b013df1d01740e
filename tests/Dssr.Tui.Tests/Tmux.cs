using System.Diagnostics;

namespace Dssr.Tui.Tests;

/// <summary>A tmux server on a private socket, driven with send-keys and read with capture-pane.</summary>
public sealed class Tmux : IDisposable
{
    private readonly string _socket = "dssr-test-" + Guid.NewGuid().ToString("N")[..10];

    public Tmux(string command, int width = 80, int height = 24)
    {
        Run("new-session", "-d", "-s", "main", "-x", width.ToString(), "-y", height.ToString(), command);
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
        try { Run("kill-server"); } catch (InvalidOperationException) { }
    }
}
