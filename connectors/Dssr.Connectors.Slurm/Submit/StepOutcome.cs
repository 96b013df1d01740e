using System.Globalization;

namespace Dssr.Connectors.Slurm.Submit;

/// <summary>One step of a submit as it ran: its one-line result, whether it succeeded, how long it took, and the submission before and after it.</summary>
public sealed record StepOutcome(string Step, string Result, bool Ok, TimeSpan Elapsed, Submission Before, Submission After)
{
    /// <summary>The log line: <c>step map-user  dssrtest  OK  3 ms</c>.</summary>
    public string Line => $"step {Step}  {Result}  {(Ok ? "OK" : "FAILED")}  {Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";

    /// <summary>What the step changed, one <c>- old</c> / <c>+ new</c> line per changed value.</summary>
    public IReadOnlyList<string> Diff => SubmissionDiff.Lines(Before, After);

    public override string ToString() => Line;
}
