using System.Net;
using System.Net.Sockets;
using System.Text;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.Remote;

/// <summary>
/// Many connections opened at once through a Unix socket forward and held open (a page's parallel requests,
/// WebSockets): every one is served, none waits for another to end.
/// </summary>
public sealed class ForwardBurstTests
{
    /// <summary>An echo server on 127.0.0.1 that keeps every connection open until the client closes it.</summary>
    private static async Task EchoAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(ct);
            _ = Task.Run(async () =>
            {
                using var _ = client;
                var stream = client.GetStream();
                var buffer = new byte[256];
                int n;
                while ((n = await stream.ReadAsync(buffer, ct)) > 0) await stream.WriteAsync(buffer.AsMemory(0, n), ct);
            }, ct);
        }
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_hundred_held_connections_opened_at_once_are_all_served(SshTransportKind kind)
    {
        using var stop = new CancellationTokenSource();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(200);
        var echo = EchoAsync(listener, stop.Token);
        await using var ssh = Transports.Open(kind);
        var forward = await ssh.ForwardAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, ForwardListen.UnixSocket);
        var held = new List<Socket>();
        try
        {
            var opened = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(forward.UnixSocket!));
                lock (held) held.Add(socket);
                var message = Encoding.ASCII.GetBytes($"connection {i}\n");
                await socket.SendAsync(message);
                var answer = new byte[message.Length];
                var read = 0;
                // Every connection stays open while the others are answered: none may wait for another to close.
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (read < answer.Length) read += await socket.ReceiveAsync(answer.AsMemory(read), limit.Token);
                return Encoding.ASCII.GetString(answer);
            }));
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"connection {i}\n"), opened);
        }
        finally
        {
            foreach (var s in held) s.Dispose();
            await ssh.CloseForwardAsync(forward);
            stop.Cancel();
            listener.Stop();
            await Record.ExceptionAsync(() => echo);
        }
    }
}
