namespace Dssr.Scripting.Tests;

/// <summary>On the dummy cluster, the cluster globals say plainly that there is no SSH to use.</summary>
[Collection(LiveServiceCollection.Name)]
public sealed class RemoteGlobalsTests(LiveService live)
{
    [Fact]
    public async Task Ssh_and_diag_on_a_cluster_without_ssh_explain_what_to_set()
    {
        var ssh = await Assert.ThrowsAsync<InvalidOperationException>(() => live.Globals.Ssh("true"));
        Assert.Contains("JARVICE_SLURM_CLUSTER_ADDR", ssh.Message);
        var diag = await Assert.ThrowsAsync<InvalidOperationException>(() => live.Globals.Diag());
        Assert.Contains("not reached over SSH", diag.Message);
    }
}
