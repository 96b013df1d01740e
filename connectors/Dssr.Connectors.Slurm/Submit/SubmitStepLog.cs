using System.Collections.Concurrent;

namespace Dssr.Connectors.Slurm.Submit;

/// <summary>
/// The steps of recent submits by job name, for the console's job detail beside the job's commands. Bounded: the
/// oldest submits are dropped first.
/// </summary>
public sealed class SubmitStepLog(int capacity = 2000)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<StepOutcome>> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Keep(string jobName, IReadOnlyList<StepOutcome> steps)
    {
        if (_byName.TryAdd(jobName, steps)) _order.Enqueue(jobName);
        else _byName[jobName] = steps;
        while (_order.Count > capacity && _order.TryDequeue(out var oldest)) _byName.TryRemove(oldest, out _);
    }

    /// <summary>The steps of the last submit of <paramref name="jobName"/>, or none.</summary>
    public IReadOnlyList<StepOutcome> Of(string jobName) => _byName.TryGetValue(jobName, out var steps) ? steps : [];
}
