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

        public bool IsComplete(string code) => code.Count(c => c == '{') == code.Count(c => c == '}');

        public Task<(int Start, IReadOnlyList<string> Items)> CompleteAsync(string code, int position, CancellationToken ct) =>
            Task.FromResult((position, (IReadOnlyList<string>)[]));

        public Task<IReadOnlyList<string>> SignaturesAsync(string code, int position, CancellationToken ct) =>
            Task.FromResult((IReadOnlyList<string>)[]);
    }

    private sealed class Harness
    {
        public readonly ReplPane Pane = new();
        public readonly BraceEngine Engine = new();
        public readonly List<Task<Action<ConsoleModel>>> Posted = [];
        public readonly ReplController Controller;
        private readonly ConsoleModel _model = new(false);

        public Harness() => Controller = new ReplController(Pane, Engine, Posted.Add);

        public void Line(string text) => Controller.Submit(text);

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
        h.Line("b");
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
        var model = new ConsoleModel(false) { Mode = ConsoleMode.Repl };
        Assert.Equal(ConsoleCommand.Back, KeyMap.Map(model, new ConsoleKeyInfo('\u001b', ConsoleKey.Escape, false, false, false)));
    }

    [Fact]
    public void Enter_takes_only_a_complete_submission()
    {
        var h = new Harness();
        Assert.False(h.Controller.TrySubmit("if (x) {"));
        Assert.Empty(h.Engine.Evaluated);
        Assert.True(h.Controller.TrySubmit("if (x) {\n}"));
        h.Drain();
        Assert.Equal(["if (x) {\n}"], h.Engine.Evaluated);
        Assert.Equal(["> if (x) {", ". }"], h.Pane.Output.Skip(1).Take(2));
    }
}
