using System.Text.Json;
using Dssr.Engine.Jobs;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Integration.Tests.Observability;

/// <summary><c>dssr reconcile</c> against the real Slurm of the test bed.</summary>
public sealed class ReconcileTests
{
    [Fact]
    public async Task Reconcile_finds_an_orphan_slurm_job_a_row_slurm_forgot_and_a_stuck_submit()
    {
        using var state = new TempDirectory();
        var kept = UpstreamScripts.NewName("recok");
        var orphan = UpstreamScripts.NewName("orphan");
        var forgotten = UpstreamScripts.NewName("forgot");
        var stuck = UpstreamScripts.NewName("stuck");
        string keptId;
        await using (var dssr = await SlurmService.StartAsync(state.Path))
        {
            keptId = await dssr.SubmitAsync(kept, 1, UpstreamScripts.Batch("recok", sleepSeconds: 60));
            var long_ago = DateTimeOffset.UtcNow.AddMinutes(-30);
            // A job id Slurm never had (the bed's ids are small), last seen running, no final state.
            dssr.Service.Host.Journal.RecordSubmitted(new JobRecord("default", forgotten, 2, "987654321", null, long_ago, long_ago, "R", null, null, ""));
            dssr.Service.Host.Journal.RecordSubmitted(new JobRecord("default", stuck, 3, "", null, long_ago, long_ago, JobState.Submitting.Text(), null, null, ""));
        }
        var sbatch = await BedShell.RunAsync("sbatch", "--parsable", "-J", "jarvice_" + orphan, "-o", "/dev/null", "--wrap", "sleep 60");
        Assert.True(sbatch.Succeeded, sbatch.Stderr);
        var orphanId = sbatch.Stdout.Trim().Split(';')[0];
        try
        {
            var env = SlurmService.Environment();
            env["DSSR_STATE_DIR"] = state.Path;
            var output = new StringWriter();
            var exit = await ReconcileCommand.RunAsync(env, json: true, recordingFile: null, cluster: null, output, output, CancellationToken.None);
            Assert.True(exit == 1, output.ToString());
            using var doc = JsonDocument.Parse(output.ToString());
            var rows = doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => (
                Verdict: r.GetProperty("verdict").GetString(), JobId: r.GetProperty("jobId").GetString(), Name: r.GetProperty("name").GetString())).ToList();
            Assert.Contains(("orphan", orphanId, orphan), rows);
            Assert.Contains(("forgotten", "987654321", forgotten), rows);
            Assert.Contains(("stuckSubmitting", "", stuck), rows);
            Assert.Contains(("agrees", keptId, kept), rows);
            // Disagreements first.
            var firstAgreeing = rows.FindIndex(r => r.Verdict == "agrees");
            Assert.True(rows.Skip(firstAgreeing).All(r => r.Verdict == "agrees"), output.ToString());
            Assert.Equal(3, rows.Count(r => r.Verdict != "agrees" && (r.Name == orphan || r.Name == forgotten || r.Name == stuck)));

            var text = new StringWriter();
            Assert.Equal(1, await ReconcileCommand.RunAsync(env, json: false, recordingFile: null, cluster: "default", text, text, CancellationToken.None));
            var lines = text.ToString().Split('\n');
            Assert.Contains(lines, l => l.StartsWith("ORPHAN", StringComparison.Ordinal) && l.Contains(orphanId, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("FORGOTTEN", StringComparison.Ordinal) && l.Contains($"{forgotten}:2", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("STUCK", StringComparison.Ordinal) && l.Contains($"{stuck}:3", StringComparison.Ordinal));

            var unknown = new StringWriter();
            Assert.Equal(2, await ReconcileCommand.RunAsync(env, json: false, recordingFile: null, cluster: "nope", unknown, unknown, CancellationToken.None));
            Assert.Contains("no cluster nope", unknown.ToString());
        }
        finally
        {
            await BedShell.RunAsync("scancel", orphanId);
            await BedShell.RunAsync("scancel", keptId);
        }
    }
}
