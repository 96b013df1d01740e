using Dssr.Engine.Observability;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Views;

/// <summary>The reconciliation view (<c>5</c>): a row per job, verdict first; a row that disagrees carries its explanation on a second line.</summary>
internal static class ReconcileText
{
    public const string Columns = "verdict       cluster    job id      journal   cluster  name";

    /// <summary>The lines, and the first and last line of the selected row (to keep on screen).</summary>
    public static (IReadOnlyList<ScreenLine> Lines, int First, int Last) Lines(ConsoleModel model)
    {
        var view = model.Reconcile;
        var lines = new List<ScreenLine> { new(Title(view)) };
        if (view.Result is not { } result)
            return (lines, -1, -1);
        foreach (var u in result.Unreachable) lines.Add(new($"UNREACHABLE {u}", LineRole.Alert, Wrap: true));
        lines.Add(new(Columns));
        var (first, last) = (-1, -1);
        for (var i = 0; i < result.Rows.Count; i++)
        {
            var row = result.Rows[i];
            var selected = i == view.SelectedIndex;
            var role = selected ? LineRole.Selected : row.Disagrees ? LineRole.Alert : LineRole.Normal;
            if (selected) first = lines.Count;
            lines.Add(new(Row(row), role));
            lines.Add(new($"  ↳ {(selected && !model.ReadOnly ? Hint(row) : "")}{row.Detail}", role, Wrap: true));
            if (selected) last = lines.Count - 1;
        }
        if (result.Rows.Count == 0) lines.Add(new("(no job in the journal or on the clusters)"));
        return (lines, first, last);
    }

    private static string Title(ReconcileView view)
    {
        var state = view.Result is { } r
            ? $"taken {r.At.ToLocalTime():HH:mm:ss}, {VerdictText.Jobs(r.Rows.Count)}, {(r.AllAgree ? "everything agrees" : $"{r.Disagreements} disagree")}"
            : "not run yet";
        return $"─ Reconciliation{(view.Running ? " (running…)" : "")}: {state} ";
    }

    public static string Row(ReconciliationRow r)
    {
        var job = r.JobId.Length > 0 ? r.JobId : "-";
        return $"{VerdictText.Word(r.Verdict),-13} {r.Cluster,-10} {job,-11} {r.JournalState ?? "-",-9} {r.ClusterState ?? "-",-8} {(r.Number is { } n ? $"{r.Name}:{n}" : $"jarvice_{r.Name}")}";
    }

    private static string Hint(ReconciliationRow r) => r.Verdict switch
    {
        Verdict.Orphan => "t cancels it: ",
        Verdict.Forgotten => "f records a final state: ",
        _ => "",
    };
}
