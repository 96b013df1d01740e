namespace Dssr.Tui.Views;

/// <summary>A duration as an operator reads it at a glance: 5s, 3m, 2h, 4d.</summary>
internal static class Age
{
    public static string Of(TimeSpan t) =>
        t.TotalSeconds < 60 ? $"{Math.Max(0, (int)t.TotalSeconds)}s"
        : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes}m"
        : t.TotalHours < 48 ? $"{(int)t.TotalHours}h"
        : $"{(int)t.TotalDays}d";
}
