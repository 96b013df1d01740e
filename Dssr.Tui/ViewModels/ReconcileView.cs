using Dssr.Engine.Observability;

namespace Dssr.Tui.ViewModels;

/// <summary>The reconciliation view's state: the last result, whether a run is in flight, and the selected row.</summary>
internal sealed class ReconcileView
{
    public Reconciliation? Result { get; private set; }
    public bool Running { get; set; }
    public int SelectedIndex { get; private set; }

    public ReconciliationRow? Selected => Result is { Rows.Count: > 0 } r ? r.Rows[Math.Clamp(SelectedIndex, 0, r.Rows.Count - 1)] : null;

    /// <summary>
    /// A new result keeps the selected position, not the job: rows that disagree come first, so once one is
    /// fixed the next one that disagrees takes its place under the cursor.
    /// </summary>
    public void Show(Reconciliation result)
    {
        Result = result;
        SelectedIndex = Math.Clamp(SelectedIndex, 0, Math.Max(0, result.Rows.Count - 1));
    }

    public void Move(int delta)
    {
        if (Result is not { } r || r.Rows.Count == 0) return;
        SelectedIndex = (int)Math.Clamp((long)SelectedIndex + delta, 0, r.Rows.Count - 1);
    }
}
