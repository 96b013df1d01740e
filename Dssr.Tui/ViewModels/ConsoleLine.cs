namespace Dssr.Tui.ViewModels;

/// <summary>
/// Console commands typed in the REPL pane after a colon (no C# submission starts with one):
/// <c>:cluster NAME</c> shows only that cluster's jobs in the queue, <c>:cluster</c> every cluster's again.
/// A command that worked goes back to the view the pane was opened from.
/// </summary>
internal static class ConsoleLine
{
    public const string Usage = ":cluster NAME shows only NAME's jobs in the queue; :cluster shows every cluster's";

    public static bool IsCommand(string text) => text.TrimStart().StartsWith(':');

    /// <summary>Carries the command out on the model; returns the line to show in the pane.</summary>
    public static string Run(string text, ConsoleModel model)
    {
        var words = text.Trim().TrimStart(':').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words is not ["cluster", ..] || words.Length > 2) return $"unknown console command {text.Trim()}: {Usage}";
        if (words.Length == 1)
        {
            model.Queue.SetClusterFilter(null);
            model.Say("queue: every cluster's jobs");
        }
        else
        {
            var names = model.Clusters.Select(c => c.Name).ToList();
            if (!names.Contains(words[1], StringComparer.Ordinal))
                return $":cluster: no cluster '{words[1]}'; the clusters are {string.Join(", ", names)}";
            model.Queue.SetClusterFilter(words[1]);
            model.Say($"queue: jobs on {words[1]} only (c: the next cluster, Esc: every cluster)");
        }
        model.Mode = model.ReturnMode == ConsoleMode.Repl ? ConsoleMode.Main : model.ReturnMode;
        return model.Message!;
    }
}
