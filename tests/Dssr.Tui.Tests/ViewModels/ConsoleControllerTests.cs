using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

public class ConsoleControllerTests
{
    [Fact]
    public void Terminate_asks_first_and_acts_only_on_yes()
    {
        var h = new ConsoleHarness();
        h.Press('t');
        Assert.NotNull(h.Model.Confirmation);
        Assert.Contains("dummy_3", h.Model.Confirmation!.Question);
        Assert.Empty(h.Actions.Calls);
        h.Press('y');
        Assert.Equal(["terminate dummy_3"], h.Actions.Calls);
        Assert.Null(h.Model.Confirmation);
    }

    [Fact]
    public void Terminate_answered_no_or_escape_does_nothing()
    {
        var h = new ConsoleHarness();
        h.Press('t');
        h.Press('n');
        h.Press('r');
        h.Press(ConsoleKey.Escape);
        Assert.Empty(h.Actions.Calls);
        Assert.Null(h.Model.Confirmation);
    }

    [Fact]
    public void Other_keys_during_a_confirmation_are_ignored()
    {
        var h = new ConsoleHarness();
        h.Press('t');
        h.Press('q');
        h.Press('n');
        Assert.False(h.Model.QuitRequested);
    }

    [Fact]
    public void Read_only_hides_and_refuses_every_action_that_changes_something()
    {
        var h = new ConsoleHarness(readOnly: true);
        foreach (var c in "ntr") h.Press(c);
        h.Press('y');
        Assert.Empty(h.Actions.Calls);
        Assert.Null(h.Model.Confirmation);
        Assert.DoesNotContain(KeyMap.For(h.Model), b => b.Changes);
        Assert.DoesNotContain(KeyMap.For(h.Model), b => b.Keys is "n" or "t" or "r");
    }

    [Fact]
    public void Slash_filters_as_you_type_and_escape_clears()
    {
        var h = new ConsoleHarness();
        h.Press('/');
        h.Type("user2");
        Assert.Single(h.Model.Queue.Visible);
        h.Press(ConsoleKey.Enter);
        Assert.Null(h.Model.FilterInput);
        Assert.Equal("user2", h.Model.Queue.FilterText);
        h.Press(ConsoleKey.Escape);
        Assert.Null(h.Model.Queue.FilterText);
        Assert.Equal(3, h.Model.Queue.Visible.Count);
    }

    [Fact]
    public void Keys_typed_into_the_filter_are_text_not_commands()
    {
        var h = new ConsoleHarness();
        h.Press('/');
        h.Type("qtn");
        Assert.False(h.Model.QuitRequested);
        Assert.Null(h.Model.Confirmation);
        Assert.Empty(h.Actions.Calls);
        Assert.Equal("qtn", h.Model.FilterInput);
    }

    [Fact]
    public void N_submits_a_sample_job_to_the_selected_cluster()
    {
        var h = new ConsoleHarness();
        h.Press('n');
        Assert.Equal(["submit default"], h.Actions.Calls);
        Assert.Equal("submitted", h.Model.Message);
    }

    [Fact]
    public void Shift_n_submits_an_interactive_sample_job_to_the_selected_cluster()
    {
        var h = new ConsoleHarness();
        h.Press('N');
        Assert.Equal(["submit interactive default"], h.Actions.Calls);
        Assert.Equal("submitted", h.Model.Message);
    }

    [Fact]
    public void Enter_opens_the_selected_job_and_l_follows_its_output()
    {
        var h = new ConsoleHarness();
        h.Press(ConsoleKey.DownArrow);
        h.Press(ConsoleKey.Enter);
        Assert.Equal(ConsoleMode.Detail, h.Model.Mode);
        Assert.Equal("dummy_2", h.Model.Detail!.Row.JobId);
        h.Press('l');
        Assert.Equal("line 1\nline 2\n", h.Model.Detail.Output);
        h.Press(ConsoleKey.Escape);
        Assert.Equal(ConsoleMode.Main, h.Model.Mode);
    }

