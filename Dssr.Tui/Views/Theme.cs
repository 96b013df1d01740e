using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Dssr.Tui.Views;

/// <summary>The console's colour schemes: the library's default, monochrome (NO_COLOR), and high contrast (<c>--theme high-contrast</c>).</summary>
internal enum ConsoleTheme
{
    Default,
    Monochrome,
    HighContrast,
}

internal static class Themes
{
    /// <summary>NO_COLOR (any non-empty value, as no-color.org says) wins over the chosen theme.</summary>
    public static ConsoleTheme Choose(string? theme, IReadOnlyDictionary<string, string> env)
    {
        if (env.TryGetValue("NO_COLOR", out var v) && v.Length > 0) return ConsoleTheme.Monochrome;
        return theme?.ToLowerInvariant() switch
        {
            null or "" or "default" => ConsoleTheme.Default,
            "high-contrast" => ConsoleTheme.HighContrast,
            "monochrome" => ConsoleTheme.Monochrome,
            _ => throw new ArgumentException($"--theme: '{theme}' is not a theme; use default, high-contrast or monochrome"),
        };
    }

    /// <summary>Replaces every built-in scheme: the library only drops to 16 colours for NO_COLOR, it has no monochrome.</summary>
    public static void Apply(ConsoleTheme theme)
    {
        if (theme == ConsoleTheme.Default) return;
        var (fg, bg) = theme == ConsoleTheme.Monochrome ? (ColorName16.White, ColorName16.Black) : (ColorName16.BrightYellow, ColorName16.Black);
        var normal = new Attribute(fg, bg);
        var inverse = new Attribute(ColorName16.Black, theme == ConsoleTheme.Monochrome ? ColorName16.White : ColorName16.BrightCyan);
        var hot = new Attribute(theme == ConsoleTheme.Monochrome ? ColorName16.White : ColorName16.BrightCyan, bg, TextStyle.Underline);
        foreach (var scheme in Enum.GetValues<Schemes>())
        {
            var name = SchemeManager.SchemesToSchemeName(scheme);
            if (name is null) continue;
            SchemeManager.AddScheme(name, new Scheme(normal)
            {
                Focus = inverse, Active = inverse, HotNormal = hot, HotFocus = inverse, Editable = normal, ReadOnly = normal,
                Disabled = normal, Highlight = inverse,
            });
        }
    }
}
