using Dssr.Tui.ViewModels;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The top line: version, API address (or why it is not serving), auth, load, and the read-only badge.</summary>
public static class HeaderLine
{
    public static IRenderable Build(HeaderInfo? h, int width)
    {
        if (h is null) return Line.Of("Dssr", width, "bold");
        var api = h.Serving ? $"API {h.Address}" : h.ServingProblem is null ? $"API starting on {h.Address}" : $"API NOT SERVING: {h.ServingProblem}";
        var auth = h.AuthOn ? "auth on" : "auth OFF";
        var upstream = h.SinceUpstreamCall is { } since ? $"upstream {Age(since)} ago" : "no upstream call yet";
        var text = $"Dssr {h.Version} │ {api} │ {auth} │ {h.RequestsPerSecond:0.#} req/s │ {upstream}";
        var badge = h.ReadOnly ? " READ-ONLY " : "";
        var fitted = Line.Fit(text, Math.Max(0, width - badge.Length));
        var style = h.Serving || h.ServingProblem is null ? "bold" : "bold red";
        return new Markup($"[{style}]{Markup.Escape(fitted)}[/]" + (badge.Length > 0 ? $"[black on yellow]{badge}[/]" : ""));
    }

    public static string Age(TimeSpan t) =>
        t.TotalSeconds < 60 ? $"{Math.Max(0, (int)t.TotalSeconds)}s"
        : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes}m"
        : t.TotalHours < 48 ? $"{(int)t.TotalHours}h"
        : $"{(int)t.TotalDays}d";
}
