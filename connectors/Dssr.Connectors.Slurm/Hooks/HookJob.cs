using Dssr.Connectors.Slurm.Submit;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// The job as a hook changes it: the fields the upstream sent (read only), the sbatch options (a list, or through
/// <see cref="Partition"/>, <see cref="Account"/>, <see cref="Qos"/>, <see cref="Time"/> and <see cref="SetOption"/>), and the
/// variables the job is given (<see cref="Env"/>). Checked when the hook returns.
/// </summary>
public sealed class HookJob
{
    public HookJob(Submission submission)
    {
        Name = submission.Name;
        Number = submission.Number;
        User = submission.User;
        Cluster = submission.Cluster;
        Fields = submission.Fields;
        Sbatch = [.. submission.SbatchOptions];
        Env = new Dictionary<string, string>(submission.Environment, StringComparer.Ordinal);
    }

    public string Name { get; }
    public long Number { get; }
    /// <summary>The Unix account the job runs as.</summary>
    public string User { get; }
    public string Cluster { get; }
    /// <summary>The upstream's <c>JOBOBJ_*</c> and <c>JARVICE_*</c> lines (credentials redacted).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }
    public List<string> Sbatch { get; }
    public Dictionary<string, string> Env { get; }

    public string? Field(string key) => Fields.TryGetValue(key, out var v) ? v : null;

    public string? Partition { get => Option("partition"); set => SetOption("partition", value); }
    public string? Account { get => Option("account"); set => SetOption("account", value); }
    public string? Qos { get => Option("qos"); set => SetOption("qos", value); }
    /// <summary>The time limit as sbatch takes it (<c>1-02:30:00</c>; <c>Res.Duration("1d2h30m")</c> gives one).</summary>
    public string? Time { get => Option("time"); set => SetOption("time", value); }

    public string? Option(string name) => SbatchOptionList.Get(Sbatch, name);
    public bool HasOption(string name) => SbatchOptionList.Has(Sbatch, name);
    /// <summary>Replaces every <c>--name</c> option with <c>--name=value</c>; null removes it.</summary>
    public void SetOption(string name, string? value) => SbatchOptionList.Set(Sbatch, name, value);
    public void SetFlag(string name) => SbatchOptionList.Set(Sbatch, name, null, flag: true);
    public void RemoveOption(string name) => SbatchOptionList.Remove(Sbatch, name);

    /// <summary>The submission with the hook's changes, or the problem that makes them refused.</summary>
    internal (Submission? Changed, string? Problem) Apply(Submission before)
    {
        if (SbatchOptionList.CheckChange(before.SbatchOptions, Sbatch) is { } problem) return (null, problem);
        foreach (var (name, value) in Env)
        {
            try
            {
                Rendering.JobEnvironment.CheckName(name);
                Rendering.JobEnvironment.CheckValue(name, value);
            }
            catch (Dssr.Engine.Connectors.InvalidInputException e)
            {
                return (null, e.Message);
            }
        }
        return (before with { SbatchOptions = [.. Sbatch], Environment = new Dictionary<string, string>(Env, StringComparer.Ordinal) }, null);
    }
}
