// How many jobs the journal holds in each state; with a state, those jobs, newest first.
// Usage:
//        dssr script scripts/jobs-by-state.csx             counts per state
//        dssr script scripts/jobs-by-state.csx RUNNING     the running jobs
// The state is the final one when known, else the last one seen in the queue, else SUBMITTED.

if (Args.Count == 0)
{
    var counts = Jobs.ByState();
    Print(counts.Count == 0 ? "the journal holds no jobs" : counts);
    return 0;
}

var jobs = Jobs.InState(Args[0]);
Print(jobs.Select(j => new { j.JobId, j.Name, j.Number, State = JobQueries.StateOf(j), j.Cluster, Submitted = j.SubmittedAt, j.ExitCode }).ToList());
return 0;
