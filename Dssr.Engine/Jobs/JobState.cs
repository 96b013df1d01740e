namespace Dssr.Engine.Jobs;

/// <summary>
/// The states Dssr itself writes in a journal row around a submit. Once the cluster has the job, the row's
/// last state is the one the cluster reports (its own words, such as <c>R</c> or <c>PD</c>).
/// </summary>
public enum JobState
{
    /// <summary>The row is written; the cluster is being asked.</summary>
    Submitting,
    /// <summary>The cluster's answer was lost: a retry looks for the job on the cluster before making another.</summary>
    Unanswered,
    /// <summary>The cluster took the job and gave its id.</summary>
    Submitted,
}

/// <summary>The words the journal stores for each <see cref="JobState"/>, as earlier versions wrote them.</summary>
public static class JobStates
{
    public static string Text(this JobState state) => state switch
    {
        JobState.Submitting => "SUBMITTING",
        JobState.Unanswered => "UNANSWERED",
        JobState.Submitted => "SUBMITTED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The Dssr state a stored word names; null for a cluster's own state.</summary>
    public static JobState? Parse(string? text) => text switch
    {
        "SUBMITTING" => JobState.Submitting,
        "UNANSWERED" => JobState.Unanswered,
        "SUBMITTED" => JobState.Submitted,
        _ => null,
    };
}
