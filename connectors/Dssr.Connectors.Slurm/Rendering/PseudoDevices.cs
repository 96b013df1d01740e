using System.Globalization;
using System.Text.Json;
using Dssr.Engine.Connectors;

using Dssr.Engine.Executors;
namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// The <c>JOBOBJ_DEVICES</c> pseudo-devices of one job: <c>partition=</c>, <c>exclusive=</c>, <c>overlay=</c>
/// and <c>sbatch_&lt;option&gt;=</c>. They apply to this job only (the original's <c>overlay=</c> changed every
/// later job), and each sbatch value stays one argument.
/// </summary>
public sealed record PseudoDevices(
    string? Partition,
    bool? Exclusive,
    int? OverlaySizeMb,
    IReadOnlyList<string> SbatchOptions)
{
    public static readonly PseudoDevices None = new(null, null, null, []);

    /// <summary>Parses the raw <c>JOBOBJ_DEVICES</c> value: a JSON list of <c>"key=value"</c> strings.</summary>
    public static PseudoDevices Parse(string? raw, string field)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text) || text is "None" or "null" or "\"\"" or "''") return None;

        List<string> items;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException(field, "expected a JSON list of \"key=value\" strings");
            items = [];
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String)
                    throw new InvalidInputException(field, $"malformed (pseudo)device {e.GetRawText()}: expected a \"key=value\" string");
                items.Add(e.GetString()!);
            }
        }
        catch (JsonException)
        {
            throw new InvalidInputException(field, "not a JSON list of \"key=value\" strings");
        }

        string? partition = null;
        bool? exclusive = null;
        int? overlay = null;
        var options = new List<string>();
        foreach (var item in items)
        {
            var parts = item.Split('=');
            if (parts.Length != 2 || parts[0].Trim().Length == 0)
                throw new InvalidInputException(field, $"malformed (pseudo)device '{UpstreamJob.Printable(item)}': expected key=value");
            var key = parts[0].Trim();
            var value = parts[1].Trim();
            if (item.Any(char.IsControl))
                throw new InvalidInputException(field, $"(pseudo)device '{UpstreamJob.Printable(item)}' contains a control character");

            switch (key)
            {
                case "partition":
                    partition = value.Length > 0 ? value : throw Malformed(field, item, "a partition name");
                    break;
                case "exclusive":
                    exclusive = value switch
                    {
                        "False" => false,
                        "True" => true,
                        _ => throw Malformed(field, item, "True or False"),
                    };
                    break;
                case "overlay":
                    overlay = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mb)
                        ? mb
                        : throw Malformed(field, item, "a whole number of MB (0 or more)");
                    break;
                case var k when k.StartsWith("sbatch_", StringComparison.Ordinal):
                    options.Add(SbatchOption(field, item, k["sbatch_".Length..], value));
                    break;
                default:
                    throw new InvalidInputException(field, $"unknown (pseudo)device '{UpstreamJob.Printable(item)}': " +
                        "expected partition=, exclusive=, overlay= or sbatch_<option>=");
            }
        }
        return new PseudoDevices(partition, exclusive, overlay, options);
    }

    private static string SbatchOption(string field, string item, string option, string value)
    {
        if (SbatchOptionAllowlist.WithValue.Contains(option))
            return value.Length > 0 ? $"--{option}={value}" : throw Malformed(field, item, "a value");
        if (SbatchOptionAllowlist.Flags.Contains(option))
            return value is "" or "True" ? $"--{option}" : throw Malformed(field, item, "True (the option takes no value)");
        throw new InvalidInputException(field,
            $"unknown (pseudo)device '{UpstreamJob.Printable(item)}': --{UpstreamJob.Printable(option)} is not an sbatch option Dssr passes on");
    }

    private static InvalidInputException Malformed(string field, string item, string expected) =>
        new(field, $"malformed (pseudo)device '{UpstreamJob.Printable(item)}': expected {expected}");
}
