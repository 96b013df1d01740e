using Dssr.Tui.Views;
using Terminal.Gui.Input;

namespace Dssr.Tui.Tests.Views;

/// <summary>A moved selection redraws two rows only; the screen must be exactly what a whole redraw gives.</summary>
[Collection(nameof(TerminalGui))]
public class QueueTableTests
{
    [Theory]
    [InlineData(120, 40)]
    [InlineData(80, 24)]
    public void Moving_the_selection_draws_what_a_whole_redraw_draws(int width, int height)
    {
        using var s = new ScreenHarness(width, height, jobs: 200);
        var table = Assert.IsType<ChangedCellsTable>(s.Window.Queue);
        Assert.True(ChangedCellsTable.CanDrawRows, "the library's row drawing was not found: every draw is whole");
        // Down within the page, down past its end (scrolls), up, a page, first: each compared with a whole redraw.
        foreach (var key in new[] { Key.CursorDown, Key.CursorDown, Key.J, Key.K, Key.CursorUp, Key.PageDown, Key.PageDown, Key.PageDown, Key.CursorDown, Key.Home, Key.CursorDown })
        {
            s.Press(key);
            var drawn = s.Cells();
            s.App.LayoutAndDraw(forceRedraw: true);
            Assert.Equal(s.Cells(), drawn);
        }
        Assert.True(table.RowDraws >= 4, $"{table.RowDraws} draws of the changed rows only");
    }

    [Fact]
    public void A_view_over_the_queue_and_back_redraws_it_whole()
    {
        using var s = new ScreenHarness(100, 30, jobs: 50);
        s.Press(Key.CursorDown);
        s.Press('?');
        s.Press(Key.CursorDown); // closes the help
        s.Press(Key.CursorDown);
        var drawn = s.Cells();
        s.App.LayoutAndDraw(forceRedraw: true);
        Assert.Equal(s.Cells(), drawn);
        Assert.Contains("dummy_", s.Screen);
    }
}
