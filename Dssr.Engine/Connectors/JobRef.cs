namespace Dssr.Engine.Connectors;

/// <summary>A job as the upstream names it in per-job calls; <see cref="Owner"/> comes from the journal, never from the request.</summary>
public sealed record JobRef(string Name, long Number, string JobId, string? Owner = null);
