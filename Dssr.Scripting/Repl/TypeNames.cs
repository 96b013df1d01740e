namespace Dssr.Scripting.Repl;

/// <summary>A type's name as C# source can write it, or null when a fresh script cannot name it.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool", [typeof(int)] = "int",
        [typeof(long)] = "long", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char",
        [typeof(byte)] = "byte", [typeof(short)] = "short", [typeof(float)] = "float", [typeof(uint)] = "uint",
        [typeof(ulong)] = "ulong", [typeof(ushort)] = "ushort", [typeof(sbyte)] = "sbyte",
    };

    public static string? CSharp(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword)) return keyword;
        if (type.IsArray)
            return CSharp(type.GetElementType()!) is { } element ? $"{element}[{new string(',', type.GetArrayRank() - 1)}]" : null;
        if (type.IsPointer || type.IsByRef || type.IsGenericParameter) return null;
        // Types compiled from REPL submissions live in dynamic script assemblies a fresh session does not reference.
        if (type.Assembly.IsDynamic || type.Assembly.GetName().Name?.StartsWith('ℛ') == true) return null;
        if (type.Name.Contains('<') || !IsVisible(type)) return null;
        if (type.IsNested && type.DeclaringType!.IsGenericType) return null;

        var name = type.IsNested ? CSharp(type.DeclaringType!) + "." + Bare(type) : "global::" + type.Namespace + "." + Bare(type);
        if (type.IsNested && CSharp(type.DeclaringType!) is null) return null;
        if (!type.IsGenericType) return name.Replace("global::.", "global::", StringComparison.Ordinal);
        var args = type.GetGenericArguments().Select(CSharp).ToList();
        if (args.Any(a => a is null)) return null;
        return $"{name.Replace("global::.", "global::", StringComparison.Ordinal)}<{string.Join(", ", args)}>";
    }

    private static string Bare(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;

    private static bool IsVisible(Type type) =>
        type.IsPublic || type.IsNestedPublic && IsVisible(type.DeclaringType!);
}
