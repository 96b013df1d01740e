using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Dssr.Engine.Logging;

/// <summary>The last log lines in memory (bounded), for the console's log pane; <see cref="Version"/> tells it when to redraw.</summary>
public sealed class LogBuffer : ILogEventSink
{
    public sealed record Line(DateTimeOffset At, LogEventLevel Level, string Text);

    private readonly Queue<Line> _lines = new();
    private readonly int _capacity;
    private readonly ITextFormatter _formatter = new PythonLineFormatter();
    private long _version;

    public LogBuffer(int capacity = 2000) => _capacity = capacity;

    public long Version => Interlocked.Read(ref _version);

    public void Emit(LogEvent logEvent)
    {
        var text = new StringWriter();
        _formatter.Format(logEvent, text);
        var line = new Line(logEvent.Timestamp, logEvent.Level, text.ToString().TrimEnd('\n'));
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > _capacity) _lines.Dequeue();
        }
        Interlocked.Increment(ref _version);
    }

    /// <summary>The newest <paramref name="count"/> lines at or above <paramref name="minimum"/>, oldest first.</summary>
    public IReadOnlyList<Line> Tail(int count, LogEventLevel minimum = LogEventLevel.Verbose)
    {
        lock (_lines)
        {
            var matching = _lines.Where(l => l.Level >= minimum).ToList();
            return matching.Skip(Math.Max(0, matching.Count - count)).ToList();
        }
    }
}
