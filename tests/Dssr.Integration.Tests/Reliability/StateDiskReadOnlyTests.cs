using System.Text.Json;
using Dssr.Integration.Tests.Clusters;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Reliability;

/// <summary>
/// The state folder's disk turned read-only under the running service (an ext4 error with errors=remount-ro, as
/// after an I/O error): a submit is refused with a 500 naming the journal and nothing reaches Slurm; the service keeps
/// answering. Once the operator has unmounted, checked and mounted the disk again and restarted the service, the
/// journal still holds the job answered before, and the upstream's retry of the refused submit makes one job.
/// </summary>
public sealed class StateDiskReadOnlyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_the_state_disk_read_only_a_submit_is_a_500_naming_the_journal_sends_nothing_to_slurm_and_after_repair_the_retry_makes_one_job()
    {
        using var disk = Ext4Disk.Create(megabytes: 32);
        using var gate = new JobGate(); // the jobs wait in the queue, where the test looks
        var before = UpstreamScripts.NewName("disk-before");
        var name = UpstreamScripts.NewName("disk-ro");
        var args = SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("disk-ro", gate: gate));
        string beforeId;
        await using (var dssr = await SlurmService.StartAsync(disk.Path))
        {
            beforeId = await dssr.SubmitAsync(before, 1, UpstreamScripts.Batch("disk-before", gate: gate));

            disk.FailIntoReadOnly();
            for (var i = 0; i < 3; i++)
            {
                var refused = await dssr.Post("/submit", args);
                output.WriteLine($"submit with the disk read-only: {refused.Status} {refused.Text}");
                Assert.Equal(500, refused.Status);
                Assert.Contains("journal", refused.Text, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("read-only", refused.Text, StringComparison.Ordinal);
            }
            Assert.Empty(BedCluster.JobsNamed(await BedShell.RunAsync("squeue", "-h", "-o", "%A %j"), name));
            Assert.Equal(200, (await dssr.Get("/live")).Status);
            var running = await dssr.Get("/running");
            Assert.True(running.Status == 200, $"/running with the disk read-only: {running.Status} {running.Text}");
            // The job answered before: its status, or a 500 naming the journal; never "unknown".
            var status = await dssr.Post("/runstatus", SlurmService.JobArgs(before, 1, beforeId));
            output.WriteLine($"runstatus of the earlier job with the disk read-only: {status.Status} {status.Text}");
            Assert.True(status.Status == 200 || status.Status == 500 && status.Text.Contains("journal", StringComparison.OrdinalIgnoreCase),
                $"{status.Status} {status.Text}");
        }

        // The operator's repair: the service stopped, the disk unmounted (nothing of the service's left open on it),
        // checked and mounted again, the service started on the same state.
        disk.Unmount();
        disk.Mount();
        await using (var dssr = await SlurmService.StartAsync(disk.Path))
        {
            var status = await dssr.Post("/runstatus", SlurmService.JobArgs(before, 1, beforeId));
            Assert.True(status.Status == 200, $"runstatus of the job answered before the disk failed: {status.Status} {status.Text}");
            var accepted = await dssr.Post("/submit", args);
            Assert.True(accepted.Status == 200, $"the retry after the repair answered {accepted.Status}: {accepted.Text}");
            var jobId = JsonDocument.Parse(accepted.Body).RootElement[0].GetString()!;
            Assert.Equal([jobId], BedCluster.JobsNamed(await BedShell.RunAsync("squeue", "-h", "-o", "%A %j"), name));
            Assert.Equal(accepted.Text, (await dssr.Post("/submit", args)).Text); // and it stays one job
        }
        gate.Open();
    }
}
