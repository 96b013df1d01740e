using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Dummy;

/// <summary>
/// The timed life of a dummy job: queued for the queued time, then running for the running time,
/// then ended. The phases meet exactly, so there is no instant where a live job is in neither list
/// (the original had a whole second of it). A terminated job has ended at once.
/// </summary>
internal sealed class DummyLifecycle
{
    private readonly DummySettings _settings;

    public DummyLifecycle(DummySettings settings) => _settings = settings;

    public JobPhase PhaseAt(DummyJob job, DateTimeOffset now)
    {
        if (job.EndedAt is { } ended && now >= ended) return JobPhase.Ended;
        var age = now - job.SubmittedAt;
        if (age < _settings.QueuedTime) return JobPhase.Queued;
        if (age < _settings.QueuedTime + _settings.RunningTime) return JobPhase.Running;
        return JobPhase.Ended;
    }

    /// <summary>When the job ended or will end by itself.</summary>
    public DateTimeOffset EndOf(DummyJob job) =>
        job.EndedAt ?? job.SubmittedAt + _settings.QueuedTime + _settings.RunningTime;

    /// <summary>The Slurm-like state code the console and journal show.</summary>
    public string StateAt(DummyJob job, DateTimeOffset now) => PhaseAt(job, now) switch
    {
        JobPhase.Queued => "PD",
        JobPhase.Running => "R",
        _ when job.EndState == "CANCELLED" => "CA",
        _ => job.Fails ? "F" : "CD",
    };

    public TimeSpan ElapsedAt(DummyJob job, DateTimeOffset now)
    {
        var end = EndOf(job);
        var at = now < end ? now : end;
        var elapsed = at - job.SubmittedAt;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }
}
