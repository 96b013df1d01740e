using Dssr.Tui.Tests.ViewModels;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Dssr.Tui.Tests.Views;

/// <summary>
/// An idle console redraws only what changed on screen. The queue is the costly view: with running jobs, a refresh
/// changes only their elapsed times, and those cells alone are written; the screen must be exactly what a whole redraw gives.
/// </summary>
[Collection(nameof(TerminalGui))]
public class IdleRedrawTests
{
    /// <summary>The screen after the pending draw (not a forced one).</summary>
    private static string Drawn(ScreenHarness s)
    {
        s.App.LayoutAndDraw();
        return s.Cells();
    }

    private static List<QueueRow> Rows(int count, int seconds) =>
        Enumerable.Range(1, count).Select(n => ConsoleHarness.Row(n) with { Elapsed = TimeSpan.FromSeconds(n * 10 + seconds) }).ToList();

    /// <summary>The rows on screen (the queue's lines below its header).</summary>
    private static int VisibleRows(ScreenHarness s) => Math.Min(s.Model.Queue.Visible.Count, s.Window.Queue.Viewport.Height - 1);

    [Theory]
    [InlineData(120, 40)]
    [InlineData(80, 24)]
    public void A_refresh_that_changes_elapsed_times_writes_those_cells_only_and_draws_what_a_whole_redraw_draws(int width, int height)
    {
        using var s = new ScreenHarness(width, height, jobs: 1000);
        var table = Assert.IsType<ChangedCellsTable>(s.Window.Queue);
        Assert.True(ChangedCellsTable.CanDrawCells, "the library's cell drawing was not found: every refresh draws the table whole");
        _ = s.Screen;
        s.Press(Key.CursorDown);
        for (var second = 1; second <= 3; second++)
        {
            var whole = table.WholeDraws;
            s.Model.Queue.Update(Rows(1000, second));
            s.Window.Sync();
            var drawn = Drawn(s);
            Assert.Equal(whole, table.WholeDraws);
            Assert.Equal(VisibleRows(s), table.CellsWritten);
            s.App.LayoutAndDraw(forceRedraw: true);
            Assert.Equal(s.Cells(), drawn);
        }
        Assert.Equal(3, table.CellDraws);
        Assert.Contains(QueueRow.FormatElapsed(TimeSpan.FromSeconds(9990 + 3)), s.Screen);
    }

    [Theory]
    [InlineData(120, 40)]
    [InlineData(80, 24)]
    public void Scrolling_the_queue_writes_the_cells_that_differ_at_each_line_and_draws_what_a_whole_redraw_draws(int width, int height)
    {
        using var s = new ScreenHarness(width, height, jobs: 1000);
        var table = Assert.IsType<ChangedCellsTable>(s.Window.Queue);
        // Numbers of one width, as a running site's are: the columns' widths (from the rows on screen) stay the same.
        s.Model.Queue.Update(Enumerable.Range(1000, 1000).Select(ConsoleHarness.Row).ToList());
        s.Window.Sync();
        s.Press(Key.Home);
        var lines = VisibleRows(s);
        // Down to the last line, then past it (each press scrolls one row), a page, the end, back home. A key is
        // handled once: each press is a new one.
        var keys = Enumerable.Range(0, lines + 5).Select(_ => Key.CursorDown).Concat([Key.PageDown, Key.End, Key.CursorUp, Key.Home]).ToList();
        var scrolls = 0;
        foreach (var key in keys)
        {
            var (offset, whole) = (table.RowOffset, table.WholeDraws);
            s.App.InjectKey(key);
            var drawn = Drawn(s);
            if (table.RowOffset != offset)
            {
                scrolls++;
                Assert.Equal(whole, table.WholeDraws);
                Assert.InRange(table.CellsWritten, 1, lines * table.Table!.Columns - 1);
            }
            s.App.LayoutAndDraw(forceRedraw: true);
            Assert.Equal(s.Cells(), drawn);
        }
        Assert.True(scrolls >= 8, $"{scrolls} presses scrolled");
        Assert.Equal(0, table.RowOffset);
    }

    [Fact]
    public void Replaced_rows_that_move_the_selected_job_redraw_the_rows_whose_selection_changed()
    {
        using var s = new ScreenHarness(100, 30, jobs: 50);
        s.Press(Key.CursorDown, Key.CursorDown);
        var selected = s.Model.Queue.Selected!.JobId;
        // A job with a higher number arrives: sorted by number, every row moves down one line and the selection with its job.
        s.Model.Queue.Update([.. Rows(50, 1), ConsoleHarness.Row(51)]);
        s.Window.Sync();
        var drawn = Drawn(s);
        s.App.LayoutAndDraw(forceRedraw: true);
        Assert.Equal(s.Cells(), drawn);
        Assert.Equal(selected, s.Model.Queue.Selected!.JobId);

        // Same rows, the selected one's neighbours change text only.
        s.Model.Queue.Update([.. Rows(50, 2), ConsoleHarness.Row(51)]);
        s.Window.Sync();
        drawn = Drawn(s);
        s.App.LayoutAndDraw(forceRedraw: true);
        Assert.Equal(s.Cells(), drawn);
    }

    [Fact]
    public void The_header_and_the_clusters_changing_every_second_leave_the_queue_undrawn_and_write_the_clusters_changed_cells()
    {
        using var s = new ScreenHarness(120, 40, jobs: 1000);
        var table = Assert.IsType<ChangedCellsTable>(s.Window.Queue);
        var clusters = Assert.IsType<ChangedCellsTable>(s.Window.Clusters);
        // The first update gives the clusters table its selection (the library's, on row 0): that row is drawn whole once.
        s.Model.Clusters = [s.Model.Clusters[0] with { DataAge = TimeSpan.FromMilliseconds(500) }];
        s.Window.Sync();
        _ = s.Screen;
        for (var second = 1; second <= 3; second++)
        {
            var queueDraws = (table.WholeDraws, table.CellDraws, table.RowDraws);
            s.Model.Clusters = [s.Model.Clusters[0] with { DataAge = TimeSpan.FromSeconds(second), Latency = TimeSpan.FromMilliseconds(second) }];
            s.Model.Header = new HeaderInfo("1", "http://127.0.0.1:1", true, null, false, second, TimeSpan.FromSeconds(second), false);
            s.Window.Sync();
            var drawn = Drawn(s);
            Assert.Contains($"{second} ms", s.App.Driver!.ToString());
            Assert.Equal(queueDraws, (table.WholeDraws, table.CellDraws, table.RowDraws));
            Assert.True(clusters.CellsWritten == 2, $"second {second}: {clusters.CellsWritten} cells"); // latency and data age // latency and data age
            s.App.LayoutAndDraw(forceRedraw: true);
            Assert.Equal(s.Cells(), drawn);
        }
        Assert.Equal(4, clusters.CellDraws);
    }
}
