// Measures what one command costs: through OpenSshTransport over its master connection, through the raw
// `ssh -S` client over that same master (the OpenSSH floor: nothing can be cheaper than one mux client),
// through Dssr's SSH.NET transport stack, through a bare SSH.NET client (its floor), and with a new
// connection per command (what the original did); then 8-way parallel throughput of both transports.
// Reads the test bed's .testbed/env variables.
using System.Diagnostics;
using System.Globalization;
using Dssr.Engine.Remote;
using Dssr.Engine.Remote.SshNet;

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

await using var ssh = new OpenSshTransport(settings with { Transport = SshTransportKind.OpenSsh });
await ssh.ConnectAsync();
// Dssr's whole SSH.NET stack: the transport (quoting, session limit, timeout, watchdog) under the command log.
await using var sshNet = new RecordingShell(new SshNetTransport(settings), new CommandLog());
// SSH.NET with nothing around it: one connected client, CreateCommand + ExecuteAsync. It runs the very text the
// transport sends for `true` (exec'd, stdin from /dev/null), so the ratio is what the stack adds on this side; a bare
// `true` (a shell builtin: no program started on the server) is printed beside it for reference.
const string SameText = "exec true </dev/null";
using var bare = BareClient(settings);
await bare.ConnectAsync(CancellationToken.None);

// All variants alternate, run by run, so that load from elsewhere on the machine hits each alike.
var (transport, floor, stack, bareRun) = await MeasureFourAsync(iterations,
    async () =>
    {
        var r = await ssh.RunAsync(RemoteCommand.Of("true"));
        if (r.ExitCode != 0) throw new InvalidOperationException($"transport: exit {r.ExitCode}: {r.Stderr}");
    },
    () => SshAsync("-S", ssh.ControlPath!, "-o", "ControlMaster=no", "--", settings.Host, "true"),
    async () =>
    {
        var r = await sshNet.RunAsync(RemoteCommand.Of("true"));
        if (r.ExitCode != 0) throw new InvalidOperationException($"SSH.NET transport: exit {r.ExitCode}: {r.Stderr}");
    },
    async () =>
    {
        using var cmd = bare.CreateCommand(SameText);
        await cmd.ExecuteAsync();
        if (cmd.ExitStatus != 0) throw new InvalidOperationException($"bare SSH.NET: exit {cmd.ExitStatus}");
    });
var builtin = await MeasureAsync(iterations, async () =>
{
    using var cmd = bare.CreateCommand("true");
    await cmd.ExecuteAsync();
});
// A command with a script on stdin, as a submit sends it (4 KB): both transports, alternating.
var script = RemoteCommand.Of("cat").WithStdin(new string('x', 4095) + "\n");
async Task WithStdin(IRemoteShell shell)
{
    var r = await shell.RunAsync(script);
    if (r.ExitCode != 0 || r.Stdout.Length != 4096) throw new InvalidOperationException($"{shell.Destination}: exit {r.ExitCode}: {r.Stderr}");
}
var (stdinOpenSsh, stdinSshNet, _, _) = await MeasureFourAsync(iterations,
    () => WithStdin(ssh), () => WithStdin(sshNet), () => WithStdin(ssh), () => WithStdin(sshNet));

// ssh takes the first value given for an option: ControlPath=none goes before the transport's own.
var perCommand = new List<string> { "-o", "ControlPath=none", "-o", "ControlMaster=no" };
perCommand.AddRange(ssh.ClientArguments());
perCommand.AddRange(new[] { "--", settings.Host, "true" });
var newConnection = await MeasureAsync(fresh, () => SshAsync(perCommand.ToArray()));

// 8 commands at once over one connection, each transport in turn, twice, the better run of each counted.
var parallelCount = Math.Max(80, iterations * 2);
double openSshRate = 0, sshNetRate = 0;
for (var round = 0; round < 2; round++)
{
    openSshRate = Math.Max(openSshRate, await ThroughputAsync(ssh, parallelCount));
    sshNetRate = Math.Max(sshNetRate, await ThroughputAsync(sshNet, parallelCount));
}

