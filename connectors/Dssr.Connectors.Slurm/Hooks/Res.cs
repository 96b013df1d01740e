using System.Globalization;
using System.Text.RegularExpressions;
using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// Resource values in the forms people write, turned into what sbatch takes (MASI-TFE's rules, with its defects fixed):
/// durations (<c>1d2h30m</c>), memory (<c>2.5G</c>), a process/thread layout over nodes, job arrays. For hooks, the REPL and
/// scripts. Bad input is an <see cref="InvalidInputException"/> naming the value.
/// </summary>
public static partial class Res
{
    /// <summary>Refused above this: Slurm's own ceiling is far beyond any sane limit, and a typo of a zero should not pass.</summary>
    public const long MaxDurationDays = 365;

    /// <summary><c>1d2h30m</c> → <c>1-02:30:00</c>; <c>90m</c> → <c>01:30:00</c>; <c>45s</c> → <c>00:00:45</c>. Units d, h, m, s, each at most once, in that order.</summary>
    public static string Duration(string text)
    {
        var match = DurationPattern().Match(text?.Trim() ?? "");
        if (text is null || !match.Success || match.Length == 0)
            throw new InvalidInputException("duration", $"'{text}' is not a duration such as 1d2h30m, 90m or 45s (units d, h, m, s, in that order)");
        long Part(string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        long seconds;
        try
        {
            seconds = checked(Part("d") * 86400 + Part("h") * 3600 + Part("m") * 60 + Part("s"));
        }
        catch (OverflowException)
        {
            throw new InvalidInputException("duration", $"'{text}' is too long");
        }
        if (seconds == 0) throw new InvalidInputException("duration", $"'{text}' is no time at all (to sbatch, 0 means no limit)");
        if (seconds > MaxDurationDays * 86400) throw new InvalidInputException("duration", $"'{text}' is more than {MaxDurationDays} days");
        var days = seconds / 86400;
        var rest = TimeSpan.FromSeconds(seconds % 86400);
        var clock = $"{(int)rest.TotalHours:00}:{rest.Minutes:00}:{rest.Seconds:00}";
        return days > 0 ? $"{days}-{clock}" : clock;
    }

    /// <summary>
    /// A time limit as sbatch reads it, in seconds: <c>M</c>, <c>M:S</c>, <c>H:M:S</c>, <c>D-H</c>, <c>D-H:M</c>, <c>D-H:M:S</c>
    /// (what <see cref="Duration"/> writes, and what JOBOBJ_WALLTIME holds), so a hook can compare limits.
    /// </summary>
    public static long TimeSeconds(string sbatchTime)
    {
        var match = SbatchTimePattern().Match(sbatchTime?.Trim() ?? "");
        if (sbatchTime is null || !match.Success)
            throw new InvalidInputException("time", $"'{sbatchTime}' is not an sbatch time limit (M, M:S, H:M:S, D-H, D-H:M or D-H:M:S)");
        var parts = match.Groups["clock"].Value.Split(':').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (match.Groups["d"].Success)
        {
            var days = long.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
            var h = parts[0];
            var m = parts.Length > 1 ? parts[1] : 0;
            var s = parts.Length > 2 ? parts[2] : 0;
            return days * 86400 + h * 3600 + m * 60 + s;
        }
        return parts.Length switch
        {
            1 => parts[0] * 60,
            2 => parts[0] * 60 + parts[1],
            _ => parts[0] * 3600 + parts[1] * 60 + parts[2],
        };
    }

    /// <summary><c>2625M</c> → 2625; <c>2.5G</c> → 2560; <c>1G512M</c> → 1536. Units G and M (1G = 1024M); a fraction of a megabyte rounds up.</summary>
    public static long MemoryMb(string text)
    {
        var match = MemoryPattern().Match(text?.Trim() ?? "");
        if (text is null || !match.Success || match.Length == 0)
            throw new InvalidInputException("memory", $"'{text}' is not an amount of memory such as 2625M, 2.5G or 1G512M (units G, M)");
        decimal Part(string group) => match.Groups[group].Success ? decimal.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0m;
        decimal mb;
        try
        {
            mb = Part("g") * 1024m + Part("m");
        }
        catch (OverflowException)
        {
            throw new InvalidInputException("memory", $"'{text}' is too large");
        }
        if (mb <= 0) throw new InvalidInputException("memory", $"'{text}' is no memory at all");
        if (mb > 1024m * 1024 * 1024) throw new InvalidInputException("memory", $"'{text}' is more than a petabyte");
        return (long)decimal.Ceiling(mb);
    }

    /// <summary>
    /// How <paramref name="processes"/> tasks of <paramref name="threads"/> threads each are laid out: <c>grouped</c> (one node),
    /// <c>scattered</c> (one task per node) or <c>distributed</c> (over <paramref name="nodes"/> nodes, which it needs; at least one
    /// task per node, and the tasks that do not divide evenly are spread by Slurm instead of dropped).
    /// </summary>
    public static SbatchLayout Layout(int processes, int threads, string distribution, int? nodes = null)
    {
        if (processes < 1) throw new InvalidInputException("processes", $"{processes} is not a number of processes (1 or more)");
        if (threads < 1) throw new InvalidInputException("threads", $"{threads} is not a number of threads per process (1 or more)");
        switch (distribution?.Trim().ToLowerInvariant())
        {
            case "grouped":
                return new SbatchLayout(1, processes, threads, null);
            case "scattered":
                return new SbatchLayout(processes, processes, threads, 1);
            case "distributed":
                if (nodes is not { } n)
                    throw new InvalidInputException("nodes", "the distributed layout needs a number of nodes");
                if (n < 1) throw new InvalidInputException("nodes", $"{n} is not a number of nodes (1 or more)");
                if (n > processes) throw new InvalidInputException("nodes", $"{n} nodes for {processes} processes would leave nodes idle");
                return new SbatchLayout(n, processes, threads, null);
            default:
                throw new InvalidInputException("distribution", $"'{distribution}' is not grouped, scattered or distributed");
        }
    }

    /// <summary>A job array of <paramref name="count"/> tasks, indexed from 0: <c>0-14</c> for 15 (sbatch <c>--array=0-14</c>).</summary>
    public static string Array(int count)
    {
        if (count < 1) throw new InvalidInputException("array", $"{count} is not a number of array tasks (1 or more)");
        return count == 1 ? "0" : $"0-{count - 1}";
    }

    [GeneratedRegex(@"^(?:(?<d>\d{1,9})d)?(?:(?<h>\d{1,9})h)?(?:(?<m>\d{1,9})m)?(?:(?<s>\d{1,9})s)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(?:(?<d>\d{1,6})-)?(?<clock>\d{1,9}(?::\d{1,2}){0,2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex SbatchTimePattern();

    [GeneratedRegex(@"^(?:(?<g>\d{1,9}(?:\.\d{1,6})?)G)?(?:(?<m>\d{1,12}(?:\.\d{1,6})?)M)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex MemoryPattern();
}

/// <summary>Where the tasks of a job go: nodes, tasks, CPUs per task, and tasks per node when the layout fixes it.</summary>
public sealed record SbatchLayout(int Nodes, int Tasks, int CpusPerTask, int? TasksPerNode)
{
    public IReadOnlyList<string> Options =>
    [
        $"--nodes={Nodes}", $"--ntasks={Tasks}", $"--cpus-per-task={CpusPerTask}",
        .. TasksPerNode is { } t ? new[] { $"--ntasks-per-node={t}" } : [],
    ];
}
