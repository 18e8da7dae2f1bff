namespace DagSynth.Inference;

/// <summary>One part of a parsed query: a variable name, perhaps with a level, and where each is written.</summary>
/// <param name="Variable">The variable's name as written (quotes removed).</param>
/// <param name="Level">The level as written, or null when none is given.</param>
/// <param name="Offset">The 0-based offset of the name in the query text.</param>
/// <param name="LevelOffset">The 0-based offset of the level, or -1.</param>
public readonly record struct QueryTerm(string Variable, string? Level, int Offset, int LevelOffset);
