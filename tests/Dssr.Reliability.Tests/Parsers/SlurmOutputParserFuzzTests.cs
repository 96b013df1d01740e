using CsCheck;
using Dssr.Connectors.Slurm;

namespace Dssr.Reliability.Tests.Parsers;

/// <summary>
/// What the login node prints is read by parsers that must survive anything: truncated, reordered or
/// unknown output gives a typed error or a best reading, never an unhandled exception.
/// </summary>
public sealed class SlurmOutputParserFuzzTests
{
    private static readonly long Iterations = FuzzBudget.Iterations(3_000);

    [Fact]
    public void Hostlist_expansion_never_throws_and_stays_bounded() =>
        HostileGen.Text("n", "gpu", "[", "]", "-", ",", "0", "1", "9", "01", "007", "99999").Sample(text =>
        {
            var hosts = Hostlist.Expand(text);
            Assert.True(hosts.Count <= 100_001, $"{hosts.Count} hosts");
        }, iter: Iterations);

    [Fact]
    public void Elapsed_times_never_throw() =>
        HostileGen.Text("1", "-", ":", "00", "59", "23", "99999999999", "INVALID", "UNLIMITED").Sample(text =>
        {
            var elapsed = SlurmElapsed.Parse(text);
            Assert.True(elapsed >= TimeSpan.Zero, $"negative elapsed {elapsed}");
            Assert.Equal(elapsed, SlurmElapsed.Parse(SlurmElapsed.Format(elapsed)));
        }, iter: Iterations);

    [Fact]
    public void Squeue_output_never_throws_and_only_lists_dssr_jobs() =>
        Gen.Select(HostileGen.Text("jarvice_", "|", "12345", "RUNNING", "PENDING", "CG", "1-02:03:04", "n[1-3]", "user", "\n", "(null)")
            .Array[1, 20], lines => string.Join('\n', lines)).Sample(stdout =>
        {
            foreach (var entry in SqueueSnapshot.Parse(stdout))
                Assert.DoesNotContain('\n', entry.Name);
        }, iter: Iterations);

    [Fact]
    public void Sbatch_answers_give_a_job_id_or_a_typed_error() =>
        HostileGen.Text("Submitted batch job ", "12345", ";", "cluster", "\n").Sample(stdout =>
            TypedErrors.Only(() =>
            {
                var id = SbatchOutput.JobId(stdout);
                Assert.False(string.IsNullOrWhiteSpace(id));
                Assert.True(id.All(char.IsAsciiDigit), $"job id {id}");
            }), iter: Iterations);
}
