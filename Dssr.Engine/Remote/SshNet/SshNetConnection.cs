using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// The one connected <see cref="SshClient"/> of a cluster account. A caller that finds it missing or
/// dropped starts a connection attempt; callers that arrive meanwhile share that attempt, each waiting
/// no longer than its own token allows. Every attempt ends within the connect timeout, whatever the
/// server does (refuses, stays silent, stalls after its banner). After a failed attempt the next one waits
/// a growing backoff; callers in that window get the failure at once instead of a new attempt each.
/// </summary>
internal sealed class SshNetConnection : IAsyncDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
    private readonly SshSettings _settings;
    private readonly SshNetHostKeyVerifier _verifier;
    private readonly IReadOnlyList<IPrivateKeySource> _keys;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private SshClient? _client;
    private Task<SshClient>? _connecting;
    private Func<RemoteException>? _failure;
    private long _retryAt;
    private TimeSpan _backoff;
    private bool _disposed;

    public SshNetConnection(SshSettings settings, SshNetHostKeyVerifier verifier, IReadOnlyList<IPrivateKeySource> keys, ILogger log)
    {
        _settings = settings;
        _verifier = verifier;
        _keys = keys;
        _log = log;
    }

    /// <summary>How many connections were opened (reconnects included).</summary>
    public int OpenCount { get; private set; }

    public SshSessionInfo? Session { get; private set; }

    /// <summary>The connected client; connects (or joins the attempt in flight) when there is none.</summary>
    public async Task<SshClient> GetAsync(CancellationToken ct)
    {
        Task<SshClient> pending;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is { IsConnected: true } connected) return connected;
            if (_connecting is null)
            {
                if (_failure is not null && Stopwatch.GetTimestamp() < _retryAt) throw _failure();
                if (_client is not null)
                {
                    _log.LogWarning("SSH connection to {Destination} was lost; connecting again", _settings.Destination);
                    Retire(_client);
                    _client = null;
                }
                _connecting = Task.Run(ConnectAsync, CancellationToken.None);
            }
            pending = _connecting;
        }
        try
        {
            return await pending.WaitAsync(_settings.ConnectTimeout + Grace + Grace, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw NoAnswer();
        }
    }

    /// <summary>Drops <paramref name="client"/> if it is still the current one (a hung or broken connection): the next caller connects anew.</summary>
    public void Discard(SshClient client, string why)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_client, client)) return;
            _client = null;
        }
        _log.LogWarning("SSH connection to {Destination} dropped: {Why}", _settings.Destination, why);
        Retire(client);
    }

    private async Task<SshClient> ConnectAsync()
    {
        var clock = Stopwatch.StartNew();
        var client = NewClient();
        try
        {
            using var limit = new CancellationTokenSource(_settings.ConnectTimeout);
            // The token is honoured only until the banner, and ConnectionInfo.Timeout per step: the watchdog bounds the whole.
            await Task.Run(() => client.ConnectAsync(limit.Token), CancellationToken.None)
                .WaitAsync(_settings.ConnectTimeout + Grace).ConfigureAwait(false);
            var info = client.ConnectionInfo;
            var session = new SshSessionInfo(SshTransportKind.SshNet, _verifier.Seen, info.CurrentHostKeyAlgorithm, info.CurrentKeyExchangeAlgorithm,
                info.CurrentServerEncryption, info.CurrentServerHmacAlgorithm ?? "implicit", info.ServerVersion);
            lock (_gate)
            {
                _connecting = null;
                _failure = null;
                _backoff = TimeSpan.Zero;
                if (_disposed)
                {
                    Retire(client);
                    throw new ObjectDisposedException(nameof(SshNetConnection));
                }
                _client = client;
                OpenCount++;
                Session = session;
            }
            _log.LogInformation("SSH connection to {Destination} open (SSH.NET, {Algorithms}, host key {Fingerprint}, {Ms} ms)",
                _settings.Destination, session.Algorithms, session.HostKeyFingerprint, clock.ElapsedMilliseconds);
            return client;
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            Retire(client);
            var failure = Translate(e);
            lock (_gate)
            {
                _connecting = null;
                _backoff = _backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
                _retryAt = Stopwatch.GetTimestamp() + (long)(_backoff.TotalSeconds * Stopwatch.Frequency);
                _failure = failure;
            }
            throw failure();
        }
    }

    private SshClient NewClient()
    {
        var info = new ConnectionInfo(_settings.Host, _settings.Port, _settings.User,
            new PrivateKeyAuthenticationMethod(_settings.User, _keys.ToArray()))
        {
            Timeout = _settings.ConnectTimeout,
            // Above the server's MaxSessions, channel opens fail outright instead of waiting.
            MaxSessions = Math.Max(1, _settings.MaxSessions),
        };
        PreferKnownKeyTypes(info);
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(15) };
        client.HostKeyReceived += _verifier.Verify;
        client.ErrorOccurred += (_, e) => _log.LogDebug("SSH connection to {Destination}: {Error}", _settings.Destination, e.Exception.Message);
        return client;
    }

    /// <summary>Asks for the host key types known_hosts holds for the host, as OpenSSH does; all when none are known.</summary>
    private void PreferKnownKeyTypes(ConnectionInfo info)
    {
        var known = _verifier.KnownKeyTypes();
        if (known.Count == 0) return;
        var keep = info.HostKeyAlgorithms.Keys.Where(a => known.Contains(KeyTypeOf(a))).ToHashSet();
        if (keep.Count == 0) return;
        foreach (var name in info.HostKeyAlgorithms.Keys.Where(a => !keep.Contains(a)).ToList()) info.HostKeyAlgorithms.Remove(name);
    }

    private static string KeyTypeOf(string algorithm) => algorithm switch
    {
        "rsa-sha2-256" or "rsa-sha2-512" or "ssh-rsa" => "ssh-rsa",
        _ => algorithm,
    };

    private Func<RemoteException> Translate(Exception e)
    {
        var destination = _settings.Destination;
        if (_verifier.Refused) return _verifier.Mismatch;
        return e switch
        {
            SshAuthenticationException auth => () => new RemoteAuthenticationException(_settings.User, _settings.Host, _settings.Port,
                $"the server refused the key ({auth.Message})"),
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => () =>
                new RemoteConnectException($"cannot open an SSH session to {destination}: connection refused"),
            SocketException s => () => new RemoteConnectException($"cannot open an SSH session to {destination}: {s.Message}"),
            TimeoutException or SshOperationTimeoutException or OperationCanceledException => NoAnswer,
            _ => () => new RemoteConnectException($"cannot open an SSH session to {destination}: {e.Message}"),
        };
    }

    private RemoteConnectException NoAnswer() => new(
        $"no SSH session to {_settings.Destination} within {_settings.ConnectTimeout.TotalSeconds:0.#} s: the host does not answer; check the address, port and firewall");

    /// <summary>Disposes a client off the caller's path: a hung server must not hold anyone up.</summary>
    private static void Retire(SshClient client) => _ = Task.Run(() =>
    {
        try { client.Dispose(); }
        catch (Exception) { /* a broken connection may complain while closing; it is gone either way */ }
    });

    public async ValueTask DisposeAsync()
    {
        SshClient? client;
        Task<SshClient>? connecting;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            client = _client;
            connecting = _connecting;
            _client = null;
        }
        if (client is not null)
        {
            // Disconnect says goodbye to the server; bounded, since a hung server would never answer.
            var closing = Task.Run(() =>
            {
                try { client.Disconnect(); } catch (Exception) { /* already broken */ }
                client.Dispose();
            });
            try { await closing.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); }
            catch (TimeoutException) { _log.LogWarning("SSH connection to {Destination} did not close within 2 s; left behind", _settings.Destination); }
        }
        if (connecting is not null)
        {
            try { await connecting.WaitAsync(_settings.ConnectTimeout + Grace).ConfigureAwait(false); }
            catch (Exception) { /* its failure was reported to its callers */ }
        }
    }
}
