using Dssr.Engine.Logging;
using Dssr.Tui.ViewModels;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>
/// Builds one whole frame for a terminal of the given size from the model: a list of exactly
/// <c>height</c> single lines, whatever the mode and the data.
/// </summary>
public static class Frame
{
    public static IReadOnlyList<IRenderable> Lines(ConsoleModel model, LogBuffer logs, ReplPane repl, int width, int height)
    {
        var body = height - 3; // header above, message and keys below
        var lines = new List<IRenderable> { HeaderLine.Build(model.Header, width) };
        IEnumerable<IRenderable> content = model.HelpVisible ? HelpScreen.Build(model, width) : model.Mode switch
        {
            ConsoleMode.Main => MainView(model, logs, width, body),
            ConsoleMode.Diagnostics => DiagnosticsScreen.Build(model, width),
            ConsoleMode.Logs => LogSection.Build(logs, model.LogLevel, width, body, $"Log ({Engine.Configuration.LogLevels.PythonName(model.LogLevel)} and above)"),
            ConsoleMode.Detail when model.Detail is { } d => DetailScreen.Build(d, width),
            ConsoleMode.Repl => ReplScreen.Build(repl, width, body),
            _ => [],
        };
        lines.AddRange(content.Take(body));
        while (lines.Count < 1 + body) lines.Add(Line.Blank());
        lines.AddRange(StatusLines.Build(model, width));
        return lines;
    }

    private static IEnumerable<IRenderable> MainView(ConsoleModel model, LogBuffer logs, int width, int body)
    {
        var clusterRows = Math.Min(model.Clusters.Count, 4);
        var logHeight = Math.Clamp(body / 5, 2, 8);
        var queueHeight = body - (2 + clusterRows) - logHeight;
        foreach (var l in ClustersSection.Build(model, width, clusterRows)) yield return l;
        var queue = QueueSection.Build(model, width, queueHeight).ToList();
        foreach (var l in queue) yield return l;
        for (var i = queue.Count; i < queueHeight; i++) yield return Line.Blank();
        foreach (var l in LogSection.Build(logs, model.LogLevel, width, logHeight, "Log")) yield return l;
    }
}
