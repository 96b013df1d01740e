using System.Text.Json;
using Dssr.Integration.Tests.Clusters;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Reliability;

/// <summary>
/// The login node's sshd killed exactly mid-sbatch (the bed's east cluster holds sbatch at that point): <c>after</c>
/// sbatch made the job and before its answer came back, or <c>before</c> sbatch ran. The submit in flight fails or is
/// answered; once sshd is back, the upstream's retries answer the one Slurm job of the name: adopted when sbatch had
/// made it, made when it had not. Never none, never two.
/// </summary>
[Collection(SeveralClustersCollection.Name)]
public sealed class SshdKilledMidSbatchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("sshnet", "after")]
    [InlineData("sshnet", "before")]
    [InlineData("openssh", "after")]
    [InlineData("openssh", "before")]
    public async Task Sshd_killed_mid_sbatch_and_back_every_retry_answers_the_one_slurm_job_of_its_name(string transport, string at)
    {
        var east = BedCluster.East;
        using var state = new TempDirectory();
        using var gate = new JobGate(); // the job waits in the queue, where the test counts it
        await using var dssr = await SlurmService.StartAsync(state.Path, east.Environment(new()
        {
            ["JARVICE_SLURM_SSH_TRANSPORT"] = transport,
            ["JARVICE_SLURM_SSH_CONNECT_TIMEOUT"] = "3",
        }));
        Assert.Equal(200, (await dssr.Get("/running")).Status); // the connection is up before the submit

        var name = UpstreamScripts.NewName("midsbatch");
        var args = SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("midsbatch", gate: gate));
        Answer first;
        var sshdStopped = false;
        try
        {
            using var hold = SbatchHold.Start(east, at);
            var submit = dssr.Post("/submit", args);
            await hold.WaitForAsync(at == "after" ? "made" : "before", TimeSpan.FromSeconds(30));
            await east.StopSshdAsync();
            sshdStopped = true;
            // The call held before sbatch never runs it: its connection is gone (a real one might still run it, late).
            if (at == "before") hold.Drop();
            else hold.Release();
            first = await submit;
            output.WriteLine($"{transport}, sshd killed {at} sbatch: the submit in flight answered {first.Status} {first.Text}");
            await east.StartSshdAsync();
            sshdStopped = false;
        }
        finally
        {
            if (sshdStopped) await east.StartSshdAsync();
        }

        // The upstream retries a failed submit; each retry that answers names the same job.
        var answers = new List<string>();
        if (first.Status == 200) answers.Add(JobIdOf(first));
        else Assert.Contains("connection", first.Text, StringComparison.Ordinal); // the lost connection named, not sbatch blamed
        for (var tries = 0; answers.Count < 3; tries++)
        {
            Assert.True(tries < 30, $"no 200 to the retries in {tries} tries after sshd came back");
            var retry = await dssr.Post("/submit", args);
            if (retry.Status == 200) answers.Add(JobIdOf(retry));
            else await Task.Delay(500);
        }
        Assert.Single(answers.Distinct());
        var made = await east.JobsNamedAsync(name);
        output.WriteLine($"answered {answers[0]}; Slurm has [{string.Join(", ", made)}] of that name");
        Assert.Equal([answers[0]], made);
        gate.Open();
    }

    private static string JobIdOf(Answer answer) => JsonDocument.Parse(answer.Body).RootElement[0].GetString()!;
}
