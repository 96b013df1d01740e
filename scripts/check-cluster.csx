// Checks that a cluster answers: initialised, reachable (/gc as the upstream calls it), its queue
// can be read, and the legacy routes that list jobs answer. Prints one line per check with a fix
// for each failure.
// Usage: dssr script scripts/check-cluster.csx [cluster]      (no name: the cluster the API serves)
// Exit code: 0 every check passed, 3 a check failed (1 means the script itself failed).
// Diag() (the service's diagnostics report) will add its checks here once it is available.
using System.Diagnostics;

var cluster = Args.Count > 0 ? Cluster(Args[0]) : Cluster();
var checks = new List<Check>();

async Task Run(string name, string fix, Func<Task<string?>> check)
{
    var clock = Stopwatch.StartNew();
    string? problem;
    try
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        problem = await check().WaitAsync(timeout.Token);
    }
    catch (Exception e)
    {
        problem = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
    }
    checks.Add(new Check(name, problem is null ? "ok" : "FAIL", $"{clock.Elapsed.TotalMilliseconds:0} ms", problem is null ? null : $"{problem}; {fix}"));
}

await Run("initialised", "see the service log for the connector's start-up error",
    () => Task.FromResult(cluster.IsReady ? null : "the connector did not finish initialising"));
await Run("reachable", "check the cluster's address, credentials and that its login node is up",
    async () => await cluster.IsReachableAsync(Ct) ? null : "the connector's reachability probe said no");
if (cluster == Clusters.Default)
    await Run("/gc", "the upstream sees this cluster as down until /gc answers OK",
        async () => (await Api.Gc()) is { Status: 200 } ? null : "/gc did not answer 200");
await Run("queue", "the queue query failed; check the scheduler's commands on the cluster",
    async () => { var s = await Squeue(cluster.Name); return s.Jobs.Count >= 0 ? null : "no snapshot"; });
if (cluster == Clusters.Default)
    foreach (var route in new[] { "running", "queued" })
        await Run("/" + route, "the upstream reads job states from this route; see the service log for the error",
            async () => (await Api.Get(route)) is { Status: 200 } a && a.Json.ValueKind == JsonValueKind.Array ? null : $"/{route} did not answer a JSON list");

Print($"cluster {cluster.Name} ({cluster.ConnectorName})");
Print(checks.Select(c => new { c.Name, c.Result, c.Took }).ToList());
var failed = checks.Count(c => c.Problem is not null);
foreach (var c in checks.Where(c => c.Problem is not null)) Print($"{c.Name}: {c.Problem}");
Print(failed == 0 ? "every check passed" : $"{failed} check(s) failed");
return failed == 0 ? 0 : 3;

record Check(string Name, string Result, string Took, string? Problem);
