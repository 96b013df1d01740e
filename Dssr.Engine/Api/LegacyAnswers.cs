using Dssr.Engine.Connectors;

namespace Dssr.Engine.Api;

/// <summary>The bytes of each legacy answer, as jsonify wrote them under waitress.</summary>
internal static class LegacyAnswers
{
    public static readonly byte[] StatusOk = PythonJsonWriter.ToBytes(w => w.StartObject().Key("status").String("OK").EndObject());
    public static readonly byte[] StatusBad = PythonJsonWriter.ToBytes(w => w.StartObject().Key("status").String("BAD").EndObject());
    public static readonly byte[] NotReady = PythonJsonWriter.ToBytes(w => w.StartObject().Key("status").String("NOT READY").EndObject());
    public static byte[] NotReadyBecause(string reason) =>
        PythonJsonWriter.ToBytes(w => w.StartObject().Key("reason").String(reason).Key("status").String("NOT READY").EndObject());
    public static readonly byte[] True = PythonJsonWriter.ToBytes(w => w.Bool(true));
    public static readonly byte[] UnknownRunStatus = PythonJsonWriter.ToBytes(w => w.StartArray().Null().Null().Null().Null().EndArray());

    public static byte[] Submit(SubmitResult result) =>
        PythonJsonWriter.ToBytes(w => w.StartArray().String(result.JobId).String(result.Fscript).EndArray());

    /// <summary><c>[[name, jobid], …]</c> for the jobs of one phase, in snapshot order.</summary>
    public static byte[] JobList(IEnumerable<QueueEntry> jobs) => PythonJsonWriter.ToBytes(w =>
    {
        w.StartArray();
        foreach (var job in jobs) w.StartArray().String(job.Name).String(job.JobId).EndArray();
        w.EndArray();
    });

    public static byte[] RunStatus(RunStatus? status) => status is null ? UnknownRunStatus : PythonJsonWriter.ToBytes(w =>
    {
        w.StartArray();
        if (status.Nodes.List is { } list) w.Strings(list);
        else w.String(status.Nodes.Text);
        w.String(status.Elapsed).String(status.Path).Null().EndArray();
    });

    public static byte[] ExitStatus(ExitStatus status) => PythonJsonWriter.ToBytes(w =>
        w.StartArray().Int(status.ExitCode).String(status.Elapsed).Strings(status.Logs).EndArray());

    public static byte[] String(string text) => PythonJsonWriter.ToBytes(w => w.String(text));

    public static byte[] Error(string message) =>
        PythonJsonWriter.ToBytes(w => w.StartObject().Key("error").String(message).EndObject());
}
