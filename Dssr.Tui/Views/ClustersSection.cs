using Dssr.Tui.ViewModels;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>The clusters pane: one line each, healthy at a glance.</summary>
public static class ClustersSection
{
    public static IEnumerable<IRenderable> Build(ConsoleModel model, int width, int maxRows)
    {
        var focused = model.Focus == ConsoleFocus.Clusters;
        yield return Line.Rule(focused ? "Clusters [focused]" : "Clusters", width);
        yield return Line.Of(Row("name", "connector", "reach", "latency", "run", "queue", "data"), width, "grey");
        for (var i = 0; i < Math.Min(maxRows, model.Clusters.Count); i++)
        {
            var c = model.Clusters[i];
            var reach = !c.Ready ? "starting" : c.Reachable switch { true => "yes", false => "NO", null => "?" };
            var text = Row(c.Name, c.Connector, reach,
                c.Latency is { } l ? $"{l.TotalMilliseconds:0} ms" : "-",
                c.Running.ToString(), c.Queued.ToString(),
                c.DataAge is { } age ? HeaderLine.Age(age) + " old" : "-");
            if (c.Error is { } error) text += "  " + error;
            var style = c.Reachable == false || c.Error is not null ? "red" : c.Ready ? "green" : "yellow";
            if (focused && i == model.SelectedCluster) style = "invert " + style;
            yield return Line.Of(text, width, style);
        }
    }

    private static string Row(string name, string connector, string reach, string latency, string run, string queue, string age) =>
        $"{Line.Fit(name, 12, pad: true)} {Line.Fit(connector, 28, pad: true)} {Line.Fit(reach, 8, pad: true)} {Line.Fit(latency, 8, pad: true)} {Line.Fit(run, 5, pad: true)} {Line.Fit(queue, 5, pad: true)} {age}";
}
