using System.Text.Json;
using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;

namespace Dssr.Engine.Observability;

/// <summary>
/// Puts side by side, per job, what the journal holds, what the cluster says now (one fresh queue query per
/// cluster) and, given a recording, what the upstream last asked about it.
/// </summary>
public static class Reconciler
{
    /// <summary>How long a submit may stay SUBMITTING before it counts as stuck (a submit that waits on another replica gives up after 90 s).</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(2);

    public static async Task<Reconciliation> RunAsync(IReadOnlyList<Cluster> clusters, IJobJournal journal, TimeProvider clock,
        IReadOnlyList<RecordedExchange>? recording, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = new List<ReconciliationRow>();
        var unreachable = new List<string>();
        var allRows = journal.List(null, int.MaxValue);
        var upstream = recording is null ? null : LastCalls(recording);
        foreach (var cluster in clusters)
        {
            cluster.Queue.Invalidate(); // the cluster now, not a cached answer
            QueueSnapshot snapshot;
            try
            {
                snapshot = await cluster.Queue.GetAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ConnectorException or Remote.RemoteException)
            {
                unreachable.Add($"{cluster.Name}: {e.Message}");
                continue;
            }
            var onCluster = snapshot.Jobs.GroupBy(j => j.JobId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var known = allRows.Where(r => r.RunsOn == cluster.Name).ToList();
            var knownIds = known.Where(r => r.JobId.Length > 0).Select(r => r.JobId).ToHashSet(StringComparer.Ordinal);

            foreach (var entry in onCluster.Values.Where(e => !knownIds.Contains(e.JobId)))
                rows.Add(new ReconciliationRow(cluster.Name, entry.Name, null, entry.JobId, null, entry.State, Upstream(upstream, entry.Name, null),
                    Verdict.Orphan, $"the cluster has jarvice_{entry.Name} ({entry.State}); no journal row knows job {entry.JobId}"));

            foreach (var row in known)
            {
                var journalState = row.FinalState ?? row.LastState;
                var seen = row.JobId.Length > 0 ? onCluster.GetValueOrDefault(row.JobId) : null;
                var last = Upstream(upstream, row.Name, row.Number);
                rows.Add(Judge(cluster.Name, row, journalState, seen, last, now));
            }
        }
        var ordered = rows.OrderByDescending(r => r.Disagrees).ThenBy(r => r.Cluster, StringComparer.Ordinal)
            .ThenBy(r => r.Number ?? long.MaxValue).ThenBy(r => r.JobId, StringComparer.Ordinal).ToList();
        return new Reconciliation(now, clusters.Select(c => c.Name).ToList(), ordered, unreachable);
    }

    private static ReconciliationRow Judge(string cluster, JobRecord row, string? journalState, QueueEntry? onNow, string? last, DateTimeOffset now)
    {
        ReconciliationRow Row(Verdict verdict, string detail) =>
            new(cluster, row.Name, row.Number, row.JobId, journalState, onNow?.State, last, verdict, detail);
        var state = journalState is null ? (JobState?)null : JobStates.Parse(journalState);
        if (row.JobId.Length == 0)
            return state is JobState.Submitting or JobState.Unanswered && now - row.SubmittedAt > StuckAfter
                ? Row(Verdict.StuckSubmitting, $"{journalState} since {row.SubmittedAt:u}: the submit was never answered; a retry looks for the job on the cluster")
                : Row(Verdict.Agrees, "being submitted");
        if (row.FinalState is not null)
            return onNow is { Phase: JobPhase.Running or JobPhase.Queued }
                ? Row(Verdict.EndedButRunning, $"the journal says {row.FinalState}; the cluster says {onNow.State}")
                : Row(Verdict.Agrees, "finished");
        if (onNow is null)
            return Row(Verdict.Forgotten, $"the cluster no longer knows job {row.JobId} and the journal holds no final state (last seen {journalState ?? "never"})");
        return Row(Verdict.Agrees, onNow.Phase == JobPhase.Ended ? "ended; its exit status not asked yet" : onNow.Phase.ToString().ToLowerInvariant());
    }

    /// <summary>The upstream's last per-job call in the recording, by (name, number): route, status and when.</summary>
    private static Dictionary<(string, long?), string> LastCalls(IReadOnlyList<RecordedExchange> recording)
    {
        var last = new Dictionary<(string, long?), string>();
        foreach (var exchange in recording)
        {
            if (exchange.Args is not { } args) continue;
            try
            {
                using var doc = JsonDocument.Parse(args);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                    continue;
                long? number = doc.RootElement.TryGetProperty("number", out var n) && n.TryGetInt64(out var v) ? v : null;
                var said = $"{exchange.Method} {exchange.Path} {exchange.Status} at {exchange.At:u}";
                last[(name.GetString()!, number)] = said;
                last[(name.GetString()!, null)] = said;
            }
            catch (JsonException)
            {
                // A recorded 400 for bad JSON names no job.
            }
        }
        return last;
    }

    private static string? Upstream(Dictionary<(string, long?), string>? calls, string name, long? number) =>
        calls is null ? null : calls.GetValueOrDefault((name, number)) ?? calls.GetValueOrDefault((name, null));
}
