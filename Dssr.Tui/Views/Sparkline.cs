namespace Dssr.Tui.Views;

/// <summary>Counts as a row of block characters, one per count.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>
    /// A full block is <paramref name="full"/> (the budget) or more, so the height reads against the budget rather
    /// than against the busiest minute; nothing at all is a space, anything at all at least the lowest block.
    /// </summary>
    public static string Of(IReadOnlyList<int> counts, int full)
    {
        full = Math.Max(1, full);
        return string.Concat(counts.Select(c => c <= 0 ? ' ' : Blocks[Math.Clamp((int)Math.Ceiling(c * (double)Blocks.Length / full) - 1, 0, Blocks.Length - 1)]));
    }
}
