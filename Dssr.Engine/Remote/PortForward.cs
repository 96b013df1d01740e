using System.Net;

namespace Dssr.Engine.Remote;

/// <summary>An open local forward: connect to <see cref="Loopback"/> or to the Unix socket <see cref="UnixSocket"/> to reach <c>RemoteHost:RemotePort</c>.</summary>
public sealed record PortForward(string Id, string RemoteHost, int RemotePort, IPEndPoint? Loopback, string? UnixSocket)
{
    public string LocalEnd => UnixSocket ?? Loopback!.ToString();
}
