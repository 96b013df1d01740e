using System.Text;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// The part of an interactive job's batch script that runs on the batch host before the tasks start: it picks a
/// free port for the job's web service, exports it (and the job's secrets) to the container through
/// <c>SINGULARITYENV_</c> variables, which srun passes to every task, and writes <c>&lt;node&gt; &lt;port&gt;</c>
/// to a 0600 file beside the job's output for Dssr to read. The secrets travel in this script (on sbatch's
/// stdin), never in an argument.
/// </summary>
internal static class InteractiveWrapper
{
    /// <summary>Ports tried: below Linux's ephemeral range (32768 up), so no outgoing connection holds one.</summary>
    public const int FirstPort = 20000;
    public const int PortCount = 12000;
    /// <summary>The original's fixed service port, used only when no free port is found.</summary>
    public const int FallbackPort = 2228;

    public static string Prelude(InteractiveRendering job, string appImage)
    {
        string Q(string s) => ShellQuoting.Quote(s);
        var sb = new StringBuilder();
        sb.Append("# Interactive job, written by Dssr: a free port on this host for the job's web service,\n");
        sb.Append("# published in a 0600 file for Dssr, which forwards to it over SSH.\n");
        sb.Append("dssr_port=\n");
        sb.Append("for _ in $(seq 1 200); do\n");
        sb.Append($"  dssr_candidate=$(( {FirstPort} + RANDOM % {PortCount} ))\n");
        sb.Append("  if ! (exec 9<>\"/dev/tcp/127.0.0.1/$dssr_candidate\") 2>/dev/null; then dssr_port=$dssr_candidate; break; fi\n");
        sb.Append("done\n");
        sb.Append($"if [ -z \"$dssr_port\" ]; then echo \"Dssr: no free port found; using {FallbackPort}\"; dssr_port={FallbackPort}; fi\n");
        sb.Append("export SINGULARITYENV_JARVICE_SERVICE_PORT=\"$dssr_port\"\n");
        // Secrets are letters and digits; always in quotes, so fscript's <redacted> in their place still parses.
        foreach (var name in job.PasswordEnv) sb.Append($"export SINGULARITYENV_{name}='{job.Secrets.Password}'\n");
        foreach (var name in job.TokenEnv) sb.Append($"export SINGULARITYENV_{name}='{job.Secrets.Token}'\n");
        if (job.IngressPath is { } path) sb.Append($"export SINGULARITYENV_JARVICE_INGRESSPATH={Q(path)}\n");
        var tmp = job.ServiceFile + ".tmp";
        sb.Append($"(umask 077 && printf '%s %s\\n' \"${{SLURMD_NODENAME:-$(hostname)}}\" \"$dssr_port\" > {Q(tmp)} && mv -f {Q(tmp)} {Q(job.ServiceFile)})\n");
        // The app's URL template is inside its image; read in the background so the job does not wait for it.
        var urlTmp = job.UrlFile + ".tmp";
        sb.Append("if command -v singularity >/dev/null 2>&1; then\n");
        sb.Append($"  (umask 077 && timeout 300 singularity exec {Q(appImage)} cat /etc/NAE/url.txt > {Q(urlTmp)} 2>/dev/null && mv -f {Q(urlTmp)} {Q(job.UrlFile)}; rm -f {Q(urlTmp)}) &\n");
        sb.Append("fi\n");
        return sb.ToString();
    }
}
