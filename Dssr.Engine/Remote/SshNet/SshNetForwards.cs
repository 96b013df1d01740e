using System.Net;
using System.Net.Sockets;
using Renci.SshNet;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// Local forwards over the account's SSH.NET connection (<see cref="ForwardedPortLocal"/>: a 127.0.0.1
/// listener, each accepted connection a direct-tcpip channel). A Unix socket end is a listener in a 0700
/// folder that hands each connection to a private loopback forward. After a reconnect the forwards are
/// added to the new client on the same local ports.
/// </summary>
internal sealed class SshNetForwards : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private SshClient? _client;
    private PrivateFolder? _folder;
    private int _next;

    public IReadOnlyList<PortForward> List()
    {
        lock (_gate) return _entries.Select(e => e.Forward).ToList();
    }

    /// <summary>
    /// SSH.NET serves each forwarded connection on a thread-pool thread that blocks for the connection's life (its
    /// channel open and socket loop are synchronous). The pool adds threads only about twice a second past its
    /// minimum, so 100 WebSockets opened at once waited tens of seconds and timed out; the minimum is raised once.
    /// </summary>
    public const int MinPoolThreads = 256;

    private static void EnoughPoolThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinPoolThreads) ThreadPool.SetMinThreads(MinPoolThreads, io);
    }

    public PortForward Open(SshClient client, string remoteHost, int remotePort, ForwardListen listen)
    {
        EnoughPoolThreads();
        if (remotePort is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(remotePort), remotePort, "a port is 1 to 65535");
        if (string.IsNullOrWhiteSpace(remoteHost)) throw new ArgumentException("name the host to forward to", nameof(remoteHost));
        lock (_gate)
        {
            _client = client;
            var acceptance = listen == ForwardListen.UnixSocket ? new ForwardAcceptance() : null;
            var port = Start(client, 0, remoteHost, remotePort, acceptance);
            var id = $"f{++_next}";
            UnixBridge? bridge = null;
            string? socket = null;
            if (listen == ForwardListen.UnixSocket)
            {
                _folder ??= new PrivateFolder();
                socket = _folder.Child(id + ".sock");
                bridge = new UnixBridge(socket, new IPEndPoint(IPAddress.Loopback, (int)port.BoundPort), acceptance);
            }
            var forward = new PortForward(id, remoteHost, remotePort,
                listen == ForwardListen.Loopback ? new IPEndPoint(IPAddress.Loopback, (int)port.BoundPort) : null, socket);
            _entries.Add(new Entry(forward, port, bridge, acceptance));
            return forward;
        }
    }

    /// <summary>Puts the forwards on a new client (after a reconnect), on the local ports they had.</summary>
    public void Attach(SshClient client)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_client, client)) return;
            _client = client;
            for (var i = 0; i < _entries.Count; i++)
            {
                var e = _entries[i];
                StopQuietly(e.Port);
                var port = Start(client, e.Port.BoundPort, e.Forward.RemoteHost, e.Forward.RemotePort, e.Acceptance);
                _entries[i] = e with { Port = port };
            }
        }
    }

    public void Close(PortForward forward)
    {
        Entry? entry;
        lock (_gate)
        {
            entry = _entries.FirstOrDefault(e => e.Forward.Id == forward.Id);
            if (entry is null) return;
            _entries.Remove(entry);
        }
        entry.Bridge?.Dispose();
        StopQuietly(entry.Port);
    }

    private static ForwardedPortLocal Start(SshClient client, uint localPort, string remoteHost, int remotePort, ForwardAcceptance? acceptance)
    {
        var port = new ForwardedPortLocal("127.0.0.1", localPort, remoteHost, (uint)remotePort);
        if (acceptance is not null) port.RequestReceived += (_, e) => acceptance.Taken((int)e.OriginatorPort);
        client.AddForwardedPort(port);
        port.Start();
        return port;
    }

    private static void StopQuietly(ForwardedPortLocal port)
    {
        try
        {
            port.Stop();
            port.Dispose();
        }
        catch (Exception) { /* its client is gone already */ }
    }

    public ValueTask DisposeAsync()
    {
        List<Entry> all;
        lock (_gate)
        {
            all = [.. _entries];
            _entries.Clear();
        }
        foreach (var e in all)
        {
            e.Bridge?.Dispose();
            StopQuietly(e.Port);
        }
        _folder?.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record Entry(PortForward Forward, ForwardedPortLocal Port, UnixBridge? Bridge, ForwardAcceptance? Acceptance);
}
