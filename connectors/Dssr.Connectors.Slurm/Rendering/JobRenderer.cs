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

    /// <param name="interactive">For an interactive job: its secrets and files (ignored for a batch job); null renders as the original.</param>
    public static RenderedJob Render(SubmitRequest request, SingularitySettings settings, InteractiveRendering? interactive = null)
    {
        var decoded = Decode(request, settings);
        var sbatch = Resources(request, decoded, settings);
        return Wrap(request, decoded, settings, interactive, sbatch.Arguments, sbatch.Notes);
    }

    /// <summary>The decode step: the upstream script read and checked, its images and credentials resolved.</summary>
    public static DecodedJob Decode(SubmitRequest request, SingularitySettings settings)
    {
        JobName.Parse(request.Name);
        if (request.Nodes < 1) throw new InvalidInputException("nodes", $"{request.Nodes} is not a node count (1 or more)");

        var upstream = UpstreamScript.Decode(settings.Executor, request.HpcScript);
        var job = UpstreamJob.Read(upstream);
        var devices = PseudoDevices.Parse(job.Devices, $"{upstream.Field}.JOBOBJ_DEVICES");
        var images = ImageReferences.Resolve(job, settings, upstream.Field);
        var appCredentials = RegistryCredentials.ForApp(images.AppImage[ImageReferences.Scheme.Length..], job, upstream.Field);
        var initCredentials = new RegistryCredentials(settings.InitRegistryUsername, settings.InitRegistryPassword);
        return new DecodedJob(upstream, job, devices, images, initCredentials, appCredentials);
    }

    /// <summary>The resources step: the sbatch argv the job's fields ask for.</summary>
    public static SbatchArguments.Result Resources(SubmitRequest request, DecodedJob decoded, SingularitySettings settings) =>
        SbatchArguments.Build(request.Name, request.Nodes, decoded.Job, decoded.Devices, settings.ScratchDir);

    /// <summary>The render step: the wrapper around the filled-in upstream script, with the sbatch argv given.</summary>
    /// <param name="environment">Variables a site hook gives the job, exported before the tasks start; none leaves the script as the original's.</param>
    public static RenderedJob Wrap(SubmitRequest request, DecodedJob decoded, SingularitySettings settings, InteractiveRendering? interactive,
        IReadOnlyList<string> sbatchArguments, IReadOnlyList<string> notes, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (upstream, job, _, images, initCredentials, appCredentials) = decoded;
        var values = new ConnectionBlock.Values(settings, images, initCredentials, appCredentials,
            decoded.Devices.OverlaySizeMb ?? settings.OverlaySizeMb, job.Cmd);
        var published = job.Interactive ? interactive : null;
        var prelude = published is null ? null : InteractiveWrapper.Prelude(published, images.AppImage);
        if (environment is { Count: > 0 }) prelude = JobEnvironment.Exports(environment) + prelude;
        values = values with { ServicePortFromWrapper = published is not null };

        var formatted = Fill(upstream.Text, ConnectionBlock.Build(values, redactCredentials: false), upstream.Field);
        var taskScript = SlurmWrapper.TaskScript(formatted);
        if (Encoding.UTF8.GetByteCount(taskScript) > MaxTaskScriptBytes)
            throw new InvalidInputException(upstream.Field, $"the script is larger than {MaxTaskScriptBytes} bytes once filled in, more than a node can receive");

        var jobName = $"jarvice_{request.Name}";
        var verbose = settings.SingularityVerbose == "true";
        var script = SlurmWrapper.Wrap(taskScript, jobName, verbose, prelude);

        var redactedText = Fill(RedactSecretLines(upstream.Text), ConnectionBlock.Build(values, redactCredentials: true), upstream.Field);
        var fscript = RedactEverywhere(SlurmWrapper.Wrap(SlurmWrapper.TaskScript(redactedText), jobName, verbose, prelude),
            Secrets(job, initCredentials, appCredentials).Concat(published is null ? [] : [published.Secrets.Password, published.Secrets.Token]));

        return new RenderedJob(sbatchArguments, script, fscript, taskScript, notes) { Secrets = published?.Secrets };
    }

    /// <summary>The upstream's <c>KEY=value</c> lines (JOBOBJ_* and JARVICE_*) as the submission shows them, credentials redacted.</summary>
    public static IReadOnlyDictionary<string, string> Fields(DecodedJob decoded)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in decoded.Upstream.Lines())
        {
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            var key = line[..eq];
            if (!(key.StartsWith("JOBOBJ_", StringComparison.Ordinal) || key.StartsWith("JARVICE_", StringComparison.Ordinal)) || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) continue;
            if (fields.ContainsKey(key) || decoded.Upstream.Find(key) is not { } value) continue;
            fields[key] = SecretKeys.Contains(key) ? ConnectionBlock.Redacted : value;
        }
        return fields;
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
