using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dssr.Integration.Tests.Clusters;
using Dssr.Integration.Tests.Slurm;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Reliability;

/// <summary>
/// Upstream traffic against <c>dssr --serve</c> on the real test bed (its "west" cluster, so restarting that cluster's
/// sshd disturbs no test outside the clusters' collection) while sshd is restarted at intervals:
/// upstreams submit (retrying a failed submit, as the control plane does), poll /running, /queued and
/// /runstatus every 2 s, and ask /exitstatus once a job has left the queue. Every minute it prints the
/// requests, errors by kind, p50/p99 per route, the service's RSS and descriptors and the squeue calls per
/// window; at the end, the jobs lost (never given a true exit status) and duplicated (two Slurm jobs for one
/// submit). The suite runs a minute of it; <c>bench/soak.sh</c> runs it for 30 minutes.
/// </summary>
[Collection(SeveralClustersCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Upstream_traffic_through_sshd_restarts_loses_and_duplicates_no_job()
    {
        var duration = TimeSpan.FromSeconds(Setting("DSSR_SOAK_SECONDS", 60));
        var restartEvery = TimeSpan.FromSeconds(Setting("DSSR_SOAK_RESTART_SECONDS", 25));
        var upstreams = (int)Setting("DSSR_SOAK_UPSTREAMS", 4);
        var user2 = TestBed.Get("DSSR_TESTBED_USER2");
        var settings = SlurmService.Environment(BedCluster.West.Environment(new()
        {
            ["JARVICE_SLURM_SSH_USER"] = user2,
            ["JARVICE_SLURM_SSH_PKEY"] = File.ReadAllText(TestBed.Get("DSSR_TESTBED_KEY2")),
            ["DSSR_QUEUE_MAX_AGE_MS"] = ((int)Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        }));
        await using var dssr = new ServeProcess(settings);
        await dssr.WaitForLiveAsync();
        var stats = new SoakStats();
        var jobs = new ConcurrentBag<SoakJob>();
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var squeueBefore = SqueueCalls(user2);

        var traffic = Enumerable.Range(0, upstreams).Select(u => UpstreamAsync(dssr, stats, jobs, stop.Token)).ToList();
        var restarts = 0;
        var faults = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { await Task.Delay(restartEvery, stop.Token); }
                catch (OperationCanceledException) { break; }
                await BedCluster.West.RestartSshdAsync();
                restarts++;
            }
        });
        var reports = Task.Run(async () =>
        {
            var minute = 0;
            var squeueAtMinute = squeueBefore;
            while (!stop.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromMinutes(1), stop.Token); }
                catch (OperationCanceledException) { break; }
                var calls = SqueueCalls(user2);
                output.WriteLine($"minute {++minute}: {stats.Report()}; RSS {dssr.RssBytes / 1048576.0:0} MB, {dssr.OpenDescriptors} fds; " +
                    $"squeue {calls - squeueAtMinute} calls in {60 / Window.TotalSeconds:0} windows");
                squeueAtMinute = calls;
            }
        });
        await Task.WhenAll([.. traffic, faults, reports]);
        var seconds = clock.Elapsed.TotalSeconds;
        var squeue = SqueueCalls(user2) - squeueBefore;

        var all = jobs.ToList();
        var lost = all.Where(j => j.ExitCode != 0).ToList();
        var completions = Completions();
        var duplicated = all.Where(j => completions.GetValueOrDefault("jarvice_" + j.Name) > 1).ToList();
        output.WriteLine($"{seconds:0} s, {upstreams} upstreams, {restarts} sshd restarts: {stats.Report()}");
        output.WriteLine($"squeue: {squeue} calls in {Math.Ceiling(seconds / Window.TotalSeconds):0} windows of {Window.TotalSeconds:0} s");
        output.WriteLine($"jobs: {all.Count} run to their end, {lost.Count} lost or given a false status, {duplicated.Count} duplicated");
        Assert.True(all.Count > 0, "no job ran");
        Assert.True(restarts > 0 || duration < restartEvery, "sshd was never restarted");
        Assert.True(lost.Count == 0, "lost or false status: " + string.Join(", ", lost.Select(j => $"{j.Name} ({j.JobId}) rc {j.ExitCode}")));
        Assert.True(duplicated.Count == 0, "duplicated: " + string.Join(", ", duplicated.Select(j => j.Name)));
        // One per window is the aim (printed above); a failed squeue is not cached, so an outage adds some: twice as many is a runaway.
        Assert.True(squeue <= 2 * Math.Ceiling(seconds / Window.TotalSeconds), $"{squeue} squeue calls in {seconds:0} s");
    }

    /// <summary>One upstream: a job at a time, submitted, polled every 2 s until it leaves the queue, then its exit status.</summary>
    private static async Task UpstreamAsync(ServeProcess dssr, SoakStats stats, ConcurrentBag<SoakJob> jobs, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var name = UpstreamScripts.NewName("soak");
            var args = SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("soak", sleepSeconds: 2));
            string? jobId = null;
            // The control plane retries a submit that failed; every answer for one submit must name one job.
            while (jobId is null)
            {
                var answer = await stats.Time("/submit", () => dssr.Post("/submit", args));
                if (answer.Status == 200) jobId = JsonDocument.Parse(answer.Text).RootElement[0].GetString();
                else await Task.Delay(Window);
            }
            while (true)
            {
                await Task.Delay(Window);
                var running = await stats.Time("/running", () => dssr.Get("/running"));
                var queued = await stats.Time("/queued", () => dssr.Get("/queued"));
                await stats.Time("/runstatus", () => dssr.Post("/runstatus", SlurmService.JobArgs(name, 1, jobId)));
                if (running.Status != 200 || queued.Status != 200) continue; // not known: ask again, never conclude
                if (!running.Text.Contains($"\"{jobId}\"", StringComparison.Ordinal) && !queued.Text.Contains($"\"{jobId}\"", StringComparison.Ordinal)) break;
            }
            int? rc = null;
            while (rc is null)
            {
                var exit = await stats.Time("/exitstatus", () => dssr.Post("/exitstatus", SlurmService.JobArgs(name, 1, jobId)));
                if (exit.Status == 200) rc = JsonDocument.Parse(exit.Text).RootElement[0].GetInt32();
                else await Task.Delay(Window);
            }
            jobs.Add(new SoakJob(name, jobId, rc.Value));
        }
    }

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    private static int SqueueCalls(string user) =>
        File.ReadLines(BedCluster.West.SqueueLog).Count(l => l.EndsWith(" " + user, StringComparison.Ordinal));

    /// <summary>Slurm's completion log: how many jobs ended under each Slurm job name.</summary>
    private static Dictionary<string, int> Completions()
    {
        return File.ReadLines(BedCluster.West.CompletionLog)
            .Select(l => l.Split(' ').FirstOrDefault(f => f.StartsWith("Name=", StringComparison.Ordinal))?[5..])
            .Where(n => n is not null).GroupBy(n => n!).ToDictionary(g => g.Key, g => g.Count());
    }

    private sealed record SoakJob(string Name, string JobId, int ExitCode);
}
