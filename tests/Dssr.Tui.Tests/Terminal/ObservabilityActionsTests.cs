using Dssr.Connectors.Dummy;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
using Dssr.Engine.Observability;
using Dssr.Testing;
using Dssr.Tui.Composition;
using Dssr.Tui.Terminal;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.Terminal;

/// <summary>The load feed, the recorder toggle and the reconciliation fixes on a real service with the dummy cluster.</summary>
public sealed class ObservabilityActionsTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "0",
        ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "600",
        ["DSSR_QUEUE_MAX_AGE_MS"] = "0",
    };

    [Fact]
    public async Task The_feeds_carry_each_clusters_load_and_the_header_whether_recording()
    {
        using var state = new TempDirectory();
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path, Env);
        var cluster = service.Host.Clusters.Default;
        await cluster.SnapshotAsync(CancellationToken.None);
        await cluster.SnapshotAsync(CancellationToken.None);

        var feeds = new ConsoleFeeds(service.Host, "test", _ => { });
        var model = new ConsoleModel(readOnly: false);
        feeds.Tick(model);
        var load = Assert.Single(model.Load);
        Assert.Equal("default", load.Cluster);
        Assert.True(load.Figures.QueueQueriesPerMinute >= 2, load.Figures.Summary);
        Assert.Equal(load.Figures.QueueQueriesPerMinute, load.Figures.QueueQuerySparkline[^1]);
        Assert.Null(model.Header!.RecordingTo);

        var actions = new ServiceActions(service.Host);
        var said = await actions.ToggleRecordingAsync();
        feeds.Tick(model);
        var file = Assert.Single(Directory.GetFiles(state.Path, "recording-*.jsonl"));
        Assert.Equal(file, model.Header!.RecordingTo);
        Assert.Equal($"recording the upstream conversation to {file} (R stops)", said);

        Assert.StartsWith("recording stopped: ", await actions.ToggleRecordingAsync());
        feeds.Tick(model);
        Assert.Null(model.Header!.RecordingTo);
        Assert.False(service.Host.Recording.IsRecording);
    }

    [Fact]
    public async Task The_fixes_cancel_an_orphan_on_the_cluster_and_record_a_final_state_for_a_forgotten_job()
    {
        using var state = new TempDirectory();
        new DummyJobStore(state.Path).Save(new DummyJob("dummy_900", "20240101120000-ORPHN-app-me_s1", 900, DateTimeOffset.UtcNow, Fails: false));
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path, Env);
        var now = DateTimeOffset.UtcNow;
        service.Host.Journal.Claim(new JobRecord("default", "20240101120000-FORGT-app-me_s1", 777, "dummy_777", null, now, now, "R", null, null, "#!/bin/bash\n"));
        var actions = new ServiceActions(service.Host);

        var before = await actions.ReconcileAsync();
        var orphan = Assert.Single(before.Rows, r => r.Verdict == Verdict.Orphan);
        var forgotten = Assert.Single(before.Rows, r => r.Verdict == Verdict.Forgotten);
        Assert.Equal("dummy_900", orphan.JobId);
        Assert.Equal("dummy_777", forgotten.JobId);
        Assert.Contains("terminate of job dummy_900", actions.DescribeFix(ConsoleCommand.CancelOrphan, orphan));
        Assert.Contains("final state UNKNOWN, exit code -9 for job dummy_777", actions.DescribeFix(ConsoleCommand.RecordFinal, forgotten));

        Assert.Contains("cancelled", await actions.FixAsync(ConsoleCommand.CancelOrphan, orphan));
        Assert.Contains("recorded", await actions.FixAsync(ConsoleCommand.RecordFinal, forgotten));

        var after = await actions.ReconcileAsync();
        Assert.Equal("CA", after.Rows.Single(r => r.JobId == "dummy_900").ClusterState);
        var fixedRow = after.Rows.Single(r => r.JobId == "dummy_777");
        Assert.Equal(Verdict.Agrees, fixedRow.Verdict);
        Assert.Equal(("UNKNOWN", -9), (service.Host.Journal.FindByJobId("default", "dummy_777")!.FinalState, service.Host.Journal.FindByJobId("default", "dummy_777")!.ExitCode));
        Assert.Contains("already has its final state", await actions.FixAsync(ConsoleCommand.RecordFinal, forgotten)); // twice: no second write
    }

    [Fact]
    public async Task An_orphan_a_journal_row_knows_by_now_is_not_cancelled()
    {
        using var state = new TempDirectory();
        new DummyJobStore(state.Path).Save(new DummyJob("dummy_900", "20240101120000-ORPHN-app-me_s1", 900, DateTimeOffset.UtcNow, Fails: false));
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path, Env);
        var actions = new ServiceActions(service.Host);
        var orphan = (await actions.ReconcileAsync()).Rows.Single(r => r.Verdict == Verdict.Orphan);
        var now = DateTimeOffset.UtcNow;
        service.Host.Journal.Claim(new JobRecord("default", orphan.Name, 900, "dummy_900", null, now, now, "R", null, null, "#!/bin/bash\n"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => actions.FixAsync(ConsoleCommand.CancelOrphan, orphan));
        Assert.Contains("not an orphan any more", refused.Message);
        var snapshot = await service.Host.Clusters.Default.SnapshotAsync(CancellationToken.None);
        Assert.Equal(JobPhase.Running, snapshot.Find("dummy_900")!.Phase);
    }
}
