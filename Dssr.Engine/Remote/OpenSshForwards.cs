using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dssr.Engine.Remote;

/// <summary>
/// The OpenSSH transport's local forwards, added to and removed from the running master
/// (<c>ssh -O forward -L …</c>, <c>-O cancel</c>); ssh sets TCP_NODELAY on the sockets it accepts.
/// A Unix socket end lives in its own 0700 folder.
/// </summary>
internal sealed class OpenSshForwards : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(PortForward Forward, string Spec)> _open = [];
    private PrivateFolder? _folder;
    private int _next;

    public IReadOnlyList<PortForward> List()
    {
        lock (_gate) return _open.Select(o => o.Forward).ToList();
    }

    public async Task<PortForward> OpenAsync(Func<string, Task> control, string remoteHost, int remotePort, ForwardListen listen)
    {
        if (remotePort is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(remotePort), remotePort, "a port is 1 to 65535");
        if (string.IsNullOrWhiteSpace(remoteHost) || remoteHost.Any(c => c is ':' or '[' or ']' || char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException($"not a host name for a forward: {remoteHost}", nameof(remoteHost));
        string id;
        lock (_gate)
        {
            id = $"f{++_next}";
            if (listen == ForwardListen.UnixSocket) _folder ??= new PrivateFolder();
        }
        var target = $"{remoteHost}:{remotePort.ToString(CultureInfo.InvariantCulture)}";
        PortForward forward;
        string spec;
        if (listen == ForwardListen.UnixSocket)
        {
            var socket = _folder!.Child(id + ".sock");
            spec = $"{socket}:{target}";
            forward = new PortForward(id, remoteHost, remotePort, null, socket);
        }
        else
        {
            // ssh -O forward cannot pick a free port itself; one is taken here and handed over at once.
            var port = FreeLoopbackPort();
            spec = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}:{target}";
            forward = new PortForward(id, remoteHost, remotePort, new IPEndPoint(IPAddress.Loopback, port), null);
        }
        await control(spec).ConfigureAwait(false);
        lock (_gate) _open.Add((forward, spec));
        return forward;
    }

    public async Task CloseAsync(PortForward forward, Func<string, Task> control)
    {
        string? spec;
        lock (_gate)
        {
            var i = _open.FindIndex(o => o.Forward.Id == forward.Id);
            if (i < 0) return;
            spec = _open[i].Spec;
            _open.RemoveAt(i);
        }
        await control(spec).ConfigureAwait(false);
        if (forward.UnixSocket is { } socket) File.Delete(socket);
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose() => _folder?.Dispose();
}
