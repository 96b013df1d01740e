using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dssr.Engine.Remote;
using Dssr.Engine.Remote.SshNet;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Remote;

/// <summary>
/// Connecting with SSH.NET ends within the connect timeout whatever the server does, against local
/// listeners that accept and then say nothing, or send a banner and then stall in the key exchange.
/// </summary>
public sealed class SshNetConnectBoundsTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1.5);
    // Bounds only real regressions on a loaded 2-core machine: the connect timeout plus one second.
    private static readonly TimeSpan Bound = ConnectTimeout + TimeSpan.FromSeconds(1);

    private static SshNetTransport Transport(int port, TempDirectory dir)
    {
        var key = Path.Combine(dir.Path, "id");
        using (var p = Process.Start("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key])!) p.WaitForExit();
        return new SshNetTransport(new SshSettings
        {
            Host = "127.0.0.1",
            Port = port,
            User = "nobody",
            PrivateKey = PrivateKeyMaterial.Parse(key),
            HostKeys = HostKeyPolicy.KnownHosts(Path.Combine(dir.Path, "known_hosts")),
            ConnectTimeout = ConnectTimeout,
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Five_callers_during_one_stalled_connect_all_fail_within_the_connect_timeout_on_one_attempt(bool banner)
    {
        using var dir = new TempDirectory();
        await using var server = new StallingServer(banner);
        await using var ssh = Transport(server.Port, dir);
        var clock = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 5).Select(async _ =>
        {
            var e = await Assert.ThrowsAsync<RemoteConnectException>(() => ssh.RunAsync(RemoteCommand.Of("true")));
            return (e, clock.Elapsed);
        }).ToList();
        var outcomes = await Task.WhenAll(calls);
        Assert.All(outcomes, o => Assert.True(o.Elapsed < Bound, $"a caller waited {o.Elapsed.TotalSeconds:0.00} s"));
        Assert.All(outcomes, o => Assert.Contains("does not answer", o.e.Message));
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task A_closed_port_fails_at_once_as_refused()
    {
        using var dir = new TempDirectory();
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var ssh = Transport(port, dir);
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<RemoteConnectException>(() => ssh.ConnectAsync());
        Assert.Contains("refused", e.Message);
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task A_caller_after_a_failed_attempt_gets_the_failure_at_once_during_the_backoff()
    {
        using var dir = new TempDirectory();
        await using var server = new StallingServer(banner: true);
        await using var ssh = Transport(server.Port, dir);
        await Assert.ThrowsAsync<RemoteConnectException>(() => ssh.ConnectAsync());
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<RemoteConnectException>(() => ssh.ConnectAsync());
        Assert.True(clock.Elapsed < ConnectTimeout, $"the second caller waited {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task A_caller_whose_token_fires_stops_waiting_while_the_attempt_goes_on()
    {
        using var dir = new TempDirectory();
        await using var server = new StallingServer(banner: false);
        await using var ssh = Transport(server.Port, dir);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ssh.RunAsync(RemoteCommand.Of("true"), cts.Token));
        Assert.True(clock.Elapsed < ConnectTimeout, $"the caller waited {clock.Elapsed.TotalSeconds:0.00} s");
    }

    /// <summary>Accepts connections on 127.0.0.1 and never completes a handshake: silent, or an SSH banner and then nothing.</summary>
    private sealed class StallingServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _accepted;

        public StallingServer(bool banner)
        {
            _listener.Start();
            _loop = AcceptAsync(banner);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref _accepted);

        private async Task AcceptAsync(bool banner)
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _accepted);
                    lock (_held) _held.Add(client);
                    if (banner) await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1 Stall\r\n"), _stop.Token);
                }
            }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _loop;
            lock (_held) foreach (var c in _held) c.Dispose();
        }
    }
}
