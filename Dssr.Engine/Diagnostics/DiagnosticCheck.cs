namespace Dssr.Engine.Diagnostics;

public enum CheckStatus
{
    Pass,
    Fail,
    /// <summary>Not run because an earlier check it needs failed.</summary>
    Skipped,
}

/// <summary>One check's outcome. <see cref="Fix"/> is the one line that says what to do when it did not pass.</summary>
public sealed record DiagnosticCheck(string Name, CheckStatus Status, string Detail, string? Fix, long Milliseconds);

/// <summary>A cluster's init report (the boxed lines) and the checks run against it.</summary>
public sealed record ClusterDiagnosis(string Cluster, string Destination, IReadOnlyList<string> Report, IReadOnlyList<DiagnosticCheck> Checks)
{
    public bool AllPassed => Checks.Count > 0 && Checks.All(c => c.Status == CheckStatus.Pass);
}
