namespace Dssr.Engine.Executors;

/// <summary>Fixed pieces of the Slurm wrapper.</summary>
internal static class SlurmWrapperText
{
    public static readonly string Rule = "#" + new string('-', 75);

    /// <summary>
    /// Copies the tasks' output to the job's stdout as it comes and exits 0 when a line holds
    /// JARVICE_CMD_SUCCESS. As in the original, the text <c>/bin/echo JARVICE_CMD_SUCCESS</c> (a traced
    /// command, not its output) does not count, nor does a GoTTY banner line that quotes the command; unlike
    /// the original, that filter now applies to the banner line only, not to the whole output.
    /// </summary>
    public const string OutputScanner =
        "  awk '\n" +
        "    { print; fflush() }\n" +
        "    /GoTTY is starting with command/ { next }\n" +
        "    { line = $0; gsub(/\\/bin\\/echo JARVICE_CMD_(SUCCESS|FAILURE)/, \"\", line) }\n" +
        "    index(line, \"JARVICE_CMD_SUCCESS\") { ok = 1 }\n" +
        "    END { exit !ok }'\n";
}
