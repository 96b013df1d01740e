using System.Reflection;
using Dssr.Engine.Clusters;
using Dssr.Engine.Jobs;
using Dssr.Engine.Tests.Api;
using Dssr.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Engine.Tests.Jobs;

/// <summary>
/// The sweep reads every open row of the journal on a pass, so passes keep to its pace (a tenth of the
/// retention, at most a minute) whatever the heartbeat, and a vanished job is still finished off in time.
/// </summary>
public sealed class FinishedJobSweepTests
{
    [Fact]
    public async Task Pace_is_a_tenth_of_the_retention_and_at_most_a_minute()
    {
        using var state = new TempDirectory();
        await using var cluster = new Cluster("default", "recording", new RecordingConnector(), new SqliteJobJournal(state.Path),
            TimeSpan.FromHours(1), TimeProvider.System, NullLoggerFactory.Instance);
        var clusters = new ClusterRegistry([cluster]);
        Assert.Equal(TimeSpan.FromSeconds(1), new FinishedJobSweep(clusters, TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger.Instance).Pace);
        Assert.Equal(TimeSpan.FromMinutes(1), new FinishedJobSweep(clusters, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance).Pace);
    }

    [Fact]
    public async Task Heartbeats_within_one_pace_read_the_journal_once_and_the_vanished_job_is_finished_off()
    {
        using var state = new TempDirectory();
        var counting = ListCountingJournal.Wrap(new SqliteJobJournal(state.Path), out var lists);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var connector = new RecordingConnector();
        await using var cluster = new Cluster("default", "recording", connector, counting, TimeSpan.FromHours(1), clock,
            NullLoggerFactory.Instance);
        var submitted = clock.GetUtcNow().AddMinutes(-1);
        counting.RecordSubmitted(new JobRecord("default", "job_s1", 7, "job_7", "alice", submitted, submitted,
            JobState.Submitted.Text(), null, null, ""));
        await cluster.InitializeAsync(CancellationToken.None);
        await cluster.SnapshotAsync(CancellationToken.None); // the queue no longer lists job_7
        var sweep = new FinishedJobSweep(new ClusterRegistry([cluster]), TimeSpan.FromSeconds(10), clock, NullLogger.Instance);

        for (var beat = 0; beat < 5; beat++) // five heartbeats 0.1 s apart: one pace is 1 s
        {
            await sweep.RunAsync(CancellationToken.None);
            clock.AdvanceSeconds(0.1);
        }
        Assert.Equal(1, lists.Count);

        clock.AdvanceSeconds(11);
        await sweep.RunAsync(CancellationToken.None);
        Assert.Equal(2, lists.Count);
        Assert.Contains("exitstatus job_7", connector.Calls);
        Assert.Equal(1, sweep.Swept);
    }

    /// <summary>Counts <see cref="IJobJournal.List"/> calls and passes every call on.</summary>
    public class ListCountingJournal : DispatchProxy
    {
        private IJobJournal _inner = null!;
        private Counter _lists = null!;

        public static IJobJournal Wrap(IJobJournal inner, out Counter lists)
        {
            var proxy = Create<IJobJournal, ListCountingJournal>();
            var self = (ListCountingJournal)(object)proxy;
            self._inner = inner;
            self._lists = lists = new Counter();
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IJobJournal.List)) _lists.Count++;
            try
            {
                return method.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }

    public sealed class Counter
    {
        public int Count;
    }
}
