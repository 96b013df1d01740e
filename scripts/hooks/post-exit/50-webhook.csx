// Tells a site's service that a job ended: POSTs the job as JSON to the address in DSSR_WEBHOOK_URL, or in the file
// webhook.url beside this hook. With neither, nothing is sent. A failure is logged; the job's exit status stands.
using System.Net.Http;
using System.Text;
using System.Text.Json;

var url = Environment.GetEnvironmentVariable("DSSR_WEBHOOK_URL");
var file = Path.Combine(HookFolder, "webhook.url");
if (string.IsNullOrWhiteSpace(url) && File.Exists(file)) url = File.ReadAllText(file).Trim();
if (string.IsNullOrWhiteSpace(url))
{
    Log("no webhook address (DSSR_WEBHOOK_URL or webhook.url beside this hook): nothing sent");
}
else
{
    var body = JsonSerializer.Serialize(new
    {
        name = Job.Name, number = Job.Number, jobid = Job.JobId, cluster = Job.Cluster, user = Job.User,
        state = Job.FinalState, exit_code = Job.ExitCode, elapsed = Job.Elapsed,
    });
    using var http = new HttpClient();
    using var answer = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);
    answer.EnsureSuccessStatusCode();
    Log($"job {Job.JobId} {Job.FinalState} told to {new Uri(url).GetLeftPart(UriPartial.Authority)}: {(int)answer.StatusCode}");
}
