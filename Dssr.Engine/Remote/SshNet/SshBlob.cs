using System.Buffers.Binary;
using System.Text;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>Reads the key type that opens an SSH public key blob (a length-prefixed string, RFC 4253 §6.6).</summary>
internal static class SshBlob
{
    public static string? KeyType(byte[] blob)
    {
        if (blob.Length < 4) return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length == 0 || length > 64 || 4 + length > blob.Length) return null;
        return Encoding.ASCII.GetString(blob, 4, (int)length);
    }
}
