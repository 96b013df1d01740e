// Sends GPU jobs to the gpu partition: a job asking for GPUs (JOBOBJ_GPUS above 0), or whose JOBOBJ_DEVICES ask
// Slurm for them ("sbatch_gres=gpu:…", "sbatch_gpus=…"). A partition the upstream chose itself is left alone.
var gpus = int.TryParse(Job.Field("JOBOBJ_GPUS"), out var n) ? n : 0;
var devices = Job.Field("JOBOBJ_DEVICES") is { Length: > 0 } raw && raw.TrimStart().StartsWith('[')
    ? JsonSerializer.Deserialize<string[]>(raw) ?? []
    : [];
var gpuDevice = devices.Any(d => d.StartsWith("sbatch_gres=gpu", StringComparison.Ordinal) || d.StartsWith("sbatch_gpus=", StringComparison.Ordinal));
if ((gpus > 0 || gpuDevice) && Job.Partition is null)
{
    Job.Partition = "gpu";
    Log($"GPU job ({gpus} GPU(s) asked, {(gpuDevice ? "a GPU device" : "no GPU device")}): partition gpu");
}
