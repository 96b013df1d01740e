using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Remote;

/// <summary>
/// The one place outside a transport's own files that makes a transport. Everything else asks a cluster's
/// <see cref="ShellProvider"/>, so every remote command of the process is quoted once and lands in the command log.
/// </summary>
public static class Transports
{
    /// <summary>Opens the transport for one account of a cluster.</summary>
    public static IRemoteShell Open(SshSettings settings, ILogger log) => new OpenSshTransport(settings, log);
}
