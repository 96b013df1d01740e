using System.Net;
using System.Net.Sockets;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>A Unix socket listener that relays each connection to a loopback TCP end (TCP_NODELAY on the hop it owns).</summary>
internal sealed class UnixBridge : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;

    public UnixBridge(string path, IPEndPoint target)
    {
        _path = path;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(64);
        _ = AcceptAsync(target);
    }

    private async Task AcceptAsync(IPEndPoint target)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket local;
            try { local = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception) { return; }
            _ = RelayAsync(local, target);
        }
    }

    private async Task RelayAsync(Socket local, IPEndPoint target)
    {
        using var _ = local;
        using var remote = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await remote.ConnectAsync(target, _stop.Token).ConfigureAwait(false);
            using var a = new NetworkStream(local, ownsSocket: false);
            using var b = new NetworkStream(remote, ownsSocket: false);
            await Task.WhenAll(Copy(a, b, remote), Copy(b, a, local)).ConfigureAwait(false);
        }
        catch (Exception) { /* one connection failed; the listener goes on */ }
    }

    private async Task Copy(Stream from, Stream to, Socket toSocket)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token).ConfigureAwait(false);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception) { /* the other side closed */ }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try { File.Delete(_path); } catch (IOException) { }
    }
}
