using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Observability;

[System.Text.Json.Serialization.JsonSerializable(typeof(RecordedExchange))]
internal sealed partial class RecordingJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>
/// Appends each upstream exchange to a file as a JSON line (secrets masked before they are queued). Writing is on
/// a background task so a request never waits for the disk; <see cref="DisposeAsync"/> writes what is queued.
/// </summary>
public sealed class ConversationRecorder : IAsyncDisposable
{
    private readonly Channel<RecordedExchange> _queue = Channel.CreateUnbounded<RecordedExchange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FileStream _file;
    private readonly Task _writing;
    private readonly ILogger _log;

    public ConversationRecorder(string file, ILogger log)
    {
        File = Path.GetFullPath(file);
        _log = log;
        var folder = Path.GetDirectoryName(File);
        if (folder is not null) Directory.CreateDirectory(folder);
        // Only the service's user may read it: even masked, it shows the upstream's jobs.
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        options.BufferSize = 64 * 1024;
        _file = new FileStream(File, options);
        _writing = Task.Run(WriteAsync);
    }

    public string File { get; }

    /// <summary>Exchanges recorded so far (queued to be written included).</summary>
    public long Count => Interlocked.Read(ref _count);
    private long _count;

    /// <summary>False when recording is paused (the console's toggle); exchanges are then dropped.</summary>
    public bool Enabled { get; set; } = true;

    public void Record(RecordedExchange exchange)
    {
        if (!Enabled) return;
        var args = exchange.Args is null ? null : SecretMask.MaskArgs(exchange.Args);
        var masked = exchange with { Args = args, Masked = args != exchange.Args && args != Normalized(exchange.Args) };
        if (_queue.Writer.TryWrite(masked)) Interlocked.Increment(ref _count);
    }

    /// <summary>The args as re-serialised without a change (the masker rewrites JSON compactly).</summary>
    private static string? Normalized(string? args)
    {
        try
        {
            return args is null ? null : System.Text.Json.Nodes.JsonNode.Parse(args)?.ToJsonString();
        }
        catch (JsonException)
        {
            return args;
        }
    }

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        // Straight to the file's buffer as UTF-8, one batch per wake-up: no string per line, one flush per batch.
        await using var json = new Utf8JsonWriter(_file);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var batch = 0;
                while (reader.TryRead(out var exchange))
                {
                    JsonSerializer.Serialize(json, exchange, RecordingJson.Default.RecordedExchange);
                    json.Flush();
                    json.Reset();
                    _file.WriteByte((byte)'\n');
                    batch++;
                }
                await _file.FlushAsync().ConfigureAwait(false);
                Interlocked.Add(ref _written, batch);
            }
        }
        catch (IOException e)
        {
            _log.LogError("Recording to {File} stopped: {Error}", File, e.Message);
        }
    }

    /// <summary>Waits until everything recorded so far is on disk (tests, and before a replay of a live recording).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var target = Count;
        while (Interlocked.Read(ref _written) < target && !_writing.IsCompleted) await Task.Delay(5, ct).ConfigureAwait(false);
    }
    private long _written;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
