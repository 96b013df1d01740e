using Dssr.Engine.Diagnostics;
using Dssr.Tui.ViewModels;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The init report and the checks of the selected cluster, with a fix line under each failure.</summary>
public static class DiagnosticsScreen
{
    public static IEnumerable<IRenderable> Build(ConsoleModel model, int width)
    {
        var name = model.SelectedClusterName ?? "-";
        model.Diagnostics.TryGetValue(name, out var view);
        var state = model.DiagnosticsRunning ? "running…" : view is null ? "not run yet (d runs them)" : $"taken {view.TakenAt.ToLocalTime():HH:mm:ss}";
        yield return Line.Rule($"Diagnostics of {name}: {state}", width);
        if (view is null) yield break;
        foreach (var line in view.Diagnosis.Report) yield return Line.Of(line, width);
        yield return Line.Blank();
        foreach (var check in view.Diagnosis.Checks)
        {
            var (mark, style) = check.Status switch
            {
                CheckStatus.Pass => ("✓", "green"),
                CheckStatus.Fail => ("✗", "red"),
                _ => ("-", "grey"),
            };
            yield return Line.Of($"{mark} {check.Name}: {check.Detail} ({check.Milliseconds} ms)", width, style);
            if (check.Status == CheckStatus.Fail && check.Fix is { } fix) yield return Line.Of($"    fix: {fix}", width, "yellow");
        }
    }
}
