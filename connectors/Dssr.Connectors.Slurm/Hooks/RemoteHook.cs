using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dssr.Connectors.Slurm.Submit;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// A <c>pre-submit</c> hook that runs on the login node (MASI-TFE's pre-processing modules, without their quoting): a command,
/// given as argv and run as the job's user, reads the submission as JSON on stdin and prints it back, changed or not. It may
/// change <c>sbatch_options</c> and <c>environment</c> (checked as a .csx hook's changes are), or print
/// <c>{"refuse": "message"}</c> to refuse the job (400). A non-zero exit, output that is not the JSON, or its time limit
/// fails the submit (500) naming the command.
/// </summary>
public sealed class RemoteHook(IReadOnlyList<string> argv, TimeSpan timeout)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public IReadOnlyList<string> Argv { get; } = argv;
    public TimeSpan Timeout { get; } = timeout;
    public string Label => $"{HookDeclaration.PreSubmit}/remote {Path.GetFileName(Argv[0])}";

    private sealed record Answer(
        [property: JsonPropertyName("sbatch_options")] List<string>? SbatchOptions,
        [property: JsonPropertyName("environment")] Dictionary<string, string>? Environment,
        [property: JsonPropertyName("refuse")] string? Refuse);

    public async Task<Submission> RunAsync(Submission submission, IRemoteShell shell, CancellationToken ct)
    {
        var command = new RemoteCommand([.. Argv]).WithStdin(submission.ToJson()).WithTimeout(Timeout);
        RemoteResult result;
        try
        {
            result = await shell.RunAsync(command, ct).ConfigureAwait(false);
        }
        catch (RemoteException e)
        {
            throw new HookFailedException($"hook {Label} ({ShellQuoting.Join(Argv)}): {e.Message} (time limit {Seconds} s)", e);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new HookFailedException($"hook {Label} ({ShellQuoting.Join(Argv)}) did not finish within its time limit of {Seconds} s");
        }
        if (!result.Succeeded)
            throw new HookFailedException($"hook {Label} ({ShellQuoting.Join(Argv)}) exited {result.ExitCode}: {JobEndQuery.OneLine(result.Stderr)}");

        Answer answer;
        try
        {
            answer = JsonSerializer.Deserialize<Answer>(result.Stdout, Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new HookFailedException($"hook {Label} ({ShellQuoting.Join(Argv)}) did not print the submission back as JSON: {e.Message.Split('\n')[0]}");
        }
        if (answer.Refuse is { Length: > 0 } refusal) throw new InvalidInputException($"hook {Label}", refusal);

        var sbatch = answer.SbatchOptions ?? [.. submission.SbatchOptions];
        if (SbatchOptionList.CheckChange(submission.SbatchOptions, sbatch) is { } problem)
            throw new HookFailedException($"hook {Label} ({ShellQuoting.Join(Argv)}): {problem}");
        var env = answer.Environment ?? new Dictionary<string, string>(submission.Environment);
        foreach (var (name, value) in env)
        {
            try
            {
                Rendering.JobEnvironment.CheckName(name);
                Rendering.JobEnvironment.CheckValue(name, value ?? "");
            }
            catch (InvalidInputException e)
            {
                throw new HookFailedException($"hook {Label} ({ShellQuoting.Join(Argv)}): {e.Message}");
            }
        }
        return submission with { SbatchOptions = sbatch, Environment = new Dictionary<string, string>(env, StringComparer.Ordinal) };
    }

    private string Seconds => Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
