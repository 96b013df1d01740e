using Dssr.Engine.Diagnostics;

namespace Dssr.Tui.ViewModels;

/// <summary>The diagnosis of one cluster (the engine's report and checks) and when it was taken.</summary>
internal sealed record DiagnosticsView(ClusterDiagnosis Diagnosis, DateTimeOffset TakenAt)
{
    public bool AllPassed => Diagnosis.AllPassed;
    public int Failed => Diagnosis.Checks.Count(c => c.Status == CheckStatus.Fail);
}
