namespace Dssr.Engine.Remote;

/// <summary>
/// Local forwards through a transport's connection to <c>host:port</c> as the login node sees it (a job's
/// service on a compute node): each local connection becomes a channel to that address.
/// </summary>
public interface IPortForwarding
{
    /// <summary>Opens a forward; its local end is a 127.0.0.1 listener on a free port, or a Unix socket in a 0700 folder.</summary>
    Task<PortForward> ForwardAsync(string remoteHost, int remotePort, ForwardListen listen = ForwardListen.Loopback, CancellationToken ct = default);

    /// <summary>Stops the listener of a forward; connections through it are closed.</summary>
    Task CloseForwardAsync(PortForward forward);

    /// <summary>The forwards open now.</summary>
    IReadOnlyList<PortForward> Forwards { get; }
}

public enum ForwardListen
{
    Loopback,
    UnixSocket,
}
