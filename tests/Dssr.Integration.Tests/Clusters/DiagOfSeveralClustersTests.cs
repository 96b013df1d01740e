using System.Globalization;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Integration.Tests.Clusters;

/// <summary><c>dssr diag</c> checks every cluster, <c>dssr diag NAME</c> one; exit 0 only when all of it passes.</summary>
[Collection(SeveralClustersCollection.Name)]
public sealed class DiagOfSeveralClustersTests
{
    private static async Task<(int Exit, string Output)> DiagAsync(string? cluster = null)
    {
        using var state = new TempDirectory();
        var yaml = Path.Combine(state.Path, "dssr.yaml");
        var transport = TestBed.Transport == Dssr.Engine.Remote.SshTransportKind.OpenSsh ? "openssh" : "sshnet";
        File.WriteAllText(yaml, $$"""
            clusters:
              - name: backup
                connector: slurm
                ssh: { host: 127.0.0.1, port: {{BedCluster.West.Port}}, user: {{TestBed.User}}, key_file: {{TestBed.KeyFile}}, known_hosts: {{BedCluster.West.KnownHosts}}, connect_timeout: 3, transport: {{transport}} }
              - name: demo
                connector: dummy
            """);
        File.SetUnixFileMode(yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = SlurmService.Environment(new()
        {
            ["JARVICE_SLURM_CLUSTER_PORT"] = BedCluster.East.Port.ToString(CultureInfo.InvariantCulture),
            ["JARVICE_SLURM_SSH_KNOWN_HOSTS"] = BedCluster.East.KnownHosts,
            ["JARVICE_SLURM_SSH_CONNECT_TIMEOUT"] = "3",
            ["DSSR_STATE_DIR"] = state.Path,
            ["DSSR_CONFIG"] = yaml,
        });
        var output = new StringWriter();
        var exit = await DiagCommand.RunAsync(env, false, output, output, CancellationToken.None, cluster);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Diag_checks_every_cluster_or_the_one_named_and_passes_only_when_all_pass()
    {
        var (exit, output) = await DiagAsync();
        Assert.True(exit == 0, output);
        Assert.Contains("Checks for cluster default", output);
        Assert.Contains("Checks for cluster backup", output);
        Assert.Contains("Nothing to check for demo (dummy)", output);
        Assert.Contains("2 of 2 clusters passed every check", output);

        await BedCluster.East.StopSshdAsync();
        try
        {
            var (down, report) = await DiagAsync();
            Assert.True(down == 1, report);
            Assert.Contains("cluster default is not ready", report);
            Assert.Contains("1 of 2 clusters passed every check; not ready: default", report);
            var (backup, only) = await DiagAsync("backup");
            Assert.True(backup == 0, only);
            Assert.DoesNotContain("Checks for cluster default", only);
        }
        finally
        {
            await BedCluster.East.StartSshdAsync();
        }

        Assert.Equal(2, (await DiagAsync("nowhere")).Exit);
        var (demo, said) = await DiagAsync("demo");
        Assert.Equal(2, demo);
        Assert.Contains("cluster demo (dummy) has nothing to check", said);
    }
}
