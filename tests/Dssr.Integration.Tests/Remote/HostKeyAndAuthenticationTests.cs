using System.Diagnostics;
using Dssr.Engine.Remote;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Remote;

/// <summary>On both transports, refusals: a key the server does not accept, a host key that is not the one expected, a closed port.</summary>
public sealed class HostKeyAndAuthenticationTests
{
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_wrong_key_is_an_authentication_error_naming_user_and_host(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind, TestBed.Settings(TestBed.WrongKeyFile));
        var e = await Assert.ThrowsAsync<RemoteAuthenticationException>(() => ssh.RunAsync(RemoteCommand.Of("true")));
        Assert.Contains($"{TestBed.User}@{TestBed.Host}:{TestBed.Port}", e.Message);
        Assert.Equal(TestBed.User, e.User);
        Assert.Equal(TestBed.Host, e.Host);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_changed_host_key_is_refused_with_both_fingerprints(SshTransportKind kind)
    {
        using var dir = new TempDirectory();
        var (fakeLine, fakeFingerprint) = await NewHostKeyAsync(dir.Path);
        var knownHosts = Path.Combine(dir.Path, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"{HostKeyFingerprints.HostPattern(TestBed.Host, TestBed.Port)} {fakeLine}\n");
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { HostKeys = HostKeyPolicy.KnownHosts(knownHosts) });

        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => ssh.RunAsync(RemoteCommand.Of("true")));

        Assert.Equal(new[] { fakeFingerprint }, e.Expected);
        Assert.Equal(new[] { TestBed.HostKeyFingerprint }, e.Actual);
        Assert.Contains(fakeFingerprint, e.Message);
        Assert.Contains(TestBed.HostKeyFingerprint, e.Message);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task An_unknown_host_is_refused_without_accept_new(SshTransportKind kind)
    {
        using var dir = new TempDirectory();
        var empty = Path.Combine(dir.Path, "known_hosts");
        await File.WriteAllTextAsync(empty, "");
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { HostKeys = HostKeyPolicy.KnownHosts(empty) });
        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => ssh.RunAsync(RemoteCommand.Of("true")));
        Assert.Empty(e.Expected);
        Assert.Equal(new[] { TestBed.HostKeyFingerprint }, e.Actual);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Accept_new_trusts_the_first_key_and_remembers_it(SshTransportKind kind)
    {
        using var dir = new TempDirectory();
        var remembered = Path.Combine(dir.Path, "state", "known_hosts");
        await using (var ssh = Transports.Open(kind, TestBed.Settings() with { HostKeys = HostKeyPolicy.AcceptNew(remembered) }))
            Assert.Equal(0, (await ssh.RunAsync(RemoteCommand.Of("true"))).ExitCode);
        Assert.Equal(new[] { TestBed.HostKeyFingerprint },
            HostKeyFingerprints.InKnownHosts(await File.ReadAllTextAsync(remembered), TestBed.Host, TestBed.Port));
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_pinned_fingerprint_connects_when_it_matches(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { HostKeys = HostKeyPolicy.Pinned(TestBed.HostKeyFingerprint) });
        Assert.Equal("pinned\n", (await ssh.RunAsync(RemoteCommand.Of("echo", "pinned"))).Stdout);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_pinned_fingerprint_that_does_not_match_is_refused_with_both(SshTransportKind kind)
    {
        using var dir = new TempDirectory();
        var (_, other) = await NewHostKeyAsync(dir.Path);
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { HostKeys = HostKeyPolicy.Pinned(other) });
        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => ssh.RunAsync(RemoteCommand.Of("true")));
        Assert.Contains(other, e.Message);
        Assert.Contains(TestBed.HostKeyFingerprint, e.Message);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_closed_port_is_a_connect_error_within_the_connect_timeout(SshTransportKind kind)
    {
        var clock = Stopwatch.StartNew();
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { Port = ClosedPort.Find() });
        var e = await Assert.ThrowsAsync<RemoteConnectException>(() => ssh.RunAsync(RemoteCommand.Of("true")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains("refused", e.Message);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_hashed_known_hosts_file_is_read(SshTransportKind kind)
    {
        using var dir = new TempDirectory();
        var hashed = Path.Combine(dir.Path, "known_hosts");
        File.Copy(TestBed.KnownHosts, hashed);
        using (var p = Process.Start("ssh-keygen", new[] { "-q", "-H", "-f", hashed })!)
            await p.WaitForExitAsync();
        Assert.StartsWith("|1|", await File.ReadAllTextAsync(hashed));
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { HostKeys = HostKeyPolicy.KnownHosts(hashed) });
        Assert.Equal("hashed\n", (await ssh.RunAsync(RemoteCommand.Of("echo", "hashed"))).Stdout);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_known_hosts_line_for_another_port_is_not_trusted(SshTransportKind kind)
    {
        using var dir = new TempDirectory();
        var other = Path.Combine(dir.Path, "known_hosts");
        var line = (await File.ReadAllTextAsync(TestBed.KnownHosts)).Trim();
        await File.WriteAllTextAsync(other, line.Replace($"]:{TestBed.Port} ", $"]:{TestBed.Port + 1} ") + "\n");
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { HostKeys = HostKeyPolicy.KnownHosts(other) });
        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => ssh.RunAsync(RemoteCommand.Of("true")));
        Assert.Empty(e.Expected);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_host_key_mismatch_refuses_before_the_key_is_offered(SshTransportKind kind)
    {
        // A key the server would refuse: if authentication came first, this would be an authentication error.
        using var dir = new TempDirectory();
        var (_, other) = await NewHostKeyAsync(dir.Path);
        await using var ssh = Transports.Open(kind, TestBed.Settings(TestBed.WrongKeyFile) with { HostKeys = HostKeyPolicy.Pinned(other) });
        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => ssh.RunAsync(RemoteCommand.Of("true")));
        Assert.Equal(new[] { TestBed.HostKeyFingerprint }, e.Actual);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Accept_new_refuses_a_key_that_changed_after_it_was_remembered(SshTransportKind kind)
    {
        using var dir = new TempDirectory();
        var (fakeLine, fakeFingerprint) = await NewHostKeyAsync(dir.Path);
        var remembered = Path.Combine(dir.Path, "known_hosts");
        await File.WriteAllTextAsync(remembered, $"{HostKeyFingerprints.HostPattern(TestBed.Host, TestBed.Port)} {fakeLine}\n");
        await using var ssh = Transports.Open(kind, TestBed.Settings() with { HostKeys = HostKeyPolicy.AcceptNew(remembered) });
        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => ssh.RunAsync(RemoteCommand.Of("true")));
        Assert.Equal(new[] { fakeFingerprint }, e.Expected);
    }

    /// <summary>A fresh ed25519 key: its "type base64" text and its fingerprint, as a stand-in for a changed host key.</summary>
    private static async Task<(string Line, string Fingerprint)> NewHostKeyAsync(string dir)
    {
        var key = Path.Combine(dir, "other");
        using (var p = Process.Start("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", key })!)
            await p.WaitForExitAsync();
        var fields = (await File.ReadAllTextAsync(key + ".pub")).Split(' ');
        return ($"{fields[0]} {fields[1]}", HostKeyFingerprints.OfBase64(fields[1])!);
    }
}
