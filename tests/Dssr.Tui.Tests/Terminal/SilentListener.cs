using System.Net;
using System.Net.Sockets;

namespace Dssr.Tui.Tests.Terminal;

/// <summary>A port on 127.0.0.1 that takes connections and never says a word: an SSH client there waits for a banner.</summary>
public sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SilentListener()
    {
        _listener.Start(backlog: 64); // the kernel completes the handshakes; nothing is read or written
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public void Dispose() => _listener.Stop();
}
