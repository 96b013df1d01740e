using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Dssr.Connectors.Dummy;

/// <summary>
/// Decides at submit whether a job will fail: <c>randint(0, 100) &lt; percent</c> as the original, drawn
/// from the job's name and number when JARVICE_DUMMY_SEED is set, so a run can be repeated exactly.
/// </summary>
internal sealed class DummyFailureDice
{
    private readonly int _percent;
    private readonly int? _seed;

    public DummyFailureDice(int percent, int? seed)
    {
        _percent = percent;
        _seed = seed;
    }

    public bool Fails(string name, long number)
    {
        int roll; // 0..100 inclusive, as random.randint(0, 100)
        if (_seed is { } seed)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{name}\n{number}"));
            roll = (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) % 101);
        }
        else
        {
            roll = Random.Shared.Next(0, 101);
        }
        return roll < _percent;
    }
}
