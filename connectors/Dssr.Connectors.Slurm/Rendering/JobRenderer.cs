using Dssr.Engine.Remote;
using System.Text;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;

using Dssr.Engine.Executors;
namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// Turns a /submit request into what sbatch runs, for the singularity executor: decode, read the
/// <c>KEY=value</c> lines, resolve images and credentials, fill <c>{DOWNSTREAM_PARAMETERS}</c>, wrap for
/// Slurm, and build the sbatch argv. Pure: no SSH, no files, no clock. Bad input is an
/// <see cref="InvalidInputException"/> naming the field (400); the configuration was checked when
/// <see cref="SingularitySettings"/> were read.
/// </summary>
public static class JobRenderer
{
    /// <summary>
    /// Linux refuses a single environment string longer than 32 pages (MAX_ARG_STRLEN), and the task script
    /// travels to each node as one; the margin covers the variable's name.
    /// </summary>
    public const int MaxTaskScriptBytes = 128 * 1024 - 64;

    private static readonly string[] SecretKeys = ["JOBOBJ_CTRSECRET", "JOBOBJ_DOCKER_SECRET"];

    public static RenderedJob Render(SubmitRequest request, SingularitySettings settings)
    {
        JobName.Parse(request.Name);
        if (request.Nodes < 1) throw new InvalidInputException("nodes", $"{request.Nodes} is not a node count (1 or more)");

        var upstream = UpstreamScript.Decode(settings.Executor, request.HpcScript);
        var job = UpstreamJob.Read(upstream);
        var devices = PseudoDevices.Parse(job.Devices, $"{upstream.Field}.JOBOBJ_DEVICES");
        var images = ImageReferences.Resolve(job, settings, upstream.Field);
        var appCredentials = RegistryCredentials.ForApp(images.AppImage[ImageReferences.Scheme.Length..], job, upstream.Field);
        var initCredentials = new RegistryCredentials(settings.InitRegistryUsername, settings.InitRegistryPassword);
        var values = new ConnectionBlock.Values(settings, images, initCredentials, appCredentials,
            devices.OverlaySizeMb ?? settings.OverlaySizeMb, job.Cmd);

        var formatted = Fill(upstream.Text, ConnectionBlock.Build(values, redactCredentials: false), upstream.Field);
        var taskScript = SlurmWrapper.TaskScript(formatted);
        if (Encoding.UTF8.GetByteCount(taskScript) > MaxTaskScriptBytes)
            throw new InvalidInputException(upstream.Field, $"the script is larger than {MaxTaskScriptBytes} bytes once filled in, more than a node can receive");

        var jobName = $"jarvice_{request.Name}";
        var verbose = settings.SingularityVerbose == "true";
        var script = SlurmWrapper.Wrap(taskScript, jobName, verbose);

        var redactedText = Fill(RedactSecretLines(upstream.Text), ConnectionBlock.Build(values, redactCredentials: true), upstream.Field);
        var fscript = RedactEverywhere(SlurmWrapper.Wrap(SlurmWrapper.TaskScript(redactedText), jobName, verbose),
            Secrets(job, initCredentials, appCredentials));

        var sbatch = SbatchArguments.Build(request.Name, request.Nodes, job, devices, settings.ScratchDir);
        return new RenderedJob(sbatch.Arguments, script, fscript, taskScript, sbatch.Notes);
    }

    private static string Fill(string text, string block, string field) =>
        PythonFormat.Format(text, new Dictionary<string, string> { [ConnectionBlock.Placeholder] = block }, field);

    /// <summary>Every line that carries a credential the upstream sent, with its value replaced (quoted, so fscript still parses).</summary>
    private static string RedactSecretLines(string text) =>
        string.Join('\n', text.Split('\n').Select(line =>
            SecretKeys.FirstOrDefault(k => line.StartsWith(k + "=", StringComparison.Ordinal)) is { } key && line.Length > key.Length + 1
                ? $"{key}={ShellQuoting.Quote(ConnectionBlock.Redacted)}"
                : line));

    /// <summary>
    /// Each credential in every form it can take in the script (plain and base64), so a copy the upstream
    /// script makes elsewhere is redacted too. Very short values are left alone: they would redact ordinary words.
    /// </summary>
    private static IEnumerable<string> Secrets(UpstreamJob job, params RegistryCredentials[] credentials)
    {
        foreach (var c in credentials)
            foreach (var s in new[] { c.Username, c.Password })
            {
                yield return s;
                yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
            }
        if (job.ContainerSecret is { } ctr) yield return ctr.Trim();
        if (job.DockerSecret is { } docker) yield return docker.Trim();
    }

    private static string RedactEverywhere(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= 4).Distinct().OrderByDescending(s => s.Length))
            text = text.Replace(secret, ConnectionBlock.Redacted, StringComparison.Ordinal);
        return text;
    }
}
