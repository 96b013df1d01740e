using Dssr.Engine.Remote;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Remote;

/// <summary>
/// SSH.NET through a jump host: the bed's sshd serves as both, the jump host named <c>localhost</c> so that its host key is
/// looked up under its own name, the login node's under <c>127.0.0.1</c>.
/// </summary>
public sealed class JumpHostTests
{
    [Fact]
    public async Task Commands_run_through_the_jump_host_and_each_host_key_is_checked_under_its_own_name()
    {
        using var dir = new TempDirectory();
        var knownHosts = Path.Combine(dir.Path, "known_hosts");
        var target = (await File.ReadAllTextAsync(TestBed.KnownHosts)).Trim();
        await File.WriteAllTextAsync(knownHosts, target + "\n");
        var settings = TestBed.Settings() with
        {
            Transport = SshTransportKind.SshNet,
            HostKeys = HostKeyPolicy.KnownHosts(knownHosts),
            Jump = new SshJump("localhost", TestBed.Port, TestBed.User),
        };

        // Only the login node is known: the jump host is refused, under its own name.
        await using (var refused = TransportFactory.Create(settings))
        {
            var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => refused.RunAsync(RemoteCommand.Of("true")));
            Assert.Contains("localhost:", e.Message);
        }

        await File.AppendAllTextAsync(knownHosts, target.Replace($"[{TestBed.Host}]:", "[localhost]:") + "\n");
        await using var ssh = TransportFactory.Create(settings);
        var result = await ssh.RunAsync(RemoteCommand.Of("sh", "-c", "echo \"$SSH_CONNECTION\""));
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("127.0.0.1 ", result.Stdout);
        Assert.Equal(TestBed.HostKeyFingerprint, ssh.Session!.HostKeyFingerprint);
    }
}
