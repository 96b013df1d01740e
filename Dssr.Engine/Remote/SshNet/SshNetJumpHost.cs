using Microsoft.Extensions.Logging;
using Renci.SshNet;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// ProxyJump for SSH.NET: a first client to the jump host (its host key checked under its own name), with a
/// local forward on 127.0.0.1 to the login node's sshd; the login node's client then connects through it and
/// checks the login node's host key under the login node's name, never the tunnel's.
/// </summary>
internal sealed class SshNetJumpHost : IDisposable
{
    private readonly SshClient _client;
    private readonly ForwardedPortLocal _port;

    private SshNetJumpHost(SshClient client, ForwardedPortLocal port)
    {
        _client = client;
        _port = port;
    }

    public int LocalPort => (int)_port.BoundPort;

    public static async Task<SshNetJumpHost> OpenAsync(SshSettings target, IReadOnlyList<IPrivateKeySource> keys, ILogger log)
    {
        var jump = target.Jump!;
        // The jump host is checked with the same known_hosts; a pin names the login node's key, not the jump host's.
        var policy = target.HostKeys.Mode == HostKeyMode.Pinned ? HostKeyPolicy.UserKnownHosts : target.HostKeys;
        var verifier = new SshNetHostKeyVerifier(target with { Host = jump.Host, Port = jump.Port, User = jump.User, HostKeys = policy });
        var info = new ConnectionInfo(jump.Host, jump.Port, jump.User, new PrivateKeyAuthenticationMethod(jump.User, keys.ToArray()))
        {
            Timeout = target.ConnectTimeout,
        };
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(15) };
        client.HostKeyReceived += verifier.Verify;
        try
        {
            await Task.Factory.StartNew(client.Connect, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .WaitAsync(target.ConnectTimeout).ConfigureAwait(false);
            var port = new ForwardedPortLocal("127.0.0.1", 0, target.Host, (uint)target.Port);
            client.AddForwardedPort(port);
            port.Start();
            log.LogInformation("SSH jump host {User}@{Host}:{Port} open, forwarding to {Target}", jump.User, jump.Host, jump.Port, target.Destination);
            return new SshNetJumpHost(client, port);
        }
        catch (Exception) when (verifier.Refused)
        {
            client.Dispose();
            throw verifier.Mismatch();
        }
        catch (Exception e)
        {
            client.Dispose();
            throw new RemoteConnectException($"cannot reach {target.Destination} through the jump host {jump.User}@{jump.Host}:{jump.Port}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        try { _port.Stop(); } catch (Exception) { /* the client is gone already */ }
        _client.Dispose();
    }
}
