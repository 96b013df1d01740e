using Dssr.Engine.Clusters;

namespace Dssr.Engine.Tests.Clusters;

/// <summary>The submit gate: one at a time per job, jobs apart in parallel, and nothing kept once a job's submits are done.</summary>
public sealed class KeyedGateTests
{
    [Fact]
    public async Task One_key_is_one_at_a_time_and_its_entry_goes_when_the_last_caller_leaves()
    {
        var gate = new KeyedGate<(string, long)>();
        var first = await gate.EnterAsync(("job", 1), CancellationToken.None);
        var second = gate.EnterAsync(("job", 1), CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, gate.Count);

        first.Dispose();
        first.Dispose(); // twice is harmless: it must not let a third caller in beside the second
        (await second).Dispose();
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task Different_keys_do_not_wait_for_each_other()
    {
        var gate = new KeyedGate<(string, long)>();
        using var a = await gate.EnterAsync(("job", 1), CancellationToken.None);
        var b = gate.EnterAsync(("job", 2), CancellationToken.None);
        Assert.True(b.IsCompletedSuccessfully);
        (await b).Dispose();
    }

    [Fact]
    public async Task A_caller_that_gives_up_waiting_leaves_nothing_behind()
    {
        var gate = new KeyedGate<(string, long)>();
        var held = await gate.EnterAsync(("job", 1), CancellationToken.None);
        using var cancel = new CancellationTokenSource(30);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(("job", 1), cancel.Token));
        held.Dispose();
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task Thousands_of_jobs_submitted_in_parallel_leave_no_entry()
    {
        var gate = new KeyedGate<(string, long)>();
        var inside = new int[50];
        await Parallel.ForEachAsync(Enumerable.Range(0, 5000), async (i, ct) =>
        {
            var key = ("job", (long)(i % 50));
            using var turn = await gate.EnterAsync(key, ct);
            Assert.Equal(1, Interlocked.Increment(ref inside[i % 50]));
            await Task.Yield();
            Interlocked.Decrement(ref inside[i % 50]);
        });
        Assert.Equal(0, gate.Count);
    }
}
