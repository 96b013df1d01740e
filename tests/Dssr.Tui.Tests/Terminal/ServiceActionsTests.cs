using Dssr.Engine.Connectors;
using Dssr.Scripting.Api;
using Dssr.Testing;
using Dssr.Tui.Composition;
using Dssr.Tui.Terminal;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.Terminal;

/// <summary>The console's actions on a real service with two clusters whose jobs have the same ids.</summary>
public sealed class ServiceActionsTests
{
    [Fact]
    public async Task Terminate_goes_to_the_endpoint_the_job_was_submitted_to_and_leaves_the_same_id_on_another_cluster_alone()
    {
        using var state = new TempDirectory();
        var env = new Dictionary<string, string>
        {
            ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "0",
            ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "600",
            ["DSSR_QUEUE_MAX_AGE_MS"] = "0",
        };
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path, env,
            yaml: "clusters:\n  - name: default\n  - name: backup\n    connector: dummy\n");
        var onDefault = await LegacyApiClient.Over(service.Host.Address).Submit("20240101120000-ABCDE-one-me_s1", 5, SampleJob.Script);
        var onBackup = await LegacyApiClient.Over(service.Host.Address + "/clusters/backup").Submit("20240101120000-FGHIJ-two-me_s1", 5, SampleJob.Script);
        var jobId = onBackup.Json[0].GetString()!;
        Assert.Equal(onDefault.Json[0].GetString(), jobId); // one id, two jobs: only the cluster tells them apart

        var actions = new ServiceActions(service.Host);
        var row = new QueueRow("20240101120000-FGHIJ-two-me_s1", 5, "backup", jobId, "R", JobPhase.Running, TimeSpan.Zero, "-", "-");
        Assert.Contains("/clusters/backup/terminate", actions.Describe(ConsoleCommand.Terminate, row));
        await actions.TerminateAsync(row);

        async Task<JobPhase?> PhaseOn(string cluster) =>
            (await service.Host.Clusters[cluster].SnapshotAsync(CancellationToken.None)).Find(jobId)?.Phase;
        Assert.NotEqual(JobPhase.Running, await PhaseOn("backup"));
        Assert.Equal(JobPhase.Running, await PhaseOn("default"));
    }

    [Fact]
    public async Task N_submits_to_the_selected_clusters_endpoint()
    {
        using var state = new TempDirectory();
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path,
            new Dictionary<string, string> { ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "60" },
            yaml: "clusters:\n  - name: default\n  - name: backup\n    connector: dummy\n");
        var said = await new ServiceActions(service.Host).SubmitSampleAsync("backup");
        Assert.Contains(" to backup as ", said);
        var record = Assert.Single(service.Host.Journal.List());
        Assert.Equal("backup", record.Cluster);
        Assert.False(record.FailedOver);
    }
}
