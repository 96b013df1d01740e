using Dssr.Integration.Tests.Clusters;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// The login node's connections dropped again and again (sshd's per-connection processes killed) while 50
/// upstream pollers ask for /running: every answer lists the running job or is a 500 naming the failure,
/// never a list without it (which would tell the upstream the job finished), and the lists come back after.
/// Runs on the bed's "west" cluster, whose sshd only the clusters' collection uses: killing the main sshd's
/// connections would fail other tests running beside it.
/// </summary>
[Collection(SeveralClustersCollection.Name)]
public sealed class SlurmConnectionFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Connections_killed_under_fifty_pollers_never_give_a_list_without_the_running_job()
    {
        using var state = new TempDirectory();
        using var gate = new JobGate();
        await using var dssr = await SlurmService.StartAsync(state.Path, BedCluster.West.Environment());
        var name = UpstreamScripts.NewName("conn-fault");
        var jobId = await dssr.SubmitAsync(name, 1, UpstreamScripts.Batch("conn-fault", gate: gate));
        try
        {
            await dssr.WaitForPhaseAsync(jobId, "running");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            var listed = 0;
            var failed = 0;
            var kills = 0;
            var pollers = Enumerable.Range(0, 50).Select(async _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var answer = await dssr.Get("/running");
                    if (answer.Status == 200)
                    {
                        Assert.True(answer.Text.Contains($"\"{jobId}\"", StringComparison.Ordinal), $"/running answered without job {jobId}: {answer.Text}");
                        Interlocked.Increment(ref listed);
                    }
                    else
                    {
                        Assert.Equal(500, answer.Status);
                        Assert.StartsWith("{\"error\":", answer.Text);
                        Interlocked.Increment(ref failed);
                    }
                }
            }).ToList();
            var killer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    kills += BedCluster.West.KillConnections();
                    await Task.Delay(300);
                }
            });
            await Task.WhenAll([.. pollers, killer]);
            output.WriteLine($"{listed + failed} answers under {kills} killed sshd connection processes: {listed} listed the job, {failed} were 500s");
            Assert.True(kills > 0, "no connection was killed: the fault never happened");

            await Poll.UntilAsync(async () => (await dssr.Get("/running")).Text.Contains($"\"{jobId}\"", StringComparison.Ordinal), 30,
                () => "/running did not list the job again after the faults");
        }
        finally
        {
            gate.Open();
        }
    }
}
