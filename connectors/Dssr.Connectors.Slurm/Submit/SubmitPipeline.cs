using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Dssr.Connectors.Slurm.Submit;

/// <summary>
/// The Slurm submit as named steps, in this order: decode → map-user → resources → pre-submit → render → stage →
/// sbatch → journal. The list is checked when the pipeline is built, before any step runs. Each step's outcome is
/// logged as one line (<c>step map-user  dssrtest  OK  3 ms</c>) and returned with the submission before and after it.
/// </summary>
internal sealed class SubmitPipeline
{
    public static readonly IReadOnlyList<string> Order = ["decode", "map-user", "resources", "pre-submit", "render", "stage", "sbatch", "journal"];

    private readonly IReadOnlyList<SubmitStep> _steps;
    private readonly ILogger _log;

    public SubmitPipeline(IReadOnlyList<SubmitStep> steps, ILogger log)
    {
        var names = steps.Select(s => s.Name).ToList();
        if (!names.SequenceEqual(Order))
            throw new ArgumentException($"the submit steps must be {string.Join(", ", Order)}; given {string.Join(", ", names)}", nameof(steps));
        _steps = steps;
        _log = log;
    }

    public IReadOnlyList<string> Names => _steps.Select(s => s.Name).ToList();

    /// <summary>Runs every step. A step that throws is recorded as FAILED and the exception goes on; <paramref name="outcomes"/> keeps what ran.</summary>
    public async Task RunAsync(SubmitWork work, List<StepOutcome> outcomes, CancellationToken ct)
    {
        foreach (var step in _steps) outcomes.Add(await RunStepAsync(step, work, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Runs the steps that do not act on the cluster and describes the others: what a submit would do, with nothing
    /// submitted. A failing step ends the plan; its outcome is the last.
    /// </summary>
    public async Task<IReadOnlyList<StepOutcome>> PlanAsync(SubmitWork work, CancellationToken ct)
    {
        var outcomes = new List<StepOutcome>();
        foreach (var step in _steps)
        {
            if (step.ActsOnCluster)
            {
                outcomes.Add(new StepOutcome(step.Name, "(not run) " + step.Describe!(work), true, TimeSpan.Zero, work.Submission, work.Submission));
                continue;
            }
            try
            {
                outcomes.Add(await RunStepAsync(step, work, ct).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcomes.Add(Failed(step.Name, e, TimeSpan.Zero, work.Submission));
                break;
            }
        }
        return outcomes;
    }

    private async Task<StepOutcome> RunStepAsync(SubmitStep step, SubmitWork work, CancellationToken ct)
    {
        var before = work.Submission;
        var clock = Stopwatch.StartNew();
        StepOutcome outcome;
        try
        {
            var result = await step.RunAsync(work, ct).ConfigureAwait(false);
            outcome = new StepOutcome(step.Name, result, true, clock.Elapsed, before, work.Submission);
        }
        catch (Exception e)
        {
            var failed = Failed(step.Name, e, clock.Elapsed, before);
            _log.LogWarning("{Step}", failed.Line);
            throw new StepFailedException(failed, e);
        }
        _log.LogInformation("{Step}", outcome.Line);
        return outcome;
    }

    private static StepOutcome Failed(string step, Exception e, TimeSpan elapsed, Submission at) =>
        new(step, e.Message.Split('\n')[0], false, elapsed, at, at);
}

/// <summary>Carries a failed step's outcome to the connector, which keeps it, and then rethrows the step's own exception.</summary>
internal sealed class StepFailedException(StepOutcome outcome, Exception inner) : Exception(inner.Message, inner)
{
    public StepOutcome Outcome { get; } = outcome;
}
