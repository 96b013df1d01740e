namespace Dssr.Engine.Connectors;

/// <summary>A connector that submits through named steps and keeps what each did for a recent job (the console's job detail shows them).</summary>
public interface ISubmitStepSource
{
    /// <summary>One line per step of the job's last submit here (<c>step map-user  dssrtest  OK  3 ms</c>), each followed by
    /// what it changed, indented; none when the job was not submitted through this process.</summary>
    IReadOnlyList<string> SubmitSteps(string jobName);
}
