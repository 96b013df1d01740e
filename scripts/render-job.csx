// Shows an upstream job script as Dssr receives it: the file as given (plain text, or the base64
// of hpc_script), the KEY=value lines the upstream exports, which executor would run it, and then
// what Dssr would submit: the sbatch arguments and the script (credentials redacted), via Render(...).
// Usage: dssr script scripts/render-job.csx FILE
using System.Text.RegularExpressions;

if (Args.Count != 1)
{
    Console.Error.WriteLine("usage: dssr script scripts/render-job.csx FILE   (an upstream job script, plain or base64)");
    return 2;
}

var raw = File.ReadAllText(Args[0]).Trim();
var text = raw;
var encoding = "plain text";
if (!raw.Contains('\n') && raw.Length % 4 == 0)
{
    try
    {
        text = Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        encoding = "base64 (as in hpc_script)";
    }
    catch (FormatException) { }
}

// Values that look like credentials are never printed.
var secret = new Regex("(PASS|TOKEN|SECRET|KEY|BEARER|CREDENTIAL)", RegexOptions.IgnoreCase);
var exports = Regex.Matches(text, @"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$", RegexOptions.Multiline)
    .Select(m => new { Key = m.Groups[1].Value, Value = secret.IsMatch(m.Groups[1].Value) ? "<redacted>" : m.Groups[2].Value.TrimEnd('\r') })
    .ToList();
var executor = Host.Options.ClusterSettings.TryGetValue("JARVICE_BAREMETAL_EXECUTOR", out var e) && e.Length > 0 ? e : "singularity";
var lines = text.Split('\n');

Print($"file      {Path.GetFullPath(Args[0])}");
Print($"encoding  {encoding}");
Print($"size      {text.Length} characters, {lines.Length} lines; first line: {lines[0]}");
Print($"executor  {executor} (JARVICE_BAREMETAL_EXECUTOR); cluster {Cluster().Name} ({Cluster().ConnectorName})");
Print("");
Print(exports.Count == 0 ? "no KEY=value lines" : exports);
Print("");
if (!Host.Options.ClusterSettings.ContainsKey("JARVICE_SYSTEM_REGISTRY"))
{
    Print("Not rendered: set JARVICE_SYSTEM_REGISTRY and JARVICE_SYSTEM_REPO_BASE (the init image) to see the job script.");
    return 0;
}
try
{
    var job = Render(text);
    Print("sbatch " + string.Join(" ", job.SbatchArguments));
    Print("");
    Print(job.Fscript);
    return 0;
}
catch (Dssr.Engine.Connectors.InvalidInputException ex)
{
    Console.Error.WriteLine($"cannot render: {ex.Message}");
    return 1;
}
