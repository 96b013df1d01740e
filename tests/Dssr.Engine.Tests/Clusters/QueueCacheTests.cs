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
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref calls) == 1, 10_000));
        clock.Advance(cache.MinSpacing); // the spacing between two queries' starts has passed
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
    public async Task A_failed_querys_error_is_shared_until_the_spacing_has_passed_then_the_next_reader_asks_again()
    {
        var q = new SlowQuery();
        var cache = new QueueCache(q.Run, TimeSpan.FromMinutes(1), q.Clock);
        q.Next.SetException(new ConnectorException("squeue failed"));
        await Assert.ThrowsAsync<ConnectorException>(() => cache.GetAsync());
        q.Clock.Advance(cache.MinSpacing - TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<ConnectorException>(() => cache.GetAsync());
        Assert.Equal(1, q.Calls);
        q.Clock.Advance(TimeSpan.FromMilliseconds(1));
        q.Next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        q.Next.SetResult(q.Snapshot());
        await cache.GetAsync();
        Assert.Equal(2, q.Calls);
    }

    [Fact]
    public async Task A_burst_of_invalidations_is_answered_by_one_query_that_starts_after_the_spacing_and_covers_them_all()
    {
        var calls = 0;
        Task<QueueSnapshot> Query(CancellationToken ct)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(new QueueSnapshot(DateTimeOffset.UtcNow, []));
        }
        // A real 1 s spacing: the waiting query runs on the system clock's timer.
        var cache = new QueueCache(Query, TimeSpan.FromSeconds(2), TimeProvider.System);
        var first = await cache.GetAsync();
        var readers = new List<Task<QueueSnapshot>>();
        for (var i = 0; i < 20; i++)
        {
            cache.Invalidate(); // a submit landed
            readers.Add(cache.GetAsync());
        }
        Assert.Equal(1, Volatile.Read(ref calls)); // nobody asked yet: the spacing holds the next query back
        var answers = await Task.WhenAll(readers);
        Assert.Equal(2, calls);
        Assert.All(answers, a => Assert.Same(answers[0], a));
        Assert.NotSame(first, answers[0]);
    }

    [Theory]
    [InlineData(-3600)]
    [InlineData(3600)]
    public async Task A_wall_clock_set_back_or_forward_neither_freezes_the_snapshot_nor_makes_it_stale(int seconds)
    {
        var q = new SlowQuery();
        var cache = new QueueCache(q.Run, TimeSpan.FromSeconds(2), q.Clock);
        q.Next.SetResult(q.Snapshot());
        await cache.GetAsync();
        q.Clock.SetWallClock(TimeSpan.FromSeconds(seconds));
        await cache.GetAsync();
        Assert.Equal(1, q.Calls); // still fresh: no time has passed
        q.Clock.AdvanceSeconds(2.1);
        q.Next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        q.Next.SetResult(q.Snapshot());
        await cache.GetAsync();
        Assert.Equal(2, q.Calls); // stale after the max age, whatever the wall clock says
        Assert.Equal(TimeSpan.Zero, cache.LatestAge);
    }
}
