namespace Dssr.Tui.ViewModels;

/// <summary>The screen shown: the main view (clusters, queue, log tail), diagnostics, logs, a job's detail, the REPL.</summary>
public enum ConsoleMode
{
    Main,
    Diagnostics,
    Logs,
    Detail,
    Repl,
}

/// <summary>Which pane of the main view the arrow keys move in.</summary>
public enum ConsoleFocus
{
    Queue,
    Clusters,
}
