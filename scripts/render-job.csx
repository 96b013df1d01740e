// Shows an upstream job script as Dssr receives it: the file as given (plain text, or the base64
// of hpc_script), the KEY=value lines the upstream exports, and which executor would run it.
// Usage: dssr script scripts/render-job.csx FILE
//
// Not yet: the job script Dssr would submit (the wrapper around the upstream's, for the configured
// executor) comes with the rendering work, as Render(...); until then this prints the input side only.
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
Print("The job script Dssr would submit is not shown: rendering arrives with the rendering work (Render(...)).");
return 0;
