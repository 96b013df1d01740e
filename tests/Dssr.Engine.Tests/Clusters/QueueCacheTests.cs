using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Clusters;

public class QueueCacheTests
{
    private sealed class SlowQuery
    {
        public int Calls;
        public TaskCompletionSource<QueueSnapshot> Next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ManualClock Clock { get; } = new();

        public Task<QueueSnapshot> Run(CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            return Next.Task;
        }

        public QueueSnapshot Snapshot() => new(Clock.GetUtcNow(), []);
    }

    [Fact]
    public async Task Concurrent_readers_share_one_query_in_flight()
    {
        var q = new SlowQuery();
        var cache = new QueueCache(q.Run, TimeSpan.FromSeconds(2), q.Clock);
        var readers = Enumerable.Range(0, 50).Select(_ => cache.GetAsync()).ToList();
        q.Next.SetResult(q.Snapshot());
        var results = await Task.WhenAll(readers);
        Assert.Equal(1, q.Calls);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task A_snapshot_is_reused_until_it_is_older_than_the_max_age()
    {
        var q = new SlowQuery();
        var cache = new QueueCache(q.Run, TimeSpan.FromSeconds(2), q.Clock);
        q.Next.SetResult(q.Snapshot());
        await cache.GetAsync();
        q.Clock.AdvanceSeconds(1.9);
        await cache.GetAsync();
        Assert.Equal(1, q.Calls);
        q.Clock.AdvanceSeconds(0.2);
        q.Next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        q.Next.SetResult(q.Snapshot());
        await cache.GetAsync();
        Assert.Equal(2, q.Calls);
    }

    [Fact]
    public async Task Invalidate_makes_the_next_reader_wait_for_a_query_that_started_after_it()
    {
        var clock = new ManualClock();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        async Task<QueueSnapshot> Query(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref calls);
            if (n == 1) await gate.Task; // the first query is still running when the submit lands
            return new QueueSnapshot(clock.GetUtcNow(), []);
        }
        var cache = new QueueCache(Query, TimeSpan.FromMinutes(1), clock);
        var before = cache.GetAsync();
        cache.Invalidate();
        var after = cache.GetAsync();
        var fresh = await after;       // answered by a second query without waiting for the first
        gate.SetResult();
        var stale = await before;
        Assert.NotSame(stale, fresh);
        Assert.Equal(2, calls);
        Assert.Same(fresh, await cache.GetAsync()); // the older result does not replace the newer one
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_failed_query_reaches_its_readers_and_is_not_cached()
    {
        var q = new SlowQuery();
        var cache = new QueueCache(q.Run, TimeSpan.FromMinutes(1), q.Clock);
        q.Next.SetException(new ConnectorException("squeue failed"));
        await Assert.ThrowsAsync<ConnectorException>(() => cache.GetAsync());
        q.Next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        q.Next.SetResult(q.Snapshot());
        await cache.GetAsync();
        Assert.Equal(2, q.Calls);
    }
}
