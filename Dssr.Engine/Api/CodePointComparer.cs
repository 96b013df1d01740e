namespace Dssr.Engine.Api;

/// <summary>Orders strings by Unicode code point, as Python sorts str (UTF-16 ordinal differs above U+D7FF).</summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var a = CodePointAt(x, ref i);
            var b = CodePointAt(y, ref j);
            if (a != b) return a.CompareTo(b);
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }

    private static int CodePointAt(string s, ref int index)
    {
        var c = s[index];
        if (char.IsHighSurrogate(c) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
        {
            var cp = char.ConvertToUtf32(c, s[index + 1]);
            index += 2;
            return cp;
        }
        index++;
        return c;
    }
}
