namespace Dssr.Connectors.Slurm.Submit;

/// <summary>The values one submission holds and another does not: what a step changed, for the plan and the console.</summary>
internal static class SubmissionDiff
{
    public static IReadOnlyList<string> Lines(Submission before, Submission after)
    {
        var lines = new List<string>();
        void Scalar(string name, string? a, string? b)
        {
            if (a == b) return;
            if (!string.IsNullOrEmpty(a)) lines.Add($"- {name}: {a}");
            if (!string.IsNullOrEmpty(b)) lines.Add($"+ {name}: {b}");
        }
        void Map(string name, IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
        {
            foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
                Scalar($"{name}.{key}", a.GetValueOrDefault(key), b.GetValueOrDefault(key));
        }
        Scalar("user", before.User, after.User);
        Map("fields", before.Fields, after.Fields);
        if (!before.SbatchOptions.SequenceEqual(after.SbatchOptions))
        {
            var was = Options(before.SbatchOptions);
            var now = Options(after.SbatchOptions);
            foreach (var gone in was.Except(now)) lines.Add($"- sbatch: {gone}");
            foreach (var added in now.Except(was)) lines.Add($"+ sbatch: {added}");
        }
        Map("env", before.Environment, after.Environment);
        if (before.Script != after.Script)
            lines.Add(after.Script.Length == 0 ? "- script" : $"+ script: {after.Script.Count(c => c == '\n')} lines");
        Scalar("job_id", before.JobId, after.JobId);
        return lines;
    }

    /// <summary>One entry per option, a short option with its value (<c>-p batch</c>), so a change reads as one line.</summary>
    private static List<string> Options(IReadOnlyList<string> argv) =>
        Hooks.SbatchOptionList.Parse(argv).Select(o => string.Join(' ', argv.Skip(o.Index).Take(o.Width))).ToList();
}
