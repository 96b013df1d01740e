namespace Dssr.Connectors.Dummy;

/// <summary>A job of the dummy cluster. <see cref="EndedAt"/> is set when it is terminated; <see cref="Collected"/> after /exitstatus.</summary>
internal sealed record DummyJob(
    string JobId,
    string Name,
    long Number,
    DateTimeOffset SubmittedAt,
    bool Fails,
    DateTimeOffset? EndedAt = null,
    string? EndState = null,
    bool Collected = false);
