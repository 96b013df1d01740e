namespace Dssr.Engine.Connectors;

/// <summary>The scheduler's job id and the script as run (credentials redacted), returned to the upstream.</summary>
public sealed record SubmitResult(string JobId, string Fscript, string? Owner = null);
