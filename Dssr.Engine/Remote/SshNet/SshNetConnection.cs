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
    private SshNetJumpHost? _jump;
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
                    Retire(_client, _jump);
                    _client = null;
                    _jump = null;
                }
                _connecting = Task.Run(ConnectAsync, CancellationToken.None);
            }
            pending = _connecting;
        }
        try
        {
            var budget = _settings.Jump is null ? _settings.ConnectTimeout : _settings.ConnectTimeout * 2;
            return await pending.WaitAsync(budget + Grace + Grace, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw NoAnswer();
        }
    }

    /// <summary>Drops <paramref name="client"/> if it is still the current one (a hung or broken connection): the next caller connects anew.</summary>
    public void Discard(SshClient client, string why)
    {
        SshNetJumpHost? jump;
        lock (_gate)
        {
            if (!ReferenceEquals(_client, client)) return;
            _client = null;
            jump = _jump;
            _jump = null;
        }
        _log.LogWarning("SSH connection to {Destination} dropped: {Why}", _settings.Destination, why);
        Retire(client, jump);
    }

    private async Task<SshClient> ConnectAsync()
    {
        var clock = Stopwatch.StartNew();
        _verifier.Reset();
        SshNetJumpHost? jump = null;
        SshClient? client = null;
        try
        {
            if (_settings.Jump is not null) jump = await SshNetJumpHost.OpenAsync(_settings, _keys, _log).ConfigureAwait(false);
            client = NewClient(jump);
            // Connect blocks its thread for up to ConnectionInfo.Timeout per step (a silent host, a stall after the banner):
            // a thread of its own, so a hung server cannot starve the thread pool the HTTP answers need; the watchdog bounds the whole.
            await Task.Factory.StartNew(client.Connect, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
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
                    Retire(client, jump);
                    throw new ObjectDisposedException(nameof(SshNetConnection));
                }
                _client = client;
                _jump = jump;
                OpenCount++;
                Session = session;
            }
            _log.LogInformation("SSH connection to {Destination} open (SSH.NET, {Algorithms}, host key {Fingerprint}, {Ms} ms)",
                _settings.Destination, session.Algorithms, session.HostKeyFingerprint, clock.ElapsedMilliseconds);
            return client;
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            if (client is not null) Retire(client, jump);
            else jump?.Dispose();
            var failure = e is RemoteException known ? () => Rethrown(known) : Translate(e);
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

    /// <summary>A jump host's failure, already in the service's terms, given anew to each caller.</summary>
    private RemoteException Rethrown(RemoteException e) => e switch
    {
        HostKeyMismatchException m when _settings.Jump is { } jump => new HostKeyMismatchException(jump.Host, jump.Port, m.Expected, m.Actual),
        _ => new RemoteConnectException(e.Message, e),
    };

    private SshClient NewClient(SshNetJumpHost? jump)
    {
        // Through a jump host the client dials the tunnel; the host key is still checked under the login node's name.
        var info = new ConnectionInfo(jump is null ? _settings.Host : "127.0.0.1", jump?.LocalPort ?? _settings.Port, _settings.User,
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
    private static void Retire(SshClient client, SshNetJumpHost? jump = null) => _ = Task.Run(() =>
    {
        try { client.Dispose(); }
        catch (Exception) { /* a broken connection may complain while closing; it is gone either way */ }
        try { jump?.Dispose(); }
        catch (Exception) { /* same */ }
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
            _jump?.Dispose();
            _jump = null;
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
        // A connection attempt in flight is not waited for: a silent host would hold shutdown for the whole connect
        // timeout. The attempt sees the connection disposed when it ends and retires its client itself.
        connecting?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
