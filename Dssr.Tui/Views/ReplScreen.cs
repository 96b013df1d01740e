using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The REPL pane: output above, the line being typed below.</summary>
public static class ReplScreen
{
    public static IEnumerable<IRenderable> Build(IReadOnlyList<string> output, string input, int width, int height)
    {
        yield return Line.Rule("C# REPL", width);
        var shown = output.Skip(Math.Max(0, output.Count - (height - 2))).ToList();
        foreach (var line in shown) yield return Line.Of(line, width);
        for (var i = shown.Count; i < height - 2; i++) yield return Line.Blank();
        yield return Line.Of("> " + input + "▏", width, "bold");
    }
}
