using System.Text;

using Dssr.Engine.Executors;
namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// The batch script sbatch receives (§4.8.5), rebuilt so nothing in the upstream script can break out.
/// The task script (binding block + formatted upstream script) sits in a quoted here-document, is read
/// into a variable without any expansion and reaches every node through the environment, where one task
/// per node evaluates it. No re-quoting happens, so any character, <c>'</c> included, reaches the job
/// unchanged; keeping it out of argv also keeps the credentials out of <c>ps</c>. Output goes to the job's
/// stdout as it comes (tee), while a copy is scanned for <c>JARVICE_CMD_SUCCESS</c>, which decides the exit
/// code as in the original; only the count of matching lines is held in a variable, never the output.
/// </summary>
internal static class SlurmWrapper
{
    public const string BodyVariable = "DSSR_JOB_BODY";
    private const string DelimiterBase = "DSSR_JOB_BODY_END";

    /// <summary>The exports each task runs before the upstream script: the original's Slurm bindings.</summary>
    public static string BindingBlock() => string.Join('\n',
        SlurmWrapperText.Rule,
        "# Slurm bindings of this task (one task per node), written by Dssr",
        SlurmWrapperText.Rule,
        $"unset {BodyVariable}",
        "export PROCESS_PROCID=\"$SLURM_PROCID\"",
        "export PROCESS_NODENAME=\"$SLURMD_NODENAME\"",
        "export JOB_JOBID=\"$SLURM_JOBID\"",
        "export JOB_JOB_NODELIST=\"$SLURM_JOB_NODELIST\"",
        // The original's sed join lost its $! inside bash -c '…' and never joined; paste does the join.
        "JOB_JOB_FORMATED_NODELIST=$(scontrol show hostname \"$JOB_JOB_NODELIST\" | paste -sd ' ' -)",
        "export JOB_JOB_FORMATED_NODELIST",
        "export JOB_NNODES=\"$SLURM_NNODES\"",
        "export JOB_NTASKS=\"$SLURM_NTASKS\"",
        "export JOB_SUBMIT_DIR=\"$SLURM_SUBMIT_DIR\"",
        "export JOB_GPUS_PER_NODE=\"$SLURM_GPUS_PER_NODE\"",
        SlurmWrapperText.Rule);

    /// <summary>The task script: the binding block, then the formatted upstream script verbatim.</summary>
    public static string TaskScript(string formattedUpstream) => BindingBlock() + "\n" + formattedUpstream;

    /// <param name="jobName">The Slurm job name, already checked to hold no newline.</param>
    /// <param name="verbose">JARVICE_SINGULARITY_VERBOSE is <c>true</c>: say when the exit analysis starts.</param>
    /// <param name="prelude">Shell text run on the batch host before the tasks start (an interactive job's port and secrets).</param>
    public static string Wrap(string taskScript, string jobName, bool verbose, string? prelude = null)
    {
        var body = taskScript.EndsWith('\n') ? taskScript : taskScript + "\n";
        var delimiter = Delimiter(body);
        var sb = new StringBuilder(body.Length + 2048);
        sb.Append("#!/bin/bash\n");
        sb.Append($"# Slurm job {jobName}, written by Dssr.\n");
        sb.Append("# The task script below runs once on every node. It is a quoted here-document, read without\n");
        sb.Append("# expansion and handed to each task through the environment, so none of its characters is\n");
        sb.Append("# interpreted here. The job exits 0 only when a task prints JARVICE_CMD_SUCCESS.\n");
        sb.Append("echo \"Hello from $(hostname)\"\n");
        sb.Append("echo \"Entering parallel region\"\n");
        if (prelude is not null) sb.Append(prelude);
        sb.Append($"IFS= read -r -d '' {BodyVariable} <<'{delimiter}'\n");
        sb.Append(body);
        sb.Append(delimiter).Append('\n');
        sb.Append($"export {BodyVariable}\n");
        sb.Append("exec 3>&1\n");
        sb.Append("# shellcheck disable=SC2016 # the variable is expanded by each task's shell, not by this one\n");
        // tee writes the job's output to fd 3, a copy of the job's own stdout (the .out file Slurm opened),
        // and the copy to be scanned to fd 4, a pipe. Never `tee /dev/fd/3`: reopening a regular file
        // through /dev/fd truncates it, which lost every line printed before the tasks ran.
        sb.Append($"successes=$({{ srun -K1 --export=ALL -N \"$SLURM_NNODES\" -n \"$SLURM_NNODES\" --ntasks-per-node=1 /bin/bash -c 'eval \"${BodyVariable}\"' 2>&1 |\n");
        sb.Append(SlurmWrapperText.OutputScanner);
        sb.Append("exec 3>&-\n");
        if (verbose) sb.Append("echo \"[$SLURM_PROCID] Post scripts - exit code analysis\"\n");
        sb.Append("if [ \"${successes:-0}\" -gt 0 ]; then\n");
        sb.Append("  echo \"JARVICE Job completed OK\"\n");
        sb.Append("  exit 0\n");
        sb.Append("fi\n");
        sb.Append("echo \"JARVICE Job failed, investigate logs\"\n");
        sb.Append("exit 1\n");
        return sb.ToString();
    }

    /// <summary>A here-document delimiter that no line of the body equals.</summary>
    internal static string Delimiter(string body)
    {
        var lines = body.Split('\n').ToHashSet(StringComparer.Ordinal);
        var delimiter = DelimiterBase;
        for (var n = 1; lines.Contains(delimiter); n++) delimiter = $"{DelimiterBase}_{n}";
        return delimiter;
    }
}
