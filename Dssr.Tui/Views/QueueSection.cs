using Dssr.Engine.Connectors;
using Dssr.Tui.ViewModels;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The job queue: a header with the filter and sort, then the rows that fit around the selection.</summary>
public static class QueueSection
{
    private static readonly (QueueColumn Column, string Title, int Width)[] Fixed =
    [
        (QueueColumn.Number, "no.", 6),
        (QueueColumn.Cluster, "cluster", 8),
        (QueueColumn.JobId, "job id", 10),
        (QueueColumn.State, "state", 6),
        (QueueColumn.Elapsed, "elapsed", 8),
        (QueueColumn.Nodes, "nodes", 8),
        (QueueColumn.Owner, "owner", 8),
    ];

    public static IEnumerable<IRenderable> Build(ConsoleModel model, int width, int height)
    {
        var q = model.Queue;
        var title = $"Queue: {q.Visible.Count} of {q.Total} jobs, sorted by {q.SortColumn.ToString().ToLowerInvariant()} {(q.Descending ? "↓" : "↑")}";
        if (model.FilterInput is not null) title += $", filter /{model.FilterInput}▏";
        else if (q.FilterText is not null) title += $", filter /{q.FilterText}/";
        if (model.Focus == ConsoleFocus.Queue && model.Mode == ConsoleMode.Main) title += " [focused]";
        yield return Line.Rule(title, width);
        var nameWidth = Math.Max(8, width - Fixed.Sum(f => f.Width + 1) - 1);
        yield return Line.Of(Format(nameWidth, "name", Fixed.Select(f => f.Title).ToArray(), q.SortColumn), width, "grey");
        var rows = height - 2;
        var (start, count) = q.Window(rows);
        for (var i = start; i < start + count; i++)
        {
            var r = q.Visible[i];
            var text = Format(nameWidth, r.Name,
                [r.Number?.ToString() ?? "-", r.Cluster, r.JobId, r.State, QueueRow.FormatElapsed(r.Elapsed), r.Nodes, r.Owner], null);
            var style = r.Phase switch { JobPhase.Running => "green", JobPhase.Queued => "yellow", _ => "grey" };
            if (i == q.SelectedIndex && model.Focus == ConsoleFocus.Queue) style = "invert " + style;
            yield return Line.Of(text, width, style);
        }
        if (q.Visible.Count == 0)
            yield return Line.Of(q.Total == 0 ? "  no jobs yet: press n to submit a sample job" : "  no job matches the filter (Esc clears it)", width, "grey");
    }

    private static string Format(int nameWidth, string name, string[] values, QueueColumn? sorted)
    {
        var parts = new List<string> { Line.FitMiddle(sorted == QueueColumn.Name ? name + "*" : name, nameWidth, pad: true) };
        for (var i = 0; i < Fixed.Length; i++)
        {
            var v = sorted == Fixed[i].Column ? values[i] + "*" : values[i];
            parts.Add(Line.Fit(v, Fixed[i].Width, pad: true));
        }
        return string.Join(" ", parts);
    }
}
