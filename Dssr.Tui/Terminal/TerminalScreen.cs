namespace Dssr.Tui.Terminal;

/// <summary>The real terminal: alternate screen in, hidden cursor, and everything put back on the way out.</summary>
public sealed class TerminalScreen : IDisposable
{
    private readonly TextWriter _out;
    private bool _entered;

    public TerminalScreen(TextWriter output) => _out = output;

    public (int Width, int Height) Size
    {
        get
        {
            try
            {
                var (w, h) = (Console.WindowWidth, Console.WindowHeight);
                return (w > 0 ? w : 80, h > 0 ? h : 24);
            }
            catch (IOException)
            {
                return (80, 24);
            }
        }
    }

    public void Enter()
    {
        _out.Write("\u001b[?1049h\u001b[?25l\u001b[2J");
        _out.Flush();
        _entered = true;
    }

    public void Write(string frame)
    {
        _out.Write(frame);
        _out.Flush();
    }

    public void Dispose()
    {
        if (!_entered) return;
        _entered = false;
        _out.Write("\u001b[0m\u001b[?25h\u001b[?1049l");
        _out.Flush();
    }
}
