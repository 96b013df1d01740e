using Dssr.Tui.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Dssr.Tui.Tests.Views;

/// <summary>Each screen and key of the console, through Terminal.Gui's in-memory driver: view state and rendered text.</summary>
[Collection(nameof(TerminalGui))]
public class ConsoleWindowTests
{
    private static string Row(string screen, string jobId) => screen.Split('\n').FirstOrDefault(l => l.Contains(jobId)) ?? "";

    [Fact]
    public void The_main_view_shows_the_cluster_the_jobs_and_the_keys()
    {
        using var s = new ScreenHarness();
        var screen = s.Screen;
        Assert.Contains("default      dummy", screen);
        Assert.Contains("dummy_3", screen);
        Assert.Contains("q quit", screen);
        Assert.Contains("3 of 3 jobs", screen);
        Assert.Contains("2024010112000", Row(screen, "dummy_3"));
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    [InlineData(60, 16)]
    public void Every_view_fits_the_screen_and_keeps_the_keys_line(int width, int height)
    {
        using var s = new ScreenHarness(width, height, jobs: 200);
        foreach (var key in "12345")
        {
            s.Press(key);
            var lines = s.Screen.TrimEnd('\n').Split('\n');
            Assert.Equal(height, lines.Length);
            Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= width, $"{l.Length} > {width}: {l}"));
            Assert.Contains("q quit", lines[^1]);
        }
    }

    [Fact]
    public void A_resize_redraws_at_the_new_size()
    {
        using var s = new ScreenHarness(80, 24);
        s.App.Driver!.SetScreenSize(120, 40);
        var lines = s.Screen.TrimEnd('\n').Split('\n');
        Assert.Equal(40, lines.Length);
        Assert.Contains("q quit", lines[^1]);
    }

    [Fact]
    public void Down_and_j_move_the_selection_and_the_table_follows()
    {
        using var s = new ScreenHarness();
        s.Press(Key.CursorDown);
        Assert.Equal(1, s.Window.Queue.Value!.SelectedCell.Y);
        s.Press('j');
        Assert.Equal(2, s.Window.Queue.Value!.SelectedCell.Y);
        s.Press('k');
        s.Press('g');
        Assert.Equal(0, s.Model.Queue.SelectedIndex);
        s.Press('G');
        Assert.Equal(2, s.Window.Queue.Value!.SelectedCell.Y);
    }

    [Fact]
    public void The_selection_stays_on_the_same_job_when_rows_change()
    {
        using var s = new ScreenHarness();
        s.Press(Key.CursorDown); // dummy_2
        var rows = s.Model.Queue.Visible.ToList();
        s.Model.Queue.Update([.. rows, Dssr.Tui.Tests.ViewModels.ConsoleHarness.Row(9)]); // a newer job sorts first
        s.Window.Sync();
        Assert.Equal("dummy_2", s.Model.Queue.Selected!.JobId);
        Assert.Equal(s.Model.Queue.SelectedIndex, s.Window.Queue.Value!.SelectedCell.Y);
    }

    [Fact]
    public void S_sorts_by_the_next_column_and_shift_s_reverses()
    {
        using var s = new ScreenHarness();
        s.Press('s');
        Assert.Equal(QueueColumn.Cluster, s.Model.Queue.SortColumn);
        Assert.Contains("sorted by cluster", s.Screen);
        var descending = s.Model.Queue.Descending;
        s.Press('S');
        Assert.NotEqual(descending, s.Model.Queue.Descending);
    }

    [Fact]
    public void Slash_filters_with_the_match_count_and_escape_clears()
    {
        using var s = new ScreenHarness();
        s.Press('/');
        s.Press("user2");
        Assert.Contains("filter (regular expression", s.Screen);
        s.Press(Key.Enter);
        var screen = s.Screen;
        Assert.Contains("1 of 3 jobs", screen);
        Assert.Contains("dummy_2", screen);
        Assert.DoesNotContain("dummy_3", screen);
        s.Press(Key.Esc);
        Assert.Contains("3 of 3 jobs", s.Screen);
    }

    [Fact]
    public void Esc_on_the_main_view_does_not_quit()
    {
        using var s = new ScreenHarness();
        s.Press(Key.Esc);
        Assert.False(s.Model.QuitRequested);
    }

    [Fact]
    public void T_asks_in_a_dialog_that_shows_the_request_and_y_terminates()
    {
        using var s = new ScreenHarness();
        string? dialog = null;
        s.PressWithDialog(Key.T, () =>
        {
            dialog = s.Screen;
            s.App.InjectKey(Key.Y);
        });
        Assert.Contains("Terminate job dummy_3", dialog);
        Assert.Contains("POST /terminate dummy_3", dialog);
        Assert.Equal(["terminate dummy_3"], s.H.Actions.Calls);
        Assert.False(s.Window.Confirming);
        Assert.Contains("dummy_3 terminated", s.Screen);
    }

    [Fact]
    public void R_asks_and_n_or_esc_does_nothing()
    {
        using var s = new ScreenHarness();
        s.PressWithDialog(Key.R, () => s.App.InjectKey(Key.N));
        s.PressWithDialog(Key.R, () => s.App.InjectKey(Key.Esc));
        Assert.Empty(s.H.Actions.Calls);
        Assert.False(s.Model.QuitRequested);
        Assert.Null(s.Model.Confirmation);
    }

    [Fact]
    public void N_submits_a_sample_job()
    {
        using var s = new ScreenHarness();
        s.Press('n');
        Assert.Equal(["submit default"], s.H.Actions.Calls);
        Assert.Contains("submitted", s.Screen);
    }

    [Fact]
    public void Shift_n_submits_an_interactive_sample_job()
    {
        using var s = new ScreenHarness();
        s.Press('N');
        Assert.Equal(["submit interactive default"], s.H.Actions.Calls);
        Assert.Contains("submitted", s.Screen);
    }

    [Fact]
    public void Read_only_hides_and_refuses_the_actions()
    {
        using var s = new ScreenHarness(160, 30, readOnly: true);
        s.Press('n');
        s.Press('t');
        s.Press('r');
        var screen = s.Screen;
        Assert.Empty(s.H.Actions.Calls);
        Assert.False(s.Window.Confirming);
        Assert.DoesNotContain("n new sample job", screen);
        Assert.DoesNotContain("t terminate", screen);
    }

    [Fact]
    public void Enter_opens_the_detail_and_l_follows_the_output_with_wrap_and_pause()
    {
        using var s = new ScreenHarness();
        s.Press(Key.Enter);
        Assert.Equal(ConsoleMode.Detail, s.Model.Mode);
        Assert.Contains("─ Job dummy_3", s.Screen);
        s.Press('l');
        var screen = s.Screen;
        Assert.Contains("─ Output (following", screen);
        Assert.Contains("line 2", screen);
        Assert.True(s.Window.OutputView.WordWrap);
        s.Press('w');
        Assert.False(s.Window.OutputView.WordWrap);
        s.Press('p');
        Assert.Contains("paused", s.Screen);
        s.H.Controller.Tick();
        Assert.Equal(1, s.H.Actions.Calls.Count(c => c.StartsWith("output")));
        s.Press('G');
        s.Press(Key.Esc);
        Assert.Equal(ConsoleMode.Main, s.Model.Mode);
    }

    [Fact]
    public void Two_shows_the_diagnostics_and_d_runs_them()
    {
        using var s = new ScreenHarness();
        s.Press('d');
        var screen = s.Screen;
        Assert.Contains("Diagnostics of default", screen);
        Assert.Contains("✗ ssh: refused", screen);
        Assert.Contains("fix: start sshd", screen);
        s.Press('1');
        s.Press('2');
        Assert.Contains("Diagnostics of default", s.Screen);
    }

    [Fact]
    public void Three_shows_the_log_and_v_changes_the_level()
    {
        using var s = new ScreenHarness();
        s.Logs.Emit(new Serilog.Events.LogEvent(DateTimeOffset.Now, Serilog.Events.LogEventLevel.Information, null,
            new Serilog.Parsing.MessageTemplateParser().Parse("an info line"), []));
        s.Press('3');
        var screen = s.Screen;
        Assert.Contains("─ Log (INFO and above)", screen);
        Assert.Contains("an info line", screen);
        s.Press('v');
        screen = s.Screen;
        Assert.Contains("─ Log (WARNING and above)", screen);
        Assert.DoesNotContain("an info line", screen);
    }

    [Fact]
    public void Question_mark_shows_help_from_the_bindings_and_any_key_closes_it()
    {
        using var s = new ScreenHarness();
        s.Press('?');
        var screen = s.Screen;
        Assert.Contains("Help: Main view", screen);
        var moving = new[] { ConsoleCommand.Up, ConsoleCommand.Down, ConsoleCommand.PageUp, ConsoleCommand.PageDown, ConsoleCommand.Home, ConsoleCommand.End };
        foreach (var b in KeyMap.For(s.Model).Where(b => !moving.Contains(b.Command))) Assert.Contains($"{b.Keys,-14} {b.Description}", screen);
        Assert.Contains("↑/k ↓/j PgUp PgDn Home/g End/G  up, down, page up, page down, first, last", screen);
        s.Press('x');
        Assert.False(s.Model.HelpVisible);
        Assert.DoesNotContain("Help: Main view", s.Screen);
    }

    [Fact]
    public void Tab_moves_between_clusters_and_queue()
    {
        using var s = new ScreenHarness();
        s.Press(Key.Tab);
        Assert.Equal(ConsoleFocus.Clusters, s.Model.Focus);
        Assert.Contains("Clusters [focused]", s.Screen);
        s.Press(Key.Tab);
        Assert.Equal(ConsoleFocus.Queue, s.Model.Focus);
    }

    [Fact]
    public void Q_quits()
    {
        using var s = new ScreenHarness();
        s.Press('q');
        Assert.True(s.Model.QuitRequested);
    }

    [Fact]
    public void The_queue_redraws_only_when_the_rows_on_screen_change()
    {
        using var s = new ScreenHarness();
        s.App.LayoutAndDraw();
        Assert.False(s.Window.Queue.NeedsDraw);
        s.Model.Queue.Update(s.Model.Queue.Visible.ToList()); // the same rows, a new list
        s.Window.Sync();
        Assert.False(s.Window.Queue.NeedsDraw);
        s.Model.Queue.Update([.. s.Model.Queue.Visible, Dssr.Tui.Tests.ViewModels.ConsoleHarness.Row(7)]);
        s.Window.Sync();
        Assert.True(s.Window.Queue.NeedsDraw);
    }
}
