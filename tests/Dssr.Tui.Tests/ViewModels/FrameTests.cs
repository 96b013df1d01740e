using System.Text.RegularExpressions;
using Dssr.Engine.Logging;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;

namespace Dssr.Tui.Tests.ViewModels;

public class FrameTests
{
    private static readonly Regex Sgr = new("\u001b\\[([0-9;]*)m");

    private static IReadOnlyList<string> Render(ConsoleModel model, int width, int height, bool color = false) =>
        new FrameRenderer(color).RenderLines(Frame.Lines(model, new LogBuffer(), new ReplPane(), width, height), width);

    private static IReadOnlyList<string> Plain(ConsoleModel model, int width, int height) =>
        Render(model, width, height).Select(l => Sgr.Replace(l, "")).ToList();

    private static bool HasColor(string line) => Sgr.Matches(line).Any(m => m.Groups[1].Value.Split(';')
        .Any(code => int.TryParse(code, out var n) && (n is >= 30 and <= 49 or >= 90 and <= 107)));

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    [InlineData(40, 10)]
    public void Every_view_fills_exactly_the_screen_and_no_line_is_wider(int width, int height)
    {
        var h = new ConsoleHarness(jobs: 200);
        h.Model.Header = new HeaderInfo("0.1.0", "http://127.0.0.1:5000", true, null, false, 1.5, TimeSpan.FromSeconds(3), false);
        foreach (var key in new[] { '1', '2', '3', '?' })
        {
            h.Press(key);
            var lines = Plain(h.Model, width, height);
            Assert.Equal(height, lines.Count);
            Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
            if (key == '?') h.Press('x');
        }
    }

    [Fact]
    public void No_color_output_has_no_escape_sequences()
    {
        var h = new ConsoleHarness();
        Assert.DoesNotContain(Render(h.Model, 80, 24, color: false), HasColor);
        Assert.Contains(Render(h.Model, 80, 24, color: true), HasColor);
    }

    [Fact]
    public void The_main_view_shows_the_cluster_the_jobs_and_the_keys()
    {
        var h = new ConsoleHarness();
        var text = string.Join("\n", Plain(h.Model, 100, 24));
        Assert.Contains("default      dummy", text);
        Assert.Contains("dummy_3", text);
        Assert.Contains("q quit", text);
    }
}
