using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

public class ReplControllerTests
{
    /// <summary>Completes a submission when it has as many '{' as '}'; answers with the code reversed.</summary>
    private sealed class BraceEngine : IReplEngine
    {
        public List<string> Evaluated { get; } = [];
        public TaskCompletionSource? Gate { get; set; }

        public async Task<string?> EvaluateAsync(string code, CancellationToken ct)
        {
            if (Gate is { } gate) await gate.Task.WaitAsync(ct);
            if (code.Count(c => c == '{') != code.Count(c => c == '}')) return null;
            Evaluated.Add(code);
            return "=" + code.Replace("\n", "|");
        }
    }

    private sealed class Harness
    {
        public readonly ReplPane Pane = new();
        public readonly BraceEngine Engine = new();
        public readonly List<Task<Action<ConsoleModel>>> Posted = [];
        public readonly ReplController Controller;
        private readonly ConsoleModel _model = new(false);

        public Harness() => Controller = new ReplController(Pane, Engine, Posted.Add);

        public void Line(string text)
        {
            Pane.Editor.Insert(text);
            Controller.Handle(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
        }

        /// <summary>Applies finished background work on this thread, as the console loop does.</summary>
        public void Drain()
        {
            while (Posted.Count > 0)
            {
                var next = Posted[0];
                Posted.RemoveAt(0);
                next.GetAwaiter().GetResult()(_model);
            }
        }
    }

    [Fact]
    public void A_complete_line_is_echoed_and_its_value_shown()
    {
        var h = new Harness();
        h.Line("1+2");
        h.Drain();
        Assert.Equal(["> 1+2", "=1+2"], h.Pane.Output.Skip(1));
    }

    [Fact]
    public void An_incomplete_line_waits_for_the_next_and_both_are_evaluated_together()
    {
        var h = new Harness();
        h.Line("if (x) {");
        h.Drain();
        h.Line("}");
        h.Drain();
        Assert.Equal(["if (x) {\n}"], h.Engine.Evaluated);
    }

    [Fact]
    public void Lines_typed_while_an_evaluation_runs_are_kept_and_run_in_order()
    {
        var h = new Harness { Engine = { Gate = new TaskCompletionSource() } };
        h.Line("a");
        h.Pane.Editor.Insert("b");
        Assert.Equal("b", h.Pane.Editor.Text);
        h.Controller.Handle(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
        h.Engine.Gate!.SetResult();
        h.Drain();
        Assert.Equal(["a", "b"], h.Engine.Evaluated);
    }

    [Fact]
    public void Cancel_stops_the_running_evaluation()
    {
        var h = new Harness { Engine = { Gate = new TaskCompletionSource() } };
        h.Line("slow");
        h.Controller.Cancel();
        h.Drain();
        Assert.Contains(h.Pane.Output, l => l.StartsWith("error:"));
        Assert.False(h.Pane.Evaluating);
    }

    [Fact]
    public void Escape_is_left_to_the_console()
    {
        var h = new Harness();
        Assert.False(h.Controller.Handle(new ConsoleKeyInfo('\u001b', ConsoleKey.Escape, false, false, false)));
    }
}
