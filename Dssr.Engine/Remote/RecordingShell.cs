using System.Diagnostics;

namespace Dssr.Engine.Remote;

/// <summary>A shell that writes every command it runs, and how it ended, to a <see cref="CommandLog"/>.</summary>
internal sealed class RecordingShell : IRemoteShell
{
    private readonly IRemoteShell _inner;
    private readonly CommandLog _log;
    private readonly string? _cluster;

    public RecordingShell(IRemoteShell inner, CommandLog log, string? cluster = null)
    {
        _inner = inner;
        _log = log;
        _cluster = cluster;
    }

    public string Destination => _inner.Destination;

    /// <summary>The transport underneath, for what only it can do (open its connection, describe its keys, forward ports).</summary>
    public IRemoteShell Inner => _inner;

    public async Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default)
    {
        var at = DateTimeOffset.Now;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await _inner.RunAsync(command, ct).ConfigureAwait(false);
            _log.Add(Entry(command, at, result.ExitCode, null, Stopwatch.GetElapsedTime(started)));
            return result;
        }
        catch (Exception e)
        {
            _log.Add(Entry(command, at, null, e.GetType().Name, Stopwatch.GetElapsedTime(started)));
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
            _log.Add(Entry(command, at, result.ExitCode, null, Stopwatch.GetElapsedTime(started)));
            return result;
        }
        catch (Exception e)
        {
            _log.Add(Entry(command, at, null, e.GetType().Name, Stopwatch.GetElapsedTime(started)));
            throw;
        }
    }

    private CommandLog.Entry Entry(RemoteCommand command, DateTimeOffset at, int? exitCode, string? error, TimeSpan elapsed) =>
        new(at, Destination, ShellQuoting.Join(command.Purpose), exitCode, error, elapsed, command.Purpose,
            command.Prelude is { } prelude ? ShellQuoting.Join(prelude) : null, _cluster, Observability.RequestContext.Id);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
