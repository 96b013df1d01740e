namespace Dssr.Engine.Connectors;

/// <summary>The scheduler's job id and the script as run (credentials redacted), returned to the upstream.</summary>
/// <remarks><see cref="Secrets"/>: an interactive job's password and token, for the journal (never for the answer).</remarks>
public sealed record SubmitResult(string JobId, string Fscript, string? Owner = null, Interactive.JobSecrets? Secrets = null);
