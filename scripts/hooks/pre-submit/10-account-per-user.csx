// Charges each user's jobs to the Slurm account listed for that user in accounts.csv beside this hook
// (one "user,account" per line, # for comments). A user who is not listed keeps the cluster's default account.
var table = Path.Combine(HookFolder, "accounts.csv");
foreach (var line in File.ReadLines(table))
{
    var text = line.Trim();
    if (text.Length == 0 || text.StartsWith('#')) continue;
    var parts = text.Split(',', StringSplitOptions.TrimEntries);
    if (parts.Length == 2 && parts[0] == Job.User)
    {
        Job.Account = parts[1];
        break;
    }
}
