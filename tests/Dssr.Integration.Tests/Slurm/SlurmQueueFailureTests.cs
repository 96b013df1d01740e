using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>When Slurm cannot be asked, the lists fail loudly: an empty list would tell the upstream every job has finished.</summary>
[Collection(SerialSlurmCollection.Name)]
public sealed class SlurmQueueFailureTests
{
    [Fact]
    public async Task Running_and_queued_are_500_while_squeue_fails_and_recover_after()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        Assert.Equal(200, (await dssr.Get("/running")).Status);
        var flag = TestBed.Get("DSSR_TESTBED_SQUEUE_DOWN");
        await File.WriteAllTextAsync(flag, "down\n");
        try
        {
            await Task.Delay(400); // past the snapshot's max age (300 ms here)
            foreach (var route in new[] { "/running", "/queued" })
            {
                var answer = await dssr.Get(route);
                Assert.Equal(500, answer.Status);
                Assert.StartsWith("{\"error\":", answer.Text);
                Assert.Contains("squeue failed", answer.Text);
            }
        }
        finally
        {
            File.Delete(flag);
        }
        await Task.Delay(400);
        Assert.Equal(200, (await dssr.Get("/running")).Status);
    }
}
