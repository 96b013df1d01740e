using Dssr.Engine.Observability;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Views;

/// <summary>The load view (<c>4</c>): per cluster, its queue queries against the budget, a sparkline, and the commands behind them.</summary>
internal static class LoadText
{
    public static IReadOnlyList<ScreenLine> Lines(ConsoleModel model)
    {
        var lines = new List<ScreenLine>
        {
            new("─ Slurm load per cluster: last minute vs budget; last 10 minutes, oldest left "),
            new(""),
        };
        if (model.Load.Count == 0) lines.Add(new("(no cluster yet)"));
        foreach (var row in model.Load) lines.AddRange(Cluster(row));
        lines.Add(new("A full block is the budget (DSSR_QUEUE_BUDGET_PER_MINUTE); the console's own refresh counts too.", Wrap: true));
        if (model.Header?.RecordingTo is { } file) lines.Add(new($"Recording the upstream conversation to {file} (R stops).", Wrap: true));
        else lines.Add(new("R records the upstream conversation to a file in the state folder."));
        return lines;
    }

    public static IEnumerable<ScreenLine> Cluster(LoadRow row)
    {
        var f = row.Figures;
        var role = f.OverBudget ? LineRole.Alert : LineRole.Normal;
        yield return new($"{row.Cluster,-12} {f.QueueQueriesPerMinute,4} queue queries/min, budget {f.Budget,-4} │{Sparkline.Of(f.QueueQuerySparkline, f.Budget)}│{(f.OverBudget ? " OVER BUDGET" : "")}", role);
        yield return new($"  {f.ControllerRpcsPerMinute} controller RPC/min │ last minute: {Commands(f.LastMinute)}", role, Wrap: true);
        yield return new("");
    }

    /// <summary>The remote commands of the last minute by program, busiest first (queue queries are counted above).</summary>
    public static string Commands(IReadOnlyDictionary<string, int> lastMinute)
    {
        var commands = lastMinute.Where(kv => kv.Key != LoadMeter.QueueQuery)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}").ToList();
        return commands.Count == 0 ? "no remote command" : string.Join(", ", commands);
    }
}
