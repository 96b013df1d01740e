using System.Globalization;
using System.Text.RegularExpressions;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// Slurm's durations (<c>M:SS</c>, <c>H:MM:SS</c>, <c>D-HH:MM:SS</c>, with optional fractions) to a TimeSpan,
/// and the upstream's <c>HH:MM:SS</c> (hours past 99 kept whole: <c>1-02:03:04</c> is <c>26:03:04</c>).
/// </summary>
internal static partial class SlurmElapsed
{
    public static TimeSpan Parse(string? text)
    {
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success) return TimeSpan.Zero; // INVALID, UNLIMITED, empty: no time to report
        // Past a century the figure is garbage, not a job's time (and would overflow the arithmetic): none to report.
        long Part(string g) => !m.Groups[g].Success ? 0
            : m.Groups[g].ValueSpan.Length <= 12 ? long.Parse(m.Groups[g].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
            : MaxSeconds + 1;
        var seconds = Part("d") * 86_400 + Part("h") * 3_600 + Part("m") * 60 + Part("s");
        return seconds is >= 0 and <= MaxSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
    }

    private const long MaxSeconds = 100L * 366 * 86_400;

    public static string Format(TimeSpan elapsed)
    {
        var seconds = (long)Math.Max(0, elapsed.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }

    public static string Normalize(string? text) => Format(Parse(text));

    [GeneratedRegex(@"^(?:(?:(?<d>\d+)-)?(?<h>\d+):)?(?<m>\d+):(?<s>\d+)(?:\.\d+)?\z")]
    private static partial Regex Pattern();
}
