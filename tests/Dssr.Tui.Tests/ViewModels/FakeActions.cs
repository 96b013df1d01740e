using Dssr.Engine.Diagnostics;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

/// <summary>Records what the console asked the service to do.</summary>
public sealed class FakeActions : IConsoleActions
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
}
