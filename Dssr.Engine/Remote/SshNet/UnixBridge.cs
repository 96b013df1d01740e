using System.Net;
using System.Net.Sockets;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>A Unix socket listener that relays each connection to a loopback TCP end (TCP_NODELAY on the hop it owns).</summary>
internal sealed class UnixBridge : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;
    private readonly ForwardAcceptance? _acceptance;

    /// <param name="acceptance">When given, each connection waits until the forward has taken the one before.</param>
    public UnixBridge(string path, IPEndPoint target, ForwardAcceptance? acceptance = null)
    {
        _path = path;
        _acceptance = acceptance;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(512); // a burst of connections (a page, its WebSockets) must not be refused
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

    /// <summary>
    /// SSH.NET's local forward accepts its next connection before it serves the one it has, and when that next one is
    /// already waiting the accept completes at once and is served first, on the same thread, for its whole life: in a
    /// burst (a page's parallel requests, WebSockets) an earlier connection waited for a later one to end. Connections
    /// reach the forward one at a time, each once the forward has taken the one before, so each accept finds none waiting.
    /// </summary>
    private static readonly TimeSpan TakenLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConnectSpacing = TimeSpan.FromMilliseconds(5);

    private readonly SemaphoreSlim _connectGate = new(1, 1);

    private async Task RelayAsync(Socket local, IPEndPoint target)
    {
        using var _ = local;
        using var remote = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await _connectGate.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                await remote.ConnectAsync(target, _stop.Token).ConfigureAwait(false);
                if (_acceptance is not null)
                    await _acceptance.WaitAsync(((IPEndPoint)remote.LocalEndPoint!).Port, TakenLimit, _stop.Token).ConfigureAwait(false);
                else
                    await Task.Delay(ConnectSpacing, _stop.Token).ConfigureAwait(false);
            }
            finally
            {
                _connectGate.Release();
            }
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
