using Dssr.Engine.Observability;

namespace Dssr.Tui.ViewModels;

/// <summary>A reconciliation verdict in words: the short one of a row (as <c>dssr reconcile</c> prints it) and the phrase of a sentence.</summary>
internal static class VerdictText
{
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Agrees => "ok",
        Verdict.Orphan => "ORPHAN",
        Verdict.Forgotten => "FORGOTTEN",
        Verdict.StuckSubmitting => "STUCK",
        Verdict.EndedButRunning => "ENDED-RUNNING",
        _ => verdict.ToString(),
    };

    public static string Phrase(Verdict verdict) => verdict switch
    {
        Verdict.Agrees => "in agreement",
        Verdict.Orphan => "an orphan job",
        Verdict.Forgotten => "a job the cluster forgot",
        Verdict.StuckSubmitting => "a stuck submit",
        Verdict.EndedButRunning => "a job ended in the journal and still on the cluster",
        _ => verdict.ToString(),
    };

    /// <summary><c>1 job</c>, <c>3 jobs</c>.</summary>
    public static string Jobs(int count) => count == 1 ? "1 job" : $"{count} jobs";
}
