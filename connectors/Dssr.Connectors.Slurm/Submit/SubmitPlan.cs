using System.Text;
using Dssr.Connectors.Slurm.Hooks;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Submit;

/// <summary>
/// What a submit would do, with nothing submitted: each step with its result and what it changed, the hooks that would
/// fire, the final sbatch argv and the script (credentials redacted).
/// </summary>
public sealed record SubmitPlan(IReadOnlyList<StepOutcome> Steps, IReadOnlyList<HookDeclaration> Hooks, IReadOnlyList<string> SbatchArgv, string Script, IReadOnlyList<string> Notes)
{
    /// <summary>False when a step failed: the last step says why.</summary>
    public bool Ok => Steps.All(s => s.Ok);

    /// <summary>The plan as text: one line per step and its changes, the hooks, then the sbatch command and the script. No times, so it can be compared.</summary>
    public string Text()
    {
        var sb = new StringBuilder();
        sb.Append("# steps\n");
        foreach (var step in Steps)
        {
            sb.Append($"step {step.Step}  {step.Result}  {(step.Ok ? "OK" : "FAILED")}\n");
            foreach (var line in step.Diff) sb.Append("    ").Append(line).Append('\n');
        }
        sb.Append("# hooks\n");
        if (Hooks.Count == 0) sb.Append("(none)\n");
        foreach (var hook in Hooks) sb.Append($"{hook.Label}{(hook.Optional ? " (optional)" : "")}\n");
        foreach (var note in Notes) sb.Append("# note: ").Append(note).Append('\n');
        if (!Ok) return sb.ToString();
        sb.Append("# sbatch\n").Append(ShellQuoting.Join(SbatchArgv)).Append('\n');
        sb.Append("# script\n").Append(Script);
        return sb.ToString();
    }

    public override string ToString() => Text();
}
