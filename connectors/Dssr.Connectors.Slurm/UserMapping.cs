using Dssr.Engine.Configuration;
using Dssr.Engine.Remote;
using YamlDotNet.RepresentationModel;

namespace Dssr.Connectors.Slurm;

/// <summary>One entry of users_id_mapping_configuration.yaml: an email, the Unix account it maps to, and that account's key.</summary>
internal sealed record MappedUser(string Mail, string User, PrivateKeyMaterial Key);

/// <summary>
/// users_id_mapping_configuration.yaml in the original's format: <c>users_id_mapping:</c> a list of
/// <c>{user, jarvice_user, mail, mapped_user, ssh_private_key_b64}</c>. Read once at start; nothing is
/// written back (the original's users_mapping_db.yaml cache is replaced by the journal's owner column).
/// </summary>
internal sealed class UserMapping
{
    private readonly IReadOnlyList<MappedUser> _users;

    private UserMapping(IReadOnlyList<MappedUser> users) => _users = users;

    public int Count => _users.Count;

    /// <summary>The first entry whose mail equals <paramref name="mail"/> exactly, as the original matched.</summary>
    public MappedUser? ByMail(string mail) => _users.FirstOrDefault(u => u.Mail == mail);

    public MappedUser? ByUser(string user) => _users.FirstOrDefault(u => u.User == user);

    public static UserMapping Load(string path)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or IOException)
        {
            throw new ConfigurationException($"{path}: not readable YAML ({e.Message})");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root ||
            !root.Children.TryGetValue(new YamlScalarNode("users_id_mapping"), out var listNode) || listNode is not YamlSequenceNode list)
            throw new ConfigurationException($"{path}: expected a top-level users_id_mapping list");

        var users = new List<MappedUser>();
        var index = 0;
        foreach (var node in list)
        {
            string Field(string key) =>
                node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)
                    ? s.Value!.Trim()
                    : throw new ConfigurationException($"{path}: users_id_mapping[{index}] has no {key}");
            var user = Field("mapped_user");
            if (!IsUnixName(user))
                throw new ConfigurationException($"{path}: users_id_mapping[{index}].mapped_user '{user}' is not a Unix user name");
            users.Add(new MappedUser(Field("mail"), user, PrivateKeyMaterial.Parse(Field("ssh_private_key_b64"), $"{path}: users_id_mapping[{index}].ssh_private_key_b64")));
            index++;
        }
        return new UserMapping(users);
    }

    private static bool IsUnixName(string name) =>
        name.Length is > 0 and <= 64 && name[0] != '-' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
