using Dssr.Engine.Interactive;
using Dssr.Engine.Jobs;

namespace Dssr.Tui.Terminal;

/// <summary>
/// The job detail's lines on where a job runs and why (its failover record), and for an interactive job its
/// public URL and tunnel, read from what exists: the console opens no tunnel by itself.
/// </summary>
internal static class JobPlacement
{
    public static IEnumerable<(string, string)> Fields(JobRecord record)
    {
        if (!record.FailedOver)
        {
            yield return ("placement", $"on {record.RunsOn}, the cluster it was submitted to");
            yield break;
        }
        // The journal's note reads "<each cluster tried and what it said>; placed on X (prefers K jobs)".
        var note = record.Failover ?? "";
        var cut = note.LastIndexOf("; placed on ", StringComparison.Ordinal);
        var refusals = cut >= 0 ? note[..cut] : note;
        var preference = cut >= 0 && note.IndexOf('(', cut) is var open and >= 0 ? " " + note[open..] : "";
        yield return ("placement", $"placed on {record.RunsOn} after {(refusals.Length > 0 ? refusals : "a failover")}{preference}");
        yield return ("submitted to", $"{record.Cluster} (its endpoint answers for the job)");
    }

    public static IEnumerable<(string, string)> Interactive(JobRecord record, JobTunnels? tunnels)
    {
        if (tunnels is null)
        {
            yield return ("tunnel", $"none: cluster {record.RunsOn} serves no interactive jobs here");
            yield break;
        }
        if (tunnels.Find(record.JobId) is { State: TunnelState.Open } t)
        {
            yield return ("url", t.Url);
            yield return ("tunnel", $"open since {t.OpenedAt.ToLocalTime():HH:mm:ss}: {t.LocalEnd} -> {t.Endpoint.Host}:{t.Endpoint.Port}, " +
                                    $"{t.OpenConnections} connection(s) open, {t.BytesToJob} B in, {t.BytesFromJob} B out");
            yield break;
        }
        yield return ("url", $"{tunnels.Domain.BaseUrl(record.Number)} (the app's full URL once its tunnel is open)");
        yield return ("tunnel", tunnels.HasEnded(record.JobId)
            ? "closed: the job ended"
            : "not open: info, connect or the first request through the job proxy opens it");
    }
}