    [Fact]
    public void Followed_output_is_fetched_again_every_tick_and_not_before_l()
    {
        var h = new ConsoleHarness();
        h.Press(ConsoleKey.Enter);
        h.Controller.Tick();
        Assert.DoesNotContain(h.Actions.Calls, c => c.StartsWith("output"));
        h.Press('l');
        h.Controller.Tick();
        h.Controller.Tick();
        Assert.Equal(3, h.Actions.Calls.Count(c => c.StartsWith("output")));
        h.Press(ConsoleKey.Escape);
        h.Controller.Tick();
        Assert.Equal(3, h.Actions.Calls.Count(c => c.StartsWith("output")));
    }

    [Fact]
    public void D_runs_the_diagnostics_and_failed_checks_are_reported()
    {
        var h = new ConsoleHarness();
        h.Press('d');
        Assert.Equal(ConsoleMode.Diagnostics, h.Model.Mode);
        Assert.Equal(["diagnose default"], h.Actions.Calls);
        Assert.False(h.Model.Diagnostics["default"].AllPassed);
        Assert.True(h.Model.MessageIsError);
    }

    [Fact]
    public void S_cycles_the_sort_column()
    {
        var h = new ConsoleHarness();
        var before = h.Model.Queue.SortColumn;
        h.Press('s');
        Assert.NotEqual(before, h.Model.Queue.SortColumn);
    }

    [Fact]
    public void Help_opens_with_question_mark_and_any_key_closes_it()
    {
        var h = new ConsoleHarness();
        h.Press('?');
        Assert.True(h.Model.HelpVisible);
        h.Press('x');
        Assert.False(h.Model.HelpVisible);
        Assert.False(h.Model.QuitRequested);
    }

    [Fact]
    public void Q_quits_from_any_view()
    {
        var h = new ConsoleHarness();
        h.Press('3');
        Assert.Equal(ConsoleMode.Logs, h.Model.Mode);
        h.Press('q');
        Assert.True(h.Model.QuitRequested);
    }

    [Fact]
    public void A_failing_action_becomes_an_error_message_not_a_crash()
    {
        var model = new ConsoleModel(false);
        var controller = new ConsoleController(model, new ThrowingActions(), w => w.GetAwaiter().GetResult()(model));
        model.Clusters = [new ClusterRow("default", "dummy", true, true, null, 0, 0, null, null)];
        controller.Execute(ConsoleCommand.NewSample);
        Assert.True(model.MessageIsError);
        Assert.Equal("API down", model.Message);
    }

    private sealed class ThrowingActions : IConsoleActions
    {
        public Task<string> SubmitSampleAsync(string cluster, bool interactive = false) => throw new InvalidOperationException("API down");
        public Task TerminateAsync(QueueRow job) => throw new InvalidOperationException("API down");
        public Task ReleaseAsync(QueueRow job) => throw new InvalidOperationException("API down");
        public string Describe(ConsoleCommand action, QueueRow job) => "";
        public Task<string> OutputAsync(QueueRow job) => throw new InvalidOperationException("API down");
        public Task<DiagnosticsView> DiagnoseAsync(string cluster) => throw new InvalidOperationException("API down");
        public JobDetail Detail(QueueRow job) => throw new InvalidOperationException("API down");
        public Task<Dssr.Engine.Observability.Reconciliation> ReconcileAsync() => throw new InvalidOperationException("journal down");
        public string DescribeFix(ConsoleCommand fix, Dssr.Engine.Observability.ReconciliationRow row) => "";
        public Task<string> FixAsync(ConsoleCommand fix, Dssr.Engine.Observability.ReconciliationRow row) => throw new InvalidOperationException("API down");
        public Task<string> ToggleRecordingAsync() => throw new InvalidOperationException("state folder read-only");
    }
}
