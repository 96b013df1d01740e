using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Renci.SshNet;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// SSH.NET in process: one connected client per cluster account, every command a channel on it, at most
/// <see cref="SshSettings.MaxSessions"/> at once (keep it at most the server's MaxSessions). No <c>ssh</c>
/// binary, no key file, no control socket. Host keys are always checked (<see cref="SshNetHostKeyVerifier"/>);
/// connecting is bounded by the connect timeout whatever the server does; a dropped connection is opened
/// again by the next command.
/// </summary>
internal sealed class SshNetTransport : ISshTransport
{
    private readonly SshSettings _settings;
    private readonly ILogger _log;
    private readonly SshNetHostKeyVerifier _verifier;
    private readonly IReadOnlyList<IPrivateKeySource> _keys;
    private readonly SshNetConnection _connection;
    private readonly SshNetForwards _forwards = new();
    private readonly SemaphoreSlim _sessions;
    private int _disposed;

    public SshNetTransport(SshSettings settings, ILogger? log = null)
    {
        SshArguments.Validate(settings);
        _settings = settings;
        _log = log ?? NullLogger.Instance;
        _verifier = new SshNetHostKeyVerifier(settings);
        // Read the key now: a key that cannot be read is a configuration error at start, not at the first command.
        _keys = settings.PrivateKey is { } key
            ? new[] { SshNetKeyLoader.Load(key, settings.PrivateKeyPassphrase) }
            : SshNetKeyLoader.UserKeys();
        _connection = new SshNetConnection(settings, _verifier, _keys, _log);
        _sessions = new SemaphoreSlim(Math.Max(1, settings.MaxSessions));
    }

    public string Destination => _settings.Destination;

    public SshSettings Settings => _settings;

    public SshTransportKind Kind => SshTransportKind.SshNet;

    public SshSessionInfo? Session => _connection.Session;

    /// <summary>How many times a connection was opened (reconnects included).</summary>
    public int ConnectionCount => _connection.OpenCount;

    public async Task ConnectAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _connection.GetAsync(ct).ConfigureAwait(false);
    }

    public async Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var (exit, elapsed) = await ExecuteAsync(command, stdout, stderr, stream: false, ct).ConfigureAwait(false);
        return new RemoteResult(exit.Code, stdout.ToArray(), stderr.ToArray(), elapsed) { ExitSignal = exit.Signal };
    }

    public async Task<RemoteResult> StreamAsync(RemoteCommand command, Stream stdout, Stream? stderr = null, CancellationToken ct = default)
    {
        var (exit, elapsed) = await ExecuteAsync(command, stdout, stderr ?? Stream.Null, stream: true, ct).ConfigureAwait(false);
        return new RemoteResult(exit.Code, [], [], elapsed) { ExitSignal = exit.Signal };
    }

    private async Task<(SshNetExit Exit, TimeSpan Elapsed)> ExecuteAsync(RemoteCommand command, Stream stdout, Stream stderr, bool stream, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (command.Argv.Count == 0) throw new ArgumentException("a remote command needs at least one word", nameof(command));
        var timeout = command.Timeout ?? _settings.CommandTimeout;
        var text = SshNetCommandText.Of(command, timeout, backstop: false);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await _sessions.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _log.LogDebug("ssh {Destination} {Command}", Destination, command.Display);
            for (var attempt = 0; ; attempt++)
            {
                var client = await ClientAsync(ct).ConfigureAwait(false);
                var runner = new SshNetCommandRunner(client, _settings.ConnectTimeout, why => _connection.Discard(client, why));
                try
                {
                    var exit = await runner.RunAsync(text, command.Stdin, stdout, stderr, stream, timeout, command.Display, Destination, ct).ConfigureAwait(false);
                    return (exit, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                }
                catch (SshNetChannelException e) when (attempt == 0)
                {
                    // The command never started: once more, on a connection opened anew.
                    _log.LogWarning("{Error}; trying `{Command}` once more", e.Message, command.Display);
                }
                catch (SshNetChannelException e)
                {
                    throw new RemoteConnectException(e.Message, e);
                }
            }
        }
        finally
        {
            _sessions.Release();
        }
    }

    private async Task<SshClient> ClientAsync(CancellationToken ct)
    {
        var client = await _connection.GetAsync(ct).ConfigureAwait(false);
        _forwards.Attach(client);
        return client;
    }

    public IReadOnlyList<string> ExpectedFingerprints() => _verifier.Expected();

    public Task<string?> PublicKeyAsync(CancellationToken ct = default) =>
        Task.FromResult(_settings.PrivateKey is null ? null : _keys.Select(SshNetKeyLoader.PublicKeyLine).FirstOrDefault(l => l is not null));

    public async Task<PortForward> ForwardAsync(string remoteHost, int remotePort, ForwardListen listen = ForwardListen.Loopback, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        var forward = _forwards.Open(client, remoteHost, remotePort, listen);
        _log.LogInformation("Forward {Local} -> {Host}:{Port} through {Destination}", forward.LocalEnd, remoteHost,
            remotePort.ToString(CultureInfo.InvariantCulture), Destination);
        return forward;
    }

    public Task CloseForwardAsync(PortForward forward)
    {
        _forwards.Close(forward);
        return Task.CompletedTask;
    }

    public IReadOnlyList<PortForward> Forwards => _forwards.List();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _forwards.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
