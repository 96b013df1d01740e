using System.Globalization;
using Dssr.Engine.Connectors;

namespace Dssr.Engine.Executors;

/// <summary>
/// The <c>KEY=value</c> lines of an upstream script that Dssr acts on (§4.8.2 of the reference), typed and
/// checked. Values that will be used as data are kept verbatim; a missing or unusable one is bad input
/// (400) naming the key, where the original answered 500 or a bogus 200.
/// </summary>
public sealed record UpstreamJob
{
    public required bool Interactive { get; init; }
    public required int AppdefVersion { get; init; }
    public string? Arch { get; init; }
    public string? Nae { get; init; }
    public string? Repo { get; init; }
    public string? ContainerSecret { get; init; }
    public string? DockerSecret { get; init; }
    public string? Devices { get; init; }
    public int Gpus { get; init; }
    public int RamGb { get; init; }
    public string? Licenses { get; init; }
    public string? Walltime { get; init; }
    public required int CpuCores { get; init; }
    /// <summary>Shell text the upstream wrote for its own script, re-exported exactly as written.</summary>
    public string? Cmd { get; init; }

    public static UpstreamJob Read(UpstreamScript script)
    {
        string Field(string key) => $"{script.Field}.{key}";

        var appdef = Integer(script, "JOBOBJ_APPDEFVERSION", required: true, min: 0);
        if (appdef < 2)
            throw new InvalidInputException(Field("JOBOBJ_APPDEFVERSION"), $"appdef version {appdef} is not supported; 2 or later is required");

        return new UpstreamJob
        {
            // As the original: only the exact text False makes a job batch; a missing line means interactive.
            Interactive = script.Find("JOBOBJ_INTERACTIVE") != "False",
            AppdefVersion = appdef,
            Arch = script.Find("JOBOBJ_ARCH"),
            Nae = script.Find("JOBOBJ_NAE"),
            Repo = script.Find("JOBOBJ_REPO"),
            ContainerSecret = script.Find("JOBOBJ_CTRSECRET"),
            DockerSecret = script.Find("JOBOBJ_DOCKER_SECRET"),
            Devices = script.Find("JOBOBJ_DEVICES"),
            Gpus = Integer(script, "JOBOBJ_GPUS", required: false, min: 0),
            RamGb = Integer(script, "JOBOBJ_RAM", required: false, min: 0),
            Licenses = Argument(script, "JOBOBJ_LICENSES"),
            Walltime = Argument(script, "JOBOBJ_WALLTIME") is { } w && w != "None" ? w : null,
            CpuCores = Integer(script, "JARVICE_CPU_CORES", required: true, min: 1),
            // The line is read before str.format, so its braces are still doubled; the upstream's own copy of
            // the line loses them when the script is formatted, and the re-export must say the same thing.
            Cmd = script.Find("JARVICE_CMD") is { } cmd
                ? PythonFormat.Format(cmd, new Dictionary<string, string>(), Field("JARVICE_CMD"))
                : null,
        };
    }

    /// <summary>Python <c>int()</c> of the value: blanks around it allowed, nothing else.</summary>
    private static int Integer(UpstreamScript script, string key, bool required, int min)
    {
        var field = $"{script.Field}.{key}";
        var value = script.Find(key);
        if (value is null)
            return required ? throw new InvalidInputException(field, $"missing; the script needs a line {key}=<whole number>") : 0;
        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new InvalidInputException(field, $"'{Printable(value)}' is not a whole number");
        if (n < min)
            throw new InvalidInputException(field, $"{n} is less than {min}");
        return n;
    }

    /// <summary>A value that becomes one scheduler argument: trimmed, and free of control characters.</summary>
    private static string? Argument(UpstreamScript script, string key)
    {
        var value = script.Find(key)?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Any(char.IsControl))
            throw new InvalidInputException($"{script.Field}.{key}", $"'{Printable(value)}' contains a control character");
        return value;
    }

    public static string Printable(string value) =>
        new(value.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());
}
