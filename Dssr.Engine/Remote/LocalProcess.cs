using System.Diagnostics;

namespace Dssr.Engine.Remote;

/// <summary>What a local process gave back, and whether it was stopped for running too long.</summary>
internal sealed record ProcessOutcome(int ExitCode, byte[] Stdout, byte[] Stderr, TimeSpan Elapsed, bool TimedOut);

/// <summary>
/// Runs a local program from an argv list (no shell on this side), feeds stdin, collects stdout and stderr
/// as bytes, and kills the process tree past the timeout or on cancellation.
/// </summary>
internal static class LocalProcess
{
    public static async Task<ProcessOutcome> RunAsync(
        string program, IEnumerable<string> args, byte[]? stdin, TimeSpan timeout, CancellationToken ct,
        Func<byte[], Task>? beforeKill = null, Stream? stdoutSink = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.Start();
        var stdout = new OutputBuffer();
        var stderr = new OutputBuffer();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readOut = stdoutSink is null
            ? stdout.FillFromAsync(process.StandardOutput.BaseStream)
            : CopyAsync(process.StandardOutput.BaseStream, stdoutSink, limit);
        var readErr = stderr.FillFromAsync(process.StandardError.BaseStream);
        var writeIn = WriteStdinAsync(process, stdin);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (beforeKill is not null) await BestEffortAsync(beforeKill, stderr.Snapshot()).ConfigureAwait(false);
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            // An ssh mux client hands its pipes to the master, which may hold them until the remote side
            // closes the channel: take what has arrived and do not wait for the rest.
            await DrainAsync(TimeSpan.FromMilliseconds(200), readOut, readErr, writeIn).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (stdoutSink is not null && readOut.IsFaulted) await readOut.ConfigureAwait(false);
            return new ProcessOutcome(-1, Array.Empty<byte>(), Array.Empty<byte>(), clock.Elapsed, TimedOut: true);
        }
        await DrainAsync(TimeSpan.FromSeconds(5), readOut, readErr, writeIn).ConfigureAwait(false);
        if (stdoutSink is not null && readOut.IsFaulted) await readOut.ConfigureAwait(false);
        return new ProcessOutcome(process.ExitCode, stdout.Snapshot(), stderr.Snapshot(), clock.Elapsed, TimedOut: false);
    }

    /// <summary>
    /// Streams stdout to the caller's sink as it arrives. A sink that fails (the HTTP client went away) stops the
    /// process rather than leaving it blocked on a full pipe; the sink's exception is what the caller sees.
    /// </summary>
    private static async Task CopyAsync(Stream source, Stream sink, CancellationTokenSource stop)
    {
        var chunk = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await source.ReadAsync(chunk).ConfigureAwait(false)) > 0)
                await sink.WriteAsync(chunk.AsMemory(0, n)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task WriteStdinAsync(Process process, byte[]? stdin)
    {
        try
        {
            if (stdin is { Length: > 0 })
                await process.StandardInput.BaseStream.WriteAsync(stdin).ConfigureAwait(false);
            // Closing sends EOF: a submit command and `sh -s` read until it.
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of its input; its exit code tells the rest.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static async Task BestEffortAsync(Func<byte[], Task> action, byte[] stderrSoFar)
    {
        try
        {
            await action(stderrSoFar).WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // stopping the far side is best effort: the local kill that follows must happen regardless
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static async Task DrainAsync(TimeSpan cap, params Task[] tasks)
    {
        // Output pipes close when the process and its children are gone; do not wait forever on a stray grandchild.
        var all = Task.WhenAll(tasks);
        await Task.WhenAny(all, Task.Delay(cap)).ConfigureAwait(false);
    }

    private static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }
}
