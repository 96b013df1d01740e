using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>What an operator does on the login node beside the service (hold a job, look for files), over the bed's ssh.</summary>
public static class BedShell
{
    public static SshSettings User2Settings() => TestBed.Settings() with
    {
        User = TestBed.Get("DSSR_TESTBED_USER2"),
        PrivateKey = PrivateKeyMaterial.Parse(TestBed.Get("DSSR_TESTBED_KEY2")),
    };

    public static async Task<RemoteResult> RunAsync(params string[] argv) => await RunAsAsync(TestBed.Settings(), argv);

    public static async Task<RemoteResult> RunAsAsync(SshSettings settings, params string[] argv)
    {
        await using var ssh = new OpenSshTransport(settings);
        return await ssh.RunAsync(RemoteCommand.Of(argv));
    }

    public static async Task<bool> ExistsAsync(SshSettings settings, string path) =>
        (await RunAsAsync(settings, "test", "-e", path)).ExitCode == 0;
}
