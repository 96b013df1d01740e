using Dssr.Engine.Connectors;

namespace Dssr.Engine.Clusters;

/// <summary>
/// The cached queue snapshot of one cluster: at most one query in flight, answers younger than the
/// max age are shared, and <see cref="Invalidate"/> (after a submit, terminate or release) makes the
/// next reader wait for a query that started after it. A failed query is not cached: its error goes
/// to every reader that waited for it, and the next reader asks again.
/// </summary>
public sealed class QueueCache
{
    private readonly Func<CancellationToken, Task<QueueSnapshot>> _query;
    private readonly TimeProvider _clock;
    private readonly Action<QueueSnapshot>? _onFresh;
    private readonly object _gate = new();
    private QueueSnapshot? _latest;
    private long _latestGeneration = -1;
    private Task<QueueSnapshot>? _inflight;
    private long _inflightGeneration;
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

    /// <summary>The newest snapshot taken, however old; null before the first one.</summary>
    public QueueSnapshot? Latest => Volatile.Read(ref _latest);

    /// <summary>How many queries reached the connector (for tests and the console).</summary>
    public long Queries => Interlocked.Read(ref _queries);
    private long _queries;

    public Task<QueueSnapshot> GetAsync(CancellationToken ct = default)
    {
        Task<QueueSnapshot> task;
        lock (_gate)
        {
            var latest = _latest;
            if (latest is not null && _latestGeneration == _generation && _clock.GetUtcNow() - latest.TakenAt < MaxAge)
                return Task.FromResult(latest);
            if (_inflight is null || _inflightGeneration != _generation)
            {
                _inflightGeneration = _generation;
                _inflight = RunAsync(_generation);
            }
            task = _inflight;
        }
        return ct.CanBeCanceled ? task.WaitAsync(ct) : task;
    }

    public void Invalidate()
    {
        lock (_gate) _generation++;
    }

    private async Task<QueueSnapshot> RunAsync(long generation)
    {
        await Task.Yield(); // never run the query under the lock
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
                    _latestGeneration = generation;
                }
            }
            _onFresh?.Invoke(snapshot);
            return snapshot;
        }
        finally
        {
            lock (_gate)
            {
                if (_inflightGeneration == generation) _inflight = null;
            }
        }
    }
}
