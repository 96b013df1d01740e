using Dssr.Engine.Connectors;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

/// <summary>A model, a controller and fake actions; background work is applied as soon as it completes.</summary>
internal sealed class ConsoleHarness
{
    public ConsoleHarness(bool readOnly = false, int jobs = 3)
    {
        Model = new ConsoleModel(readOnly);
        Controller = new ConsoleController(Model, Actions, work => work.GetAwaiter().GetResult()(Model));
        Model.Clusters = [new ClusterRow("default", "dummy", true, true, TimeSpan.FromMilliseconds(3), 1, 2, TimeSpan.Zero, null)];
        Model.Queue.Update(Enumerable.Range(1, jobs).Select(Row).ToList());
    }

    public ConsoleModel Model { get; }
    public FakeActions Actions { get; } = new();
    public ConsoleController Controller { get; }

    public static QueueRow Row(int n) => new($"2024010112000{n}-ABCDE-app-user{n}_s1", n, "default", $"dummy_{n}",
        n == 1 ? "R" : "PD", n == 1 ? JobPhase.Running : JobPhase.Queued, TimeSpan.FromSeconds(n * 10), n == 1 ? "node1" : "-", $"user{n}");

    public void Press(char c) => Controller.Handle(new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false));

    public void Press(ConsoleKey key) => Controller.Handle(new ConsoleKeyInfo('\0', key, false, false, false));

    public void Type(string text)
    {
        foreach (var c in text) Press(c);
    }
}
