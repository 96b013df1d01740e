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
