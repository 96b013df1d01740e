using Dssr.Engine.Executors;
namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>Fixed pieces of the Slurm wrapper.</summary>
internal static class SlurmWrapperText
{
    public static readonly string Rule = "#" + new string('-', 75);

    /// <summary>
    /// The rest of the pipeline after srun: tee copies the tasks' output to the job's stdout (fd 3) as it
    /// comes, and the copy is reduced to the number of lines holding JARVICE_CMD_SUCCESS. As in the original,
    /// the text <c>/bin/echo JARVICE_CMD_SUCCESS</c> (a traced command, not its output) does not count, nor does
    /// a GoTTY banner line that quotes the command; unlike the original, that filter drops the banner line
    /// only, not the whole output. grep -c reads to the end, so no writer in the pipeline gets SIGPIPE.
    /// </summary>
    public const string OutputScanner =
        "  tee /dev/fd/4 >&3; } 4>&1 |\n" +
        "  grep -v 'GoTTY is starting with command' |\n" +
        "  sed -e 's|/bin/echo JARVICE_CMD_SUCCESS||g' -e 's|/bin/echo JARVICE_CMD_FAILURE||g' |\n" +
        "  grep -c 'JARVICE_CMD_SUCCESS')\n";
}
