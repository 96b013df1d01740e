using Dssr.Integration.Tests.Clusters;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Reliability;

/// <summary>
/// <c>dssr --serve</c> killed with SIGKILL while submits are in flight (some made, some on their way to sbatch, some
/// not started), then started again on the same state folder: the upstream's retry of every submit answers 200 with
/// the one Slurm job its name has (adopted when sbatch had made it, made now when it had not), never a second one.
/// </summary>
public sealed class KilledMidSubmitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_during_submits_and_restarted_every_retry_answers_the_one_slurm_job_of_its_name()
    {
        using var state = new TempDirectory();
        using var gate = new JobGate(); // the jobs stay in the queue, where the test counts them
        var settings = SlurmService.Environment(new() { ["DSSR_STATE_DIR"] = state.Path });
        var names = Enumerable.Range(0, 24).Select(i => UpstreamScripts.NewName($"killed{i}")).ToList();
        var args = names.ToDictionary(n => n, n => SlurmService.SubmitArgs(n, 1, UpstreamScripts.Batch("killed", gate: gate)));

        await using (var first = new ServeProcess(settings))
        {
            await first.WaitForLiveAsync();
            // Two upstreams submit one job after another, so the kill lands with submits answered, one or two on their way
            // (before, during or after sbatch) and the rest never sent.
            var answered = 0;
            var lost = 0;
            async Task Upstream(IEnumerable<string> mine)
            {
                foreach (var n in mine)
                {
                    try
                    {
                        if ((await first.Post("/submit", args[n])).Status == 200) Interlocked.Increment(ref answered);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref lost); // the answer lost with the process
                        return;
                    }
                }
            }
            var upstreams = new[] { Upstream(names.Where((_, i) => i % 2 == 0)), Upstream(names.Where((_, i) => i % 2 == 1)) };
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref answered) < 3)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "fewer than 3 submits were answered in a minute");
                await Task.Delay(5);
            }
            await first.KillAsync();
            await Task.WhenAll(upstreams);
            output.WriteLine($"before the kill: {answered} answered, {lost} lost with the process; {(await MadeAsync(names)).Count} of {names.Count} jobs made");
        }

        await using var second = new ServeProcess(settings);
        await second.WaitForLiveAsync();
        foreach (var name in names)
        {
            var answer = await second.Post("/submit", args[name]);
            Assert.True(answer.Status == 200, $"retry of {name} answered {answer.Status}: {answer.Text}\n{second.Log}");
            var jobId = System.Text.Json.JsonDocument.Parse(answer.Body).RootElement[0].GetString();
            var made = (await MadeAsync([name])).GetValueOrDefault(name) ?? [];
            Assert.True(made.Count == 1 && made[0] == jobId, $"{name}: the retry answered {jobId}, Slurm has [{string.Join(", ", made)}]");
        }
        gate.Open();
    }

    /// <summary>The Slurm jobs of each name that has any.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> MadeAsync(IEnumerable<string> names)
    {
        var squeue = await BedShell.RunAsync("squeue", "-h", "-o", "%A %j");
        return names.Select(n => (n, BedCluster.JobsNamed(squeue, n))).Where(p => p.Item2.Count > 0).ToDictionary(p => p.n, p => p.Item2);
    }
}
