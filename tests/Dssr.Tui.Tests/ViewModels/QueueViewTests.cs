using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

public class QueueViewTests
{
    private static QueueView View(int jobs = 5)
    {
        var view = new QueueView();
        view.Update(Enumerable.Range(1, jobs).Select(ConsoleHarness.Row).ToList());
        return view;
    }

    [Fact]
    public void Rows_start_sorted_by_number_newest_first()
    {
        Assert.Equal([5L, 4, 3, 2, 1], View().Visible.Select(r => r.Number!.Value));
    }

    [Fact]
    public void Sorting_the_same_column_again_flips_the_direction()
    {
        var view = View();
        view.SortBy(QueueColumn.Owner);
        Assert.Equal("user1", view.Visible[0].Owner);
        view.SortBy(QueueColumn.Owner);
        Assert.Equal("user5", view.Visible[0].Owner);
    }

    [Fact]
    public void The_filter_is_a_case_insensitive_regex_over_every_column()
    {
        var view = View();
        Assert.True(view.SetFilter("USER[23]_"));
        Assert.Equal(["dummy_3", "dummy_2"], view.Visible.Select(r => r.JobId));
        Assert.True(view.SetFilter("^.*node1"));
        Assert.Single(view.Visible);
        Assert.Equal(5, view.Total);
    }

    [Fact]
    public void An_invalid_filter_keeps_the_last_good_one_and_says_why()
    {
        var view = View();
        view.SetFilter("user2");
        Assert.False(view.SetFilter("user(["));
        Assert.Equal("user2", view.FilterText);
        Assert.StartsWith("not a regular expression", view.FilterError);
        Assert.Single(view.Visible);
    }

    [Fact]
    public void The_selection_follows_its_job_when_rows_change()
    {
        var view = View();
        view.Move(2);
        Assert.Equal("dummy_3", view.Selected!.JobId);
        view.Update(Enumerable.Range(1, 8).Select(ConsoleHarness.Row).ToList());
        Assert.Equal("dummy_3", view.Selected!.JobId);
    }

    [Fact]
    public void The_window_keeps_the_selection_in_view()
    {
        var view = View(100);
        view.Move(60);
        var (start, count) = view.Window(10);
        Assert.InRange(view.SelectedIndex, start, start + count - 1);
        Assert.Equal(10, count);
        view.MoveTo(99);
        Assert.Equal((90, 10), view.Window(10));
    }

    [Fact]
    public void Moving_stops_at_the_ends()
    {
        var view = View();
        view.Move(-10);
        Assert.Equal(0, view.SelectedIndex);
        view.Move(100);
        Assert.Equal(4, view.SelectedIndex);
    }
}
