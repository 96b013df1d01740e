using Dssr.Tui.ViewModels;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The REPL pane: output above, the (possibly multi-line) input below with its cursor.</summary>
public static class ReplScreen
{
    public static IEnumerable<IRenderable> Build(ReplPane pane, int width, int height)
    {
        yield return Line.Rule(pane.Evaluating ? "C# REPL: evaluating (Ctrl+C cancels)" : "C# REPL", width);
        var text = pane.Editor.Text;
        var withCursor = text.Insert(pane.Editor.Cursor, "▏");
        var input = withCursor.Split('\n').Select((l, i) => (i == 0 ? "> " : ". ") + l).ToList();
        var room = Math.Max(0, height - 1 - input.Count);
        var shown = pane.Output.Skip(Math.Max(0, pane.Output.Count - room)).ToList();
        foreach (var line in shown) yield return Line.Of(line, width);
        for (var i = shown.Count; i < room; i++) yield return Line.Blank();
        foreach (var line in input.TakeLast(height - 1)) yield return Line.Of(line, width, "bold");
    }
}
