namespace Dssr.Engine.Remote;

/// <summary>What an open SSH connection negotiated, for the init report and <c>dssr diag</c>; null fields were not reported by the client.</summary>
public sealed record SshSessionInfo(
    SshTransportKind Transport,
    string? HostKeyFingerprint,
    string? HostKeyAlgorithm,
    string? KeyExchange,
    string? Cipher,
    string? Mac,
    string? ServerVersion)
{
    public string TransportName => Transport == SshTransportKind.SshNet ? "SSH.NET (in process)" : "OpenSSH client (ControlMaster)";

    /// <summary>One line: the key exchange, host key and cipher algorithms, as far as known.</summary>
    public string Algorithms =>
        KeyExchange is null && Cipher is null
            ? $"host key {HostKeyAlgorithm ?? "as the client chose"} (the OpenSSH client does not report the rest)"
            : $"kex {KeyExchange}, host key {HostKeyAlgorithm}, cipher {Cipher}, mac {Mac}";
}
