using Renci.SshNet.Common;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// The host key check for SSH.NET, with the OpenSSH transport's policies: a known_hosts file (plain or
/// hashed names, <c>[host]:port</c>), a pinned SHA256 fingerprint, or trust on first use only when
/// configured. SSH.NET trusts every key unless told otherwise, so each client is given this check before
/// it connects; a refused key ends the connection before authentication.
/// </summary>
internal sealed class SshNetHostKeyVerifier
{
    private static readonly Lock FileGate = new();
    private readonly SshSettings _settings;

    public SshNetHostKeyVerifier(SshSettings settings) => _settings = settings;

    /// <summary>The fingerprint the server sent in the last key exchange.</summary>
    public string? Seen { get; private set; }

    /// <summary>True when the last key exchange was refused by this check.</summary>
    public bool Refused { get; private set; }

    /// <summary>Forgets the last key exchange, before a new connection attempt.</summary>
    public void Reset()
    {
        Seen = null;
        Refused = false;
    }

    public void Verify(object? sender, HostKeyEventArgs e)
    {
        var seen = "SHA256:" + e.FingerPrintSHA256;
        Seen = seen;
        var trusted = Trusts(seen, e.HostKey);
        Refused = !trusted;
        e.CanTrust = trusted;
    }

    private bool Trusts(string seen, byte[] hostKey)
    {
        var policy = _settings.HostKeys;
        if (policy.Mode == HostKeyMode.Pinned)
            return HostKeyScan.Normalize(policy.PinnedFingerprint!) == HostKeyScan.Normalize(seen);
        lock (FileGate)
        {
            var known = Entries();
            if (known.Count > 0) return known.Any(k => k.Fingerprint == seen);
            if (policy.Mode != HostKeyMode.AcceptNew) return false;
            Remember(policy.KnownHostsFile!, hostKey);
            return true;
        }
    }

    /// <summary>The fingerprints accepted for the host: pinned, or those of its known_hosts lines.</summary>
    public IReadOnlyList<string> Expected() =>
        _settings.HostKeys.Mode == HostKeyMode.Pinned
            ? new[] { _settings.HostKeys.PinnedFingerprint! }
            : Entries().Select(e => e.Fingerprint).Distinct().ToList();

    /// <summary>
    /// The key types known_hosts holds for the host (empty when none or pinned): the client asks for these first, as
    /// OpenSSH does, so a host known by its RSA key is not refused for showing its ed25519 one.
    /// </summary>
    public IReadOnlyList<string> KnownKeyTypes() =>
        _settings.HostKeys.Mode == HostKeyMode.Pinned ? Array.Empty<string>() : Entries().Select(e => e.KeyType).Distinct().ToList();

    public HostKeyMismatchException Mismatch() =>
        new(_settings.Host, _settings.Port, Expected(), Seen is { } s ? new[] { s } : Array.Empty<string>());

    private IReadOnlyList<(string KeyType, string Fingerprint)> Entries()
    {
        var file = KnownHostsFile();
        return File.Exists(file)
            ? HostKeyFingerprints.EntriesInKnownHosts(File.ReadAllText(file), _settings.Host, _settings.Port)
            : Array.Empty<(string, string)>();
    }

    private string KnownHostsFile() =>
        _settings.HostKeys.KnownHostsFile
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");

    private void Remember(string file, byte[] hostKey)
    {
        if (SshBlob.KeyType(hostKey) is not { } type) return;
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        var line = $"{HostKeyFingerprints.HostPattern(_settings.Host, _settings.Port)} {type} {Convert.ToBase64String(hostKey)}\n";
        File.AppendAllText(file, line);
    }
}
