using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Dssr.Engine.Logging;

/// <summary>Writes formatted events to a TextWriter, one whole line at a time (threads do not interleave).</summary>
internal sealed class TextWriterSink : ILogEventSink
{
    private readonly TextWriter _writer;
    private readonly ITextFormatter _formatter;
    private readonly object _gate = new();

    public TextWriterSink(TextWriter writer, ITextFormatter formatter)
    {
        _writer = writer;
        _formatter = formatter;
    }

    public void Emit(LogEvent logEvent)
    {
        var line = new StringWriter();
        _formatter.Format(logEvent, line);
        lock (_gate)
        {
            _writer.Write(line.ToString());
            _writer.Flush();
        }
    }
}
