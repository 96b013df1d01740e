using System.Diagnostics;

namespace Dssr.Scripting.Tests;

/// <summary>Runs <c>dssr script …</c> as the operator does: the real executable, its own environment, stdout, stderr and exit code.</summary>
public static class DssrScriptProcess
{
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record Run(int ExitCode, string Stdout, string Stderr, TimeSpan Took);

    public static async Task<Run> StartAsync(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoFiles.Root,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dssr.dll"));
        info.ArgumentList.Add("script");
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("JARVICE_") || k.StartsWith("WAITRESS_") || k.StartsWith("DSSR_")).ToList())
            info.Environment.Remove(key);
        foreach (var (k, v) in env) info.Environment[k] = v;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180)); // a hang, not a slow machine
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dssr script {string.Join(' ', args)} did not end in 180 s");
        }
        return new Run(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
