using Dssr.Tui.ViewModels;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>One job: its journal record, the sbatch arguments and script, the remote commands run for it, its output.</summary>
public static class DetailScreen
{
    public static IEnumerable<IRenderable> Build(JobDetail d, int width)
    {
        yield return Line.Rule($"Job {d.Row.JobId}: {d.Row.Name}", width);
        foreach (var (field, value) in d.Record) yield return Line.Of($"{field,-14} {value}", width);
        yield return Line.Rule("sbatch arguments", width);
        yield return Line.Of(d.SbatchArguments.Count == 0 ? "(none seen since this Dssr started: the dummy cluster takes none)" : string.Join(" ", d.SbatchArguments), width);
        yield return Line.Rule("Remote commands", width);
        if (d.RemoteCommands.Count == 0) yield return Line.Of("(none recorded for this job since this Dssr started)", width, "grey");
        foreach (var c in d.RemoteCommands) yield return Line.Of(c, width);
        if (d.Output is { } output)
        {
            yield return Line.Rule("Output (following: newest lines every second)", width);
            foreach (var line in Tail(output, 200)) yield return Line.Of(line, width);
        }
        yield return Line.Rule("Script", width);
        foreach (var line in d.Script.Split('\n')) yield return Line.Of(line, width);
    }

    private static IEnumerable<string> Tail(string text, int lines)
    {
        var all = text.TrimEnd('\n').Split('\n');
        return all.Skip(Math.Max(0, all.Length - lines));
    }
}
