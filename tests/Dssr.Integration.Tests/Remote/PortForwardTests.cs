using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Dssr.Engine.Remote;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Remote;

/// <summary>Local forwards through the bed's sshd to a loopback HTTP server, on both transports and both local ends.</summary>
public sealed class PortForwardTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private Process _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_root.Path, "hello.txt"), "hello through the tunnel\n");
        _port = ClosedPort.Find();
        _server = Process.Start(new ProcessStartInfo("python3", ["-m", "http.server", "--bind", "127.0.0.1", "--directory", _root.Path, $"{_port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }
        }
    }

    public Task DisposeAsync()
    {
        _server.Kill();
        _server.Dispose();
        _root.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<SshTransportKind, ForwardListen> Cases => new()
    {
        { SshTransportKind.SshNet, ForwardListen.Loopback },
        { SshTransportKind.SshNet, ForwardListen.UnixSocket },
        { SshTransportKind.OpenSsh, ForwardListen.Loopback },
        { SshTransportKind.OpenSsh, ForwardListen.UnixSocket },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_forward_reaches_the_server_is_listed_and_closes(SshTransportKind kind, ForwardListen listen)
    {
        await using var ssh = Transports.Open(kind);
        var forward = await ssh.ForwardAsync("127.0.0.1", _port, listen);
        Assert.Contains(forward, ssh.Forwards);

        using var http = Client(forward);
        for (var i = 0; i < 3; i++)
            Assert.Equal("hello through the tunnel\n", await http.GetStringAsync("http://tunnel/hello.txt"));
        if (forward.UnixSocket is { } socket)
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));

        await ssh.CloseForwardAsync(forward);
        Assert.DoesNotContain(forward, ssh.Forwards);
        using var after = Client(forward);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => after.GetStringAsync("http://tunnel/hello.txt"));
    }

    /// <summary>
    /// Interactive traffic (a terminal, a notebook's websocket) is many small writes each way. A hop that left
    /// Nagle's algorithm on would hold a reply's second small write until the first is acknowledged, and the
    /// reader delays that acknowledgement by about 40 ms: every exchange would take 40 ms instead of a few.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Small_exchanges_through_a_forward_are_not_held_by_delayed_acknowledgements(SshTransportKind kind, ForwardListen listen)
    {
        using var echo = new TwoWriteEchoServer();
        await using var ssh = Transports.Open(kind);
        var forward = await ssh.ForwardAsync("127.0.0.1", echo.Port, listen);

        using var socket = await ConnectAsync(forward, CancellationToken.None);
        var times = new List<double>();
        var reply = new byte[64];
        for (var i = 0; i < 60; i++)
        {
            var clock = Stopwatch.StartNew();
            await socket.SendAsync("ping\n"u8.ToArray());
            var got = 0;
            while (got < 5)
            {
                var n = await socket.ReceiveAsync(reply.AsMemory(got));
                Assert.True(n > 0, "the forward closed the connection");
                got += n;
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal("pong\n", System.Text.Encoding.ASCII.GetString(reply, 0, got));
        }
        await ssh.CloseForwardAsync(forward);

        times.Sort();
        var median = times[times.Count / 2];
        Assert.True(median < 20, $"{kind}/{listen}: median exchange {median:0.0} ms (slowest {times[^1]:0.0} ms); a stalled hop takes about 40");
    }

    /// <summary>Answers each "ping\n" with "po" and "ng\n" as two separate writes, from a socket with TCP_NODELAY.</summary>
    private sealed class TwoWriteEchoServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public TwoWriteEchoServer()
        {
            _listener.Start();
            _ = ServeAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    socket.NoDelay = true;
                    _ = AnswerAsync(socket);
                }
            }
            catch (OperationCanceledException) { }
            catch (SocketException) { }
        }

        private async Task AnswerAsync(Socket socket)
        {
            using var _ = socket;
            var buffer = new byte[64];
            var pending = 0;
            try
            {
                while (true)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(pending), _stop.Token);
                    if (n == 0) return;
                    pending += n;
                    for (var end = Array.IndexOf(buffer, (byte)'\n', 0, pending); end >= 0; end = Array.IndexOf(buffer, (byte)'\n', 0, pending))
                    {
                        await socket.SendAsync("po"u8.ToArray(), _stop.Token);
                        await socket.SendAsync("ng\n"u8.ToArray(), _stop.Token);
                        Array.Copy(buffer, end + 1, buffer, 0, pending - end - 1);
                        pending -= end + 1;
                    }
                }
            }
            catch (OperationCanceledException) { }
            catch (SocketException) { }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }

    private static async Task<Socket> ConnectAsync(PortForward forward, CancellationToken ct)
    {
        Socket socket;
        if (forward.UnixSocket is { } path)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
        }
        else
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(forward.Loopback!, ct);
        }
        return socket;
    }

    /// <summary>An HTTP client whose every connection goes to the forward's local end, with TCP_NODELAY.</summary>
    private static HttpClient Client(PortForward forward) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectCallback = async (_, ct) => new NetworkStream(await ConnectAsync(forward, ct), ownsSocket: true),
    })
    { Timeout = TimeSpan.FromSeconds(20) };
}
