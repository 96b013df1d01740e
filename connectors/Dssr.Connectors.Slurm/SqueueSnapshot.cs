using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// The one squeue that answers /running, /queued and /runstatus for every job at once: all states
/// (finished jobs too, while Slurm keeps them), one line per job, only <c>jarvice_</c> names kept.
/// </summary>
internal static class SqueueSnapshot
{
    public const string JobNamePrefix = "jarvice_";
    private const string Format = "%i|%j|%t|%M|%N|%u";

    public static RemoteCommand Command() => RemoteCommand.Of("squeue", "-h", "-t", "all", "-o", Format);

    public static IReadOnlyList<QueueEntry> Parse(string stdout)
    {
        var entries = new List<QueueEntry>();
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var fields = line.Split('|');
            if (fields.Length < 6) continue;
            // A job name may hold '|': the id is first and the four last fields are fixed, the name is the rest.
            var n = fields.Length;
            var name = string.Join('|', fields[1..(n - 4)]);
            if (!name.StartsWith(JobNamePrefix, StringComparison.Ordinal)) continue;
            var state = fields[n - 4].Trim();
            entries.Add(new QueueEntry(name[JobNamePrefix.Length..], fields[0].Trim(), SlurmStates.Phase(state), state,
                SlurmElapsed.Parse(fields[n - 3]), Hostlist.Expand(fields[n - 2].Trim()), fields[n - 1].Trim()));
        }
        return entries;
    }
}
