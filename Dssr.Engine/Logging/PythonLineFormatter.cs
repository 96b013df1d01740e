using System.Globalization;
using Dssr.Engine.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace Dssr.Engine.Logging;

/// <summary>
/// The line operators already grep: <c>2023-09-12 09:08:04,204 [1] INFO message</c>, that is Python's
/// <c>%(asctime)s [%(process)d] %(levelname)s %(message)s</c>. Property values are rendered without quotes.
/// </summary>
public sealed class PythonLineFormatter : ITextFormatter
{
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
            output.Write(e.Message);
            output.Write(')');
        }
        output.Write('\n');
    }

    private static void WriteMessage(LogEvent logEvent, TextWriter output)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
                output.Write(text); // strings as they are, not JSON-quoted
            else
                token.Render(logEvent.Properties, output, CultureInfo.InvariantCulture);
        }
    }
}
