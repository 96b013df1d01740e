using Renci.SshNet;
using Renci.SshNet.Common;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>How a command ended on the server: its exit status, or the signal that ended it.</summary>
internal readonly record struct SshNetExit(int Code, string? Signal);

/// <summary>A channel could not be opened for the command, so it never ran: safe to try once more on a new connection.</summary>
internal sealed class SshNetChannelException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs one command as a channel on a connected client: stdin written and closed, stdout and stderr read
/// as bytes (copied to the given streams while it runs, or once it ended), the exit status or signal
/// taken. The timeout and the caller's token both make SSH.NET signal the remote process (TERM) before the
/// channel closes; the watchdog gives up the connection when the server stops answering altogether.
/// </summary>
internal sealed class SshNetCommandRunner
{
    private static readonly TimeSpan SignalGrace = TimeSpan.FromSeconds(2);
    private readonly SshClient _client;
    private readonly TimeSpan _openLimit;
    private readonly Action<string> _giveUp;

    /// <param name="giveUp">Called when the connection stopped answering: the holder drops it.</param>
    public SshNetCommandRunner(SshClient client, TimeSpan openLimit, Action<string> giveUp)
    {
        _client = client;
        _openLimit = openLimit;
        _giveUp = giveUp;
    }

    /// <param name="stream">True: copy output while the command runs (bounded memory); false: copy it once the command ended.</param>
    public async Task<SshNetExit> RunAsync(string text, byte[]? stdin, Stream stdout, Stream stderr, bool stream,
        TimeSpan timeout, string display, string destination, CancellationToken ct)
    {
        var cmd = _client.CreateCommand(text);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        // ExecuteAsync opens the channel synchronously, before it returns its Task (for the whole connect timeout on a hung
        // server): on a pool thread, so the caller's token and the watchdog still act. A thread of its own per command
        // measured slower; a hung server blocks at most the opens already under way, since the watchdog drops the client.
        var opening = Task.Factory.StartNew(() => cmd.ExecuteAsync(limit.Token), CancellationToken.None,
            TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        Task run;
        try
        {
            run = await SshNetWatchdog.GuardAsync(opening, _openLimit, () => _giveUp("a channel did not open in time"), ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            DisposeWhenDone(opening, cmd);
            throw new SshNetChannelException(
                $"{destination} did not open a channel within {_openLimit.TotalSeconds:0.#} s: the connection hangs and is opened anew");
        }
        catch (OperationCanceledException)
        {
            DisposeWhenDone(opening, cmd);
            throw;
        }
        catch (Exception e) when (e is SshConnectionException or SshOperationTimeoutException or SshException or ObjectDisposedException)
        {
            cmd.Dispose();
            _giveUp(e.Message);
            throw new SshNetChannelException($"no channel to {destination}: {e.Message}", e);
        }

        try
        {
            var input = stdin is null ? null : Task.Run(() => WriteStdin(cmd, stdin), CancellationToken.None);
            var pumps = stream
                ? new[] { Pump(cmd.OutputStream, stdout, limit), Pump(cmd.ExtendedOutputStream, stderr, limit) }
                : null;
            try
            {
                await SshNetWatchdog.GuardAsync(Completion(run), timeout + _openLimit + SignalGrace,
                    () => _giveUp($"`{display}` did not end after its timeout"), CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw new OperationCanceledException($"`{display}` on {destination} was cancelled", null, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SshOperationTimeoutException or TimeoutException)
            {
                throw new RemoteTimeoutException($"`{display}` on {destination} ran for more than {timeout.TotalSeconds:0.#} s and was stopped");
            }
            catch (Exception e) when (e is SshConnectionException or SshException or ObjectDisposedException)
            {
                // A session torn down under the command (killed sshd, keep-alive gone) disposes its channel too.
                _giveUp(e.Message);
                throw new RemoteConnectException($"the SSH connection to {destination} was lost while `{display}` ran: {e.Message}", e);
            }
            if (input is not null) await Observe(input).ConfigureAwait(false);
            if (pumps is not null) await Task.WhenAll(pumps).ConfigureAwait(false);
            else
            {
                await cmd.OutputStream.CopyToAsync(stdout, CancellationToken.None).ConfigureAwait(false);
                await cmd.ExtendedOutputStream.CopyToAsync(stderr, CancellationToken.None).ConfigureAwait(false);
            }
            return cmd.ExitStatus is int code
                ? new SshNetExit(code, null)
                : new SshNetExit(128 + SignalNumber(cmd.ExitSignal), cmd.ExitSignal ?? "unknown");
        }
        catch (ObjectDisposedException e) when (!ct.IsCancellationRequested)
        {
            _giveUp(e.Message);
            throw new RemoteConnectException($"the SSH connection to {destination} was lost while `{display}` ran: {e.Message}", e);
        }
        finally
        {
            cmd.Dispose();
        }
    }

    /// <summary>The command's Task as a Task of nothing, so the watchdog can bound it.</summary>
    private static async Task<bool> Completion(Task run)
    {
        await run.ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes stdin and closes it (EOF). The remote side reads all of it before it runs anything, so the write never races a closed channel.</summary>
    private static void WriteStdin(SshCommand cmd, byte[] stdin)
    {
        using var input = cmd.CreateInputStream();
        input.Write(stdin);
    }

    private static async Task Observe(Task input)
    {
        try { await input.ConfigureAwait(false); }
        catch (Exception) { /* the command ended without reading all of it; its exit status says how */ }
    }

    /// <summary>Copies a channel stream on its own thread (its Read blocks); a consumer that fails stops the command.</summary>
    private static Task Pump(Stream from, Stream to, CancellationTokenSource stop) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                from.CopyTo(to, 64 * 1024);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                stop.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void DisposeWhenDone(Task<Task> opening, SshCommand cmd) =>
        opening.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) SshNetWatchdog.Forget(t.Result);
            cmd.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>The number of a signal named as RFC 4254 names them, for the 128 + n exit code shells report.</summary>
    private static int SignalNumber(string? name) => name switch
    {
        "HUP" => 1, "INT" => 2, "QUIT" => 3, "ILL" => 4, "ABRT" => 6, "FPE" => 8, "KILL" => 9,
        "USR1" => 10, "SEGV" => 11, "USR2" => 12, "PIPE" => 13, "ALRM" => 14, "TERM" => 15,
        _ => 127,
    };
}
