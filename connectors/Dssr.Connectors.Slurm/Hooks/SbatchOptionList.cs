using Dssr.Connectors.Slurm.Rendering;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// The sbatch argv as options: <c>--name=value</c>, <c>--flag</c>, and the short forms Dssr writes (<c>-p x</c>, <c>-L x</c>,
/// <c>-J</c>, <c>-o</c>, <c>-N</c>, <c>-n</c>). A hook's change is checked here: what it adds or changes must be in
/// <see cref="SbatchOptionAllowlist"/>, and what Dssr itself relies on (name, output, node and task counts, --parsable) stays.
/// </summary>
internal static class SbatchOptionList
{
    private static readonly Dictionary<string, string> Short = new(StringComparer.Ordinal)
    {
        ["-p"] = "partition", ["-L"] = "licenses", ["-J"] = "job-name", ["-o"] = "output", ["-N"] = "nodes", ["-n"] = "ntasks",
        ["-A"] = "account", ["-q"] = "qos", ["-t"] = "time",
    };

    /// <summary>The options Dssr sets and reads back; a hook may not change them.</summary>
    public static readonly IReadOnlySet<string> Owned = new HashSet<string>(StringComparer.Ordinal) { "job-name", "output", "nodes", "ntasks", "parsable" };

    public sealed record Option(string Name, string? Value, int Index, int Width);

    public static IReadOnlyList<Option> Parse(IReadOnlyList<string> argv)
    {
        var options = new List<Option>();
        for (var i = 0; i < argv.Count; i++)
        {
            var a = argv[i];
            if (Short.TryGetValue(a, out var name) && i + 1 < argv.Count)
            {
                options.Add(new Option(name, argv[i + 1], i, 2));
                i++;
            }
            else if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                options.Add(eq < 0 ? new Option(a[2..], null, i, 1) : new Option(a[2..eq], a[(eq + 1)..], i, 1));
            }
            else options.Add(new Option(a, null, i, 1)); // not an option Dssr writes: kept as it is, and refused if a hook adds it
        }
        return options;
    }

    /// <summary>The value of the last <paramref name="name"/> option (long name, without dashes), or null.</summary>
    public static string? Get(IReadOnlyList<string> argv, string name) => Parse(argv).LastOrDefault(o => o.Name == name)?.Value;

    public static bool Has(IReadOnlyList<string> argv, string name) => Parse(argv).Any(o => o.Name == name);

    /// <summary>Removes every <paramref name="name"/> option, then adds <c>--name=value</c> (or <c>--name</c> for a flag); null only removes.</summary>
    public static void Set(List<string> argv, string name, string? value, bool flag = false)
    {
        Remove(argv, name);
        if (flag) argv.Add($"--{name}");
        else if (value is not null) argv.Add($"--{name}={value}");
    }

    public static void Remove(List<string> argv, string name)
    {
        foreach (var o in Parse(argv).Where(o => o.Name == name).OrderByDescending(o => o.Index)) argv.RemoveRange(o.Index, o.Width);
    }

    /// <summary>The problem with a hook's change from <paramref name="before"/> to <paramref name="after"/>, or null when it is allowed.</summary>
    public static string? CheckChange(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var was = Parse(before).Select(o => (o.Name, o.Value)).ToHashSet();
        var now = Parse(after).Select(o => (o.Name, o.Value)).ToList();
        foreach (var (name, value) in now.Where(o => !was.Contains(o)))
        {
            if (Owned.Contains(name)) return $"--{name} is set by Dssr and cannot be changed";
            var allowed = value is null ? SbatchOptionAllowlist.Flags.Contains(name) : SbatchOptionAllowlist.WithValue.Contains(name);
            if (!allowed) return $"{(value is null ? "--" + name : $"--{name}={value}")} is not an sbatch option a hook may set (see SbatchOptionAllowlist)";
            if (value is not null && (value.Length == 0 || value.Any(char.IsControl))) return $"--{name}: the value is empty or holds a control character";
        }
        foreach (var owned in was.Where(o => Owned.Contains(o.Name)))
            if (!now.Contains(owned)) return $"--{owned.Name} is set by Dssr and cannot be removed";
        return null;
    }
}
