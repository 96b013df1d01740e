using System.Runtime.CompilerServices;
using Dssr.Engine.Logging;
using Dssr.Tui.Tests.ViewModels;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Dssr.Tui.Tests.Views;

internal static class NoRealTerminal
{
    /// <summary>The library's own test mode: the ANSI driver works in memory and never touches a tty.</summary>
    [ModuleInitializer]
    internal static void Init() => Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
}

/// <summary>The console window in an in-memory Terminal.Gui application: keys injected, the screen read as text.</summary>
internal sealed class ScreenHarness : IDisposable
{
    private readonly SessionToken _token;

    public ScreenHarness(int width = 100, int height = 30, bool readOnly = false, int jobs = 3, IReplEngine? engine = null, bool color = true)
    {
        H = new ConsoleHarness(readOnly, jobs);
        App = Application.Create(new VirtualTimeProvider());
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        App.Keyboard.KeyBindings.Remove(Key.Esc);
        Repl = new ReplController(Pane, engine ?? new EchoEngine(), work => work.GetAwaiter().GetResult()(H.Model));
        Window = new ConsoleWindow(H.Model, H.Controller, Pane, Repl, Logs, color);
        App.Keyboard.KeyDown += (_, k) => Window.OnKey(k);
        _token = App.Begin(Window)!;
        App.LayoutAndDraw();
    }

    public ConsoleHarness H { get; }
    public ConsoleModel Model => H.Model;
    public IApplication App { get; }
    public ConsoleWindow Window { get; }
    public ReplPane Pane { get; } = new();
    public ReplController Repl { get; }
    public LogBuffer Logs { get; } = new();

    public string Screen
    {
        get
        {
            App.LayoutAndDraw();
            return App.Driver!.ToString()!;
        }
    }

    /// <summary>Every cell of the screen as it stands (no draw first): its text and its colours, so a row left highlighted shows.</summary>
    public string Cells()
    {
        var cells = App.Driver!.Contents!;
        var text = new System.Text.StringBuilder();
        for (var y = 0; y < cells.GetLength(0); y++)
        {
            for (var x = 0; x < cells.GetLength(1); x++) text.Append(cells[y, x].Grapheme).Append(cells[y, x].Attribute);
            text.Append('\n');
        }
        return text.ToString();
    }

    public void Press(params Key[] keys)
    {
        foreach (var key in keys)
        {
            App.InjectKey(key);
            App.LayoutAndDraw();
        }
    }

    public void Press(string text)
    {
        foreach (var c in text) Press(c);
    }

    public void Press(char c) => Press(c switch
    {
        >= 'a' and <= 'z' => new Key((KeyCode)char.ToUpperInvariant(c)),
        >= 'A' and <= 'Z' => new Key((KeyCode)c).WithShift,
        _ => (Key)c,
    });

    /// <summary>Runs <paramref name="whileOpen"/> once the confirmation dialog is up (it runs a nested loop inside the key).</summary>
    public void PressWithDialog(Key key, Action whileOpen)
    {
        var done = false;
        void OnIteration(object? s, EventArgs e)
        {
            if (done || !Window.Confirming) return;
            done = true;
            whileOpen();
        }
        App.Iteration += OnIteration;
        try { Press(key); }
        finally { App.Iteration -= OnIteration; }
        Assert.True(done, "the dialog never opened");
    }

    public void Dispose()
    {
        App.End(_token);
        Window.Dispose();
        App.Dispose();
    }

    /// <summary>Evaluates by echoing; complete when braces balance; completes from a fixed list of members.</summary>
    public sealed class EchoEngine : IReplEngine
    {
        public Task<string?> EvaluateAsync(string code, CancellationToken ct) => Task.FromResult<string?>("=" + code);
        public bool IsComplete(string code) => code.Count(c => c == '{') == code.Count(c => c == '}');
        public Task<(int Start, IReadOnlyList<string> Items)> CompleteAsync(string code, int position, CancellationToken ct) =>
            Task.FromResult((position, (IReadOnlyList<string>)["ByState", "Count", "Recent"]));
        public Task<IReadOnlyList<string>> SignaturesAsync(string code, int position, CancellationToken ct) =>
            Task.FromResult((IReadOnlyList<string>)["JobQueries.Recent(int count = 20)"]);
    }
}

[CollectionDefinition(nameof(TerminalGui), DisableParallelization = true)]
public sealed class TerminalGui;
