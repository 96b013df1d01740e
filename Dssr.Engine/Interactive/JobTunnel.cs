using System.Net;
using System.Net.Sockets;
using Dssr.Engine.Remote;

namespace Dssr.Engine.Interactive;

/// <summary>
/// One running interactive job's tunnel: a forward through its cluster's SSH connection (a Unix socket in a 0700
/// folder, or a 127.0.0.1 listener) to the job's service, or the service itself when it is local. The job proxy
/// opens its connections here; what the console shows is read here too (state, bytes, open connections).
/// </summary>
public sealed class JobTunnel : IAsyncDisposable
{
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly HashSet<CountedStream> _live = [];
    private HttpMessageInvoker? _invoker;
    private long _toJob, _fromJob, _lastUsedTicks;

    internal JobTunnel(string cluster, long number, string jobId, JobSecrets secrets, JobEndpoint endpoint, PortForward? forward, TimeProvider clock)
    {
        Cluster = cluster;
        Number = number;
        JobId = jobId;
        Secrets = secrets;
        Endpoint = endpoint;
        Forward = forward;
        _clock = clock;
        OpenedAt = clock.GetUtcNow();
        _lastUsedTicks = OpenedAt.UtcTicks;
    }

    public string Cluster { get; }
    public long Number { get; }
    public string JobId { get; }
    internal JobSecrets Secrets { get; }

    /// <summary>The value of the proxy's access cookie: the job's token.</summary>
    internal string Token() => Secrets.Token;
    public JobEndpoint Endpoint { get; }
    /// <summary>The forward's local end; null when the service is reached directly.</summary>
    public PortForward? Forward { get; }
    public TunnelState State { get; private set; } = TunnelState.Open;
    /// <summary>The job's public URL, as <c>info</c> answers it.</summary>
    public string Url { get; internal set; } = "";
    /// <summary>Why it closed (job ended, terminated, idle, connection lost, ...); null while open.</summary>
    public string? ClosedBecause { get; private set; }
    public DateTimeOffset OpenedAt { get; }
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);
    public long BytesToJob => Interlocked.Read(ref _toJob);
    public long BytesFromJob => Interlocked.Read(ref _fromJob);

    public int OpenConnections
    {
        get { lock (_gate) return _live.Count; }
    }

    /// <summary>Where this side connects: the socket path, the loopback listener, or the service itself.</summary>
    public string LocalEnd => Forward?.LocalEnd ?? $"{Endpoint.Host}:{Endpoint.Port}";

    public override string ToString() =>
        $"job {Number} ({JobId}) {State} {Url}: {LocalEnd} -> {Endpoint.Host}:{Endpoint.Port}, {OpenConnections} open, {BytesToJob} B in, {BytesFromJob} B out";

    /// <summary>A new connection to the job's service, counted; refused once the tunnel is closed.</summary>
    public async ValueTask<Stream> ConnectAsync(CancellationToken ct)
    {
        var raw = await ConnectRawAsync(ct).ConfigureAwait(false);
        var counted = new CountedStream(raw, this);
        lock (_gate)
        {
            if (State != TunnelState.Open)
            {
                raw.Dispose();
                throw new IOException($"the tunnel of job {Number} is closed ({ClosedBecause})");
            }
            _live.Add(counted);
        }
        Touch();
        return counted;
    }

    internal async ValueTask<Stream> ConnectRawAsync(CancellationToken ct)
    {
        if (State != TunnelState.Open) throw new IOException($"the tunnel of job {Number} is closed ({ClosedBecause})");
        Socket socket;
        EndPoint target;
        if (Forward?.UnixSocket is { } path)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            target = new UnixDomainSocketEndPoint(path);
        }
        else
        {
            // Every TCP hop Dssr owns sends small writes at once: a delayed ACK would stall each request by 40 ms.
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            target = (EndPoint?)Forward?.Loopback ?? (IPAddress.TryParse(Endpoint.Host, out var ip) ? new IPEndPoint(ip, Endpoint.Port) : new DnsEndPoint(Endpoint.Host, Endpoint.Port));
        }
        try
        {
            await socket.ConnectAsync(target, ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>The client the proxy forwards with: every connection it opens is one through this tunnel.</summary>
    internal HttpMessageInvoker Invoker
    {
        get
        {
            lock (_gate)
                return _invoker ??= new HttpMessageInvoker(new SocketsHttpHandler
                {
                    UseProxy = false,
                    AllowAutoRedirect = false,
                    AutomaticDecompression = DecompressionMethods.None,
                    UseCookies = false,
                    ActivityHeadersPropagator = null,
                    ConnectTimeout = TimeSpan.FromSeconds(15),
                    PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
                    ConnectCallback = (_, ct) => ConnectAsync(ct),
                });
        }
    }

    internal void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _clock.GetUtcNow().UtcTicks);

    internal int CountFromJob(int n)
    {
        if (n > 0) Interlocked.Add(ref _fromJob, n);
        return n;
    }

    internal void CountToJob(int n) => Interlocked.Add(ref _toJob, n);

    internal void Left(CountedStream stream)
    {
        lock (_gate) _live.Remove(stream);
        Touch();
    }

    /// <summary>Idle: no open connection and none for <paramref name="ttl"/>.</summary>
    internal bool IsIdle(TimeSpan ttl) => OpenConnections == 0 && _clock.GetUtcNow() - LastUsed >= ttl;

    /// <summary>Stops the forward (its listener or socket goes) and closes every proxied connection.</summary>
    internal async Task CloseAsync(string because)
    {
        List<CountedStream> live;
        HttpMessageInvoker? invoker;
        lock (_gate)
        {
            if (State == TunnelState.Closed) return;
            State = TunnelState.Closed;
            ClosedBecause = because;
            live = [.. _live];
            _live.Clear();
            invoker = _invoker;
            _invoker = null;
        }
        invoker?.Dispose();
        foreach (var s in live) await s.DisposeAsync().ConfigureAwait(false);
        if (Forward is not null && Endpoint.Via is { } via)
        {
            try { await via.CloseForwardAsync(Forward).ConfigureAwait(false); }
            catch (Exception) { /* the connection under it is gone already */ }
            // A forward that ssh cancelled leaves its socket file; nothing must stay behind.
            if (Forward.UnixSocket is { } path) File.Delete(path);
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync("service stopping").ConfigureAwait(false);
}
