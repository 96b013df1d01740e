namespace Dssr.Tui.ViewModels;

/// <summary>What the console does to the service. The real one calls the API and the clusters; tests use a double.</summary>
public interface IConsoleActions
{
    /// <summary>
    /// Submits a sample job to a cluster through the legacy HTTP API, as the upstream would (an interactive one serves
    /// a web page, published at its URL); returns what to tell the operator.
    /// </summary>
    Task<string> SubmitSampleAsync(string cluster, bool interactive = false);

    Task TerminateAsync(QueueRow job);

    /// <summary>The exact request terminate or release sends for the job, shown before the operator confirms.</summary>
    string Describe(ConsoleCommand action, QueueRow job);

    Task ReleaseAsync(QueueRow job);

    Task<string> OutputAsync(QueueRow job);

    Task<DiagnosticsView> DiagnoseAsync(string cluster);

    JobDetail Detail(QueueRow job);
}
