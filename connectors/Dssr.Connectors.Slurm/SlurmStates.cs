namespace Dssr.Connectors.Slurm;

using Dssr.Engine.Connectors;

/// <summary>
/// Where every Slurm job state goes, for the upstream and for /exitstatus. Compact codes are squeue's
/// <c>%t</c>; long names are what <c>scontrol show job</c> and <c>sacct</c> print. Every code is placed:
/// <list type="bullet">
/// <item>Queued (waits, will run): PD pending, CF configuring, RD resv-del-hold, RF requeue-fed,
///   RH requeue-hold, RQ requeued, SE special-exit. The original left RQ and SE out of both lists, so a job
///   that would run again looked finished; and it counted RH as running although nothing runs.</item>
/// <item>Running (holds nodes, not over): R running, RS resizing, SI signaling, SO stage-out, ST stopped,
///   S suspended, CG completing (the batch step may still write output; its exit status is not final).</item>
/// <item>Ended (final): CD completed (0); F failed, NF node-fail, OOM out-of-memory (1); CA cancelled,
///   DL deadline, PR preempted (-15); TO timeout, BF boot-fail, RV revoked and anything unknown (-9).</item>
/// </list>
/// </summary>
internal static class SlurmStates
{
    private static readonly Dictionary<string, string> LongNames = new(StringComparer.Ordinal)
    {
        ["BF"] = "BOOT_FAIL", ["CA"] = "CANCELLED", ["CD"] = "COMPLETED", ["CF"] = "CONFIGURING",
        ["CG"] = "COMPLETING", ["DL"] = "DEADLINE", ["F"] = "FAILED", ["NF"] = "NODE_FAIL",
        ["OOM"] = "OUT_OF_MEMORY", ["PD"] = "PENDING", ["PR"] = "PREEMPTED", ["R"] = "RUNNING",
        ["RD"] = "RESV_DEL_HOLD", ["RF"] = "REQUEUE_FED", ["RH"] = "REQUEUE_HOLD", ["RQ"] = "REQUEUED",
        ["RS"] = "RESIZING", ["RV"] = "REVOKED", ["SI"] = "SIGNALING", ["SE"] = "SPECIAL_EXIT",
        ["SO"] = "STAGE_OUT", ["ST"] = "STOPPED", ["S"] = "SUSPENDED", ["TO"] = "TIMEOUT",
    };

    private static readonly HashSet<string> Queued = new(StringComparer.Ordinal)
        { "PENDING", "CONFIGURING", "RESV_DEL_HOLD", "REQUEUE_FED", "REQUEUE_HOLD", "REQUEUED", "SPECIAL_EXIT" };

    private static readonly HashSet<string> Running = new(StringComparer.Ordinal)
        { "RUNNING", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "SUSPENDED", "COMPLETING" };

    /// <summary>The long name of a state given as a compact code, a long name, or sacct's <c>CANCELLED by 123</c>.</summary>
    public static string LongName(string state)
    {
        var word = state.Trim().Split(' ', 2)[0].TrimEnd('+').ToUpperInvariant();
        return LongNames.TryGetValue(word, out var name) ? name : word;
    }

    public static JobPhase Phase(string state)
    {
        var name = LongName(state);
        return Queued.Contains(name) ? JobPhase.Queued : Running.Contains(name) ? JobPhase.Running : JobPhase.Ended;
    }

    public static bool IsFinal(string state) => Phase(state) == JobPhase.Ended;

    /// <summary>The upstream's exit code (§4.7): 0 done, 1 failed, -15 stopped by someone, -9 anything else.</summary>
    public static int ExitCode(string state) => LongName(state) switch
    {
        "COMPLETED" => 0,
        "FAILED" or "NODE_FAIL" or "OUT_OF_MEMORY" => 1,
        "CANCELLED" or "DEADLINE" or "PREEMPTED" => -15,
        _ => -9,
    };
}
