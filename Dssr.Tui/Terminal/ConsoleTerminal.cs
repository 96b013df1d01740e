using Terminal.Gui.App;
using Terminal.Gui.Input;
using Dssr.Tui.Views;

namespace Dssr.Tui.Terminal;

/// <summary>
/// The terminal the console draws on: the library's application in the chosen theme, its input replaced by one that
/// waits for keys, Esc freed for "back", and the termination signals wired to stop the console. It opens while the
/// service is being built (the start's two longest stages, side by side on two cores); disposing it puts the
/// terminal back.
/// </summary>
internal sealed class ConsoleTerminal : IDisposable
{
    private readonly SignalStop _signals;
    private Action _stop = () => { };
    private bool _disposed;

    private ConsoleTerminal(ConsoleTheme theme)
    {
        Themes.Apply(theme);
        // Before Init: it keeps the terminal's modes as they were, to put back if the process must end abruptly.
        _signals = new SignalStop(() => Volatile.Read(ref _stop)());
        try
        {
            App = Application.Create();
            InputWaits = WaitingInput.Install(App);
            App.Init();
            App.Keyboard.KeyBindings.Remove(Key.Esc); // Esc means "back" here, never "quit the application"
        }
        catch
        {
            App?.Dispose();
            _signals.Dispose();
            throw;
        }
    }

    public static ConsoleTerminal Open(ConsoleTheme theme) => new(theme);

    public IApplication App { get; }

    /// <summary>False when the library's input could not be replaced: it then polls the terminal 50 times a second.</summary>
    public bool InputWaits { get; }

    /// <summary>What a termination signal does once the console runs (until then, the deadline ends the process).</summary>
    public void OnStopSignal(Action stop) => Volatile.Write(ref _stop, stop);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        App.Dispose(); // puts the terminal back (alternate screen, mouse, raw mode)
        _signals.Dispose();
    }
}
