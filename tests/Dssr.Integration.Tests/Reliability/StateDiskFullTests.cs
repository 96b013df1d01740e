using Dssr.Integration.Tests.Clusters;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Reliability;

/// <summary>
/// The state folder's disk full (a small tmpfs filled to the last byte): a submit is refused with a 500 naming the
/// journal and nothing reaches Slurm, the service keeps answering, and once there is room the upstream's retry of the
/// same submit makes the job.
/// </summary>
public sealed class StateDiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_the_state_disk_full_a_submit_is_a_500_naming_the_journal_sends_nothing_to_slurm_and_the_retry_succeeds_once_there_is_room()
    {
        using var mount = SmallTmpfs.Mount(megabytes: 8);
        using var gate = new JobGate(); // a job made by mistake would wait in the queue, where the test looks
        var filler = Path.Combine(mount.Path, "filler");
        string jobId;
        await using (var dssr = await SlurmService.StartAsync(mount.Path))
        {
            await dssr.SubmitAsync(UpstreamScripts.NewName("disk-ok"), 1, UpstreamScripts.Batch("disk-ok"));

            var written = Fill(filler);
            output.WriteLine($"filled the state disk with {written / 1024} KiB");
            var name = UpstreamScripts.NewName("disk-full");
            var args = SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("disk-full", gate: gate));
            for (var i = 0; i < 3; i++)
            {
                var refused = await dssr.Post("/submit", args);
                output.WriteLine($"submit with the disk full: {refused.Status} {refused.Text}");
                Assert.Equal(500, refused.Status);
                Assert.Contains("journal", refused.Text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.Empty(BedCluster.JobsNamed(await BedShell.RunAsync("squeue", "-h", "-o", "%A %j"), name));
            Assert.Equal(200, (await dssr.Get("/live")).Status);
            Assert.Equal(200, (await dssr.Get("/running")).Status);

            File.Delete(filler);
            var accepted = await dssr.Post("/submit", args);
            Assert.True(accepted.Status == 200, $"the retry with room again answered {accepted.Status}: {accepted.Text}");
            jobId = System.Text.Json.JsonDocument.Parse(accepted.Body).RootElement[0].GetString()!;
            Assert.Equal([jobId], BedCluster.JobsNamed(await BedShell.RunAsync("squeue", "-h", "-o", "%A %j"), name));
            Assert.Equal(accepted.Text, (await dssr.Post("/submit", args)).Text); // and it stays one job
        }
        gate.Open();
    }

    /// <summary>Writes zeros until the disk refuses; returns the bytes written.</summary>
    private static long Fill(string path)
    {
        var block = new byte[64 * 1024];
        long written = 0;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                file.Write(block);
                written += block.Length;
            }
        }
        catch (IOException)
        {
            // Full; top up byte by byte so not even a page is left.
            for (var chunk = 4096; chunk > 0; chunk /= 2)
            {
                try { while (true) { file.Write(block, 0, chunk); written += chunk; } }
                catch (IOException) { }
            }
        }
        return written;
    }
}
