namespace Dssr.Engine.Remote;

/// <summary>A jump host the SSH.NET transport connects through to reach the login node (as OpenSSH's ProxyJump).</summary>
public sealed record SshJump(string Host, int Port, string User);
