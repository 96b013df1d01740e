using System.Diagnostics;
using System.Globalization;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Connectors;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Clusters;

/// <summary>Each cluster's queue is its own: one squeue per cluster per window, and a silent cluster holds up no other.</summary>
[Collection(SeveralClustersCollection.Name)]
public sealed class ClusterIsolationTests(ITestOutputHelper output)
{
    private static string Transport => TestBed.Transport == Dssr.Engine.Remote.SshTransportKind.OpenSsh ? "openssh" : "sshnet";

    private static Dictionary<string, string> EastEnvironment(string maxAgeMs) => SlurmService.Environment(new()
    {
        ["JARVICE_SLURM_CLUSTER_PORT"] = BedCluster.East.Port.ToString(CultureInfo.InvariantCulture),
        ["JARVICE_SLURM_SSH_KNOWN_HOSTS"] = BedCluster.East.KnownHosts,
        ["DSSR_QUEUE_MAX_AGE_MS"] = maxAgeMs,
    });

    [Fact]
    public async Task Running_of_one_cluster_answers_while_another_clusters_host_is_silent()
    {
        await using var silent = new SilentHost();
        using var state = new TempDirectory();
        var yaml = $$"""
            clusters:
              - name: quiet
                connector: slurm
                ssh: { host: 127.0.0.1, port: {{silent.Port}}, user: {{TestBed.User}}, key_file: {{TestBed.KeyFile}}, known_hosts: {{BedCluster.West.KnownHosts}}, connect_timeout: 15, transport: {{Transport}} }
            """;
        await using var service = await TestService.StartAsync(new ConnectorRegistry().AddSlurm(), state.Path, EastEnvironment("300"), waitForReady: false, yaml: yaml);
        await Poll.UntilAsync(async () => (await Answer.Of(service.Http.GetAsync("/ready"))).Status == 200, 30, () => "default never became ready");

        var stuck = service.Http.GetAsync("/clusters/quiet/running");
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            var answer = await Answer.Of(service.Http.GetAsync("/running"));
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(200, answer.Status);
            await Task.Delay(50);
        }
        output.WriteLine($"/running of default while quiet is silent: max {times.Max():0.0} ms, median {times.Order().ElementAt(times.Count / 2):0.0} ms");
        // A bound for a hang behind the silent cluster (its connect timeout is 15 s), with room for a loaded machine;
        // the latency itself is measured in bench/clusters-load.sh.
        Assert.True(times.Max() < 5000, $"slowest /running took {times.Max():0} ms");
        Assert.False(stuck.IsCompleted, "the silent cluster's /running answered: its host was not silent");
    }

    [Fact]
    public async Task Each_cluster_is_asked_at_most_once_per_max_age_window_however_often_both_endpoints_are_polled()
    {
        using var state = new TempDirectory();
        var yaml = $$"""
            clusters:
              - name: backup
                connector: slurm
                ssh: { host: 127.0.0.1, port: {{BedCluster.West.Port}}, user: {{TestBed.User}}, key_file: {{TestBed.KeyFile}}, known_hosts: {{BedCluster.West.KnownHosts}}, transport: {{Transport}} }
            """;
        await using var service = await TestService.StartAsync(new ConnectorRegistry().AddSlurm(), state.Path, EastEnvironment("1000"), yaml: yaml);
        await service.Http.GetStringAsync("/running");
        await service.Http.GetStringAsync("/clusters/backup/running");
        var east = File.ReadAllLines(BedCluster.East.SqueueLog).Length;
        var west = File.ReadAllLines(BedCluster.West.SqueueLog).Length;

        var clock = Stopwatch.StartNew();
        var pollers = new[] { "/running", "/queued", "/clusters/backup/running", "/clusters/backup/queued" }.Select(async route =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                Assert.Equal(200, (await Answer.Of(service.Http.GetAsync(route))).Status);
                await Task.Delay(20);
            }
        });
        await Task.WhenAll(pollers);
        var windows = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);
        var eastCalls = File.ReadAllLines(BedCluster.East.SqueueLog).Length - east;
        var westCalls = File.ReadAllLines(BedCluster.West.SqueueLog).Length - west;
        output.WriteLine($"squeue calls in {clock.Elapsed.TotalSeconds:0.0} s ({windows} windows of 1 s): east {eastCalls}, west {westCalls}");
        Assert.InRange(eastCalls, 1, windows + 1);
        Assert.InRange(westCalls, 1, windows + 1);
    }
}
