using Serilog.Events;

namespace Dssr.Tui.ViewModels;

/// <summary>
/// Everything the console shows, as plain data: the views draw it and the controller changes it.
/// Only the console loop's thread touches it.
/// </summary>
internal sealed class ConsoleModel
{
    public ConsoleModel(bool readOnly) => ReadOnly = readOnly;

    public bool ReadOnly { get; }
    public ConsoleMode Mode { get; set; } = ConsoleMode.Main;
    public ConsoleMode ReturnMode { get; set; } = ConsoleMode.Main;
    public ConsoleFocus Focus { get; set; } = ConsoleFocus.Queue;
    public QueueView Queue { get; } = new();
    public IReadOnlyList<ClusterRow> Clusters { get; set; } = [];
    public int SelectedCluster { get; set; }
    public HeaderInfo? Header { get; set; }
    public Dictionary<string, DiagnosticsView> Diagnostics { get; } = new(StringComparer.Ordinal);
    public bool DiagnosticsRunning { get; set; }
    /// <summary>Each cluster's load meter, refreshed every second.</summary>
    public IReadOnlyList<LoadRow> Load { get; set; } = [];
    public ReconcileView Reconcile { get; } = new();
    public JobDetail? Detail { get; set; }
    public Confirmation? Confirmation { get; set; }
    /// <summary>The filter being typed after <c>/</c>; null when not editing.</summary>
    public string? FilterInput { get; set; }
    public bool HelpVisible { get; set; }
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }
    public LogEventLevel LogLevel { get; set; } = LogEventLevel.Information;
    public bool QuitRequested { get; set; }
    /// <summary>The followed output wraps long lines (<c>w</c>) rather than cutting them.</summary>
    public bool OutputWrap { get; set; } = true;
    /// <summary>The followed output stops fetching and scrolling (<c>p</c>) so the operator can read.</summary>
    public bool OutputPaused { get; set; }

    public string? SelectedClusterName => Clusters.Count == 0 ? null : Clusters[Math.Clamp(SelectedCluster, 0, Clusters.Count - 1)].Name;

    public void Say(string message, bool error = false)
    {
        Message = message;
        MessageIsError = error;
    }
}
