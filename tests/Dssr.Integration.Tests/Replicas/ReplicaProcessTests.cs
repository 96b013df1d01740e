using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Dssr.Engine.Jobs;
using Dssr.Integration.Tests.Journal;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Npgsql;

namespace Dssr.Integration.Tests.Replicas;

/// <summary>
/// Two <c>dssr --serve</c> processes on one PostgreSQL journal and the real Slurm of the test bed, driven
/// as an upstream behind a load balancer drives them.
/// </summary>
[Collection(ReplicaProcessCollection.Name)]
public sealed class ReplicaProcessTests : IAsyncLifetime
{
    private readonly List<ServeProcess> _replicas = [];
    private readonly ConcurrentBag<string> _names = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await PostgresBed.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var r in _replicas) await r.DisposeAsync();
        SlurmJobs.Cancel(_names.SelectMany(SlurmJobs.Named));
        if (_database.Length > 0) await PostgresBed.DropDatabaseAsync(_database);
    }

    private async Task<ServeProcess> StartAsync()
    {
        var replica = ReplicaProcess.Start(_database);
        _replicas.Add(replica);
        await replica.WaitForReadyAsync();
        return replica;
    }

    private string NewName()
    {
        var name = UpstreamScripts.NewName("replicas");
        _names.Add(name);
        return name;
    }

    private static string Submit(string name, long number) => SlurmService.SubmitArgs(name, number, UpstreamScripts.Batch(name, sleepSeconds: 300));

    private static string JobId(Answer a) => JsonDocument.Parse(a.Text).RootElement[0].GetString()!;

    private static async Task<Answer> Until(Func<Task<Answer>> ask, Func<Answer, bool> done, string what, double seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        Answer? last = null;
        while (true)
        {
            try
            {
                last = await ask();
                if (done(last)) return last;
            }
            catch (HttpRequestException) { }
            Assert.True(clock.Elapsed.TotalSeconds < seconds, $"{what}; last answer {last?.Status} {last?.Text}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_upstream_alternating_between_two_replicas_runs_a_whole_job_life()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var name = NewName();
        var submitted = await a.Post("/submit", Submit(name, 1));
        Assert.True(submitted.Status == 200, submitted.Text);
        var jobId = JobId(submitted);
        var job = SlurmService.JobArgs(name, 1, jobId);

        var running = await Until(() => b.Post("/runstatus", job), r => r.Status == 200 && !r.Text.StartsWith("[null", StringComparison.Ordinal), "B never saw the job");
        Assert.Contains($"\"{name}/1/{jobId}\"", running.Text);
        Assert.Equal("true\n", (await a.Post("/terminate", job)).Text);
        var exit = await Until(() => b.Post("/exitstatus", job), r => r.Status == 200, "B never gave the exit status");
        Assert.StartsWith("[-15,", exit.Text);
        Assert.Equal([jobId], SlurmJobs.Named(name));
    }

    [Fact]
    public async Task Fifty_concurrent_duplicate_submits_across_two_replicas_make_exactly_one_slurm_job()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var name = NewName();
        var args = Submit(name, 7);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? a : b).Post("/submit", args)));
        Assert.All(answers, x => Assert.True(x.Status == 200, x.Text));
        var ids = answers.Select(JobId).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(ids, SlurmJobs.Named(name));
    }

    [Fact]
    public async Task Replica_a_killed_mid_burst_leaves_every_answered_job_to_b_and_its_sweep_moves_to_b_within_10_s()
    {
        var a = await StartAsync();
        await Until(async () => new Answer(await SweepHolderAsync() == a.Address ? 200 : 0, null, []), r => r.Status == 200, "A never took the sweep");
        var b = await StartAsync();

        var answered = new ConcurrentDictionary<string, string>();
        var names = Enumerable.Range(0, 24).Select(_ => NewName()).ToList();
        var killed = new TaskCompletionSource();
        var burst = names.Select(async (name, i) =>
        {
            if (i == names.Count / 2) { a.Kill(); killed.SetResult(); }
            var first = i % 2 == 0 ? a : b;
            Answer answer;
            try
            {
                answer = await first.Post("/submit", Submit(name, i));
            }
            catch (HttpRequestException)
            {
                answer = new Answer(0, null, []);
            }
            if (answer.Status != 200) answer = await b.Post("/submit", Submit(name, i)); // the load balancer's retry
            if (answer.Status == 200) answered[name] = JobId(answer);
        }).ToList();
        await killed.Task;
        var sinceKill = Stopwatch.StartNew();
        var sweepMoved = Task.Run(async () =>
        {
            await Until(async () => new Answer(await SweepHolderAsync() == b.Address ? 200 : 0, null, []), r => r.Status == 200, "the sweep never moved to B", 30);
            return sinceKill.Elapsed;
        });
        await Task.WhenAll(burst);
        // A submit A was making when killed holds its lease until A's heartbeat is silent, then B takes it over.
        var burstDone = sinceKill.Elapsed;
        var moved = await sweepMoved;

        Assert.Equal(names.Count, answered.Count);
        foreach (var (name, jobId) in answered)
        {
            var again = await b.Post("/submit", Submit(name, names.IndexOf(name)));
            Assert.Equal(jobId, JobId(again));
            Assert.Equal([jobId], SlurmJobs.Named(name));
        }
        Assert.True(moved < TimeSpan.FromSeconds(10), $"the sweep moved to B after {moved}");
        Assert.True(burstDone < LeaseHolder.SilentAfter + TimeSpan.FromSeconds(20), $"the burst was answered {burstDone} after A was killed");
    }

    [Fact]
    public async Task PostgreSQL_stopped_and_started_under_load_gives_500s_while_down_and_full_service_after()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var name = NewName();
        var jobId = JobId(await a.Post("/submit", Submit(name, 1)));
        var job = SlurmService.JobArgs(name, 1, jobId);
        var later = NewName();

        using var load = new CancellationTokenSource();
        var statuses = new ConcurrentBag<(string Route, int Status, string Text)>();
        var loader = Task.Run(async () =>
        {
            for (var i = 0; !load.IsCancellationRequested; i++)
            {
                var r = i % 2 == 0 ? a : b;
                var e = await r.Post("/events", job);
                statuses.Add(("events", e.Status, e.Text));
                await Task.Delay(100);
            }
        });
        try
        {
            Pg("stop");
            var submit = await a.Post("/submit", Submit(later, 2));
            Assert.Equal(500, submit.Status);
            Assert.StartsWith("{\"error\":\"journal (postgresql ", submit.Text);
            var exit = await b.Post("/exitstatus", job);
            Assert.Equal(500, exit.Status);
            Assert.Contains("journal (postgresql ", exit.Text);
            await Until(() => Answer.Of(b.Http.GetAsync("/ready")), r => r.Status == 503 && r.Text.Contains("journal"), "B stayed ready without its journal");
            // The load meets the outage too, before the database comes back.
            await Until(() => Task.FromResult(new Answer(statuses.Any(s => s.Status == 500) ? 500 : 0, null, [])), r => r.Status == 500,
                "the load never met the outage");
        }
        finally
        {
            Pg("start");
        }
        await Until(() => b.Post("/submit", Submit(later, 2)), r => r.Status == 200, "B never submitted again");
        await Until(() => Answer.Of(a.Http.GetAsync("/ready")), r => r.Status == 200, "A never ready again");
        await Until(() => a.Post("/events", job), r => r.Status == 200, "events never came back");
        await load.CancelAsync();
        await loader;

        var seen = string.Join("; ", statuses.GroupBy(s => (s.Status, s.Text[..Math.Min(60, s.Text.Length)])).Select(g => $"{g.Count()} x {g.Key}"));
        Assert.True(statuses.Any(s => s.Status == 500 && s.Text.Contains("journal (postgresql ")), seen);
        Assert.All(statuses, s => Assert.True(s.Status is 200 or 500, $"{s.Status} {s.Text}"));
        Assert.Single(SlurmJobs.Named(later));
        Assert.Equal([jobId], SlurmJobs.Named(name));
    }

    private static void Pg(string action)
    {
        using var ctl = Process.Start(PostgresBed.Ctl, [action])!;
        ctl.WaitForExit();
        Assert.Equal(0, ctl.ExitCode);
    }

    /// <summary>The address of the replica holding the finished-job sweep now, by the journal's own rows.</summary>
    private async Task<string?> SweepHolderAsync()
    {
        await using var db = new NpgsqlConnection(PostgresBed.ConnectionString(_database));
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT r.address FROM leases l JOIN replicas r ON r.id = l.holder WHERE l.name = @n AND l.expires_at > now()", db);
        cmd.Parameters.AddWithValue("n", FinishedJobSweep.LeaseName);
        return await cmd.ExecuteScalarAsync() as string;
    }
}
