using Dssr.Engine.Connectors;

namespace Dssr.Engine.Clusters;

/// <summary>
/// The cached queue snapshot of one cluster: at most one query in flight, answers younger than the
/// max age are shared, and <see cref="Invalidate"/> (after a submit, terminate or release) makes the
/// next reader wait for a query that started after it.
/// Two queries never start closer together than <see cref="MinSpacing"/> (half the max age, at most 1 s): a burst
/// of invalidations (many submits) is answered by one query that starts when the spacing allows and
/// covers every invalidation before its start, and a failed query's error is shared with every reader
/// until the spacing has passed, so an outage does not turn each upstream poll into a query.
/// Together these bound a cluster's squeue calls at two per max-age window (of up to 2 s; one per second beyond)
/// whatever the traffic. Ages are measured on the monotonic clock: a wall clock set back an hour must not keep a
/// snapshot "fresh" for that hour (nor a jump forward make every answer stale).
/// </summary>
public sealed class QueueCache
{
    private readonly Func<CancellationToken, Task<QueueSnapshot>> _query;
    private readonly TimeProvider _clock;
    private readonly Action<QueueSnapshot>? _onFresh;
    private readonly object _gate = new();
    private QueueSnapshot? _latest;
    private long _latestStamp;
    private long _latestGeneration = -1;
    private Task<QueueSnapshot>? _inflight;
    private long _inflightGeneration;
    private bool _inflightStarted;
    private Task<QueueSnapshot>? _failed;
    private long? _lastStart;
    private long _generation;

    public QueueCache(Func<CancellationToken, Task<QueueSnapshot>> query, TimeSpan maxAge, TimeProvider clock,
        Action<QueueSnapshot>? onFresh = null)
    {
        _query = query;
        MaxAge = maxAge;
        _clock = clock;
        _onFresh = onFresh;
    }

    public TimeSpan MaxAge { get; }

    /// <summary>The least time between the starts of two queries: half the max age, at most a second (a long max age
    /// must not hold a submit's invalidation back for long).</summary>
    public TimeSpan MinSpacing => MaxAge / 2 < TimeSpan.FromSeconds(1) ? MaxAge / 2 : TimeSpan.FromSeconds(1);

    /// <summary>The newest snapshot taken, however old; null before the first one.</summary>
    public QueueSnapshot? Latest => Volatile.Read(ref _latest);

    /// <summary>How long ago the newest snapshot arrived, on the monotonic clock; null before the first one.</summary>
    public TimeSpan? LatestAge
    {
        get
        {
            lock (_gate) return _latest is null ? null : _clock.GetElapsedTime(_latestStamp);
        }
    }

    private TimeSpan SinceLastStart => _lastStart is { } at ? _clock.GetElapsedTime(at) : TimeSpan.MaxValue;

    /// <summary>How many queries reached the connector (for tests and the console).</summary>
    public long Queries => Interlocked.Read(ref _queries);
    private long _queries;

    public Task<QueueSnapshot> GetAsync(CancellationToken ct = default)
    {
        Task<QueueSnapshot> task;
        lock (_gate)
        {
            var latest = _latest;
            if (latest is not null && _latestGeneration == _generation && _clock.GetElapsedTime(_latestStamp) < MaxAge)
                return Task.FromResult(latest);
            if (_failed is not null && SinceLastStart < MinSpacing)
                task = _failed;
            // A query that has not started yet will cover every invalidation made before it starts.
            else if (_inflight is not null && (!_inflightStarted || _inflightGeneration == _generation))
                task = _inflight;
            else
            {
                _inflightStarted = false;
                _inflightGeneration = _generation;
                task = _inflight = RunAsync();
            }
        }
        return ct.CanBeCanceled ? task.WaitAsync(ct) : task;
    }

    public void Invalidate()
    {
        lock (_gate) _generation++;
    }

    private async Task<QueueSnapshot> RunAsync()
    {
        await Task.Yield(); // never run the query under the lock
        Task<QueueSnapshot>? self = null;
        long generation;
        TimeSpan wait;
        lock (_gate)
        {
            self = _inflight;
            wait = SinceLastStart >= MinSpacing ? TimeSpan.Zero : MinSpacing - SinceLastStart;
        }
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock).ConfigureAwait(false);
        lock (_gate)
        {
            generation = _inflightGeneration = _generation;
            _inflightStarted = true;
            _lastStart = _clock.GetTimestamp();
            _failed = null;
        }
        try
        {
            Interlocked.Increment(ref _queries);
            // The shared query is not tied to one reader's cancellation.
            var snapshot = await _query(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                if (_latest is null || generation >= _latestGeneration)
                {
                    _latest = snapshot;
                    _latestStamp = _clock.GetTimestamp();
                    _latestGeneration = generation;
                }
            }
            _onFresh?.Invoke(snapshot);
            return snapshot;
        }
        catch
        {
            lock (_gate) _failed = self;
            throw;
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_inflight, self)) _inflight = null;
            }
        }
    }
}
