namespace Dssr.Engine.Remote;

/// <summary>How the server's host key is checked. Every policy refuses a changed key.</summary>
public sealed record HostKeyPolicy
{
    private HostKeyPolicy(HostKeyMode mode, string? knownHostsFile, string? pinnedFingerprint)
    {
        Mode = mode;
        KnownHostsFile = knownHostsFile;
        PinnedFingerprint = pinnedFingerprint;
    }

    public HostKeyMode Mode { get; }
    public string? KnownHostsFile { get; }
    public string? PinnedFingerprint { get; }

    /// <summary>The user's own ~/.ssh/known_hosts, strictly: an unknown host is refused.</summary>
    public static HostKeyPolicy UserKnownHosts { get; } = new(HostKeyMode.UserKnownHosts, null, null);

    public static HostKeyPolicy KnownHosts(string file) => new(HostKeyMode.KnownHostsFile, file, null);

    public static HostKeyPolicy Pinned(string fingerprint) => new(HostKeyMode.Pinned, null, fingerprint);

    /// <summary>Trust on first use, remembered in <paramref name="file"/>; only when the operator asked for it.</summary>
    public static HostKeyPolicy AcceptNew(string file) => new(HostKeyMode.AcceptNew, file, null);

    public string Describe() => Mode switch
    {
        HostKeyMode.KnownHostsFile => $"known_hosts file {KnownHostsFile}",
        HostKeyMode.Pinned => $"pinned {PinnedFingerprint}",
        HostKeyMode.AcceptNew => $"accept-new (trust on first use) in {KnownHostsFile}",
        _ => "~/.ssh/known_hosts of the service user",
    };
}

public enum HostKeyMode
{
    UserKnownHosts,
    KnownHostsFile,
    Pinned,
    AcceptNew,
}
