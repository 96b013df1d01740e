// Caps every job's time limit at two days; a job that asks for no limit is given the cap.
var cap = Res.Duration("2d");
if (Job.Time is not { } asked || Res.TimeSeconds(asked) > Res.TimeSeconds(cap))
{
    Log($"time limit {Job.Time ?? "none"} capped at {cap}");
    Job.Time = cap;
}
