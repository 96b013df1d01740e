using System.Globalization;
using Dssr.Engine.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace Dssr.Engine.Logging;

/// <summary>
/// The line operators already grep: <c>2023-09-12 09:08:04,204 [1] INFO message</c>, that is Python's
/// <c>%(asctime)s [%(process)d] %(levelname)s %(message)s</c>. Property values are rendered without quotes,
/// each cut at <see cref="MaxValueLength"/> characters: a remote command's megabyte of stderr or a hostile value
/// echoed in an error must not become a megabyte log line.
/// </summary>
public sealed class PythonLineFormatter : ITextFormatter
{
    public const int MaxValueLength = 16 * 1024;
    private static readonly string Pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write(logEvent.Timestamp.LocalDateTime.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture));
        output.Write(" [");
        output.Write(Pid);
        output.Write("] ");
        output.Write(LogLevels.PythonName(logEvent.Level));
        output.Write(' ');
        WriteMessage(logEvent, output);
        if (logEvent.Exception is { } e)
        {
            output.Write(" (");
            output.Write(e.GetType().Name);
            output.Write(": ");
            WriteCut(e.Message, output);
            output.Write(')');
        }
        // Last, so the original's line format is unchanged up to here: grep for the id finds the request's lines.
        if (logEvent.Properties.TryGetValue(Observability.RequestIdEnricher.Property, out var id) && id is ScalarValue { Value: string rid })
        {
            output.Write(" [request ");
            output.Write(rid);
            output.Write(']');
        }
        output.Write('\n');
    }

    private static void WriteMessage(LogEvent logEvent, TextWriter output)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
                WriteCut(text, output); // strings as they are, not JSON-quoted
            else
                token.Render(logEvent.Properties, output, CultureInfo.InvariantCulture);
        }
    }

    private static void WriteCut(string text, TextWriter output)
    {
        if (text.Length <= MaxValueLength)
        {
            output.Write(text);
            return;
        }
        var keep = char.IsHighSurrogate(text[MaxValueLength - 1]) ? MaxValueLength - 1 : MaxValueLength;
        output.Write(text.AsSpan(0, keep));
        output.Write($"… ({(text.Length - keep).ToString(CultureInfo.InvariantCulture)} more characters)");
    }
}
