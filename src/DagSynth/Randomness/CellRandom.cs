using System.Runtime.CompilerServices;
using System.Text;

namespace DagSynth.Randomness;

/// <summary>
/// The project's counter-based generator. The random bits of a cell are a pure function of
/// (seed, variable name, row): <c>Mix(key + (row + 1) * Gamma)</c> with
/// <c>key = Mix(Mix(seed) ^ Fnv1a64(name))</c>, where <c>Mix</c> is the SplitMix64 finaliser.
/// Each variable therefore reads the SplitMix64 stream that starts at its own key, so thread count,
/// batch size, shard split and unrelated variables can never change a cell. Changing anything here
/// changes every seeded output: a breaking change, announced in the CHANGELOG.
/// </summary>
public static class CellRandom
{
    /// <summary>The golden-ratio increment of SplitMix64.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The key of the stream of variable <paramref name="name"/> under <paramref name="seed"/>.</summary>
    public static ulong VariableKey(ulong seed, string name) => Mix(Mix(seed) ^ Fnv1a64(name));

    /// <summary>The 64 random bits of row <paramref name="row"/> in the stream <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(ulong key, long row) => Mix(key + (((ulong)row + 1) * Gamma));

    /// <summary>The SplitMix64 output function (Stafford's variant 13), a bijection on 64-bit words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double uniform on [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    /// <summary>FNV-1a over the UTF-8 bytes of <paramref name="text"/>: stable across platforms and runs.</summary>
    public static ulong Fnv1a64(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(text) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(text, buffer)]
            : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }
}
