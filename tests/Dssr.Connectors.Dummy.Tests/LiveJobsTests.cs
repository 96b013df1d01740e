namespace Dssr.Connectors.Dummy.Tests;

/// <summary>A kept snapshot of the live jobs never changes while later submits append to the store's list.</summary>
public sealed class LiveJobsTests
{
    private static DummyJob Job(int n) =>
        new($"dummy_{n}", "job", n, DateTimeOffset.UnixEpoch.AddSeconds(n), false, null, null, false);

    [Fact]
    public void Appends_keep_order_and_leave_earlier_snapshots_as_they_were()
    {
        var list = LiveJobs.Of([]);
        var kept = new List<(LiveJobs Snapshot, int Count)>();
        for (var i = 0; i < 100; i++)
        {
            list = list.Append(Job(i));
            kept.Add((list, i + 1));
        }
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"dummy_{i}"), list.Select(j => j.JobId));
        foreach (var (snapshot, count) in kept)
        {
            Assert.Equal(count, snapshot.Count);
            Assert.Equal(Enumerable.Range(0, count).Select(i => $"dummy_{i}"), snapshot.Select(j => j.JobId));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => kept[4].Snapshot[5]);
    }

    [Fact]
    public void The_store_lists_a_new_job_last_and_a_resubmitted_one_moves_to_the_end()
    {
        using var dir = new Dssr.Testing.TempDirectory();
        var store = new DummyJobStore(dir.Path);
        store.Save(Job(1));
        var before = store.Live();
        store.Save(Job(2));
        store.Save(Job(3));
        Assert.Single(before);
        Assert.Equal(["dummy_1", "dummy_2", "dummy_3"], store.Live().Select(j => j.JobId));
        store.Save(Job(1) with { SubmittedAt = DateTimeOffset.UnixEpoch.AddSeconds(9) });
        Assert.Equal(["dummy_2", "dummy_3", "dummy_1"], store.Live().Select(j => j.JobId));
        Assert.Equal(["dummy_1", "dummy_2", "dummy_3"], new DummyJobStore(dir.Path).Live().Select(j => j.JobId).Order());
    }
}
