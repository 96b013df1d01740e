using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Dssr.Tui.Views;

/// <summary>A Terminal.Gui key as the view models' <see cref="ConsoleKeyInfo"/> (they are renderer-agnostic).</summary>
internal static class KeyTranslation
{
    public static ConsoleKeyInfo ToKeyInfo(Key key)
    {
        var ctrl = key.IsCtrl;
        var shift = key.IsShift;
        var special = key.NoCtrl.NoShift.NoAlt.KeyCode switch
        {
            KeyCode.CursorUp => ConsoleKey.UpArrow,
            KeyCode.CursorDown => ConsoleKey.DownArrow,
            KeyCode.CursorLeft => ConsoleKey.LeftArrow,
            KeyCode.CursorRight => ConsoleKey.RightArrow,
            KeyCode.PageUp => ConsoleKey.PageUp,
            KeyCode.PageDown => ConsoleKey.PageDown,
            KeyCode.Home => ConsoleKey.Home,
            KeyCode.End => ConsoleKey.End,
            KeyCode.Enter => ConsoleKey.Enter,
            KeyCode.Esc => ConsoleKey.Escape,
            KeyCode.Tab => ConsoleKey.Tab,
            KeyCode.Backspace => ConsoleKey.Backspace,
            KeyCode.Delete => ConsoleKey.Delete,
            _ => (ConsoleKey?)null,
        };
        if (special is { } k)
            return new ConsoleKeyInfo(k switch { ConsoleKey.Enter => '\r', ConsoleKey.Escape => '\u001b', ConsoleKey.Tab => '\t', _ => '\0' }, k, shift, false, ctrl);
        if (ctrl)
        {
            var letter = (char)(key.NoCtrl.NoShift.KeyCode & KeyCode.CharMask);
            var consoleKey = char.IsAsciiLetter(letter) ? ConsoleKey.A + (char.ToUpperInvariant(letter) - 'A') : ConsoleKey.NoName;
            return new ConsoleKeyInfo('\0', consoleKey, shift, false, true);
        }
        var rune = key.AsRune;
        var c = rune.Value is > 0 and <= char.MaxValue ? (char)rune.Value : '\0';
        return new ConsoleKeyInfo(c, ConsoleKey.NoName, shift, key.IsAlt, false);
    }
}
