using Dssr.Testing;
using Dssr.Tui.Composition;
using Dssr.Tui.Terminal;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;

namespace Dssr.Tui.Tests.Terminal;

/// <summary>The console's feeds on a real service with a dummy cluster and a Slurm cluster whose SSH port never answers.</summary>
public sealed class ConsoleFeedsTests
{
    [Fact]
    public async Task A_silent_cluster_holds_up_neither_the_tick_nor_the_other_clusters_and_is_marked_unreachable()
    {
        using var state = new TempDirectory();
        using var silent = new SilentListener();
        var (key, knownHosts) = ClusterFiles.Make(state.Path);
        var yaml = "clusters:\n  - name: default\n" + ClusterFiles.SlurmEntry("far", silent.Port, key, knownHosts, connectTimeout: 20);
        var env = new Dictionary<string, string> { ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "0", ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "600", ["JARVICE_SYSTEM_REGISTRY"] = "reg.example", ["JARVICE_SYSTEM_REPO_BASE"] = "jarvice" };
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path, env, yaml: yaml);
        var submitted = await Scripting.Api.LegacyApiClient.Over(service.Host.Address).Submit("20240101120000-ABCDE-app-me_s1", 7, "#!/bin/bash\necho hi\n");
        Assert.Equal(200, submitted.Status);

        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var posted = new List<Task<Action<ConsoleModel>>>();
        var feeds = new ConsoleFeeds(service.Host, "test", posted.Add, clock);
        var model = new ConsoleModel(readOnly: false);

        feeds.Tick(model); // returns with far's probe and queue query still waiting on its silent port
        Assert.Equal(new[] { "default", "far" }, model.Clusters.Select(c => c.Name));
        // A queue query and a probe per cluster, each on its own: default's, then far's.
        Assert.Equal(4, posted.Count);
        foreach (var t in posted.Take(2)) (await t.WaitAsync(TimeSpan.FromSeconds(30)))(model);
        Assert.False(posted[2].IsCompleted || posted[3].IsCompleted, "far's queue query or probe ended: its port is meant to stay silent");

        var far = model.Clusters.Single(c => c.Name == "far");
        Assert.Null(far.Reachable);
        Assert.NotEqual("NO", ClustersTableSource.Reach(far)); // not marked before a few seconds have passed
        Assert.Contains(model.Queue.Visible, r => r.Cluster == "default" && r.Number == 7);
        Assert.True(model.Clusters.Single(c => c.Name == "default").Reachable);

        clock.Advance(ClusterRow.SilentAfter);
        feeds.Tick(model);
        far = model.Clusters.Single(c => c.Name == "far");
        Assert.Equal("NO", ClustersTableSource.Reach(far));
        Assert.True(far.IsSilent);
        // Only default's next queue query: far's probe and query still wait, and none is added beside them.
        Assert.Equal(5, posted.Count);
    }

    [Fact]
    public async Task The_header_names_the_journal_kind_and_its_health()
    {
        using var state = new TempDirectory();
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path);
        var model = new ConsoleModel(readOnly: false);
        new ConsoleFeeds(service.Host, "test", _ => { }).Tick(model);
        Assert.Equal(new JournalInfo("sqlite", null, null, null), model.Header!.Journal);
        Assert.Contains("journal sqlite ok", ScreenText.Header(model.Header));
    }
}
