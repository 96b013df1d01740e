namespace Dssr.Engine.Remote;

/// <summary>
/// A transport that holds an SSH connection of its own: besides running commands it can open the connection
/// alone and describe its keys, which the connection checks of a cluster's diagnostics report.
/// </summary>
public interface ISshSession : IRemoteShell
{
    SshSettings Settings { get; }

    /// <summary>Opens the connection (host key check and login) without running a command.</summary>
    Task ConnectAsync(CancellationToken ct = default);

    /// <summary>The host key fingerprints the configured policy expects; empty when it trusts the user's known_hosts.</summary>
    IReadOnlyList<string> ExpectedFingerprints();

    /// <summary>The public half of the configured key, to add to authorized_keys; null without a key.</summary>
    Task<string?> PublicKeyAsync(CancellationToken ct = default);
}
