using System.Collections.Concurrent;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Connectors;
using Dssr.Testing;
using Microsoft.Extensions.Logging;

namespace Dssr.Integration.Tests.Slurm;

public sealed class SlurmStartupTests
{
    [Fact]
    public async Task Initialization_returns_at_once_and_the_init_report_is_logged_after_it()
    {
        using var state = new TempDirectory();
        using var logs = LoggerFactory.Create(b => b.AddProvider(new CapturingProvider()));
        var context = new ConnectorContext("default", SlurmService.Environment(), state.Path, TimeProvider.System, logs);
        await using var slurm = new SlurmConnector(context);

        await slurm.InitializeAsync(CancellationToken.None);
        // The report needs an SSH login and sinfo; had InitializeAsync waited for it, it would be logged by now.
        Assert.DoesNotContain("+----- Slurm Scheduler init report -----+", CapturingProvider.Lines);

        await Poll.UntilAsync(() => Task.FromResult(CapturingProvider.Lines.Contains(" Success! :)")), 20,
            () => "no init report: " + string.Join('\n', CapturingProvider.Lines));
        Assert.Contains("+----- Slurm Scheduler init report -----+", CapturingProvider.Lines);
        Assert.DoesNotContain(CapturingProvider.Lines, l => l.Contains("BEGIN", StringComparison.Ordinal) && l.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public static readonly ConcurrentQueue<string> Queue = new();
        public static IReadOnlyCollection<string> Lines => Queue.ToArray();
        public ILogger CreateLogger(string categoryName) => new Capturing();
        public void Dispose() { }

        private sealed class Capturing : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                Queue.Enqueue(formatter(state, exception));
        }
    }
}
