using System.Diagnostics;

namespace Dssr.Engine.Remote;

/// <summary>A shell that writes every command it runs, and how it ended, to a <see cref="CommandLog"/>.</summary>
public sealed class RecordingShell : IRemoteShell
{
    private readonly IRemoteShell _inner;
    private readonly CommandLog _log;

    public RecordingShell(IRemoteShell inner, CommandLog log)
    {
        _inner = inner;
        _log = log;
    }

    public string Destination => _inner.Destination;

    public async Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default)
    {
        var at = DateTimeOffset.Now;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await _inner.RunAsync(command, ct).ConfigureAwait(false);
            _log.Add(new CommandLog.Entry(at, Destination, command.Display, result.ExitCode, null, Stopwatch.GetElapsedTime(started)));
            return result;
        }
        catch (Exception e)
        {
            _log.Add(new CommandLog.Entry(at, Destination, command.Display, null, e.GetType().Name, Stopwatch.GetElapsedTime(started)));
            throw;
        }
    }

    public async Task<RemoteResult> StreamAsync(RemoteCommand command, Stream stdout, Stream? stderr = null, CancellationToken ct = default)
    {
        var at = DateTimeOffset.Now;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await _inner.StreamAsync(command, stdout, stderr, ct).ConfigureAwait(false);
            _log.Add(new CommandLog.Entry(at, Destination, command.Display, result.ExitCode, null, Stopwatch.GetElapsedTime(started)));
            return result;
        }
        catch (Exception e)
        {
            _log.Add(new CommandLog.Entry(at, Destination, command.Display, null, e.GetType().Name, Stopwatch.GetElapsedTime(started)));
            throw;
        }
    }

    /// <summary>The transport underneath, for diagnostics and port forwards.</summary>
    public IRemoteShell Inner => _inner;

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
