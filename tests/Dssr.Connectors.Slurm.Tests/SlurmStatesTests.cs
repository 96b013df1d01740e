using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm.Tests;

public sealed class SlurmStatesTests
{
    [Theory]
    [InlineData("PD", JobPhase.Queued)] [InlineData("CF", JobPhase.Queued)] [InlineData("RD", JobPhase.Queued)]
    [InlineData("RF", JobPhase.Queued)] [InlineData("RH", JobPhase.Queued)] [InlineData("RQ", JobPhase.Queued)]
    [InlineData("SE", JobPhase.Queued)]
    [InlineData("R", JobPhase.Running)] [InlineData("RS", JobPhase.Running)] [InlineData("SI", JobPhase.Running)]
    [InlineData("SO", JobPhase.Running)] [InlineData("ST", JobPhase.Running)] [InlineData("S", JobPhase.Running)]
    [InlineData("CG", JobPhase.Running)]
    [InlineData("CD", JobPhase.Ended)] [InlineData("F", JobPhase.Ended)] [InlineData("NF", JobPhase.Ended)]
    [InlineData("OOM", JobPhase.Ended)] [InlineData("CA", JobPhase.Ended)] [InlineData("DL", JobPhase.Ended)]
    [InlineData("PR", JobPhase.Ended)] [InlineData("TO", JobPhase.Ended)] [InlineData("BF", JobPhase.Ended)]
    [InlineData("RV", JobPhase.Ended)]
    public void Every_squeue_state_code_has_a_deliberate_place(string code, JobPhase phase) =>
        Assert.Equal(phase, SlurmStates.Phase(code));

    [Fact]
    public void Requeued_and_special_exit_jobs_stay_in_the_queue_instead_of_looking_finished()
    {
        Assert.Equal(JobPhase.Queued, SlurmStates.Phase("RQ"));
        Assert.Equal(JobPhase.Queued, SlurmStates.Phase("REQUEUED"));
        Assert.Equal(JobPhase.Queued, SlurmStates.Phase("SPECIAL_EXIT"));
    }

    [Theory]
    [InlineData("CD", 0)] [InlineData("COMPLETED", 0)]
    [InlineData("F", 1)] [InlineData("NODE_FAIL", 1)] [InlineData("OUT_OF_MEMORY", 1)]
    [InlineData("CA", -15)] [InlineData("CANCELLED by 1001", -15)] [InlineData("DEADLINE", -15)] [InlineData("PR", -15)]
    [InlineData("TO", -9)] [InlineData("TIMEOUT", -9)] [InlineData("BOOT_FAIL", -9)] [InlineData("WHATEVER", -9)]
    public void Exit_codes_follow_the_original_mapping(string state, int rc) => Assert.Equal(rc, SlurmStates.ExitCode(state));

    [Fact]
    public void A_cancelled_job_as_sacct_names_it_is_minus_15_not_minus_9() =>
        Assert.Equal(-15, SlurmStates.ExitCode("CANCELLED by 0"));
}
