using System.Globalization;

using Dssr.Engine.Executors;
namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// The sbatch command line of a job as an argv list (§4.5, §4.8.5): every element is one argument, so no
/// value from the upstream or the configuration is ever parsed by a shell. No <c>#SBATCH</c> lines are written.
/// </summary>
public static class SbatchArguments
{
    /// <summary>The log line the original writes when it forces exclusivity back on.</summary>
    public const string ExclusiveForcedNote = "interactive or GPU job forcing the use of node exclusivity!";

    public sealed record Result(IReadOnlyList<string> Arguments, IReadOnlyList<string> Notes);

    public static Result Build(string name, int nodes, UpstreamJob job, PseudoDevices devices, string scratchDir)
    {
        var notes = new List<string>();
        var args = new List<string>
        {
            "--parsable",
            "-J", $"jarvice_{name}",
            "-o", $"{scratchDir}.jarvice/{name}.out",
            "-N", nodes.ToString(CultureInfo.InvariantCulture),
            // Slurm allocates every core of each node while srun starts one task (one container) per node.
            "-n", ((long)job.CpuCores * nodes).ToString(CultureInfo.InvariantCulture),
        };
        if (job.RamGb > 0) args.Add($"--mem={job.RamGb}G");
        if (job.Gpus > 0) args.Add($"--gpus-per-node={job.Gpus}");

        // Exclusive unless turned off; interactive and GPU jobs always, since their fixed ports would clash.
        var exclusive = devices.Exclusive ?? true;
        if (!exclusive && (job.Interactive || job.Gpus > 0))
        {
            exclusive = true;
            notes.Add(ExclusiveForcedNote);
        }
        if (exclusive) args.Add("--exclusive");

        if (job.Walltime is { } time) args.Add($"--time={time}");
        if (job.Licenses is { } licenses) args.AddRange(["-L", licenses]);
        if (devices.Partition is { } partition) args.AddRange(["-p", partition]);
        args.AddRange(devices.SbatchOptions);
        return new Result(args, notes);
    }
}
