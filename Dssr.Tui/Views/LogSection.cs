using Dssr.Engine.Logging;
using Serilog.Events;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The newest log lines, coloured by level.</summary>
public static class LogSection
{
    public static IEnumerable<IRenderable> Build(LogBuffer logs, LogEventLevel minimum, int width, int height, string title)
    {
        yield return Line.Rule(title, width);
        var lines = logs.Tail(height - 1, minimum);
        foreach (var line in lines)
            yield return Line.Of(line.Text, width, line.Level switch
            {
                >= LogEventLevel.Error => "red",
                LogEventLevel.Warning => "yellow",
                LogEventLevel.Debug or LogEventLevel.Verbose => "grey",
                _ => null,
            });
        for (var i = lines.Count; i < height - 1; i++) yield return Line.Blank();
    }
}
