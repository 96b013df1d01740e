using Dssr.Tui.ViewModels;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The keys of the current view with what they do, and a word on what the view shows.</summary>
public static class HelpScreen
{
    public static IEnumerable<IRenderable> Build(ConsoleModel model, int width)
    {
        var bindings = KeyMap.For(model); // the keys of the view underneath the help
        yield return Line.Rule($"Help: {model.Mode} view (any key closes)", width);
        yield return Line.Of(About(model.Mode), width);
        yield return Line.Blank();
        foreach (var b in bindings) yield return Line.Of($"  {b.Keys,-12} {b.Description}", width);
        if (model.ReadOnly) yield return Line.Of("  read-only: keys that change jobs are hidden", width, "yellow");
    }

    private static string About(ConsoleMode mode) => mode switch
    {
        ConsoleMode.Main => "Clusters and their health, every upstream job from the cached queue snapshot, and the newest log lines. The API serves meanwhile.",
        ConsoleMode.Diagnostics => "The init report and the connection checks of the selected cluster; each failed check says what to fix.",
        ConsoleMode.Logs => "The service's log, newest last; v changes the lowest level shown.",
        ConsoleMode.Detail => "The job's journal record, how it was submitted, what Dssr ran for it, and its output.",
        _ => "A C# REPL bound to the live service.",
    };
}
