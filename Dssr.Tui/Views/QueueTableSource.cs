using Dssr.Tui.ViewModels;
using Terminal.Gui.Views;

namespace Dssr.Tui.Views;

/// <summary>The queue's visible rows as the TableView reads them; the sorted column's title carries ↓ or ↑.</summary>
internal sealed class QueueTableSource : ITableSource
{
    private static readonly string[] Titles = ["name", "no.", "cluster", "job id", "state", "elapsed", "nodes", "owner"];
    private readonly QueueView _queue;

    public QueueTableSource(QueueView queue) => _queue = queue;

    public object this[int row, int col]
    {
        get
        {
            var r = _queue.Visible[row];
            return (QueueColumn)col switch
            {
                QueueColumn.Name => r.Name,
                QueueColumn.Number => r.Number?.ToString() ?? "-",
                QueueColumn.Cluster => r.Cluster,
                QueueColumn.JobId => r.JobId,
                QueueColumn.State => r.State,
                QueueColumn.Elapsed => QueueRow.FormatElapsed(r.Elapsed),
                QueueColumn.Nodes => r.Nodes,
                _ => r.Owner,
            };
        }
    }

    public string[] ColumnNames => Titles.Select((t, i) => (QueueColumn)i == _queue.SortColumn ? t + (_queue.Descending ? "↓" : "↑") : t).ToArray();

    public int Columns => Titles.Length;

    public int Rows => _queue.Visible.Count;
}
