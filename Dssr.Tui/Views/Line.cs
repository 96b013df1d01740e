using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>
/// One screen line: plain text cut to the width, then styled. Every view is built from these, so a
/// frame has exactly the lines it was given whatever the data holds.
/// </summary>
public static class Line
{
    public static IRenderable Of(string text, int width, string? style = null)
    {
        var fitted = Markup.Escape(Fit(text, width));
        return new Markup(style is null ? fitted : $"[{style}]{fitted}[/]");
    }

    public static IRenderable Blank() => new Text("");

    /// <summary>Cuts or pads to exactly <paramref name="width"/> columns; a cut ends with an ellipsis. Control characters are shown as spaces.</summary>
    public static string Fit(string text, int width, bool pad = false)
    {
        if (width <= 0) return "";
        var clean = text.IndexOfAny(['\n', '\r', '\t', '\u001b']) >= 0
            ? new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray())
            : text;
        if (clean.Length > width) return width == 1 ? "…" : clean[..(width - 1)] + "…";
        return pad ? clean.PadRight(width) : clean;
    }

    /// <summary>Like <see cref="Fit"/>, but a cut keeps both ends (job names differ at the start and at the end).</summary>
    public static string FitMiddle(string text, int width, bool pad = false)
    {
        if (text.Length <= width || width < 8) return Fit(text, width, pad);
        var head = (width - 1) / 2;
        var tail = width - 1 - head;
        return Fit(text[..head] + "…" + text[^tail..], width, pad);
    }

    public static IRenderable Rule(string title, int width)
    {
        var label = Fit($"─ {title} ", width);
        return new Markup($"[bold]{Markup.Escape(label)}[/][grey]{new string('─', Math.Max(0, width - label.Length))}[/]");
    }
}
