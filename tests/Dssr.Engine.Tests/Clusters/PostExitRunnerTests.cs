using System.Collections.Concurrent;
using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
using Dssr.Testing;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Tests.Clusters;

/// <summary>Post-exit work: once per job, whichever runner on the journal asks; its failure logged; waited for at stop.</summary>
public sealed class PostExitRunnerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ExitStatus Ended = new(0, "00:00:01", [], "COMPLETED");
    private readonly TempDirectory _state = new();
    private readonly SqliteJobJournal _journal;
    private readonly Lines _log = new();

    public PostExitRunnerTests()
    {
        _journal = new SqliteJobJournal(_state.Path);
        _journal.RecordSubmitted(new JobRecord("default", "n", 1, "100", null, T0, T0, "RUNNING", null, null, ""));
    }

    public void Dispose()
    {
        _journal.Dispose();
        _state.Dispose();
    }

    private PostExitRunner Runner(Work work) => new("default", work, _journal, TimeProvider.System, _log);

    [Fact]
    public async Task Work_starts_once_per_job_whichever_runner_is_asked_and_never_for_a_job_the_journal_does_not_know()
    {
        var work = new Work();
        await using var a = Runner(work);
        await using var b = Runner(work);
        var job = new JobRef("n", 1, "100");

        var first = a.Start(job, Ended);
        Assert.NotNull(first);
        await first;
        Assert.Null(a.Start(job, Ended));
        Assert.Null(b.Start(job, Ended));
        Assert.Null(a.Start(new JobRef("n", 1, "999"), Ended));
        Assert.Equal(1, work.Runs);
    }

    [Fact]
    public async Task Failing_work_is_logged_with_the_job_and_never_thrown_to_the_caller()
    {
        await using var runner = Runner(new Work { Fails = true });
        var started = runner.Start(new JobRef("n", 1, "100"), Ended);
        Assert.NotNull(started);
        await started; // completes: the failure was caught
        Assert.Contains(_log.All, l => l.Contains("job 100", StringComparison.Ordinal) && l.Contains("webhook down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_waits_for_work_still_running()
    {
        var work = new Work { Takes = TimeSpan.FromMilliseconds(500) };
        var runner = Runner(work);
        var started = runner.Start(new JobRef("n", 1, "100"), Ended)!;
        await runner.DisposeAsync();
        Assert.True(started.IsCompletedSuccessfully);
        Assert.Equal(1, work.Finished);
    }

    [Fact]
    public async Task A_connector_without_work_claims_nothing()
    {
        await using (var idle = Runner(new Work { Declared = false }))
            Assert.Null(idle.Start(new JobRef("n", 1, "100"), Ended));
        await using var runner = Runner(new Work());
        Assert.NotNull(runner.Start(new JobRef("n", 1, "100"), Ended)); // still unclaimed
    }

    private sealed class Work : IPostExitConnector
    {
        private int _runs;
        private int _finished;
        public bool Declared { get; init; } = true;
        public bool Fails { get; init; }
        public TimeSpan Takes { get; init; }
        public int Runs => _runs;
        public int Finished => _finished;
        public bool HasPostExitWork => Declared;

        public async Task RunPostExitAsync(JobRef job, ExitStatus status, CancellationToken ct)
        {
            Interlocked.Increment(ref _runs);
            if (Takes > TimeSpan.Zero) await Task.Delay(Takes, ct);
            if (Fails) throw new InvalidOperationException("webhook down");
            Interlocked.Increment(ref _finished);
        }
    }

    private sealed class Lines : ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public IReadOnlyCollection<string> All => _lines.ToArray();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));
    }
}