Console.WriteLine($"SSH per-command latency to {settings.Destination}, command `true` ({iterations} runs; {fresh} for new connections)");
Console.WriteLine($"{"",-46} {"median",9} {"mean",9} {"p95",9}");
Print("OpenSSH transport over its master", transport);
Print("raw ssh -S over the same master (floor)", floor);
Print("SSH.NET transport (Dssr's stack, command log)", stack);
Print("bare SSH.NET ExecuteAsync, same command text", bareRun);
Print("bare SSH.NET, `true` as a shell builtin", builtin);
Print("new connection per command", newConnection);
Print("OpenSSH transport, `cat` with 4 KB stdin", stdinOpenSsh);
Print("SSH.NET transport, `cat` with 4 KB stdin", stdinSshNet);
Console.WriteLine($"8 at once, `echo hi` x {parallelCount}: SSH.NET transport {sshNetRate:0} cmd/s, OpenSSH transport {openSshRate:0} cmd/s");
var overFloor = transport.Median / floor.Median;
var speedup = newConnection.Median / transport.Median;
var sshNetOverFloor = stack.Median / floor.Median;
var stackOverBare = stack.Median / bareRun.Median;
var parallelGain = sshNetRate / openSshRate;
Console.WriteLine($"OpenSSH transport / floor: {overFloor:0.00}x (goal <= 1.5x: {Met(overFloor <= 1.5)})");
Console.WriteLine($"new connection / OpenSSH transport: {speedup:0.0}x (goal >= 10x: {Met(speedup >= 10)})");
Console.WriteLine($"SSH.NET transport / floor: {sshNetOverFloor:0.00}x (goal <= 0.5x: {Met(sshNetOverFloor <= 0.5)})");
Console.WriteLine($"SSH.NET transport / bare ExecuteAsync: {stackOverBare:0.00}x (goal <= 1.3x: {Met(stackOverBare <= 1.3)})");
Console.WriteLine($"with stdin, SSH.NET / OpenSSH transport: {stdinSshNet.Median / stdinOpenSsh.Median:0.00}x");
Console.WriteLine($"8-way throughput SSH.NET / OpenSSH transport: {parallelGain:0.00}x (goal >= 2x: {Met(parallelGain >= 2)})");
return overFloor <= 1.5 && speedup >= 10 && sshNetOverFloor <= 0.5 && stackOverBare <= 1.3 && parallelGain >= 2 ? 0 : 1;

static string Met(bool met) => met ? "met" : "NOT met";

static Renci.SshNet.SshClient BareClient(SshSettings s)
{
    using var text = new MemoryStream(File.ReadAllBytes(Environment.GetEnvironmentVariable("DSSR_TESTBED_KEY")!));
    var key = new Renci.SshNet.PrivateKeyFile(text);
    var info = new Renci.SshNet.ConnectionInfo(s.Host, s.Port, s.User, new Renci.SshNet.PrivateKeyAuthenticationMethod(s.User, key))
    {
        Timeout = s.ConnectTimeout,
        MaxSessions = s.MaxSessions,
    };
    var client = new Renci.SshNet.SshClient(info);
    var expected = HostKeyFingerprints.InKnownHosts(File.ReadAllText(s.HostKeys.KnownHostsFile!), s.Host, s.Port);
    client.HostKeyReceived += (_, e) => e.CanTrust = expected.Contains("SHA256:" + e.FingerPrintSHA256);
    return client;
}

static async Task<double> ThroughputAsync(IRemoteShell shell, int count)
{
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) < count)
        {
            var r = await shell.RunAsync(RemoteCommand.Of("echo", "hi"));
            if (r.ExitCode != 0) throw new InvalidOperationException($"{shell.Destination}: exit {r.ExitCode}: {r.Stderr}");
        }
    }));
    return count / clock.Elapsed.TotalSeconds;
}

static void Print(string name, Stats s) =>
    Console.WriteLine($"{name,-38} {s.Median,6:0.00} ms {s.Mean,6:0.00} ms {s.P95,6:0.00} ms");

static async Task<(Stats, Stats, Stats, Stats)> MeasureFourAsync(int n, Func<Task> a, Func<Task> b, Func<Task> c, Func<Task> d)
{
    var runs = new[] { a, b, c, d };
    for (var i = 0; i < 10; i++) foreach (var run in runs) await run();
    var samples = runs.Select(_ => new double[n]).ToArray();
    for (var i = 0; i < n; i++)
    {
        // The order rotates too: no variant always runs right after another one.
        for (var k = 0; k < runs.Length; k++)
        {
            var v = (i + k) % runs.Length;
            var clock = Stopwatch.StartNew();
            await runs[v]();
            samples[v][i] = clock.Elapsed.TotalMilliseconds;
        }
    }
    return (Summarize(samples[0]), Summarize(samples[1]), Summarize(samples[2]), Summarize(samples[3]));
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
