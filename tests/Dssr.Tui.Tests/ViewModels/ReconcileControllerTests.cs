using Dssr.Engine.Observability;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

/// <summary>View 5: the reconciliation runs in the background, r/d run it again, and its fixes ask first.</summary>
public class ReconcileControllerTests
{
    private static ConsoleHarness WithDisagreements(bool readOnly = false)
    {
        var h = new ConsoleHarness(readOnly);
        h.Actions.Reconciliations.Enqueue(FakeActions.Disagreeing());
        return h;
    }

    [Fact]
    public void Five_shows_the_reconciliation_and_runs_it_once()
    {
        var h = WithDisagreements();
        h.Press('5');
        Assert.Equal(ConsoleMode.Reconcile, h.Model.Mode);
        Assert.Equal(["reconcile"], h.Actions.Calls);
        Assert.Equal(2, h.Model.Reconcile.Result!.Disagreements);
        Assert.Contains("2 disagree", h.Model.Message);
        Assert.False(h.Model.Reconcile.Running);
        h.Press('1');
        h.Press('5');
        Assert.Equal(["reconcile"], h.Actions.Calls); // shown again, not run again
    }

    [Fact]
    public void R_and_d_run_it_again()
    {
        var h = WithDisagreements();
        h.Press('5');
        h.Press('r');
        h.Press('d');
        Assert.Equal(["reconcile", "reconcile", "reconcile"], h.Actions.Calls);
        Assert.Equal(ConsoleMode.Reconcile, h.Model.Mode);
    }

    [Fact]
    public void A_run_that_fails_is_a_message_and_a_later_run_works()
    {
        var h = WithDisagreements();
        h.Actions.ReconcileFailure = new InvalidOperationException("journal down");
        h.Press('5');
        Assert.True(h.Model.MessageIsError);
        Assert.Equal("journal down", h.Model.Message);
        Assert.False(h.Model.Reconcile.Running);
        Assert.Null(h.Model.Reconcile.Result);
        h.Press('r');
        Assert.Equal(2, h.Model.Reconcile.Result!.Disagreements);
    }

    [Fact]
    public void T_on_an_orphan_asks_with_the_exact_operation_and_cancels_on_yes_then_runs_again()
    {
        var h = WithDisagreements();
        h.Press('5');
        Assert.Equal(Verdict.Orphan, h.Model.Reconcile.Selected!.Verdict);
        h.Press('t');
        Assert.NotNull(h.Model.Confirmation);
        Assert.Contains("Cancel orphan job dummy_9", h.Model.Confirmation!.Question);
        Assert.Equal("CancelOrphan default dummy_9", h.Model.Confirmation.Command);
        Assert.Equal(["reconcile"], h.Actions.Calls);
        h.Press('y');
        Assert.Equal(["reconcile", "CancelOrphan dummy_9", "reconcile"], h.Actions.Calls);
        Assert.Null(h.Model.Confirmation);
        Assert.StartsWith("CancelOrphan done for dummy_9; ", h.Model.Message);
    }

    [Fact]
    public void F_on_a_forgotten_job_records_its_final_state_on_yes()
    {
        var h = WithDisagreements();
        h.Press('5');
        h.Press('j');
        Assert.Equal(Verdict.Forgotten, h.Model.Reconcile.Selected!.Verdict);
        h.Press('f');
        Assert.Contains("Record a final state for job dummy_7", h.Model.Confirmation!.Question);
        h.Press('y');
        Assert.Equal(["reconcile", "RecordFinal dummy_7", "reconcile"], h.Actions.Calls);
    }

    [Fact]
    public void A_fix_answered_no_does_nothing()
    {
        var h = WithDisagreements();
        h.Press('5');
        h.Press('t');
        h.Press('n');
        h.Press('f'); // the orphan is selected: f is not for it
        h.Press(ConsoleKey.Escape);
        Assert.Equal(["reconcile"], h.Actions.Calls);
        Assert.Null(h.Model.Confirmation);
    }

    [Fact]
    public void Each_fix_is_refused_on_a_row_it_is_not_for()
    {
        var h = WithDisagreements();
        h.Press('5');
        h.Press('f');
        Assert.Null(h.Model.Confirmation);
        Assert.True(h.Model.MessageIsError);
        Assert.Contains("this row is an orphan job", h.Model.Message);
        h.Press('G'); // the row that agrees
        h.Press('t');
        Assert.Null(h.Model.Confirmation);
        Assert.Contains("this row is in agreement", h.Model.Message);
        Assert.Equal(["reconcile"], h.Actions.Calls);
    }

    [Fact]
    public void Read_only_hides_and_refuses_the_fixes()
    {
        var h = WithDisagreements(readOnly: true);
        h.Press('5');
        h.Press('t');
        h.Press('y');
        h.Press('j');
        h.Press('f');
        h.Press('y');
        Assert.Equal(["reconcile"], h.Actions.Calls);
        Assert.Null(h.Model.Confirmation);
        Assert.DoesNotContain(KeyMap.For(h.Model), b => b.Changes);
        Assert.Contains(KeyMap.For(h.Model), b => b.Command == ConsoleCommand.RunReconcile);
        h.Controller.Execute(ConsoleCommand.CancelOrphan); // even when asked directly
        Assert.Null(h.Model.Confirmation);
    }

    [Fact]
    public void The_selection_moves_within_the_rows_and_stays_in_place_after_a_new_run()
    {
        var h = WithDisagreements();
        h.Press('5');
        h.Press('G');
        Assert.Equal(2, h.Model.Reconcile.SelectedIndex);
        h.Press('j');
        Assert.Equal(2, h.Model.Reconcile.SelectedIndex);
        h.Press('g');
        h.Press('j');
        h.Actions.Reconciliations.Enqueue(new Reconciliation(DateTimeOffset.UnixEpoch, ["default"], [FakeActions.Disagreeing().Rows[0]], []));
        h.Press('r');
        Assert.Equal(0, h.Model.Reconcile.SelectedIndex); // clamped to the one row left
    }
}
