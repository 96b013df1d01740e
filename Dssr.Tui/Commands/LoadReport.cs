using System.Globalization;
using Dssr.Engine.Clusters;
using Dssr.Engine.Observability;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr diag</c>'s load figures for a cluster: what this run cost it (from the load meter), and the most a serving Dssr
/// asks of it (one queue query, an squeue on Slurm, per queue max age, whatever the upstream's pace) against the budget.
/// </summary>
internal sealed record LoadReport(LoadFigures ThisRun, double? MostQueriesPerMinute, int Budget)
{
    public bool OverBudget => MostQueriesPerMinute is not { } most || most > Budget;

    public static LoadReport Of(Cluster cluster)
    {
        var figures = cluster.Load.Figures();
        var maxAge = cluster.Queue.MaxAge.TotalSeconds;
        return new LoadReport(figures, maxAge > 0 ? Math.Round(60 / maxAge, 1) : null, figures.Budget);
    }

    public string Line(string cluster)
    {
        var most = MostQueriesPerMinute is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"at most {m} queue queries (squeue)/min when serving (one per DSSR_QUEUE_MAX_AGE_MS)")
            : "unbounded queue queries when serving (DSSR_QUEUE_MAX_AGE_MS=0: one per request)";
        return $"Slurm load of cluster {cluster}: {most}, budget {Budget}/min{(OverBudget ? ": OVER BUDGET" : "")}; this diag: {ThisRun.Summary}";
    }
}
