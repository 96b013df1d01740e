using Dssr.Tui.ViewModels;
using Terminal.Gui.Views;

namespace Dssr.Tui.Views;

/// <summary>The clusters pane's rows: health at a glance.</summary>
internal sealed class ClustersTableSource : ITableSource
{
    private static readonly string[] Titles = ["name", "connector", "reach", "latency", "run", "queue", "data", "failovers", "error"];

    public IReadOnlyList<ClusterRow> Items { get; set; } = [];

    public object this[int row, int col]
    {
        get
        {
            var c = Items[row];
            return col switch
            {
                0 => c.Name,
                1 => c.Connector,
                2 => Reach(c),
                3 => c.Latency is { } l ? $"{l.TotalMilliseconds:0} ms" : "-",
                4 => c.Running?.ToString() ?? "-",
                5 => c.Queued?.ToString() ?? "-",
                6 => c.DataAge is { } age ? Age.Of(age) + " old" : "-",
                7 => c.FailoversOut == 0 && c.FailoversIn == 0 ? "-" : $"{c.FailoversOut} out {c.FailoversIn} in",
                _ => c.IsSilent ? $"no answer for {Age.Of(c.SilentFor!.Value)}" : c.Error ?? "",
            };
        }
    }

    /// <summary>A silent cluster is unreachable as soon as its probe has waited a few seconds, not only once the probe gives up.</summary>
    public static string Reach(ClusterRow c) =>
        c.IsSilent ? "NO" : c.Reachable switch { true => "yes", false => "NO", null => c.Ready ? "?" : "starting" };

    public string[] ColumnNames => Titles;

    public int Columns => Titles.Length;

    public int Rows => Items.Count;
}
