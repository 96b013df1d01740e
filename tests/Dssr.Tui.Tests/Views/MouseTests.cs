using System.Drawing;
using Dssr.Tui.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Dssr.Tui.Tests.Views;

/// <summary>The mouse on the queue, injected through Terminal.Gui's input injection: select a row, sort by a header, scroll.</summary>
[Collection(nameof(TerminalGui))]
public class MouseTests
{
    private static Point Find(string screen, Func<string, bool> line, string text)
    {
        var lines = screen.Split('\n');
        var y = Array.FindIndex(lines, l => line(l));
        Assert.True(y >= 0, $"no line for '{text}' on the screen:\n{screen}");
        return new Point(lines[y].IndexOf(text, StringComparison.Ordinal), y);
    }

    private static void Inject(ScreenHarness s, params InputInjectionEvent[] events)
    {
        s.App.InjectSequence(events);
        s.App.LayoutAndDraw();
    }

    [Fact]
    public void A_click_on_a_row_selects_that_job()
    {
        using var s = new ScreenHarness();
        Assert.Equal("dummy_3", s.Model.Queue.Selected!.JobId);
        var row = Find(s.Screen, l => l.Contains("dummy_1"), "dummy_1");
        Inject(s, InputInjectionExtensions.LeftButtonClick(row));
        Assert.Equal("dummy_1", s.Model.Queue.Selected!.JobId);
        Assert.Equal(s.Model.Queue.SelectedIndex, s.Window.Queue.Value!.SelectedCell.Y);
        Assert.Equal(ConsoleMode.Main, s.Model.Mode);
    }

    [Fact]
    public void A_double_click_on_a_row_opens_its_detail()
    {
        using var s = new ScreenHarness();
        var row = Find(s.Screen, l => l.Contains("dummy_2"), "dummy_2");
        Inject(s, InputInjectionExtensions.LeftButtonDoubleClick(row));
        Assert.Equal(ConsoleMode.Detail, s.Model.Mode);
        Assert.Contains("─ Job dummy_2", s.Screen);
    }

    [Fact]
    public void A_click_on_a_column_header_sorts_by_it_and_again_reverses()
    {
        using var s = new ScreenHarness();
        var header = Find(s.Screen, l => l.Contains("job id") && l.Contains("owner"), "owner");
        Inject(s, InputInjectionExtensions.LeftButtonClick(header));
        Assert.Equal(QueueColumn.Owner, s.Model.Queue.SortColumn);
        Assert.Contains("sorted by owner", s.Screen);
        var descending = s.Model.Queue.Descending;
        header = Find(s.Screen, l => l.Contains("job id") && l.Contains("owner"), "owner");
        Inject(s, InputInjectionExtensions.LeftButtonClick(header));
        Assert.Equal(QueueColumn.Owner, s.Model.Queue.SortColumn);
        Assert.NotEqual(descending, s.Model.Queue.Descending);
    }

    [Fact]
    public void The_wheel_scrolls_the_queue()
    {
        using var s = new ScreenHarness(jobs: 50);
        var row = Find(s.Screen, l => l.Contains("dummy_50"), "dummy_50");
        Inject(s, new MouseInjectionEvent(new Mouse { Flags = MouseFlags.WheeledDown, ScreenPosition = row }));
        Assert.Equal(3, s.Model.Queue.SelectedIndex);
        Inject(s, new MouseInjectionEvent(new Mouse { Flags = MouseFlags.WheeledDown, ScreenPosition = row }));
        Assert.Equal(6, s.Model.Queue.SelectedIndex);
        Inject(s, new MouseInjectionEvent(new Mouse { Flags = MouseFlags.WheeledUp, ScreenPosition = row }));
        Assert.Equal(3, s.Model.Queue.SelectedIndex);
        Assert.Equal(3, s.Window.Queue.Value!.SelectedCell.Y);
        Assert.Equal("dummy_47", s.Model.Queue.Selected!.JobId);
    }
}
