using System.Text.Json;
using Dssr.Engine.Jobs;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// Generated hostile strings through every route field that reaches the login node, on the real sshd and
/// Slurm (on each transport: the suite runs the Slurm tests over both). Each is refused with a 400 naming
/// its field or taken as plain data; a canary file that any injected command would create never appears;
/// the service answers the next request. The strings tried are counted.
/// </summary>
[Collection(SerialSlurmCollection.Name)]
public sealed class SlurmHostileFieldTests(ITestOutputHelper output)
{
    private const int PerField = 500;

    [Fact]
    public async Task Hostile_values_in_every_field_are_refused_by_name_or_kept_as_data_and_run_nothing()
    {
        var canary = "dssr-canary-" + Guid.NewGuid().ToString("N")[..8];
        var seed = Environment.TickCount;
        output.WriteLine($"strings from seed {seed} (HostileStrings.Generate replays them)");
        var strings = HostileStrings.Generate(PerField, canary, seed);
        using var state = new TempDirectory();
        using var gate = new JobGate(); // a taken name's job stays in the queue until it has been looked up
        await using var dssr = await SlurmService.StartAsync(state.Path, new() { ["JARVICE_SLURM_PVCLS_ROOTS"] = TestBed.Home });
        var tried = 0;
        var refused = 0;

        // Job ids: only a Slurm job id (digits) reaches the cluster; everything else is a 400 naming jobid.
        foreach (var route in new[] { "/runstatus", "/exitstatus", "/terminate", "/events", "/release" })
        {
            foreach (var id in strings)
            {
                var answer = await dssr.Post(route, SlurmService.JobArgs("x_s1", 1, id));
                tried++;
                if (answer.Status == 400 && answer.Text.Contains("jobid", StringComparison.Ordinal)) { refused++; continue; }
                // /runstatus only looks the id up in the queue snapshot (no command): an unknown one is the original's "no such job".
                if (route == "/runstatus" && answer.Status == 200 && answer.Text.Trim() == "[null,null,null,null]") continue;
                Assert.True(id.Length > 0 && id.All(char.IsAsciiDigit), $"{route} jobid {JsonSerializer.Serialize(id)}: {answer.Status} {answer.Text}");
            }
        }

        // Job names: a 400 naming name, unless the one name rule takes it; then it is the job's name, byte for byte.
        var taken = new List<(string Name, string JobId)>();
        foreach (var name in strings)
        {
            tried++;
            if (!JobName.IsValid(name))
            {
                var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("hostile-name")));
                Assert.True(answer.Status == 400 && answer.Text.Contains("name", StringComparison.Ordinal),
                    $"name {JsonSerializer.Serialize(name)}: {answer.Status} {answer.Text}");
                refused++;
            }
            else if (taken.Count < 5 && taken.All(t => t.Name != name))
                taken.Add((name, await dssr.SubmitAsync(name, 1, UpstreamScripts.Batch("hostile-name", gate: gate))));
        }
        foreach (var (name, jobId) in taken)
        {
            var status = await dssr.Post("/runstatus", SlurmService.JobArgs(name, 1, jobId));
            Assert.Equal(200, status.Status);
            Assert.Contains($"/1/{jobId}\"", status.Text);
        }
        gate.Open();

        // /request paths and query values: never a failure of the service, never a listing outside the roots.
        foreach (var value in strings)
        {
            var path = await dssr.Post("/request/" + Uri.EscapeDataString(value), JsonSerializer.Serialize(new Dictionary<string, object> { ["qs"] = new Dictionary<string, string[]>() }));
            var listing = await dssr.Request("pvcls", new() { ["path"] = value });
            tried += 2;
            Assert.True(path.Status is 400 or 404, $"/request/{JsonSerializer.Serialize(value)}: {path.Status} {path.Text}");
            Assert.True(listing.Status is 200 or 400, $"pvcls path {JsonSerializer.Serialize(value)}: {listing.Status} {listing.Text}");
            if (listing.Status == 200)
                Assert.All(listing.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("/data" + TestBed.Home, line));
            refused += (path.Status == 400 ? 1 : 0) + (listing.Status == 400 ? 1 : 0);
        }

        output.WriteLine($"{tried} hostile values tried across fields, {refused} refused with a 400, {taken.Count} names taken as data");
        Assert.False(File.Exists(Path.Combine(TestBed.Home, canary)), $"the canary {canary} was created");
        var look = await BedShell.RunAsync("sh", "-c", "test ! -e \"$HOME/$1\" && test ! -e \"/tmp/$1\"", "sh", canary);
        Assert.True(look.ExitCode == 0, $"the canary {canary} exists on the login node");
        Assert.Equal(200, (await dssr.Get("/live")).Status);
    }
}
