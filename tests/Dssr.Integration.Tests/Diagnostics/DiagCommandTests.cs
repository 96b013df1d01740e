using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Integration.Tests.Diagnostics;

/// <summary><c>dssr diag</c> against the test bed, and against hosts that cannot be used.</summary>
public sealed class DiagCommandTests
{
    private static async Task<(int Exit, string Output, TimeSpan Took)> DiagAsync(Dictionary<string, string> env, bool json = false)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var clock = Stopwatch.StartNew();
        // The checks run through the cluster the service builds: a Slurm one, with what its connector requires.
        var settings = Slurm.SlurmService.Environment(env);
        using var state = new TempDirectory();
        settings.TryAdd("DSSR_STATE_DIR", state.Path);
        var exit = await DiagCommand.RunAsync(settings, json, output, errors, CancellationToken.None);
        return (exit, output + errors.ToString(), clock.Elapsed);
    }

    [Fact]
    public async Task Diag_passes_every_check_against_the_test_bed()
    {
        var (exit, output, _) = await DiagAsync(TestBed.ClusterEnvironment());
        Assert.True(exit == 0, output);
        Assert.Contains("6 of 6 checks passed", output);
        Assert.Contains("slurm-wlm 22.05", output);
        Assert.Contains(TestBed.HostKeyFingerprint, output);
        Assert.DoesNotContain("FAIL", output);
    }

    [Fact]
    public async Task Diag_json_lists_the_report_and_each_check()
    {
        var (exit, output, _) = await DiagAsync(TestBed.ClusterEnvironment(), json: true);
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("allPassed").GetBoolean());
        var cluster = doc.RootElement.GetProperty("clusters")[0];
        Assert.Equal("+----- Slurm Scheduler init report -----+", cluster.GetProperty("report")[0].GetString());
        var checks = cluster.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(new[] { "tcp reach", "host key", "ssh authentication", "slurm commands", "scratch dir writable", "round-trip latency" },
            checks.Select(c => c.GetProperty("name").GetString()));
        Assert.All(checks, c => Assert.Equal("pass", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Diag_never_shows_the_private_key()
    {
        var env = TestBed.ClusterEnvironment();
        var (_, output, _) = await DiagAsync(env);
        var keyBody = env["JARVICE_SLURM_SSH_PKEY"].Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----")).ToList();
        Assert.NotEmpty(keyBody);
        Assert.All(keyBody, line => Assert.DoesNotContain(line, output));
        Assert.Contains("masked", output);
    }

    [Fact]
    public async Task Diag_against_a_closed_port_fails_within_the_connect_timeout_with_the_fix()
    {
        var env = TestBed.ClusterEnvironment();
        env["JARVICE_SLURM_CLUSTER_PORT"] = ClosedPort.Find().ToString(CultureInfo.InvariantCulture);
        var (exit, output, took) = await DiagAsync(env);
        Assert.Equal(1, exit);
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took}");
        Assert.Contains("FAIL    tcp reach", output);
        Assert.Contains("fix: check JARVICE_SLURM_CLUSTER_ADDR and JARVICE_SLURM_CLUSTER_PORT", output);
    }

    [Fact]
    public async Task Diag_against_a_silent_host_fails_within_the_connect_timeout()
    {
        // Accepts TCP and never says a word: the original would wait forever here.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var env = TestBed.ClusterEnvironment();
        env["JARVICE_SLURM_CLUSTER_PORT"] = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        env["JARVICE_SLURM_SSH_CONNECT_TIMEOUT"] = "2";
        var (exit, output, took) = await DiagAsync(env);
        Assert.Equal(1, exit);
        Assert.True(took < TimeSpan.FromSeconds(2 + 5 + 2), $"took {took}");
        Assert.Contains("FAIL    host key", output);
        Assert.Contains("fix: ", output);
    }

    [Fact]
    public async Task Diag_with_a_wrong_key_names_the_public_key_to_authorize()
    {
        var env = TestBed.ClusterEnvironment();
        env["JARVICE_SLURM_SSH_PKEY"] = TestBed.WrongKeyFile;
        var (exit, output, _) = await DiagAsync(env);
        Assert.Equal(1, exit);
        var publicKey = (await File.ReadAllTextAsync(TestBed.WrongKeyFile + ".pub")).Split(' ')[1];
        Assert.Contains($"fix: add this public key to ~{TestBed.User}/.ssh/authorized_keys on {TestBed.Host}: ssh-ed25519 {publicKey}", output);
        Assert.Contains("SKIPPED slurm commands", output);
    }

    [Fact]
    public async Task Diag_with_a_changed_host_key_shows_both_fingerprints()
    {
        using var dir = new TempDirectory();
        var other = Path.Combine(dir.Path, "other");
        using (var p = Process.Start("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", other })!) await p.WaitForExitAsync();
        var pub = (await File.ReadAllTextAsync(other + ".pub")).Split(' ');
        var knownHosts = Path.Combine(dir.Path, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"[{TestBed.Host}]:{TestBed.Port} {pub[0]} {pub[1]}\n");
        var env = TestBed.ClusterEnvironment();
        env["JARVICE_SLURM_SSH_KNOWN_HOSTS"] = knownHosts;

        var (exit, output, _) = await DiagAsync(env);

        Assert.Equal(1, exit);
        var fix = output.Split('\n').Single(l => l.Contains("fix: the host key changed"));
        Assert.Contains(Engine.Remote.HostKeyFingerprints.OfBase64(pub[1])!, fix);
        Assert.Contains(TestBed.HostKeyFingerprint, fix);
    }

    [Fact]
    public async Task The_dssr_executable_exits_0_from_diag_against_the_test_bed_and_1_against_a_closed_port()
    {
        Assert.Equal(0, await RunDssrAsync(TestBed.ClusterEnvironment()));
        var closed = TestBed.ClusterEnvironment();
        closed["JARVICE_SLURM_CLUSTER_PORT"] = ClosedPort.Find().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(1, await RunDssrAsync(closed));
    }

    private static async Task<int> RunDssrAsync(Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dssr.dll"));
        info.ArgumentList.Add("diag");
        using var state = new TempDirectory();
        foreach (var (k, v) in Slurm.SlurmService.Environment(env)) info.Environment[k] = v;
        info.Environment["DSSR_STATE_DIR"] = state.Path;
        using var p = Process.Start(info)!;
        var read = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        await p.WaitForExitAsync();
        await read;
        return p.ExitCode;
    }
}
