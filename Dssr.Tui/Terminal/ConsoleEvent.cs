using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>What wakes the console loop: a key, a second passing, a resize, or finished background work.</summary>
public abstract record ConsoleEvent
{
    public sealed record Key(ConsoleKeyInfo Info) : ConsoleEvent;
    public sealed record Tick : ConsoleEvent;
    public sealed record Resize : ConsoleEvent;
    public sealed record Apply(Action<ConsoleModel> Change) : ConsoleEvent;
    public sealed record InputClosed : ConsoleEvent;
}
