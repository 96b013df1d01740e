using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Integration.Tests.Observability;

/// <summary><c>dssr diag</c> prints each cluster's Slurm load against the budget.</summary>
public sealed class DiagLoadTests
{
    [Theory]
    [InlineData("2000", "30", "at most 30 queue queries (squeue)/min when serving", false)]
    [InlineData("300", "30", "at most 200 queue queries (squeue)/min when serving", true)]
    [InlineData("300", "240", "at most 200 queue queries (squeue)/min when serving", false)]
    public async Task Diag_prints_the_load_figures_against_the_budget(string maxAgeMs, string budget, string expected, bool over)
    {
        using var state = new TempDirectory();
        var env = SlurmService.Environment(new Dictionary<string, string>
        {
            ["DSSR_QUEUE_MAX_AGE_MS"] = maxAgeMs,
            ["DSSR_QUEUE_BUDGET_PER_MINUTE"] = budget,
            ["DSSR_STATE_DIR"] = state.Path,
        });
        var output = new StringWriter();
        var exit = await DiagCommand.RunAsync(env, json: false, output, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
        var line = Assert.Single(output.ToString().Split('\n'), l => l.StartsWith("Slurm load of cluster default: ", StringComparison.Ordinal));
        Assert.Contains(expected, line);
        Assert.Contains($"budget {budget}/min", line);
        Assert.Equal(over, line.Contains("OVER BUDGET", StringComparison.Ordinal));
        Assert.Contains(" queue queries/min (budget ", line);
        Assert.Contains(" controller RPC/min", line);
        Assert.Contains("last 10 min: ", line); // the checks ran commands on the cluster, and the meter saw them
    }
}
