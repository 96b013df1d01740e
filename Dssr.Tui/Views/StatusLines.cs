using Dssr.Tui.ViewModels;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The bottom two lines: the last message (or the pending question), and the keys that work here.</summary>
public static class StatusLines
{
    public static IEnumerable<IRenderable> Build(ConsoleModel model, int width)
    {
        if (model.Confirmation is { } c) yield return Line.Of(c.Question, width, "black on yellow");
        else if (model.FilterInput is not null) yield return Line.Of("filter (regular expression, case-insensitive): /" + model.FilterInput, width, "bold");
        else yield return Line.Of(model.Message ?? "", width, model.MessageIsError ? "red" : null);

        // Quit and help first: they must stay visible on a narrow terminal.
        var bindings = KeyMap.For(model).OrderBy(b => b.Command is ConsoleCommand.Quit or ConsoleCommand.Help ? 0 : 1);
        var keys = string.Join("  ", bindings.Select(b => $"{b.Keys} {b.Description}"));
        yield return new Markup($"[grey]{Markup.Escape(Line.Fit(keys, width))}[/]");
    }
}
