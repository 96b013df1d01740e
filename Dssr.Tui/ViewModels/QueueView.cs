using System.Text.RegularExpressions;

namespace Dssr.Tui.ViewModels;

/// <summary>
/// The job queue as the operator sees it: filtered by a regular expression, sorted by a column,
/// with a selection that stays on the same job when rows change.
/// </summary>
internal sealed class QueueView
{
    private IReadOnlyList<QueueRow> _all = [];
    private Regex? _filter;
    private string? _selectedJobId;

    public IReadOnlyList<QueueRow> Visible { get; private set; } = [];
    public string? FilterText { get; private set; }
    /// <summary>Only this cluster's jobs are shown (<c>c</c>, <c>:cluster NAME</c>); null: every cluster's.</summary>
    public string? ClusterFilter { get; private set; }
    public string? FilterError { get; private set; }
    public QueueColumn SortColumn { get; private set; } = QueueColumn.Number;
    public bool Descending { get; private set; } = true;
    public int SelectedIndex { get; private set; }
    public int Total => _all.Count;

    public QueueRow? Selected => Visible.Count == 0 ? null : Visible[SelectedIndex];

    public void Update(IReadOnlyList<QueueRow> rows)
    {
        _all = rows;
        Refresh();
    }

    /// <summary>Sets the filter; an invalid pattern keeps the previous filter and says why.</summary>
    public bool SetFilter(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            _filter = null;
            FilterText = null;
            FilterError = null;
            Refresh();
            return true;
        }
        try
        {
            _filter = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
            FilterText = pattern;
            FilterError = null;
            Refresh();
            return true;
        }
        catch (ArgumentException e)
        {
            FilterError = $"not a regular expression: {e.Message}";
            return false;
        }
    }

    /// <summary>Shows only the jobs living on <paramref name="cluster"/>; null shows every cluster's.</summary>
    public void SetClusterFilter(string? cluster)
    {
        ClusterFilter = string.IsNullOrEmpty(cluster) ? null : cluster;
        Refresh();
    }

    /// <summary>
    /// The next cluster's jobs: every cluster, then each of <paramref name="clusters"/> in turn, then every cluster again.
    /// A cluster filter that names no cluster any more goes back to every cluster.
    /// </summary>
    public void CycleCluster(IReadOnlyList<string> clusters)
    {
        var at = ClusterFilter is null ? -1 : clusters.ToList().IndexOf(ClusterFilter);
        SetClusterFilter(at + 1 < clusters.Count && (ClusterFilter is null || at >= 0) ? clusters[at + 1] : null);
    }

    /// <summary>Next column; choosing the current column again flips the direction.</summary>
    public void SortBy(QueueColumn column)
    {
        if (column == SortColumn) Descending = !Descending;
        else { SortColumn = column; Descending = column is QueueColumn.Number or QueueColumn.Elapsed; }
        Refresh();
    }

    public void SortByNextColumn() =>
        SortBy((QueueColumn)(((int)SortColumn + 1) % Enum.GetValues<QueueColumn>().Length));

    public void ReverseSort()
    {
        Descending = !Descending;
        Refresh();
    }

    public void Move(int delta)
    {
        if (Visible.Count == 0) return;
        SelectedIndex = Math.Clamp(SelectedIndex + delta, 0, Visible.Count - 1);
        _selectedJobId = Visible[SelectedIndex].JobId;
    }

    public void MoveTo(int index) => Move(index - SelectedIndex);

    /// <summary>The first visible row and how many fit in <paramref name="height"/> rows, keeping the selection in view.</summary>
    public (int Start, int Count) Window(int height)
    {
        if (height <= 0 || Visible.Count == 0) return (0, 0);
        var start = Math.Clamp(SelectedIndex - height / 2, 0, Math.Max(0, Visible.Count - height));
        return (start, Math.Min(height, Visible.Count - start));
    }

    private void Refresh()
    {
        IEnumerable<QueueRow> rows = _all;
        if (ClusterFilter is { } cluster) rows = rows.Where(r => r.Cluster == cluster);
        if (_filter is { } f) rows = rows.Where(r => Matches(f, r));
        var sorted = Sort(rows).ToList();
        Visible = sorted;
        var index = _selectedJobId is null ? -1 : sorted.FindIndex(r => r.JobId == _selectedJobId);
        SelectedIndex = index >= 0 ? index : Math.Clamp(SelectedIndex, 0, Math.Max(0, sorted.Count - 1));
        _selectedJobId = sorted.Count > 0 ? sorted[SelectedIndex].JobId : _selectedJobId;
    }

    private static bool Matches(Regex filter, QueueRow row)
    {
        try { return filter.IsMatch(row.SearchText); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    private IEnumerable<QueueRow> Sort(IEnumerable<QueueRow> rows)
    {
        var ordered = SortColumn switch
        {
            QueueColumn.Name => Order(rows, r => r.Name),
            QueueColumn.Number => Order(rows, r => r.Number ?? -1),
            QueueColumn.Cluster => Order(rows, r => r.Cluster),
            QueueColumn.JobId => Order(rows, r => r.JobId),
            QueueColumn.State => Order(rows, r => r.State),
            QueueColumn.Elapsed => Order(rows, r => r.Elapsed),
            QueueColumn.Nodes => Order(rows, r => r.Nodes),
            _ => Order(rows, r => r.Owner),
        };
        return ordered.ThenBy(r => r.JobId, StringComparer.Ordinal);
    }

    private IOrderedEnumerable<QueueRow> Order<T>(IEnumerable<QueueRow> rows, Func<QueueRow, T> key) =>
        Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
}
