namespace Dssr.Tui.ViewModels;

/// <summary>The diagnostics of one cluster: its report lines and its checks, each failed one with a fix.</summary>
public sealed record DiagnosticsView(string Cluster, DateTimeOffset TakenAt, IReadOnlyList<string> Report, IReadOnlyList<DiagnosticCheck> Checks)
{
    public bool AllPassed => Checks.All(c => c.Passed);
}

public sealed record DiagnosticCheck(string Name, bool Passed, string Detail, string? Fix);
