using Dssr.Engine.Observability;
using Dssr.Tui.Tests.ViewModels;
using Dssr.Tui.ViewModels;
using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Dssr.Tui.Tests.Views;

/// <summary>Views 4 and 5 and the recorder key, through Terminal.Gui's in-memory driver at 80×24.</summary>
[Collection(nameof(TerminalGui))]
public class LoadAndReconcileViewTests
{
    private static string Line(string screen, string start) =>
        screen.Split('\n').FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal)) ?? "";

    private static int LineIndex(string screen, string start) =>
        Array.FindIndex(screen.Split('\n'), l => l.StartsWith(start, StringComparison.Ordinal));

    private static global::Terminal.Gui.Drawing.Attribute? AttributeAt(ScreenHarness s, int line) => s.App.Driver!.Contents![line, 0].Attribute;

    private static LoadFigures Figures(int perMinute, int budget) =>
        new(new Dictionary<string, int> { [LoadMeter.QueueQuery] = perMinute, ["squeue"] = perMinute },
            new Dictionary<string, int> { [LoadMeter.QueueQuery] = perMinute * 3, ["squeue"] = perMinute * 3 },
            perMinute, perMinute, [0, 0, 0, 0, 0, 0, 0, perMinute, perMinute, perMinute], budget, perMinute > budget);

    [Fact]
    public void Four_draws_each_cluster_and_the_one_over_budget_in_the_error_colour()
    {
        using var s = new ScreenHarness(80, 24);
        s.Model.Load = [new LoadRow("default", Figures(60, 30)), new LoadRow("backup", Figures(2, 30))];
        s.Press('4');
        var screen = s.Screen;
        Assert.Contains("Slurm load per cluster", screen);
        Assert.Contains("60 queue queries/min, budget 30   │       ███│ OVER BUDGET", Line(screen, "default "));
        Assert.Contains("2 queue queries/min, budget 30   │       ▁▁▁│", Line(screen, "backup "));
        Assert.Contains("60 controller RPC/min │ last minute: squeue 60", screen);
        var error = SchemeManager.GetScheme(Schemes.Error).Normal;
        Assert.Equal(error, AttributeAt(s, LineIndex(screen, "default ")));
        Assert.NotEqual(error, AttributeAt(s, LineIndex(screen, "backup ")));
        Assert.DoesNotContain("4 Slurm load", screen.TrimEnd('\n').Split('\n')[^1]); // not offered in its own view
    }

    [Fact]
    public void Four_follows_the_figures_each_second()
    {
        using var s = new ScreenHarness(80, 24);
        s.Model.Load = [new LoadRow("default", Figures(2, 30))];
        s.Press('4');
        Assert.Contains("2 queue queries/min", s.Screen);
        s.Model.Load = [new LoadRow("default", Figures(31, 30))];
        s.Window.Sync();
        Assert.Contains("OVER BUDGET", Line(s.Screen, "default "));
    }

    [Fact]
    public void Five_lists_the_disagreements_first_with_their_explanations_and_the_selection()
    {
        using var s = new ScreenHarness(80, 24);
        s.H.Actions.Reconciliations.Enqueue(FakeActions.Disagreeing());
        s.Press('5');
        var screen = s.Screen;
        Assert.Contains("Reconciliation", screen);
        Assert.Contains("2 disagree", screen);
        var orphan = LineIndex(screen, "ORPHAN ");
        var forgotten = LineIndex(screen, "FORGOTTEN ");
        var agrees = LineIndex(screen, "ok ");
        Assert.True(orphan > 0 && orphan < forgotten && forgotten < agrees, screen);
        Assert.Contains("dummy_9", Line(screen, "ORPHAN "));
        Assert.Contains("↳ t cancels it: the cluster has jarvice_", screen);
        Assert.Contains("the cluster no longer knows job dummy_7", screen);
        var selected = s.Window.ReconcileView.Lines[orphan - 1];
        Assert.Equal(Dssr.Tui.Views.LineRole.Selected, selected.Role);
        Assert.Equal(SchemeManager.GetScheme(Schemes.Error).Normal, AttributeAt(s, forgotten));
        s.Press('j');
        Assert.Contains("↳ f records a final state: ", s.Screen);
    }

    [Fact]
    public void T_on_an_orphan_shows_the_operation_in_the_dialog_and_y_cancels_it_and_runs_again()
    {
        using var s = new ScreenHarness(80, 24);
        s.H.Actions.Reconciliations.Enqueue(FakeActions.Disagreeing());
        s.H.Actions.Reconciliations.Enqueue(new Reconciliation(DateTimeOffset.UnixEpoch, ["default"], [FakeActions.Disagreeing().Rows[2]], []));
        s.Press('5');
        var dialog = "";
        s.PressWithDialog(Key.T, () =>
        {
            dialog = s.Screen;
            s.App.InjectKey(Key.Y);
        });
        Assert.Contains("Cancel orphan job dummy_9", dialog);
        Assert.Contains("It sends: CancelOrphan default dummy_9", dialog);
        Assert.Equal(["reconcile", "CancelOrphan dummy_9", "reconcile"], s.H.Actions.Calls);
        var screen = s.Screen;
        Assert.Contains("everything agrees", screen);
        Assert.Equal(-1, LineIndex(screen, "ORPHAN "));
    }

    [Fact]
    public void Read_only_shows_no_fix_keys_nor_hints()
    {
        using var s = new ScreenHarness(120, 30, readOnly: true);
        s.H.Actions.Reconciliations.Enqueue(FakeActions.Disagreeing());
        s.Press('5');
        var screen = s.Screen;
        Assert.Contains("ORPHAN", screen);
        Assert.DoesNotContain("t cancel", screen);
        Assert.DoesNotContain("f record", screen);
        s.Press('t');
        Assert.False(s.Window.Confirming);
        Assert.Equal(["reconcile"], s.H.Actions.Calls);
    }

    [Fact]
    public void Many_rows_scroll_to_keep_the_selection_on_screen()
    {
        using var s = new ScreenHarness(80, 24);
        var rows = Enumerable.Range(1, 40).Select(n => new ReconciliationRow("default", $"job{n}", n, $"dummy_{n}", "R", "R", null, Verdict.Agrees, "running")).ToList();
        s.H.Actions.Reconciliations.Enqueue(new Reconciliation(DateTimeOffset.UnixEpoch, ["default"], rows, []));
        s.Press('5');
        s.Press('G');
        var screen = s.Screen;
        Assert.Contains("dummy_40", screen);
        Assert.DoesNotContain("dummy_1 ", screen);
        s.Press('g');
        Assert.Contains("dummy_1 ", s.Screen);
    }

    [Fact]
    public void Shift_r_records_and_the_header_shows_it()
    {
        using var s = new ScreenHarness(80, 24);
        s.Model.Header = new HeaderInfo("0.1.0", "http://127.0.0.1:5000", true, null, false, 0, null, false);
        s.Press('R');
        Assert.Equal(["record"], s.H.Actions.Calls);
        Assert.Contains("recording the upstream conversation to /state/recording.jsonl", s.Screen);
        s.Model.Header = s.Model.Header with { RecordingTo = "/state/recording.jsonl" };
        s.Window.Sync();
        Assert.Contains("● recording", s.Screen.Split('\n')[0]);
    }

    [Fact]
    public void The_main_view_names_a_cluster_over_budget_in_the_clusters_title()
    {
        using var s = new ScreenHarness(80, 24);
        Assert.DoesNotContain("OVER", s.Screen);
        s.Model.Load = [new LoadRow("default", Figures(60, 30)), new LoadRow("backup", Figures(2, 30))];
        s.Window.Sync();
        Assert.Contains("─ Clusters ─ OVER the Slurm budget: default (4 shows the load)", s.Screen);
    }
}
