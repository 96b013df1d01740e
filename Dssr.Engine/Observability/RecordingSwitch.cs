using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Observability;

/// <summary>The recorder in use, if any: started at start by <c>--record FILE</c>, or later (the console's toggle).</summary>
public sealed class RecordingSwitch : IAsyncDisposable
{
    private readonly ILogger _log;
    private ConversationRecorder? _current;

    public RecordingSwitch(string? file, ILogger log)
    {
        _log = log;
        if (file is not null) _current = new ConversationRecorder(file, log);
    }

    public ConversationRecorder? Current => Volatile.Read(ref _current);

    public bool IsRecording => Current is not null;

    /// <summary>Records to <paramref name="file"/> from now on (appending), ending any recording in progress.</summary>
    public async Task StartAsync(string file)
    {
        var next = new ConversationRecorder(file, _log);
        var previous = Interlocked.Exchange(ref _current, next);
        if (previous is not null) await previous.DisposeAsync().ConfigureAwait(false);
        _log.LogInformation("Recording the upstream conversation to {File}", next.File);
    }

    public async Task StopAsync()
    {
        var previous = Interlocked.Exchange(ref _current, null);
        if (previous is null) return;
        await previous.DisposeAsync().ConfigureAwait(false);
        _log.LogInformation("Recording to {File} stopped after {Count} requests", previous.File, previous.Count);
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
