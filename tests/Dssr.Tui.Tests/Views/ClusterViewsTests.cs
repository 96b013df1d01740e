using Dssr.Tui.Tests.ViewModels;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;
using Terminal.Gui.Input;

namespace Dssr.Tui.Tests.Views;

/// <summary>The console's views of several clusters, through the in-memory driver: the clusters table, the queue's cluster filter, the header.</summary>
[Collection(nameof(TerminalGui))]
public class ClusterViewsTests
{
    private static readonly ClusterRow[] Three =
    [
        new("default", "dummy", true, true, TimeSpan.FromMilliseconds(3), 1, 2, TimeSpan.FromSeconds(1), null, FailoversOut: 1),
        new("backup", "dummy", true, true, TimeSpan.FromMilliseconds(4), 0, 1, TimeSpan.FromSeconds(2), null, FailoversIn: 1),
        new("far", "slurm", true, null, null, null, null, null, null, SilentFor: TimeSpan.FromSeconds(7)),
    ];

    private static QueueRow Job(int n, string cluster) => ConsoleHarness.Row(n) with { Cluster = cluster, JobId = $"{cluster}_{n}" };

    private static ScreenHarness Harness(int width = 120, int height = 30)
    {
        var s = new ScreenHarness(width, height);
        s.Model.Clusters = Three;
        s.Model.Queue.Update([Job(1, "default"), Job(2, "default"), Job(3, "backup"), Job(4, "backup"), Job(5, "backup")]);
        s.Window.Sync();
        return s;
    }

    private static string Line(string screen, string start) => screen.Split('\n').FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal)) ?? "";

    [Fact]
    public void The_clusters_table_shows_every_cluster_and_marks_the_silent_one_unreachable()
    {
        using var s = Harness();
        var screen = s.Screen;
        var far = Line(screen, "far ");
        Assert.Matches(@"^far\s+slurm\s+NO\s+-\s+-\s+-\s+-\s+-\s+no answer for 7s", far);
        Assert.Matches(@"^default\s+dummy\s+yes\s+3 ms\s+1\s+2\s+1s old\s+1 out 0 in", Line(screen, "default "));
        Assert.Matches(@"^backup\s+dummy\s+yes\s+4 ms\s+0\s+1\s+2s old\s+0 out 1 in", Line(screen, "backup "));
    }

    [Fact]
    public void A_probe_waiting_less_than_a_few_seconds_is_not_yet_marked()
    {
        var row = Three[2] with { SilentFor = ClusterRow.SilentAfter - TimeSpan.FromSeconds(1) };
        Assert.Equal("?", ClustersTableSource.Reach(row));
        Assert.Equal("NO", ClustersTableSource.Reach(row with { SilentFor = ClusterRow.SilentAfter }));
        Assert.Equal("NO", ClustersTableSource.Reach(row with { SilentFor = null, Reachable = false }));
        Assert.Equal("starting", ClustersTableSource.Reach(row with { SilentFor = null, Ready = false }));
    }

    [Fact]
    public void Three_clusters_fit_at_80_by_24_with_the_queue_and_the_keys()
    {
        using var s = Harness(80, 24);
        var lines = s.Screen.TrimEnd('\n').Split('\n');
        Assert.Equal(24, lines.Length);
        foreach (var name in new[] { "default ", "backup ", "far " }) Assert.Contains(lines, l => l.StartsWith(name, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("backup_5"));
        Assert.Contains("q quit", lines[^1]);
    }

    [Fact]
    public void C_cycles_the_queue_through_each_cluster_then_back_to_all()
    {
        using var s = Harness();
        Assert.Contains("5 of 5 jobs", s.Screen);
        s.Press('c');
        var screen = s.Screen;
        Assert.Contains("2 of 5 jobs", screen);
        Assert.Contains("cluster default", screen);
        Assert.Contains("default_1", screen);
        Assert.DoesNotContain("backup_3", screen);
        s.Press('c');
        screen = s.Screen;
        Assert.Contains("3 of 5 jobs", screen);
        Assert.Contains("backup_3", screen);
        Assert.DoesNotContain("default_1", screen);
        s.Press('c');
        Assert.Contains("0 of 5 jobs", s.Screen); // far has no job
        s.Press('c');
        Assert.Contains("5 of 5 jobs", s.Screen);
    }

    [Fact]
    public void Esc_clears_the_cluster_filter_with_the_regex_filter()
    {
        using var s = Harness();
        s.Press('c');
        s.Press('c');
        s.Press('/');
        s.Press("_[45]");
        s.Press(Key.Enter);
        Assert.Contains("2 of 5 jobs", s.Screen);
        s.Press(Key.Esc);
        Assert.Contains("5 of 5 jobs", s.Screen);
        Assert.Null(s.Model.Queue.ClusterFilter);
    }

    [Fact]
    public void Colon_cluster_in_the_repl_pane_filters_the_queue_and_goes_back_to_it()
    {
        using var s = Harness();
        s.Press(':');
        Assert.Equal(ConsoleMode.Repl, s.Model.Mode);
        s.Press(":cluster backup");
        s.Press(Key.Enter);
        Assert.Equal(ConsoleMode.Main, s.Model.Mode);
        var screen = s.Screen;
        Assert.Contains("3 of 5 jobs", screen);
        Assert.Contains("cluster backup", screen);

        s.Press(':');
        s.Press(":cluster nowhere");
        s.Press(Key.Enter);
        Assert.Equal(ConsoleMode.Repl, s.Model.Mode); // a mistake stays in the pane, which says why
        Assert.Contains("no cluster 'nowhere'; the clusters are default, backup, far", s.Screen);
        Assert.Equal("backup", s.Model.Queue.ClusterFilter);

        s.Press(":cluster");
        s.Press(Key.Enter);
        Assert.Equal(ConsoleMode.Main, s.Model.Mode);
        Assert.Contains("5 of 5 jobs", s.Screen);
    }

    [Fact]
    public void Help_lists_the_cluster_keys()
    {
        using var s = Harness();
        s.Press('?');
        var screen = s.Screen;
        Assert.Contains("queue of the next cluster", screen);
        Assert.Contains(":cluster NAME", screen);
    }

    [Theory]
    [InlineData("sqlite", null, null, null, "journal sqlite ok")]
    [InlineData("postgresql", null, 2, "web-1", "journal postgresql ok │ 2 replicas, this web-1")]
    [InlineData("postgresql", "connection refused", 1, "web-1", "journal postgresql DOWN: connection refused │ 1 replica, this web-1")]
    public void The_header_shows_the_journal_and_the_replicas(string kind, string? problem, int? replicas, string? self, string expected)
    {
        using var s = new ScreenHarness(160, 30);
        s.Model.Header = new HeaderInfo("1.0", "http://127.0.0.1:5000", true, null, false, 0, null, false)
        {
            Journal = new JournalInfo(kind, problem, replicas, self),
        };
        s.Window.Sync();
        var header = s.Screen.Split('\n')[0];
        Assert.Contains("API http://127.0.0.1:5000 │ " + expected + " │ auth OFF", header);
    }
}
