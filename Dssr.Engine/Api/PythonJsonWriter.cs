using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dssr.Engine.Api;

/// <summary>
/// Writes the exact bytes of Python's <c>json.dumps(x, sort_keys=True, ensure_ascii=True,
/// separators=(",", ":"))</c>: what Flask's jsonify sent under waitress. System.Text.Json's
/// defaults differ (upper-case hex, escaped &lt;&gt;&amp;'+), so the legacy API writes through this.
/// Callers writing objects by hand must emit keys in sorted order; <see cref="WriteElement"/> sorts.
/// </summary>
internal sealed class PythonJsonWriter
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();
    private readonly IBufferWriter<byte> _out;
    private readonly Stack<bool> _first = new();

    public PythonJsonWriter(IBufferWriter<byte> output) => _out = output;

    /// <summary>Serialises a whole value written by <paramref name="write"/>, with the trailing newline jsonify adds.</summary>
    public static byte[] ToBytes(Action<PythonJsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new PythonJsonWriter(buffer);
        write(writer);
        writer.Raw("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public PythonJsonWriter StartArray() { Separator(); Raw("["u8); _first.Push(true); return this; }
    public PythonJsonWriter EndArray() { _first.Pop(); Raw("]"u8); return this; }
    public PythonJsonWriter StartObject() { Separator(); Raw("{"u8); _first.Push(true); return this; }
    public PythonJsonWriter EndObject() { _first.Pop(); Raw("}"u8); return this; }

    /// <summary>An object key; the value written next belongs to it.</summary>
    public PythonJsonWriter Key(string key)
    {
        Separator();
        WriteQuoted(key);
        Raw(":"u8);
        _valueAfterKey = true; // the value that follows takes no comma
        return this;
    }

    private bool _valueAfterKey;

    public PythonJsonWriter Null() { Separator(); Raw("null"u8); return this; }
    public PythonJsonWriter Bool(bool value) { Separator(); Raw(value ? "true"u8 : "false"u8); return this; }

    public PythonJsonWriter Int(long value)
    {
        Separator();
        Span<byte> digits = stackalloc byte[24];
        value.TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
        Raw(digits[..n]);
        return this;
    }

    public PythonJsonWriter Float(double value) { Separator(); RawAscii(PythonFloat.Repr(value)); return this; }

    public PythonJsonWriter String(string? value)
    {
        if (value is null) return Null();
        Separator();
        WriteQuoted(value);
        return this;
    }

    public PythonJsonWriter Strings(IEnumerable<string> values)
    {
        StartArray();
        foreach (var v in values) String(v);
        return EndArray();
    }

    /// <summary>Any parsed JSON value, with object keys sorted as Python sorts str (by code point).</summary>
    public PythonJsonWriter WriteElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                StartObject();
                // Duplicate keys: the last one wins, as in Python's json.loads.
                var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject()) props[p.Name] = p.Value;
                foreach (var key in props.Keys.OrderBy(k => k, CodePointComparer.Instance))
                {
                    Key(key);
                    WriteElement(props[key]);
                }
                return EndObject();
            case JsonValueKind.Array:
                StartArray();
                foreach (var item in element.EnumerateArray()) WriteElement(item);
                return EndArray();
            case JsonValueKind.String: return String(element.GetString());
            case JsonValueKind.Number: return Number(element.GetRawText());
            case JsonValueKind.True: return Bool(true);
            case JsonValueKind.False: return Bool(false);
            default: return Null();
        }
    }

    private PythonJsonWriter Number(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
            return Float(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
        // Python ints are unbounded: keep the digits, normalise "-0" and leading zeros as int() would.
        var negative = raw.StartsWith('-');
        var digits = raw.TrimStart('-').TrimStart('0');
        if (digits.Length == 0) { Separator(); Raw("0"u8); return this; }
        Separator();
        RawAscii(negative ? "-" + digits : digits);
        return this;
    }

    private void Separator()
    {
        if (_valueAfterKey)
        {
            _valueAfterKey = false;
            return;
        }
        if (_first.Count == 0) return;
        if (_first.Peek()) { _first.Pop(); _first.Push(false); }
        else Raw(","u8);
    }

    private void WriteQuoted(string value)
    {
        var span = _out.GetSpan(value.Length * 6 + 2);
        var n = 0;
        span[n++] = (byte)'"';
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': span[n++] = (byte)'\\'; span[n++] = (byte)'"'; break;
                case '\\': span[n++] = (byte)'\\'; span[n++] = (byte)'\\'; break;
                case '\n': span[n++] = (byte)'\\'; span[n++] = (byte)'n'; break;
                case '\r': span[n++] = (byte)'\\'; span[n++] = (byte)'r'; break;
                case '\t': span[n++] = (byte)'\\'; span[n++] = (byte)'t'; break;
                case '\b': span[n++] = (byte)'\\'; span[n++] = (byte)'b'; break;
                case '\f': span[n++] = (byte)'\\'; span[n++] = (byte)'f'; break;
                default:
                    if (c >= 0x20 && c <= 0x7e) span[n++] = (byte)c;
                    else
                    {
                        // UTF-16 units: astral characters come out as surrogate pairs, as in Python.
                        span[n++] = (byte)'\\'; span[n++] = (byte)'u';
                        span[n++] = Hex[(c >> 12) & 0xf]; span[n++] = Hex[(c >> 8) & 0xf];
                        span[n++] = Hex[(c >> 4) & 0xf]; span[n++] = Hex[c & 0xf];
                    }
                    break;
            }
        }
        span[n++] = (byte)'"';
        _out.Advance(n);
    }

    private void Raw(ReadOnlySpan<byte> bytes) => _out.Write(bytes);

    private void RawAscii(string ascii) => _out.Write(Encoding.ASCII.GetBytes(ascii));
}
