using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Dssr.Scripting.Formatting;

/// <summary>
/// Turns a result into text an operator reads at a glance: scalars as themselves, records and
/// plain objects as a name/value table, sequences of them as one table with a row each, and
/// anything long cut off with a note saying how much was left out (the whole value stays in <c>Last.Value</c>).
/// </summary>
internal static class ResultFormatter
{
    /// <summary>Names of properties and dictionary keys whose values are never shown (server key, bearer tokens, passwords).</summary>
    private static readonly System.Text.RegularExpressions.Regex Secret =
        new("(PASS|TOKEN|SECRET|BEARER|CREDENTIAL|SERVER_?KEY|PRIVATE_?KEY|API_?KEY)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private const string Redacted = "<redacted>";

    public static string Format(object? value, FormatLimits limits)
    {
        var text = FormatValue(value, limits, nested: false);
        if (text.Length <= limits.MaxChars) return text;
        var cut = text.LastIndexOf('\n', limits.MaxChars);
        if (cut < limits.MaxChars / 2) cut = limits.MaxChars;
        return text[..cut] + $"\n… output truncated: {cut:N0} of {text.Length:N0} characters shown; the whole value is in Last.Value";
    }

    private static string FormatValue(object? value, FormatLimits limits, bool nested)
    {
        switch (value)
        {
            case null: return "null";
            case string s: return s;
            case JsonElement json: return json.GetRawText();
            case JsonDocument doc: return doc.RootElement.GetRawText();
            case Exception e: return $"{e.GetType().Name}: {e.Message}";
        }
        if (IsScalar(value.GetType())) return Scalar(value);
        if (value is IEnumerable sequence) return Sequence(sequence, limits);
        if (HasOwnToString(value.GetType()) && !IsRecord(value.GetType())) return value.ToString() ?? "";
        return Members(value, limits, nested);
    }

    /// <summary>One table for a sequence: a column per public property of the items, or one column of values.</summary>
    private static string Sequence(IEnumerable sequence, FormatLimits limits)
    {
        var items = new List<object?>();
        var more = false;
        foreach (var item in sequence)
        {
            if (items.Count == limits.MaxRows) { more = true; break; }
            items.Add(item);
        }
        var total = sequence is ICollection c ? c.Count : (int?)null;
        var footer = !more
            ? $"({items.Count} {(items.Count == 1 ? "item" : "items")})"
            : total is { } n
                ? $"… {limits.MaxRows} of {n:N0} items shown; the whole value is in Last.Value"
                : $"… the first {limits.MaxRows} items shown; the whole value is in Last.Value";
        if (items.Count == 0) return "(no items)";

        var itemType = items.FirstOrDefault(i => i is not null)?.GetType();
        if (itemType is not null && IsKeyValuePair(itemType))
        {
            var key = itemType.GetProperty("Key")!;
            var val = itemType.GetProperty("Value")!;
            var pairs = items.Select(i =>
            {
                var k = Cell(key.GetValue(i), limits);
                return (IReadOnlyList<string>)[k, Secret.IsMatch(k) ? Redacted : Cell(val.GetValue(i), limits)];
            }).ToList();
            return TextTable.Render(["key", "value"], pairs) + "\n" + footer;
        }
        if (itemType is null || IsScalar(itemType) || itemType == typeof(string) || HasOwnToString(itemType) && !IsRecord(itemType))
            return string.Join('\n', items.Select(i => Cell(i, limits))) + "\n" + footer;

        var columns = Properties(itemType);
        var rows = items.Select(i => (IReadOnlyList<string>)columns.Select(p => Secret.IsMatch(p.Name) ? Redacted : Cell(Read(p, i), limits)).ToList()).ToList();
        return TextTable.Render(columns.Select(p => p.Name).ToList(), rows) + "\n" + footer;
    }

    /// <summary>A name/value table of an object's properties; a sequence property follows as its own table.</summary>
    private static string Members(object value, FormatLimits limits, bool nested)
    {
        var type = value.GetType();
        var scalars = new List<IReadOnlyList<string>>();
        var tables = new StringBuilder();
        foreach (var p in Properties(type))
        {
            var v = Secret.IsMatch(p.Name) ? Redacted : Read(p, value);
            if (!nested && v is IEnumerable and not string && v is not JsonElement)
                tables.Append('\n').Append(p.Name).Append(":\n").Append(FormatValue(v, limits, nested: true));
            else
                scalars.Add([p.Name, Cell(v, limits with { MaxCellChars = Math.Max(limits.MaxCellChars, 200) })]);
        }
        var head = FriendlyName(type);
        if (scalars.Count == 0 && tables.Length == 0) return head;
        return head + "\n" + (scalars.Count > 0 ? TextTable.Render(["property", "value"], scalars) : "") + tables;
    }

    private static string Cell(object? value, FormatLimits limits)
    {
        var text = value switch
        {
            null => "",
            string s => s,
            JsonElement json => json.GetRawText(),
            _ when IsScalar(value.GetType()) => Scalar(value),
            IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Take(5).Select(ItemText))
                             + (e.Cast<object?>().Skip(5).Any() ? ", …]" : "]"),
            _ => value.ToString() ?? "",
        };
        text = text.ReplaceLineEndings("⏎");
        return text.Length <= limits.MaxCellChars ? text : text[..(limits.MaxCellChars - 1)] + "…";
    }

    /// <summary>One item of a sequence inside a cell; a dictionary entry under a secret's name keeps its value hidden.</summary>
    private static string ItemText(object? item)
    {
        if (item is not null && IsKeyValuePair(item.GetType()))
        {
            var key = item.GetType().GetProperty("Key")!.GetValue(item)?.ToString() ?? "";
            var value = Secret.IsMatch(key) ? Redacted : item.GetType().GetProperty("Value")!.GetValue(item)?.ToString();
            return $"{key}={value}";
        }
        return item?.ToString() ?? "null";
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Uri) || type == typeof(Version)
        || Nullable.GetUnderlyingType(type) is { } inner && IsScalar(inner);

    /// <summary>Records and anonymous types: their generated ToString is one long line, a table reads better.</summary>
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null
        || type.Name.Contains("AnonymousType", StringComparison.Ordinal) && type.GetCustomAttribute<CompilerGeneratedAttribute>() is not null
        || type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null;

    private static bool HasOwnToString(Type type) =>
        type.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType is { } d && d != typeof(object) && d != typeof(ValueType);

    private static bool IsKeyValuePair(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>);

    private static List<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .ToList();

    private static object? Read(PropertyInfo property, object? owner)
    {
        if (owner is null) return null;
        try
        {
            return property.GetValue(owner);
        }
        catch (TargetInvocationException e)
        {
            return $"<{e.InnerException?.GetType().Name ?? "error"}>";
        }
    }

    private static string FriendlyName(Type type)
    {
        if (!type.IsGenericType) return type.Name;
        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>";
    }
}
