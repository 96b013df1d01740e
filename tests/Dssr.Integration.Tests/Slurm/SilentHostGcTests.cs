using System.Diagnostics;
using System.Globalization;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// /gc against a login node that accepts TCP and never answers, on the default transport (SSH.NET): every caller gets BAD
/// within the connect timeout + 1 s, and /live never waits on SSH. It times /live against 100 ms, so it runs alone.
/// </summary>
[Collection(SerialSlurmCollection.Name)]
public sealed class SilentHostGcTests
{
    [Fact]
    public async Task Five_concurrent_gc_answer_BAD_within_the_connect_timeout_while_live_answers_at_once()
    {
        await using var silent = new SilentHost();
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path, new()
        {
            ["JARVICE_SLURM_CLUSTER_PORT"] = silent.Port.ToString(CultureInfo.InvariantCulture),
            ["JARVICE_SLURM_SSH_CONNECT_TIMEOUT"] = "2",
            ["JARVICE_SLURM_SSH_TRANSPORT"] = "sshnet",
        });
        // One /gc first, untimed: the first SSH.NET connect of a process also pays for loading and compiling its code,
        // seconds on a busy 2-core machine; the bound is about connecting, not about starting the process.
        Assert.Equal(500, (await dssr.Get("/gc")).Status);
        var clock = Stopwatch.StartNew();
        var gcs = Enumerable.Range(0, 5).Select(async _ =>
        {
            var answer = await dssr.Get("/gc");
            return (answer, clock.Elapsed);
        }).ToList();

        var live = new List<double>();
        do
        {
            var one = Stopwatch.StartNew();
            var answer = await dssr.Get("/live");
            live.Add(one.Elapsed.TotalMilliseconds);
            Assert.Equal(200, answer.Status);
            await Task.Delay(50);
        }
        while (gcs.Any(g => !g.IsCompleted));

        foreach (var (answer, elapsed) in await Task.WhenAll(gcs))
        {
            Assert.Equal(500, answer.Status);
            Assert.Equal("{\"status\":\"BAD\"}\n", answer.Text);
            Assert.True(elapsed < TimeSpan.FromSeconds(3), $"/gc answered after {elapsed.TotalSeconds:0.00} s (connect timeout 2 s); all: {string.Join(", ", gcs.Select(g => g.Result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))} s");
        }
        live.Sort();
        Assert.NotEmpty(live);
        Assert.True(live[live.Count / 2] < 100, $"/live took {string.Join(", ", live.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture)))} ms");
    }
}
