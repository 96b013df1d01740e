namespace Dssr.Engine.Connectors;

/// <summary>
/// The path of <c>/request/&lt;path&gt;</c>, URL-decoded: <c>name/number/jobid[/method]</c>, or a
/// job-less single segment such as <c>pvcls</c>. <see cref="Method"/> is empty for three segments.
/// </summary>
public sealed record RequestPath(string Raw, IReadOnlyList<string> Segments)
{
    public bool IsJobPath => Segments.Count is 3 or 4;
    public string? JobName => IsJobPath ? Segments[0] : null;
    public string? JobNumber => IsJobPath ? Segments[1] : null;
    public string? JobId => IsJobPath ? Segments[2] : null;
    /// <summary>The job's owner as the journal recorded it at submit (set by the cluster, never by the request).</summary>
    public string? Owner { get; init; }

    public string Method => Segments.Count == 4 ? Segments[3] : Segments.Count == 3 ? "" : Segments[0];

    public static RequestPath Parse(string decoded) =>
        new(decoded, decoded.TrimStart('/').Split('/'));
}
