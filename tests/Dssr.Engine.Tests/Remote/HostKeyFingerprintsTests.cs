using System.Diagnostics;
using Dssr.Engine.Remote;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Remote;

public sealed class HostKeyFingerprintsTests
{
    private static async Task<string> RunAsync(params string[] argv)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in argv.Skip(1)) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        return output;
    }

    [Fact]
    public async Task Fingerprint_is_the_one_ssh_keygen_prints()
    {
        using var dir = new TempDirectory();
        var key = Path.Combine(dir.Path, "k");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        var expected = (await RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub")).Split(' ')[1];
        var blob = (await File.ReadAllTextAsync(key + ".pub")).Split(' ')[1];
        Assert.Equal(expected, HostKeyFingerprints.OfBase64(blob));
    }

    [Fact]
    public async Task Finds_a_host_in_plain_and_hashed_known_hosts_by_port()
    {
        using var dir = new TempDirectory();
        var key = Path.Combine(dir.Path, "k");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        var pub = (await File.ReadAllTextAsync(key + ".pub")).Split(' ');
        var known = Path.Combine(dir.Path, "known_hosts");
        await File.WriteAllTextAsync(known, $"[login.example]:2222 {pub[0]} {pub[1]}\n");
        var fp = HostKeyFingerprints.OfBase64(pub[1])!;

        Assert.Equal(new[] { fp }, HostKeyFingerprints.InKnownHosts(await File.ReadAllTextAsync(known), "login.example", 2222));
        Assert.Empty(HostKeyFingerprints.InKnownHosts(await File.ReadAllTextAsync(known), "login.example", 22));

        await RunAsync("ssh-keygen", "-H", "-f", known);
        var hashed = await File.ReadAllTextAsync(known);
        Assert.StartsWith("|1|", hashed);
        Assert.Equal(new[] { fp }, HostKeyFingerprints.InKnownHosts(hashed, "login.example", 2222));
        Assert.Empty(HostKeyFingerprints.InKnownHosts(hashed, "other.example", 2222));
    }

    [Fact]
    public void Revoked_and_comment_lines_give_no_fingerprint() =>
        Assert.Empty(HostKeyFingerprints.InKnownHosts("# h ssh-ed25519 AAAA\n@revoked h ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\n", "h", 22));
}
