using System.Text;
using System.Text.Json;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// Generated hostile strings in the fields of an upstream job script that reach the cluster as data: an
/// <c>sbatch_&lt;option&gt;=</c> pseudo-device's value (one sbatch argument) and the app registry's user and password
/// (exported to the job). Each is refused with a 400 naming its field, or arrives byte for byte: Slurm keeps the
/// comment as given, and the job prints the credentials it received. A canary any injected command would create
/// never appears (the test's upstream keeps its own job from running those lines: <see cref="UpstreamScripts.Inert"/>).
/// </summary>
[Collection(SerialSlurmCollection.Name)]
public sealed class SlurmHostileJobFieldTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hostile_sbatch_option_values_are_refused_by_name_or_reach_slurm_as_one_argument_byte_for_byte()
    {
        var canary = "dssr-canary-" + Guid.NewGuid().ToString("N")[..8];
        var seed = Environment.TickCount;
        output.WriteLine($"strings from seed {seed} (HostileStrings.Generate replays them)");
        using var state = new TempDirectory();
        using var gate = new JobGate(); // the jobs wait in the queue, where squeue shows their comment
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var refused = 0;
        var made = new List<string>();
        var values = HostileStrings.Generate(100, canary, seed);
        foreach (var value in values)
        {
            var item = "sbatch_comment=" + value;
            var devices = Doubled(JsonSerializer.Serialize(new[] { "exclusive=False", item }));
            var name = UpstreamScripts.NewName("hostile-device");
            var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(name, 1, UpstreamScripts.Inert("hostile-device", devices, "", "", gate)));
            var refusable = value.Contains('=') || item.Any(char.IsControl) || value.Trim().Length == 0;
            if (answer.Status == 400)
            {
                Assert.True(refusable, $"{JsonSerializer.Serialize(value)} was refused: {answer.Text}");
                Assert.Contains("JOBOBJ_DEVICES", answer.Text, StringComparison.Ordinal);
                refused++;
                continue;
            }
            Assert.True(answer.Status == 200, $"{JsonSerializer.Serialize(value)}: {answer.Status} {answer.Text}");
            Assert.False(refusable, $"{JsonSerializer.Serialize(value)} was taken");
            var jobId = JsonDocument.Parse(answer.Body).RootElement[0].GetString()!;
            made.Add(jobId);
            var comment = await BedShell.RunAsync("squeue", "-h", "-j", jobId, "-o", "%k");
            Assert.Equal(0, comment.ExitCode);
            Assert.Equal(Doubled(value).Trim(), comment.Stdout.TrimEnd('\n')); // the value as the script's line carries it
        }
        output.WriteLine($"{values.Count} sbatch option values tried: {refused} refused naming JOBOBJ_DEVICES, {made.Count} kept byte for byte by Slurm");
        await BedShell.RunAsync(["scancel", .. made]);
        await AssertNoCanaryAsync(canary);
        Assert.Equal(200, (await dssr.Get("/live")).Status);
    }

    [Fact]
    public async Task Hostile_registry_credentials_reach_the_job_byte_for_byte_and_run_nothing()
    {
        var canary = "dssr-canary-" + Guid.NewGuid().ToString("N")[..8];
        var seed = Environment.TickCount;
        output.WriteLine($"strings from seed {seed} (HostileStrings.Generate replays them)");
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var values = HostileStrings.Generate(16, canary, seed);
        var jobs = new List<(string Name, string User, string Password)>();
        for (var i = 0; i < values.Count; i++)
        {
            var (user, password) = (values[(i + 7) % values.Count], values[i]);
            // The app image's registry (us-docker.pkg.dev) with these credentials, as the upstream writes the secret.
            var secret = JsonSerializer.Serialize(new { server = "us-docker.pkg.dev", username = user, password });
            var name = UpstreamScripts.NewName("hostile-secret");
            var script = UpstreamScripts.Inert("hostile-secret", "[\"exclusive=False\"]", $"JOBOBJ_DOCKER_SECRET={Doubled(secret)}",
                "echo \"user=$JARVICE_DOCKER_USERNAME\"\necho \"password=$JARVICE_DOCKER_PASSWORD\"");
            await dssr.SubmitAsync(name, 1, script);
            jobs.Add((name, user, password));
        }
        foreach (var (name, user, password) in jobs)
        {
            var printed = await PrintedAsync(name);
            Assert.Equal(user, Decoded(printed, "user="));
            Assert.Equal(password, Decoded(printed, "password="));
        }
        output.WriteLine($"{jobs.Count} hostile registry users and passwords reached their jobs byte for byte");
        await AssertNoCanaryAsync(canary);
    }

    /// <summary>
    /// The upstream's script goes through Python's <c>str.format</c> (only <c>{DOWNSTREAM_PARAMETERS}</c> filled), so
    /// the upstream doubles every other brace; Dssr reads the JOBOBJ_ lines as written.
    /// </summary>
    private static string Doubled(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    /// <summary>The job's output once it has printed its credentials (it runs as soon as the node is free).</summary>
    private static async Task<string> PrintedAsync(string name)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var cat = await BedShell.RunAsync("cat", "--", $".jarvice/{name}.out");
            if (cat.ExitCode == 0 && cat.Stdout.Contains("password=", StringComparison.Ordinal)) return cat.Stdout;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(120), $"job {name} printed no credentials in 120 s: {cat.Stdout}{cat.Stderr}");
            await Task.Delay(250);
        }
    }

    /// <summary>The job exports each credential base64-encoded; the line holds exactly that.</summary>
    private static string Decoded(string printed, string prefix)
    {
        var line = printed.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return Encoding.UTF8.GetString(Convert.FromBase64String(line[prefix.Length..]));
    }

    private static async Task AssertNoCanaryAsync(string canary)
    {
        Assert.False(File.Exists(Path.Combine(TestBed.Home, canary)), $"the canary {canary} was created");
        var look = await BedShell.RunAsync("sh", "-c", "test ! -e \"$HOME/$1\" && test ! -e \"/tmp/$1\" && test ! -e \"$HOME/.jarvice/$1\"", "sh", canary);
        Assert.True(look.ExitCode == 0, $"the canary {canary} exists on the login node");
    }
}
