using System.Diagnostics;
using System.Globalization;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// Point 8: the Slurm load of an upstream pass. The bed's squeue wrapper logs every call with its account;
/// this service runs squeue as the second account, so only its calls are counted.
/// </summary>
[Collection(SerialSlurmCollection.Name)]
public sealed class SlurmLoadTests(ITestOutputHelper output)
{
    private const int Jobs = 100;
    private const int Passes = 50;
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    // Passes 100 ms apart, so the run spans several max-age windows (the upstream's are about 5 s apart).
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Fifty_passes_over_a_hundred_jobs_cost_at_most_one_squeue_per_max_age_window()
    {
        using var state = new TempDirectory();
        var user2 = TestBed.Get("DSSR_TESTBED_USER2");
        await using var dssr = await SlurmService.StartAsync(state.Path, new()
        {
            ["JARVICE_SLURM_SSH_USER"] = user2,
            ["JARVICE_SLURM_SSH_PKEY"] = File.ReadAllText(TestBed.Get("DSSR_TESTBED_KEY2")),
            ["DSSR_QUEUE_MAX_AGE_MS"] = ((int)MaxAge.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        });
        try
        {
            // Jobs that wait for a begin time an hour away: in the queue, holding no resource.
            var jobs = new List<(string Name, long Number, string JobId)>();
            var submitMs = new List<double>();
            for (var i = 0; i < Jobs; i++)
            {
                var name = UpstreamScripts.NewName("load");
                var clock = Stopwatch.StartNew();
                var id = await dssr.SubmitAsync(name, 1000 + i, UpstreamScripts.Batch("load", devices: "sbatch_begin=now+3600"));
                submitMs.Add(clock.Elapsed.TotalMilliseconds);
                jobs.Add((name, 1000 + i, id));
            }

            var before = SqueueCalls(user2);
            var passMs = new List<double>();
            var total = Stopwatch.StartNew();
            for (var pass = 0; pass < Passes; pass++)
            {
                var clock = Stopwatch.StartNew();
                var running = await dssr.ListAsync("/running");
                var queued = await dssr.ListAsync("/queued");
                var listed = running.Concat(queued).Select(j => j.JobId).ToHashSet();
                Assert.True(jobs.All(j => listed.Contains(j.JobId)), $"pass {pass}: a job is missing from /running and /queued");
                // The upstream asks /runstatus per job with a handful of workers.
                await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (job, _) =>
                {
                    var status = await dssr.Post("/runstatus", SlurmService.JobArgs(job.Name, job.Number, job.JobId));
                    Assert.Equal(200, status.Status);
                    Assert.Contains($"/{job.Number}/{job.JobId}\"", status.Text);
                });
                passMs.Add(clock.Elapsed.TotalMilliseconds);
                await Task.Delay(Gap);
            }
            var seconds = total.Elapsed.TotalSeconds;
            var calls = SqueueCalls(user2) - before;
            var windows = (int)Math.Ceiling(seconds / MaxAge.TotalSeconds);

            output.WriteLine($"squeue calls for {Passes} passes over {Jobs} jobs ({Gap.TotalMilliseconds:0} ms apart): {calls} in {seconds:0.0} s ({windows} windows of {MaxAge.TotalSeconds:0} s); " +
                $"the original: {Jobs + 2} per pass with every job running, {Passes * (Jobs + 2)} in all");
            output.WriteLine($"submit latency (HTTP in to out), {Jobs} submits: median {Percentile(submitMs, 50):0} ms, p95 {Percentile(submitMs, 95):0} ms, max {submitMs.Max():0} ms");
            output.WriteLine($"one pass (/running + /queued + {Jobs} /runstatus, 8 at once): median {Percentile(passMs, 50):0} ms, p95 {Percentile(passMs, 95):0} ms, max {passMs.Max():0} ms");
            Assert.True(calls >= 1, "no squeue was counted: the wrapper is not on the service's PATH");
            Assert.True(calls <= windows + 1, $"{calls} squeue calls in {windows} max-age windows");
        }
        finally
        {
            await BedShell.RunAsAsync(BedShell.User2Settings(), "scancel", "-u", user2);
        }
    }

    private static int SqueueCalls(string user) =>
        File.ReadLines(TestBed.Get("DSSR_TESTBED_SQUEUE_LOG")).Count(l => l.EndsWith(" " + user, StringComparison.Ordinal));

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }
}
