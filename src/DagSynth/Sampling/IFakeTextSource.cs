using DagSynth.Models;

namespace DagSynth.Sampling;

/// <summary>
/// Makes fake text (names, addresses) for <c>fake</c> variables. The core has no name lists; a
/// source is supplied by the caller (DagSynth.IO supplies one built on Bogus). Each sampling thread
/// gets its own generator.
/// </summary>
public interface IFakeTextSource
{
    /// <summary>A generator for one thread.</summary>
    IFakeTextGenerator CreateGenerator();

    /// <summary>Why <paramref name="locale"/> or <paramref name="field"/> cannot be served, or null when it can.</summary>
    string? Check(string field, string locale);
}

/// <summary>Makes fake text from a cell's random bits: the same bits give the same text.</summary>
public interface IFakeTextGenerator
{
    /// <summary>The text of <paramref name="field"/> in <paramref name="locale"/> for a person of <paramref name="sex"/>.</summary>
    string Generate(string field, string locale, FakeSex sex, ulong bits);
}
