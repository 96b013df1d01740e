using System.Globalization;
using System.Text;

namespace Dssr.Engine.Remote;

/// <summary>
/// Makes the remote shell say its PID on stderr before it execs the command (so the PID is the command's),
/// which lets a cancelled command be signalled on the server: closing a channel without a terminal does
/// not stop it. The tag is random per transport so that no command output is mistaken for it.
/// </summary>
internal sealed class RemotePidMarker
{
    private readonly byte[] _tag;

    public RemotePidMarker()
    {
        Tag = "dssr-pid-" + Guid.NewGuid().ToString("N")[..12];
        _tag = Encoding.ASCII.GetBytes(Tag + " ");
    }

    public string Tag { get; }

    /// <summary>Constant shell text put before the quoted command: no data from outside goes in it.</summary>
    public string Prefix => $"echo {Tag} $$ >&2; exec ";

    public int? FindPid(byte[] stderr)
    {
        var (start, end) = Locate(stderr);
        if (start < 0) return null;
        var digits = Encoding.ASCII.GetString(stderr, start + _tag.Length, end - start - _tag.Length).Trim();
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : null;
    }

    /// <summary>The stderr the command wrote, without the marker line.</summary>
    public byte[] Strip(byte[] stderr)
    {
        var (start, end) = Locate(stderr);
        if (start < 0) return stderr;
        var after = Math.Min(stderr.Length, end + 1);
        return stderr[..start].Concat(stderr[after..]).ToArray();
    }

    private (int Start, int End) Locate(byte[] stderr)
    {
        var start = stderr.AsSpan().IndexOf(_tag);
        if (start < 0) return (-1, -1);
        var newline = stderr.AsSpan(start).IndexOf((byte)'\n');
        // Without its newline the line is still arriving: not complete enough to use.
        return newline < 0 ? (-1, -1) : (start, start + newline);
    }
}
