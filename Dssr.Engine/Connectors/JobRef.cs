namespace Dssr.Engine.Connectors;

/// <summary>
/// A job as the upstream names it in per-job calls. <see cref="Owner"/> and <see cref="LastState"/> come from
/// the journal, never from the request: the owner decides whose account acts, and the last state recorded is
/// the answer of last resort once the cluster has forgotten the job. <see cref="Secrets"/> (an interactive job's
/// password and token) come from the journal too.
/// </summary>
public sealed record JobRef(string Name, long Number, string JobId, string? Owner = null, string? LastState = null,
    Interactive.JobSecrets? Secrets = null);
