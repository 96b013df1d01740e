using Dssr.Tui.Views;
using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;

namespace Dssr.Tui.Tests.Views;

/// <summary>The schemes: NO_COLOR draws in black, white and greys only; the default has colour.</summary>
[Collection(nameof(TerminalGui))]
public class ThemeTests
{
    private static IReadOnlyList<Color> Colors(ScreenHarness s)
    {
        _ = s.Screen; // lays out and draws
        var cells = s.App.Driver!.Contents!;
        var colors = new HashSet<Color>();
        foreach (var cell in cells)
            if (cell.Attribute is { } a) { colors.Add(a.Foreground); colors.Add(a.Background); }
        return [.. colors];
    }

    private static bool IsGrey(Color c) => c.R == c.G && c.G == c.B;

    /// <summary>Lines of the screen holding text drawn in its own background colour (unreadable in a terminal); None is the terminal's own colours.</summary>
    private static List<string> Invisible(ScreenHarness s)
    {
        _ = s.Screen;
        var cells = s.App.Driver!.Contents!;
        var lines = new List<string>();
        for (var y = 0; y < cells.GetLength(0); y++)
        {
            var hidden = "";
            for (var x = 0; x < cells.GetLength(1); x++)
                if (cells[y, x].Attribute is { } a && a.Foreground == a.Background && a.Foreground != Color.None && !string.IsNullOrWhiteSpace(cells[y, x].Grapheme))
                    hidden += cells[y, x].Grapheme;
            if (hidden.Length > 0) lines.Add($"line {y}: {hidden}");
        }
        return lines;
    }

    [Theory]
    [InlineData(nameof(ConsoleTheme.Default))]
    [InlineData(nameof(ConsoleTheme.Monochrome))]
    [InlineData(nameof(ConsoleTheme.HighContrast))]
    public void Every_view_draws_its_text_readable(string themeName)
    {
        var theme = Enum.Parse<ConsoleTheme>(themeName);
        var saved = SchemeManager.GetSchemesForCurrentTheme().ToList();
        try
        {
            Themes.Apply(theme);
            using var s = new ScreenHarness(color: theme != ConsoleTheme.Monochrome);
            // Lines in the error colour too: a cluster over budget (4), rows that disagree (5).
            s.Model.Load = [new Dssr.Tui.ViewModels.LoadRow("default", new Dssr.Engine.Observability.LoadFigures(
                new Dictionary<string, int>(), new Dictionary<string, int>(), 40, 0, [40], 30, OverBudget: true))];
            s.H.Actions.Reconciliations.Enqueue(Dssr.Tui.Tests.ViewModels.FakeActions.Disagreeing());
            s.Logs.Emit(new Serilog.Events.LogEvent(DateTimeOffset.Now, Serilog.Events.LogEventLevel.Information, null,
                new Serilog.Parsing.MessageTemplateParser().Parse("a log line"), []));
            s.Window.Sync();
            Assert.Empty(Invisible(s));
            s.Press(global::Terminal.Gui.Input.Key.Enter);
            s.Press('l');
            Assert.Empty(Invisible(s));
            foreach (var key in "12345:?")
            {
                s.Press(key);
                if (key == ':')
                {
                    s.Press("1+1");
                    s.Press(global::Terminal.Gui.Input.Key.Enter);
                }
                Assert.Empty(Invisible(s));
                if (key is ':' or '?') s.Press(global::Terminal.Gui.Input.Key.Esc);
            }
        }
        finally
        {
            foreach (var (name, scheme) in saved)
                if (scheme is not null) SchemeManager.AddScheme(name, scheme);
        }
    }

    [Fact]
    public void No_color_chooses_the_monochrome_scheme_whatever_the_theme()
    {
        Assert.Equal(ConsoleTheme.Monochrome, Themes.Choose(null, new Dictionary<string, string> { ["NO_COLOR"] = "1" }));
        Assert.Equal(ConsoleTheme.Monochrome, Themes.Choose("high-contrast", new Dictionary<string, string> { ["NO_COLOR"] = "yes" }));
        Assert.Equal(ConsoleTheme.Default, Themes.Choose(null, new Dictionary<string, string> { ["NO_COLOR"] = "" }));
        Assert.Equal(ConsoleTheme.HighContrast, Themes.Choose("high-contrast", new Dictionary<string, string>()));
        Assert.Contains("--theme", Assert.Throws<ArgumentException>(() => Themes.Choose("pink", new Dictionary<string, string>())).Message);
    }

    [Fact]
    public void The_monochrome_scheme_draws_every_view_without_colour()
    {
        var saved = SchemeManager.GetSchemesForCurrentTheme().ToList(); // the schemes are process-wide: put them back
        try
        {
            using (var colored = new ScreenHarness())
            {
                colored.Press(':');
                colored.Press("var s = \"x\"");
                Assert.Contains(Colors(colored), c => !IsGrey(c)); // the highlighted C#
            }
            Themes.Apply(ConsoleTheme.Monochrome);
            using var s = new ScreenHarness(color: false); // as the console starts with NO_COLOR
            foreach (var key in "12345:")
            {
                s.Press(key);
                if (key == ':') s.Press("var s = \"x\"");
                Assert.All(Colors(s), c => Assert.True(IsGrey(c), $"{c} on the screen of '{key}'"));
            }
        }
        finally
        {
            foreach (var (name, scheme) in saved)
                if (scheme is not null) SchemeManager.AddScheme(name, scheme);
        }
    }
}
