using System.Globalization;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Dummy;

/// <summary>The original dummy's knobs, read once at start, plus JARVICE_DUMMY_SEED for reproducible failures.</summary>
internal sealed record DummySettings(
    TimeSpan QueuedTime,
    TimeSpan RunningTime,
    int FailingPercent,
    bool Interactive,
    int? Seed,
    string Executor)
{
    public static DummySettings From(ConnectorContext context) => new(
        QueuedTime: TimeSpan.FromSeconds(Number(context, "JARVICE_DUMMY_JOB_QUEUED_TIME", 5, 0, 86_400)),
        RunningTime: TimeSpan.FromSeconds(Number(context, "JARVICE_DUMMY_JOB_RUNNING_TIME", 10, 0, 86_400)),
        FailingPercent: Number(context, "JARVICE_DUMMY_JOB_FAILING_PERCENT", 50, 0, 100),
        // Exact, case-sensitive "True", as the original.
        Interactive: context.Setting("JARVICE_DUMMY_JOBS_ARE_INTERACTIVE") == "True",
        Seed: context.Setting("JARVICE_DUMMY_SEED") is { Length: > 0 } ? Number(context, "JARVICE_DUMMY_SEED", 0, int.MinValue, int.MaxValue) : null,
        Executor: context.Setting("JARVICE_BAREMETAL_EXECUTOR") is { Length: > 0 } e ? e : "singularity");

    private static int Number(ConnectorContext context, string key, int fallback, int min, int max)
    {
        var text = context.Setting(key);
        if (string.IsNullOrEmpty(text)) return fallback;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new ConfigurationException($"{key}: '{text}' is not a whole number from {min} to {max}");
        return n;
    }
}
