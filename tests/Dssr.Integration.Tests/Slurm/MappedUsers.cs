using System.Text;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>A users_id_mapping_configuration.yaml for the bed's two accounts, and bearer tokens for their emails.</summary>
public static class MappedUsers
{
    public const string FirstMail = "first@example.org";
    public const string SecondMail = "second@example.org";

    public static string WriteMappingFile(string folder)
    {
        string Key(string file) => Convert.ToBase64String(File.ReadAllBytes(file));
        var path = Path.Combine(folder, "users_id_mapping_configuration.yaml");
        File.WriteAllText(path, $"""
            users_id_mapping:
              - user: First
                jarvice_user: first
                mail: {FirstMail}
                mapped_user: {TestBed.User}
                ssh_private_key_b64: {Key(TestBed.KeyFile)}
              - user: Second
                jarvice_user: second
                mail: {SecondMail}
                mapped_user: {TestBed.Get("DSSR_TESTBED_USER2")}
                ssh_private_key_b64: {Key(TestBed.Get("DSSR_TESTBED_KEY2"))}
            """);
        return path;
    }

    /// <summary>An unsigned JWT carrying <paramref name="email"/>, as a bearer the service decodes without a key.</summary>
    public static string Bearer(string email) =>
        $"{Url("""{"alg":"none","typ":"JWT"}""")}.{Url($$"""{"email":"{{email}}","sub":"x"}""")}.";

    private static string Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
