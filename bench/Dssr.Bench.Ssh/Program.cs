// Measures what one command costs: through OpenSshTransport over its master connection, through the raw
// `ssh -S` client over that same master (the floor: nothing can be cheaper than one mux client), and with a
// new connection per command (what the original did). Reads the test bed's .testbed/env variables.
using System.Diagnostics;
using System.Globalization;
using Dssr.Engine.Remote;

var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var fresh = Math.Max(10, iterations / 10);
string Env(string name) => Environment.GetEnvironmentVariable(name)
    ?? throw new InvalidOperationException($"{name} is not set: start the test bed (tests/testbed/up.sh) and source .testbed/env");

var settings = new SshSettings
{
    Host = Env("DSSR_TESTBED_SSH_HOST"),
    Port = int.Parse(Env("DSSR_TESTBED_SSH_PORT"), CultureInfo.InvariantCulture),
    User = Env("DSSR_TESTBED_USER"),
    PrivateKey = PrivateKeyMaterial.Parse(Env("DSSR_TESTBED_KEY")),
    HostKeys = HostKeyPolicy.KnownHosts(Env("DSSR_TESTBED_KNOWN_HOSTS")),
};

await using var ssh = new OpenSshTransport(settings);
await ssh.ConnectAsync();

// Transport and floor alternate, run by run, so that load from elsewhere on the machine hits both alike.
var (transport, floor) = await MeasurePairAsync(iterations,
    async () =>
    {
        var r = await ssh.RunAsync(RemoteCommand.Of("true"));
        if (r.ExitCode != 0) throw new InvalidOperationException($"transport: exit {r.ExitCode}: {r.Stderr}");
    },
    () => SshAsync("-S", ssh.ControlPath!, "-o", "ControlMaster=no", "--", settings.Host, "true"));
// ssh takes the first value given for an option: ControlPath=none goes before the transport's own.
var perCommand = new List<string> { "-o", "ControlPath=none", "-o", "ControlMaster=no" };
perCommand.AddRange(ssh.ClientArguments());
perCommand.AddRange(new[] { "--", settings.Host, "true" });
var newConnection = await MeasureAsync(fresh, () => SshAsync(perCommand.ToArray()));

Console.WriteLine($"SSH per-command latency to {settings.Destination}, command `true` ({iterations} runs; {fresh} for new connections)");
Console.WriteLine($"{"",-38} {"median",9} {"mean",9} {"p95",9}");
Print("transport over its master", transport);
Print("raw ssh -S over the same master (floor)", floor);
Print("new connection per command", newConnection);
var overFloor = transport.Median / floor.Median;
var speedup = newConnection.Median / transport.Median;
Console.WriteLine($"transport / floor: {overFloor:0.00}x (goal <= 1.5x: {(overFloor <= 1.5 ? "met" : "NOT met")})");
Console.WriteLine($"new connection / transport: {speedup:0.0}x (goal >= 10x: {(speedup >= 10 ? "met" : "NOT met")})");
return overFloor <= 1.5 && speedup >= 10 ? 0 : 1;

static void Print(string name, Stats s) =>
    Console.WriteLine($"{name,-38} {s.Median,6:0.00} ms {s.Mean,6:0.00} ms {s.P95,6:0.00} ms");

static async Task<(Stats, Stats)> MeasurePairAsync(int n, Func<Task> a, Func<Task> b)
{
    for (var i = 0; i < 10; i++) { await a(); await b(); }
    var sa = new double[n];
    var sb = new double[n];
    for (var i = 0; i < n; i++)
    {
        var clock = Stopwatch.StartNew();
        await a();
        sa[i] = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await b();
        sb[i] = clock.Elapsed.TotalMilliseconds;
    }
    return (Summarize(sa), Summarize(sb));
}

static Stats Summarize(double[] samples)
{
    Array.Sort(samples);
    var n = samples.Length;
    return new Stats(samples[n / 2], samples.Average(), samples[(int)Math.Min(n - 1, Math.Ceiling(n * 0.95) - 1)]);
}

static async Task<Stats> MeasureAsync(int n, Func<Task> once)
{
    for (var i = 0; i < Math.Min(10, n); i++) await once(); // warm-up: JIT, caches
    var samples = new double[n];
    for (var i = 0; i < n; i++)
    {
        var clock = Stopwatch.StartNew();
        await once();
        samples[i] = clock.Elapsed.TotalMilliseconds;
    }
    return Summarize(samples);
}

static async Task SshAsync(params string[] argv)
{
    var info = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
    foreach (var a in argv) info.ArgumentList.Add(a);
    using var p = Process.Start(info)!;
    p.StandardInput.Close();
    var output = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
    await p.WaitForExitAsync();
    var text = await output;
    if (p.ExitCode != 0) throw new InvalidOperationException($"ssh exit {p.ExitCode}: {text[1]}");
}

internal sealed record Stats(double Median, double Mean, double P95);
