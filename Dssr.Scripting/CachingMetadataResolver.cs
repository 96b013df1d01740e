using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Dssr.Scripting;

/// <summary>
/// Resolves each reference and each missing dependency once per process. Roslyn's script resolver
/// makes a new reference (and reads the file into native memory again) for every compilation that
/// needs one — the default names such as System.Runtime, and every dependency of Dssr.Engine
/// (ASP.NET Core, SQLite) — and a REPL keeps every submission's compilation alive, so without this
/// the process grew by more than a megabyte per line.
/// </summary>
internal sealed class CachingMetadataResolver : MetadataReferenceResolver
{
    private readonly MetadataReferenceResolver _inner;
    private readonly ConcurrentDictionary<(string Reference, string? BaseFilePath, MetadataReferenceProperties Properties), ImmutableArray<PortableExecutableReference>> _references = new();
    private readonly ConcurrentDictionary<AssemblyIdentity, PortableExecutableReference?> _missing = new();

    public CachingMetadataResolver(MetadataReferenceResolver inner) => _inner = inner;

    public static CachingMetadataResolver Default { get; } = new(ScriptMetadataResolver.Default);

    public override bool ResolveMissingAssemblies => _inner.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        _references.GetOrAdd((reference, baseFilePath, properties), key => _inner.ResolveReference(key.Reference, key.BaseFilePath, key.Properties));

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        _missing.GetOrAdd(referenceIdentity, identity => _inner.ResolveMissingAssembly(definition, identity));

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
