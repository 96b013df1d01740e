namespace Dssr.Engine.Remote;

/// <summary>
/// A transport to one cluster account over SSH: commands (<see cref="IRemoteShell"/>), port forwards
/// (<see cref="IPortForwarding"/>), and what diagnostics need. Made by <see cref="TransportFactory"/>.
/// </summary>
public interface ISshTransport : IRemoteShell, IPortForwarding
{
    SshSettings Settings { get; }

    SshTransportKind Kind { get; }

    /// <summary>Opens the connection now, if it is not open: checks the host key and authenticates.</summary>
    Task ConnectAsync(CancellationToken ct = default);

    /// <summary>The host key fingerprints accepted for the host: pinned, or found in the known_hosts file.</summary>
    IReadOnlyList<string> ExpectedFingerprints();

    /// <summary>The public half of the configured key, to add to authorized_keys; null without a key.</summary>
    Task<string?> PublicKeyAsync(CancellationToken ct = default);

    /// <summary>What the open connection negotiated; null before the first connection.</summary>
    SshSessionInfo? Session { get; }
}
