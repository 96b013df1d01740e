using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;
using Dssr.Scripting.Hooks;
using Microsoft.Extensions.Logging.Abstractions;

// The Slurm submit in process, its login node a stub that answers sbatch at once, so what is measured is the submit's own
// work: no hook, then one compiled pre-submit hook. Rounds alternate so drift hits both alike.
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var work = Directory.CreateTempSubdirectory("dssr-hooks-bench-").FullName;
try
{
    var hooks = Directory.CreateDirectory(Path.Combine(work, "hooks", "pre-submit")).FullName;
    File.WriteAllText(Path.Combine(hooks, "10-account.csx"), "Job.Account = Job.User == \"jarvice\" ? \"physics\" : \"other\";\nJob.Qos = \"normal\";\n");

    var compiler = new ScriptHookCompiler();
    var cold = Stopwatch.StartNew();
    compiler.Compile(Path.Combine(hooks, "10-account.csx"), typeof(Dssr.Connectors.Slurm.Hooks.PreSubmitHook), Path.Combine(work, "cache"));
    var compileMs = cold.Elapsed.TotalMilliseconds;
    var warm = Stopwatch.StartNew();
    compiler.Compile(Path.Combine(hooks, "10-account.csx"), typeof(Dssr.Connectors.Slurm.Hooks.PreSubmitHook), Path.Combine(work, "cache"));
    var cachedMs = warm.Elapsed.TotalMilliseconds;

    await using var plain = Connector(work, null, null);
    await using var hooked = Connector(work, Path.Combine(work, "hooks"), compiler);
    var script = Convert.ToBase64String(Encoding.UTF8.GetBytes(
        "#!/bin/bash\nJOBOBJ_INTERACTIVE=False\nJOBOBJ_APPDEFVERSION=2\nJOBOBJ_REPO=reg.io/a/b:1\nJOBOBJ_DEVICES=[]\nJARVICE_CPU_CORES=4\n" +
        "JARVICE_CMD=true\n{DOWNSTREAM_PARAMETERS}\necho JARVICE_CMD_SUCCESS\n"));
    SubmitRequest Request(int i) => new($"20260101120000-BENCH-app-u{i}_s1", i, 1, new Dictionary<string, string> { ["singularity"] = script }, "x");

    // Warm both paths (JIT, the hook's first run) before measuring.
    for (var i = 0; i < 200; i++)
    {
        await plain.SubmitAsync(Request(i), CancellationToken.None);
        await hooked.SubmitAsync(Request(i), CancellationToken.None);
    }
    var without = new List<double>();
    var with = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var t = Stopwatch.StartNew();
        await plain.SubmitAsync(Request(i), CancellationToken.None);
        without.Add(t.Elapsed.TotalMilliseconds);
        t.Restart();
        await hooked.SubmitAsync(Request(i), CancellationToken.None);
        with.Add(t.Elapsed.TotalMilliseconds);
    }
    double P50(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
    string F(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture);
    Console.WriteLine($"first compile of the hook: {F(compileMs)} ms; loading it from the cache: {F(cachedMs)} ms");
    Console.WriteLine($"submit p50 without hooks: {F(P50(without))} ms; with one compiled pre-submit hook: {F(P50(with))} ms ({rounds} rounds each)");
    var added = P50(with) - P50(without);
    Console.WriteLine($"added by the hook at p50: {F(added)} ms (goal under 2 ms: {(added < 2 ? "met" : "NOT met")}); ratio with/without: {(P50(with) / P50(without)).ToString("0.00", CultureInfo.InvariantCulture)}");
    return added < 2 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static SlurmConnector Connector(string state, string? hooks, ScriptHookCompiler? compiler)
{
    var env = new Dictionary<string, string>
    {
        ["JARVICE_SLURM_CLUSTER_ADDR"] = "login.example.org",
        ["JARVICE_SLURM_SSH_USER"] = "jarvice",
        ["JARVICE_SYSTEM_REGISTRY"] = "us-docker.pkg.dev",
        ["JARVICE_SYSTEM_REPO_BASE"] = "jarvice-system/images",
        ["DSSR_SCRIPT_CACHE"] = Path.Combine(state, "cache"),
    };
    if (hooks is not null) env["DSSR_HOOKS_DIR"] = hooks;
    var context = new ConnectorContext("bench", env, state, TimeProvider.System, NullLoggerFactory.Instance)
    {
        Shells = new ShellProvider(new CommandLog(), NullLogger.Instance, _ => new InstantSbatch()),
    };
    return new SlurmConnector(context, compiler);
}

/// <summary>A login node whose sbatch answers at once with a job id.</summary>
internal sealed class InstantSbatch : IRemoteShell
{
    private static readonly byte[] JobId = "4242\n"u8.ToArray();
    public string Destination => "bench";
    public Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default) =>
        Task.FromResult(new RemoteResult(0, JobId, [], TimeSpan.Zero));
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
