namespace Dssr.Tui.ViewModels;

/// <summary>The screen shown: the main view (clusters, queue, log tail), diagnostics, logs, a job's detail, the REPL, the Slurm load, the reconciliation.</summary>
internal enum ConsoleMode
{
    Main,
    Diagnostics,
    Logs,
    Detail,
    Repl,
    Load,
    Reconcile,
}

/// <summary>Which pane of the main view the arrow keys move in.</summary>
internal enum ConsoleFocus
{
    Queue,
    Clusters,
}
