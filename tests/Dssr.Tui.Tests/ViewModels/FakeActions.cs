using Dssr.Engine.Diagnostics;
using Dssr.Engine.Observability;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

/// <summary>Records what the console asked the service to do.</summary>
internal sealed class FakeActions : IConsoleActions
{
    public List<string> Calls { get; } = [];

    public Task<string> SubmitSampleAsync(string cluster, bool interactive = false)
    {
        Calls.Add(interactive ? $"submit interactive {cluster}" : $"submit {cluster}");
        return Task.FromResult("submitted");
    }
    public Task TerminateAsync(QueueRow job) { Calls.Add($"terminate {job.JobId}"); return Task.CompletedTask; }
    public Task ReleaseAsync(QueueRow job) { Calls.Add($"release {job.JobId}"); return Task.CompletedTask; }
    public string Describe(ConsoleCommand action, QueueRow job) => $"POST /{(action == ConsoleCommand.Terminate ? "terminate" : "release")} {job.JobId}";
    public Task<string> OutputAsync(QueueRow job) { Calls.Add($"output {job.JobId}"); return Task.FromResult("line 1\nline 2\n"); }
    public Task<DiagnosticsView> DiagnoseAsync(string cluster)
    {
        Calls.Add($"diagnose {cluster}");
        return Task.FromResult(new DiagnosticsView(new ClusterDiagnosis(cluster, "dummy", ["report"],
            [new DiagnosticCheck("ssh", CheckStatus.Fail, "refused", "start sshd", 1)]), DateTimeOffset.UnixEpoch));
    }
    /// <summary>What <see cref="Detail"/> answers; a one-field record by default.</summary>
    public Func<QueueRow, JobDetail>? DetailOf { get; set; }
    public JobDetail Detail(QueueRow job) => DetailOf?.Invoke(job) ?? new(job, [("name", job.Name)], "#!/bin/bash", [], []);

    /// <summary>What the next reconciliations answer, in turn (the last one again once they run out); none: an empty one.</summary>
    public Queue<Reconciliation> Reconciliations { get; } = new();
    private Reconciliation _lastReconciliation = new(DateTimeOffset.UnixEpoch, ["default"], [], []);

    /// <summary>Set: the next reconciliation fails with it (once).</summary>
    public Exception? ReconcileFailure { get; set; }

    public Task<Reconciliation> ReconcileAsync()
    {
        Calls.Add("reconcile");
        if (ReconcileFailure is { } failure) { ReconcileFailure = null; return Task.FromException<Reconciliation>(failure); }
        if (Reconciliations.Count > 0) _lastReconciliation = Reconciliations.Dequeue();
        return Task.FromResult(_lastReconciliation);
    }

    public string DescribeFix(ConsoleCommand fix, ReconciliationRow row) => $"{fix} {row.Cluster} {row.JobId}";

    public Task<string> FixAsync(ConsoleCommand fix, ReconciliationRow row)
    {
        Calls.Add($"{fix} {row.JobId}");
        return Task.FromResult($"{fix} done for {row.JobId}");
    }

    public bool Recording { get; private set; }

    public Task<string> ToggleRecordingAsync()
    {
        Recording = !Recording;
        Calls.Add(Recording ? "record" : "stop recording");
        return Task.FromResult(Recording ? "recording the upstream conversation to /state/recording.jsonl (R stops)" : "recording stopped");
    }

    /// <summary>A reconciliation of default with an orphan, a forgotten job and one that agrees, in the Reconciler's order.</summary>
    public static Reconciliation Disagreeing() => new(DateTimeOffset.UnixEpoch, ["default"],
    [
        new ReconciliationRow("default", "20240101120009-ORPHN-app-x_s1", null, "dummy_9", null, "R", null, Verdict.Orphan,
            "the cluster has jarvice_20240101120009-ORPHN-app-x_s1 (R); no journal row knows job dummy_9"),
        new ReconciliationRow("default", "20240101120007-FORGT-app-y_s1", 7, "dummy_7", "R", null, null, Verdict.Forgotten,
            "the cluster no longer knows job dummy_7 and the journal holds no final state (last seen R)"),
        new ReconciliationRow("default", "20240101120001-ABCDE-app-user1_s1", 1, "dummy_1", "R", "R", null, Verdict.Agrees, "running"),
    ], []);
}
