using System.Net;
using System.Net.Sockets;

namespace Dssr.Integration.Tests;

/// <summary>A loopback port nothing listens on: bound once by the system, then released.</summary>
public static class ClosedPort
{
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
