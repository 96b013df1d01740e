using System.Collections.Concurrent;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Interactive;

/// <summary>
/// A cluster's interactive-job tunnels, made lazily (on <c>info</c>, <c>connect</c> or the first proxied request)
/// and closed when the job leaves the queue, is terminated, its exit status is asked, after the idle TTL, or when a
/// request through it fails (the connection under it dropped); the next request makes it again.
/// </summary>
public sealed class JobTunnels : IAsyncDisposable
{
    /// <summary>How long a probe of a job's service may take.</summary>
    public static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(5);

    private readonly string _cluster;
    private readonly IInteractiveConnector _connector;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, JobTunnel> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _opening = new(StringComparer.Ordinal);
    /// <summary>Jobs terminated or collected here: Slurm may list them a while longer (completing), but they serve nothing.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);
    private readonly ITimer _idleSweep;
    private Func<string> _listenUrl = () => "http://127.0.0.1:5000";

    public JobTunnels(string cluster, IInteractiveConnector connector, TimeProvider clock, ILogger log)
    {
        _cluster = cluster;
        _connector = connector;
        _clock = clock;
        _log = log;
        var every = TimeSpan.FromTicks(Math.Clamp(Settings.IdleTtl.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(30).Ticks));
        _idleSweep = clock.CreateTimer(_ => _ = CloseIdleAsync(), null, every, every);
    }

    public InteractiveSettings Settings => _connector.Interactive;

    /// <summary>Where jobs are published: JARVICE_JOBS_DOMAIN, else path-based on the listener the proxy serves on.</summary>
    public JobsDomain Domain => Settings.Domain ?? JobsDomain.OnListener(_listenUrl());

    /// <summary>The listener's URL once bound (a port 0 becomes the real port).</summary>
    public void UseListener(Func<string> listenUrl) => _listenUrl = listenUrl;

    /// <summary>The tunnels open now.</summary>
    public IReadOnlyList<JobTunnel> All => _open.Values.OrderBy(t => t.Number).ToList();

    public JobTunnel? Find(string jobId) => _open.TryGetValue(jobId, out var t) ? t : null;

    /// <summary>True once the job was terminated or its exit status asked: no tunnel is made for it again.</summary>
    public bool HasEnded(string jobId) => _ended.ContainsKey(jobId);

    /// <summary>Closes the job's tunnel for good (terminate, exit status).</summary>
    public Task EndAsync(string jobId, string because)
    {
        _ended[jobId] = _clock.GetUtcNow();
        foreach (var old in _ended.Where(e => _clock.GetUtcNow() - e.Value > TimeSpan.FromDays(1)).Select(e => e.Key).ToList())
            _ended.TryRemove(old, out _);
        return CloseAsync(jobId, because);
    }

    /// <summary>The job's tunnel, made and probed if there is none; <paramref name="job"/> carries its secrets.</summary>
    public async Task<TunnelOutcome> OpenAsync(JobRef job, CancellationToken ct)
    {
        if (job.Secrets is null) throw new InvalidOperationException($"job {job.JobId} is not an interactive job");
        if (Find(job.JobId) is { State: TunnelState.Open } known) return TunnelOutcome.Ready(known);
        var gate = _opening.GetOrAdd(job.JobId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Find(job.JobId) is { State: TunnelState.Open } made) return TunnelOutcome.Ready(made);
            if (HasEnded(job.JobId)) return TunnelOutcome.Wait($"job {job.Number} has ended");
            var endpoint = await _connector.LocateServiceAsync(job, ct).ConfigureAwait(false);
            if (endpoint is null) return TunnelOutcome.Wait($"job {job.Number} is starting: its service has not published its port yet");
            PortForward? forward = null;
            if (endpoint.Via is { } via)
                forward = await via.ForwardAsync(endpoint.Host, endpoint.Port, ForwardListen.UnixSocket, ct).ConfigureAwait(false);
            var tunnel = new JobTunnel(_cluster, job.Number, job.JobId, job.Secrets, endpoint, forward, _clock);
            if (!await ServiceProbe.AnswersAsync(tunnel, ProbeLimit, ct).ConfigureAwait(false))
            {
                await tunnel.CloseAsync("not answering yet").ConfigureAwait(false);
                return TunnelOutcome.Wait($"job {job.Number} is starting: its service on {endpoint.Host}:{endpoint.Port} does not answer yet");
            }
            tunnel.Url = UrlTemplates.Substitute(UrlTemplates.Resolve(endpoint.UrlTemplate, Settings.UrlTemplate), Domain, job.Number, job.Name, job.Secrets);
            _open[job.JobId] = tunnel;
            _log.LogInformation("Tunnel of job {Number} ({JobId}) open: {Local} -> {Host}:{Port}", job.Number, job.JobId,
                tunnel.LocalEnd, endpoint.Host, endpoint.Port);
            return TunnelOutcome.Ready(tunnel);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes a job's tunnel (its listener or socket goes, proxied connections are closed); nothing if it has none.</summary>
    public async Task CloseAsync(string jobId, string because)
    {
        if (!_open.TryRemove(jobId, out var tunnel)) return;
        await tunnel.CloseAsync(because).ConfigureAwait(false);
        _log.LogInformation("Tunnel of job {Number} ({JobId}) closed: {Reason}", tunnel.Number, jobId, because);
    }

    /// <summary>Closes the tunnels of jobs that are not running any more (a queue pass no longer shows them running).</summary>
    public async Task KeepOnlyAsync(IReadOnlySet<string> runningJobIds)
    {
        foreach (var jobId in _open.Keys.Where(id => !runningJobIds.Contains(id)).ToList())
            await CloseAsync(jobId, "the job is no longer running").ConfigureAwait(false);
    }

    private async Task CloseIdleAsync()
    {
        try
        {
            foreach (var t in _open.Values.Where(t => t.IsIdle(Settings.IdleTtl)).ToList())
                await CloseAsync(t.JobId, "idle").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.LogWarning("Idle tunnel sweep failed: {Error}", e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _idleSweep.DisposeAsync().ConfigureAwait(false);
        foreach (var id in _open.Keys.ToList()) await CloseAsync(id, "service stopping").ConfigureAwait(false);
    }
}
