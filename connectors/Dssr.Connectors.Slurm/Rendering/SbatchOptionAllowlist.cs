using Dssr.Engine.Executors;
namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// The sbatch long options an upstream may set through <c>sbatch_&lt;option&gt;=&lt;value&gt;</c> pseudo-devices.
/// Left out on purpose: the options Dssr itself sets or relies on (job name, output and error files,
/// <c>--parsable</c>, node and task counts, <c>--export</c>, <c>--chdir</c>, <c>--hold</c>), those that change
/// what runs or how the answer is parsed (<c>--wrap</c>, <c>--array</c>, <c>--clusters</c>, <c>--wait</c>,
/// <c>--test-only</c>), and those only root may use (<c>--uid</c>, <c>--gid</c>).
/// </summary>
internal static class SbatchOptionAllowlist
{
    /// <summary>Options that take a value, passed as <c>--option=value</c> in one argument.</summary>
    public static readonly IReadOnlySet<string> WithValue = new HashSet<string>(StringComparer.Ordinal)
    {
        "account", "acctg-freq", "batch", "bb", "bbf", "begin", "comment", "constraint", "container", "container-id",
        "core-spec", "cores-per-socket", "cpu-freq", "cpus-per-gpu", "cpus-per-task", "deadline", "delay-boot",
        "dependency", "distribution", "exclude", "exclusive", "extra", "extra-node-info", "gpu-bind", "gpu-freq", "gpus",
        "gpus-per-socket", "gpus-per-task", "gres", "gres-flags", "hint", "licenses", "mail-type", "mail-user",
        "mcs-label", "mem", "mem-bind", "mem-per-cpu", "mem-per-gpu", "mincpus", "network", "nice", "nodefile",
        "nodelist", "ntasks-per-core", "ntasks-per-gpu", "ntasks-per-node", "ntasks-per-socket", "partition",
        "prefer", "priority", "profile", "qos", "reservation", "signal", "sockets-per-node", "switches", "thread-spec",
        "threads-per-core", "time", "time-min", "tmp", "tres-per-task", "wckey",
    };

    /// <summary>Options that take no value: <c>sbatch_requeue=True</c> gives <c>--requeue</c>.</summary>
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal)
    {
        "contiguous", "kill-on-invalid-dep", "no-kill", "no-requeue", "overcommit", "oversubscribe", "reboot",
        "requeue", "spread-job", "use-min-nodes",
    };
}
