using System.Security.Cryptography;
using Dssr.Engine.Connectors;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// Reads the submitting user's email from the bearer JWT (§4.10). With a key or JWKS file the signature
/// and lifetime are checked; without one the token is only decoded, as the original did (a warning is
/// logged at start). A bad token is the request's fault: a 400 naming <c>bearer</c>.
/// </summary>
internal sealed class BearerIdentity
{
    private readonly string _claim;
    private readonly IReadOnlyList<SecurityKey>? _keys;
    private readonly JsonWebTokenHandler _handler = new();

    public BearerIdentity(string claim, string? keyFile)
    {
        _claim = claim;
        _keys = keyFile is null ? null : ReadKeys(keyFile);
    }

    public bool VerifiesSignatures => _keys is not null;

    public async Task<string> EmailAsync(string bearer)
    {
        var token = bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? bearer[7..].Trim() : bearer.Trim();
        JsonWebToken jwt;
        if (_keys is not null)
        {
            var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKeys = _keys,
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidateLifetime = true,
            }).ConfigureAwait(false);
            if (!result.IsValid)
                throw new InvalidInputException("bearer", $"the token is not valid: {result.Exception?.GetType().Name ?? "rejected"}");
            jwt = (JsonWebToken)result.SecurityToken;
        }
        else
        {
            try
            {
                jwt = new JsonWebToken(token);
            }
            catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
            {
                throw new InvalidInputException("bearer", "not a JWT");
            }
        }
        if (!jwt.TryGetPayloadValue<string>(_claim, out var email) || string.IsNullOrWhiteSpace(email))
            throw new InvalidInputException("bearer", $"the token has no '{_claim}' claim");
        return email;
    }

    private static IReadOnlyList<SecurityKey> ReadKeys(string path)
    {
        var text = File.ReadAllText(path).Trim();
        if (text.StartsWith('{'))
            return new JsonWebKeySet(text).GetSigningKeys().ToList();
        if (text.Contains("BEGIN EC", StringComparison.Ordinal) || TryEc(text) is not null)
            return [new ECDsaSecurityKey(TryEc(text) ?? throw new Engine.Configuration.ConfigurationException($"{path}: unreadable EC key"))];
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
        }
        catch (ArgumentException)
        {
            throw new Engine.Configuration.ConfigurationException($"{path}: neither a JWKS document nor a PEM public key");
        }
        return [new RsaSecurityKey(rsa)];
    }

    private static ECDsa? TryEc(string pem)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return ec;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ec.Dispose();
            return null;
        }
    }
}
