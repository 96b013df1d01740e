namespace Dssr.Tui.ViewModels;

/// <summary>What the console does to the service. The real one calls the API and the clusters; tests use a double.</summary>
internal interface IConsoleActions
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

    /// <summary>The journal against what each cluster says now (one fresh queue query per cluster).</summary>
    Task<Engine.Observability.Reconciliation> ReconcileAsync();

    /// <summary>The exact operation a reconciliation fix (<see cref="ConsoleCommand.CancelOrphan"/>, <see cref="ConsoleCommand.RecordFinal"/>) performs, shown before the operator confirms.</summary>
    string DescribeFix(ConsoleCommand fix, Engine.Observability.ReconciliationRow row);

    /// <summary>Performs a confirmed reconciliation fix; returns what to tell the operator.</summary>
    Task<string> FixAsync(ConsoleCommand fix, Engine.Observability.ReconciliationRow row);

    /// <summary>Starts recording the upstream conversation to a new file in the state folder, or stops; returns what to tell the operator.</summary>
    Task<string> ToggleRecordingAsync();
}
